"""`uninstall` and `reinstall` in the console: what a workspace sees when it removes partnerbot
(nothing sent, the data erased after PARTNERBOT_UNINSTALLED_KEEP_DAYS) and installs it again."""

from __future__ import annotations

import io

import pytest

from bot.config import Settings
from bot.console.repl import Console
from storage.clock import FrozenClock
from tests.test_console import run_console, stored

pytestmark = pytest.mark.databases("sqlite")
SCRIPT = "/partner add Acme Health\n/followup Acme today call Jane back\n"


def test_uninstalled_nothing_is_sent_reinstalled_it_is(
    migrated_db_url: str, clock: FrozenClock
) -> None:
    out = run_console(migrated_db_url, clock, SCRIPT + "uninstall\njobs run\nreinstall\njobs run\n")
    uninstalled = out.index("uninstalled: nothing is sent any more")
    again = out.index("installed again (its data was kept)")
    assert "digests: 0 sent" in out[uninstalled:again]
    assert "digests: 1 sent" in out[again:]
    assert [p.name for p in stored(migrated_db_url)] == ["Acme Health"]


def test_the_data_is_erased_30_days_after_an_uninstall(
    migrated_db_url: str, clock: FrozenClock
) -> None:
    run_console(migrated_db_url, clock, SCRIPT + "uninstall\njobs run --at 2026-12-22T14:00Z\n")
    assert [p.name for p in stored(migrated_db_url)] == ["Acme Health"]  # 29 days: kept
    run_console(migrated_db_url, clock, "jobs run --at 2026-12-23T14:00Z\n")
    assert stored(migrated_db_url) == []


def test_the_console_works_on_a_machine_configured_for_oauth(
    migrated_db_url: str, clock: FrozenClock
) -> None:
    settings = Settings(
        DATABASE_URL=migrated_db_url,
        PARTNERBOT_TIMEZONE="America/Chicago",
        SLACK_CLIENT_ID="1234.5678",
        SLACK_CLIENT_SECRET="secret",
        SLACK_STATE_SECRET="a-state-secret-of-16+",
        _env_file=None,
    )
    out = io.StringIO()
    console = Console(
        settings, user="casey", out=out, inp=io.StringIO("/partner add Acme Health\n"),
        interactive=False, clock=clock,
    )  # fmt: skip
    assert console.run() == 0
    assert "Added *Acme Health*" in out.getvalue()
    assert [p.name for p in stored(migrated_db_url)] == ["Acme Health"]
