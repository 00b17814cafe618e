"""The console's `/as NAME --lead` names a program lead beside those already named, through
one storage operation (on both databases)."""

from __future__ import annotations

from datetime import timedelta

from storage.clock import FrozenClock
from storage.db import make_engine, make_session_factory
from storage.people.leads import add_lead, leads_now

TEAM = "T0LOCAL"


def test_a_lead_is_added_beside_the_named_ones_once(
    migrated_db_url: str, clock: FrozenClock
) -> None:
    engine = make_engine(migrated_db_url)
    try:
        sessions = make_session_factory(engine)
        assert leads_now(sessions, TEAM) == ()
        assert add_lead(sessions, TEAM, "UDANA", now=clock.now()) == ("UDANA",)
        later = clock.now() + timedelta(minutes=1)
        assert add_lead(sessions, TEAM, "ULEE", now=later) == ("UDANA", "ULEE")
        assert add_lead(sessions, TEAM, "UDANA", now=later) == ("UDANA", "ULEE")
        assert leads_now(sessions, TEAM) == ("UDANA", "ULEE")
        assert leads_now(sessions, "T0OTHER") == ()
    finally:
        engine.dispose()
