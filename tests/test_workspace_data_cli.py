"""`partnerbot workspace delete TEAM_ID` erases every row of that workspace, in every table the
models declare, and nothing of any other; `partnerbot export --team …` writes the export's two
files, owner-only. The CLI run as an operator runs it, on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import os
import stat
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from slack_sdk.oauth.installation_store import Installation
from sqlalchemy import select

from bot.cli import main
from bot.console import payloads
from bot.console.records import FakeUser
from bot.oauth import installation_store
from scheduler.jobs import run_due_jobs
from storage.erase import NOT_PER_WORKSPACE, workspace_tables
from storage.models import Base
from tests.support.slackapp import JUAN, MARIA, TEAM_ID, Bot

OTHER_TEAM = "T0OTHER"
LEAVER = "U0LEAVER"


def populate(bot: Bot) -> None:
    """A workspace's life, typed as staff type it: partners, contacts, follow-ups, engagements,
    documents, the calendar, leads, settings, a handoff, a leaver, a win, a digest sent."""
    bot.command("/partner", "add Acme Health industry: Healthcare")
    bot.command("/partner", "contact add Acme Health Jane Ortiz, HR director, primary")
    bot.command("/contact", "Acme Health called Jane about internships, follow up next tue")
    bot.command("/contact", "Acme Health hosted 4 students for a job shadow")
    bot.command("/followup", "Acme Health today send the MOU")
    bot.command("/engage", "Acme Health job shadow Dec 9, 12 students")
    bot.command("/partner", "doc add Acme Health MOU expires 2026-12-01")
    bot.command("/partner", "doc remind 30 7")
    bot.command("/partner", "busy Acme Health Nov 15 - Dec 31 holiday retail")
    bot.command("/partnerbot", "calendar add Winter break Dec 21 - Jan 1")
    bot.command("/celebrate", "channel <#C0WINS|wins>")
    bot.command("/celebrate", "Acme Health hosted 12 students for job shadow day")
    bot.command("/partnerbot", "nudge friday 13:00")
    bot.command("/partner", f"assign Acme Health <@{JUAN}|juan>")
    preview = bot.command("/partner", f"handoff <@{JUAN}|juan> <@{MARIA}|maria>")
    bot.press(preview.body["blocks"], "people_handoff_confirm")
    bot.command("/partnerbot", f"leads <@{MARIA}|maria>")
    bot.command("/partnerbot", "board Welding add Jane Ortiz")
    bot.command("/partnerbot", "board rule 3 meetings 5 members")
    bot.command(
        "/partnerbot",
        "board Welding meeting Nov 20 minutes https://docs.example/m attended Jane Ortiz",
    )
    bot.user_change(LEAVER, deleted=True)
    run_due_jobs(
        bot.deps.sessions,
        bot.app.client,
        bot.deps.zones,
        now=datetime(2026, 11, 23, 14, tzinfo=UTC),
    )
    install(bot, bot.workspace.team_id)
    shared = bot.slack.share_file(
        "partners.csv", b"Partner,Industry\nBeta Tools,Manufacturing\n", user=MARIA
    )
    bot.event(payloads.file_shared_in_dm(MARIA, shared, ts=bot.ids.action_ts()))  # a preview


def install(bot: Bot, team_id: str) -> None:
    """The workspace's install, as the OAuth flow stores it (slack_installations, slack_bots)."""
    engine = bot.deps.sessions.kw["bind"]
    installation_store(engine, "1234.5678").save(
        Installation(
            app_id="A0APP",
            team_id=team_id,
            user_id=MARIA,
            bot_token=f"xoxb-{team_id}",
            bot_id="B0BOT",
            bot_user_id="U0BOT",
            bot_scopes=["commands", "chat:write"],
            installed_at=datetime(2026, 11, 2, tzinfo=UTC).timestamp(),
        )
    )


def rows_of(bot: Bot, team_id: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the workspace, table by table, for every table the models declare."""
    with bot.deps.sessions() as session:
        return {
            table.name: sorted(
                (
                    tuple(row)
                    for row in session.execute(select(table).where(table.c.team_id == team_id))
                ),
                key=repr,
            )
            for table in workspace_tables()
        }


@pytest.fixture
def env(migrated_db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name in list(os.environ):
        if name.startswith("SLACK_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("DATABASE_URL", migrated_db_url)
    monkeypatch.setenv("PARTNERBOT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("PARTNERBOT_TIMEZONE", "America/Chicago")
    old = os.umask(0o022)
    yield
    os.umask(old)


@pytest.mark.usefixtures("env")
def test_delete_erases_every_row_of_the_workspace_and_nothing_else(
    bot: Bot, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for member in (
        FakeUser(id=MARIA, name="maria", real_name="Maria Lopez", is_admin=True),
        FakeUser(id=LEAVER, name="leaver", real_name="Lee Ver"),
    ):
        bot.slack.add_user(member)
    populate(bot)
    populate(bot.other_team(OTHER_TEAM))
    doomed, kept = rows_of(bot, TEAM_ID), rows_of(bot, OTHER_TEAM)
    # Every table but the install states (no workspace yet), one added later too.
    assert set(doomed) == set(Base.metadata.tables) - NOT_PER_WORKSPACE
    assert {"slack_oauth_states"} == NOT_PER_WORKSPACE
    held = {name for name, rows in doomed.items() if rows}
    # Every table holds some of it, so a table added later must be filled here too.
    assert held == set(doomed), sorted(set(doomed) - held)
    assert {name for name, rows in kept.items() if rows} == held

    monkeypatch.setattr("sys.stdin", io.StringIO("T0002\n"))  # a typo: nothing happens
    with pytest.raises(SystemExit) as refused:
        main(["workspace", "delete", TEAM_ID])
    assert refused.value.code == 1
    shown = capsys.readouterr().out
    assert f"partners: {len(doomed['partners'])}" in shown
    assert f"partnerbot export --team {TEAM_ID}" in shown
    assert "nothing deleted" in shown
    assert rows_of(bot, TEAM_ID) == doomed

    monkeypatch.setattr("sys.stdin", io.StringIO(f"{TEAM_ID}\n"))
    main(["workspace", "delete", TEAM_ID])
    total = sum(len(rows) for rows in doomed.values())
    assert f"deleted {total} rows of workspace {TEAM_ID}" in capsys.readouterr().out
    assert all(not rows for rows in rows_of(bot, TEAM_ID).values())
    assert rows_of(bot, OTHER_TEAM) == kept

    with pytest.raises(SystemExit) as again:
        main(["workspace", "delete", TEAM_ID, "--yes"])
    assert again.value.code == 2  # nothing left to delete
    assert rows_of(bot, OTHER_TEAM) == kept


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.usefixtures("env")
def test_export_writes_owner_only_files_to_a_path(
    bot: Bot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bot.command("/partner", "add Acme Health")
    bot.command("/partner", "add Riverside Auto")
    bot.command("/contact", "Acme Health called Jane about internships")
    bot.other_team(OTHER_TEAM).command("/partner", "add Globex Secret Labs")
    folder = tmp_path / "out"
    main(["export", "--team", TEAM_ID, "--partner", "acme", "--since", "2026-08-01", str(folder)])
    printed = capsys.readouterr().out
    today = datetime.now(ZoneInfo("America/Chicago")).date().isoformat()  # the CLI's clock
    base = f"partnerbot-export-T0001-{today}-since-2026-08-01-acme-health"
    workbook, csvs = folder / f"{base}.xlsx", folder / f"{base}.zip"
    assert f"wrote {workbook}" in printed
    assert "Contacts: 1 rows" in printed
    assert mode(folder) == 0o700
    assert mode(workbook) == 0o600
    assert mode(csvs) == 0o600
    book = load_workbook(workbook, read_only=True)
    partners = [row[0] for row in book["Partners"].iter_rows(min_row=2, values_only=True)]
    assert partners == ["Acme Health"]
    with zipfile.ZipFile(csvs) as archive:
        assert "Acme Health" in archive.read("partners.csv").decode("utf-8-sig")

    main(["export", "--team", TEAM_ID, str(folder)])
    whole = folder / f"partnerbot-export-T0001-{today}.xlsx"
    names = [
        r[0]
        for r in load_workbook(whole, read_only=True)["Partners"].iter_rows(
            min_row=2, values_only=True
        )
    ]
    assert names == ["Acme Health", "Riverside Auto"]  # and nothing of Globex

    with pytest.raises(SystemExit) as bad:
        main(["export", "--team", TEAM_ID, "--since", "last May", str(folder)])
    assert bad.value.code == 2
    assert "--since" in capsys.readouterr().err
