"""`uninstall` and `reinstall` in the console: what a workspace sees when it removes partnerbot
(nothing sent, the data erased after PARTNERBOT_UNINSTALLED_KEEP_DAYS) and installs it again."""

from __future__ import annotations

import pytest

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
