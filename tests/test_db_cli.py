"""`partnerbot db …` and `--version` as an administrator runs them, on SQLite and PostgreSQL:
migrations under a lock, the truth about what they did, the way back, backups and restores."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select, text

from storage.db import make_engine, make_session_factory
from storage.migrate import known_revisions, upgrade
from storage.models import FollowUp, Partner
from tests.support import records
from tests.support.cli import clean_env, partnerbot

HEAD = known_revisions()[-1]
TEAM = "T0001"


def names(db_url: str) -> list[str]:
    engine = make_engine(db_url)
    try:
        with make_session_factory(engine)() as session:
            return list(session.scalars(select(Partner.name).order_by(Partner.name)))
    finally:
        engine.dispose()


def add_partner(db_url: str, name: str) -> int:
    engine = make_engine(db_url)
    try:
        return records.partner(make_session_factory(engine), TEAM, name, owner="U0MARIA")
    finally:
        engine.dispose()


def revision_rows(db_url: str) -> list[str]:
    engine = make_engine(db_url)
    try:
        with engine.connect() as conn:
            return [str(r) for r in conn.scalars(text("SELECT version_num FROM alembic_version"))]
    finally:
        engine.dispose()


def test_three_upgrades_at_once_on_an_empty_database_all_succeed_once(
    db_url: str, tmp_path: Path
) -> None:
    env = clean_env(tmp_path, DATABASE_URL=db_url)
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "bot", "db", "upgrade"],
            env=env,
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    outputs = [p.communicate(timeout=180) for p in processes]
    assert [p.returncode for p in processes] == [0, 0, 0], outputs
    said = sorted(out.strip().split(" (")[0] for out, _ in outputs)
    assert said == [
        f"partnerbot: already at {HEAD}",
        f"partnerbot: already at {HEAD}",
        f"partnerbot: created the schema at {HEAD}",
    ]
    assert revision_rows(db_url) == [HEAD]
    for _, err in outputs:  # no Alembic or plugin lines, no traceback
        assert "alembic" not in err.lower()
        assert "Traceback" not in err


def test_downgrade_then_upgrade_keeps_the_rows(db_url: str, tmp_path: Path) -> None:
    env = clean_env(tmp_path, DATABASE_URL=db_url)
    upgrade(db_url)
    partner = add_partner(db_url, "Acme Health")
    engine = make_engine(db_url)
    try:
        records.follow_up(
            make_session_factory(engine), TEAM, partner, "U0MARIA", records.CREATED.date(), "call"
        )
    finally:
        engine.dispose()

    down = partnerbot("db", "downgrade", "0005", env=env, cwd=tmp_path)
    assert down.returncode == 0, down.stderr
    assert down.stdout.startswith(f"partnerbot: downgraded {HEAD} → 0005 (")
    current = partnerbot("db", "current", env=env, cwd=tmp_path)
    assert f"at 0005, behind this partnerbot's {HEAD}" in current.stdout
    again = partnerbot("db", "downgrade", "0005", env=env, cwd=tmp_path)
    assert again.stdout.startswith("partnerbot: already at 0005")

    up = partnerbot("db", "upgrade", env=env, cwd=tmp_path)
    assert up.returncode == 0, up.stderr
    assert up.stdout.startswith(f"partnerbot: upgraded 0005 → {HEAD} (")
    assert names(db_url) == ["Acme Health"]
    engine = make_engine(db_url)
    try:
        with make_session_factory(engine)() as session:
            assert [f.note for f in session.scalars(select(FollowUp))] == ["call"]
    finally:
        engine.dispose()
    current = partnerbot("db", "current", env=env, cwd=tmp_path)
    assert f"at {HEAD} (the newest this partnerbot knows)" in current.stdout


def test_downgrade_refuses_what_it_cannot_do(db_url: str, tmp_path: Path) -> None:
    env = clean_env(tmp_path, DATABASE_URL=db_url)
    upgrade(db_url, "0004")
    up = partnerbot("db", "downgrade", "0008", env=env, cwd=tmp_path)
    assert (up.returncode, up.stderr.strip().splitlines()[-1]) == (
        2,
        "partnerbot: the database is at 0004, not above 0008: nothing to downgrade",
    )
    unknown = partnerbot("db", "downgrade", "0042", env=env, cwd=tmp_path)
    assert unknown.returncode == 2
    assert "unknown revision '0042'; this partnerbot knows 0001, 0002" in unknown.stderr
    assert revision_rows(db_url) == ["0004"]


def test_old_code_on_a_newer_schema_says_so_and_how_to_go_back(
    migrated_db_url: str, tmp_path: Path
) -> None:
    set_revision(migrated_db_url, "0042_from_the_future")
    try:
        newer_schema(migrated_db_url, tmp_path)
    finally:  # the PostgreSQL database is shared by the tests (emptied, its revision kept)
        set_revision(migrated_db_url, HEAD)


def set_revision(db_url: str, revision: str) -> None:
    engine = make_engine(db_url)
    try:
        with engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = :r"), {"r": revision})
    finally:
        engine.dispose()


def newer_schema(migrated_db_url: str, tmp_path: Path) -> None:
    env = clean_env(tmp_path, DATABASE_URL=migrated_db_url)
    expected = (
        "partnerbot: the database is at revision 0042_from_the_future, newer than this "
        f"partnerbot (whose newest is {HEAD}); run this version's code, or go back with "
        f"`partnerbot db downgrade {HEAD}` using the newer version first"
    )
    up = partnerbot("db", "upgrade", env=env, cwd=tmp_path)
    assert (up.returncode, up.stderr.strip().splitlines()[-1]) == (7, expected)
    assert "Can't locate" not in up.stderr
    current = partnerbot("db", "current", env=env, cwd=tmp_path)
    assert current.returncode == 0
    assert expected.removeprefix("partnerbot: ") in current.stdout
    assert revision_rows(migrated_db_url) == ["0042_from_the_future"]


def test_version(tmp_path: Path) -> None:
    shown = partnerbot("--version", env=clean_env(tmp_path), cwd=tmp_path)
    assert shown.returncode == 0
    assert shown.stdout.strip() == f"partnerbot 0.1.0 (database schema {HEAD})"


def pg_path(env: dict[str, str]) -> str:
    """PATH with the test server's programs (pg_dump, pg_restore of the same version) first."""
    from tests.support.postgres import find_bindir

    return f"{find_bindir()}{os.pathsep}{env.get('PATH', '')}"


def test_backup_and_restore_round_trip(migrated_db_url: str, tmp_path: Path) -> None:
    env = clean_env(tmp_path, DATABASE_URL=migrated_db_url)
    env["PATH"] = pg_path(env)
    add_partner(migrated_db_url, "Acme Health")
    backup = tmp_path / "backups" / "partnerbot.backup"
    backup.parent.mkdir()
    saved = partnerbot("db", "backup", str(backup), env=env, cwd=tmp_path, umask=0o022)
    assert saved.returncode == 0, saved.stderr
    assert "backed up" in saved.stdout
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    again = partnerbot("db", "backup", str(backup), env=env, cwd=tmp_path)
    assert (again.returncode, again.stderr.strip().splitlines()[-1]) == (
        2,
        f"partnerbot: {backup} already exists; choose a new file name",
    )

    add_partner(migrated_db_url, "Beta Builders")
    refused = partnerbot("db", "restore", str(backup), env=env, cwd=tmp_path, stdin="no\n")
    assert refused.returncode == 2
    assert refused.stderr.strip().endswith(
        "partnerbot: restore cancelled, nothing was changed (type the name, or add --yes)"
    )
    assert names(migrated_db_url) == ["Acme Health", "Beta Builders"]

    name = Path(migrated_db_url.rsplit("/", 1)[-1]).name
    typed = partnerbot("db", "restore", str(backup), env=env, cwd=tmp_path, stdin=f"{name}\n")
    assert typed.returncode == 0, typed.stderr
    assert f"restored {backup} into" in typed.stdout
    assert f"(schema {HEAD})" in typed.stdout
    assert names(migrated_db_url) == ["Acme Health"]

    add_partner(migrated_db_url, "Gamma Growers")
    yes = partnerbot("db", "restore", str(backup), "--yes", env=env, cwd=tmp_path)
    assert yes.returncode == 0, yes.stderr
    assert names(migrated_db_url) == ["Acme Health"]
    assert "Traceback" not in saved.stderr + typed.stderr + yes.stderr


def test_restore_refuses_a_file_that_is_no_backup(migrated_db_url: str, tmp_path: Path) -> None:
    env = clean_env(tmp_path, DATABASE_URL=migrated_db_url)
    env["PATH"] = pg_path(env)
    add_partner(migrated_db_url, "Acme Health")
    junk = tmp_path / "junk.backup"
    junk.write_text("not a backup at all\n" * 100)
    result = partnerbot("db", "restore", str(junk), "--yes", env=env, cwd=tmp_path)
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()[-1:]
    assert line.startswith("partnerbot: ")
    assert "Traceback" not in result.stderr
    assert names(migrated_db_url) == ["Acme Health"]


@pytest.mark.databases("postgresql")
def test_postgres_backup_without_pg_dump_is_one_clear_line(
    migrated_db_url: str, tmp_path: Path
) -> None:
    env = clean_env(tmp_path, DATABASE_URL=migrated_db_url, PATH=str(tmp_path / "empty-bin"))
    backup = tmp_path / "partnerbot.backup"
    result = subprocess.run(
        [sys.executable, "-m", "bot", "db", "backup", str(backup)],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1] == (
        "partnerbot: pg_dump was not found on the PATH; install PostgreSQL's client programs "
        "(e.g. `apt-get install postgresql-client`) or add their folder to PATH"
    )
    assert not backup.exists()


def test_backing_up_a_sqlite_file_that_is_not_there_creates_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "partnerbot.db"
    env = clean_env(tmp_path, DATABASE_URL=f"sqlite:///{missing}")
    result = partnerbot("db", "backup", str(tmp_path / "b.db"), env=env, cwd=tmp_path)
    assert (result.returncode, result.stderr.strip().splitlines()[-1]) == (
        2,
        f"partnerbot: there is no database at {missing} to back up",
    )
    assert not (tmp_path / "b.db").exists()
    assert not missing.exists()
