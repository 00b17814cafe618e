"""The SQLite database partnerbot creates is readable by its owner only, whatever the umask
and whatever the folder's own permissions (issue 21, finding 5)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from storage.db import make_engine
from storage.migrate import upgrade


@pytest.fixture
def open_umask() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.usefixtures("open_umask")
def test_a_new_database_and_its_wal_are_owner_only(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir(mode=0o755)
    database = folder / "partnerbot.db"
    upgrade(f"sqlite:///{database}")
    engine = make_engine(f"sqlite:///{database}")
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT count(*) FROM partners").scalar()
            assert mode(database) == 0o600
            for extra in (folder / "partnerbot.db-wal", folder / "partnerbot.db-shm"):
                if extra.exists():
                    assert mode(extra) == 0o600, extra
    finally:
        engine.dispose()


@pytest.mark.usefixtures("open_umask")
def test_an_existing_database_is_left_as_it_is(tmp_path: Path) -> None:
    database = tmp_path / "kept.db"
    database.touch(mode=0o640)
    os.chmod(database, 0o640)
    make_engine(f"sqlite:///{database}").dispose()
    assert mode(database) == 0o640
