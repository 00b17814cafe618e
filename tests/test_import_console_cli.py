"""Importing from the console (`import FILE`: the file sent to partnerbot in a DM, its preview
printed with numbered buttons) and from the command line (`partnerbot import FILE --team T
--as U [--dry-run]`, `--undo ID`), as an IT person would. SQLite, the console's default."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from storage.clock import FrozenClock
from storage.db import make_engine, make_session_factory
from storage.models import ImportBatch
from tests.test_console import run_console, stored

pytestmark = pytest.mark.databases("sqlite")
FIXTURES = Path(__file__).parent / "fixtures" / "imports"


def test_console_import_previews_then_imports_on_press(
    migrated_db_url: str, clock: FrozenClock
) -> None:
    path = FIXTURES / "excel_export_bom.csv"
    out = run_console(migrated_db_url, clock, f"import {path}\npress 3\n")
    preview, pressed = out.split("press 3\n")
    assert "IMPORT PREVIEW: EXCEL_EXPORT_BOM.CSV" in preview
    assert "`row 2` *Acme Health* · 1 contact" in preview
    assert "[3: Import]" in preview
    assert "added 3 partners" in pressed
    assert [p.name for p in stored(migrated_db_url)] == [
        "Acme Health",
        "Riverside Auto Group",
        "Summit Credit Union",
    ]


def test_console_import_of_a_missing_file_says_so(migrated_db_url: str, clock: FrozenClock) -> None:
    out = run_console(migrated_db_url, clock, "import /no/such/file.csv\n")
    assert "can't read /no/such/file.csv" in out


def cli(db_url: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    env["DATABASE_URL"] = db_url
    return subprocess.run(
        [sys.executable, "-m", "bot", "import", *args],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_cli_dry_run_saves_nothing_then_imports_and_undoes(
    migrated_db_url: str, tmp_path: Path
) -> None:
    path = str(FIXTURES / "google_sheets.csv")
    dry = cli(migrated_db_url, tmp_path, path, "--team", "T0001", "--as", "U0MARIA", "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "Rows with problems (3) → skip them:" in dry.stdout
    assert "unknown owner “maria”" in dry.stdout
    assert "without Slack, write a Slack user id" in dry.stdout
    assert "(dry run: nothing imported; the preview and the file's cells were dropped)" in (
        dry.stdout
    )
    assert stored(migrated_db_url) == []
    assert kept_cells(migrated_db_url) == []  # no copy of the file's cells stays behind
    path = str(FIXTURES / "excel_export_bom.csv")
    done = cli(migrated_db_url, tmp_path, path, "--team", "T0001", "--as", "U0MARIA")
    assert done.returncode == 0, done.stderr
    assert "New partners (3) → add them:" in done.stdout
    assert "added 3 partners, updated 0, skipped 0, refused 0" in done.stdout
    assert len(stored(migrated_db_url)) == 3
    number = done.stdout.split("--undo ")[1].split()[0]
    undone = cli(migrated_db_url, tmp_path, "--undo", number, "--team", "T0001", "--as", "U0MARIA")
    assert undone.returncode == 0, undone.stderr
    assert stored(migrated_db_url) == []


def test_the_cli_refuses_a_bad_file_saying_why(migrated_db_url: str, tmp_path: Path) -> None:
    bad = tmp_path / "notes.csv"
    bad.write_text("Industry,Stage\nHealth,active\n")
    result = cli(migrated_db_url, tmp_path, str(bad), "--team", "T0001", "--as", "U0MARIA")
    assert result.returncode == 1
    assert "couldn't find a column with the partners' names" in result.stderr
    assert "Nothing was saved." in result.stderr


def kept_cells(db_url: str) -> list[object]:
    """The cells of every import batch still holding any."""
    engine = make_engine(db_url)
    try:
        with make_session_factory(engine)() as session:
            batches = session.scalars(select(ImportBatch))
            return [b.id for b in batches if b.rows or set(b.table or {}) - {"headers"}]
    finally:
        engine.dispose()
