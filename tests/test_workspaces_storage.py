"""Workspaces and people as storage hands them out: plain values, never ORM rows; time zones
remembered for the reader in handlers; a partner's stay-in-touch interval as a number."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta

import pytest
from sqlalchemy.orm import Session

from storage.db import make_engine, make_session_factory
from storage.errors import NotFound
from storage.models import Stage
from storage.partners.cadence import (
    partner_cadence_days,
    set_partner_cadence,
    set_stage_cadence,
)
from storage.partners.records import PartnerFields, add_partner
from storage.records import DigestSetting
from storage.workspaces import (
    celebration_channel,
    ensure_staff,
    remember_timezone,
    set_celebration_channel,
    set_digest,
    staff_timezone,
)

NOW = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)


@pytest.fixture
def session(migrated_db_url: str) -> Iterator[Session]:
    engine = make_engine(migrated_db_url)
    with make_session_factory(engine)() as s:
        yield s
    engine.dispose()


def test_time_zones_are_remembered_with_when_they_were_read(session: Session) -> None:
    assert staff_timezone(session, "T1", "U1") == (None, None)  # never met
    remember_timezone(session, "T1", "U1", "America/New_York", NOW)  # meets them
    session.commit()
    assert staff_timezone(session, "T1", "U1") == ("America/New_York", NOW)
    later = NOW + timedelta(days=1)
    remember_timezone(session, "T1", "U1", None, later)  # the profile lost its zone
    session.commit()
    assert staff_timezone(session, "T1", "U1") == (None, later)
    assert staff_timezone(session, "T2", "U1") == (None, None)  # another workspace


def test_settings_come_back_as_plain_values(session: Session) -> None:
    ensure_staff(session, "T1", "U1", NOW)
    assert set_digest(session, "T1", "U1", now=NOW) == DigestSetting(time(8, 0), True)
    assert set_digest(session, "T1", "U1", now=NOW, at=time(7, 30)) == DigestSetting(
        time(7, 30), True
    )
    assert set_digest(session, "T1", "U1", now=NOW, enabled=False) == DigestSetting(
        time(7, 30), False
    )
    assert set_celebration_channel(session, "T1", "C0WINS", now=NOW) == "C0WINS"
    session.commit()
    assert celebration_channel(session, "T1") == "C0WINS"
    assert celebration_channel(session, "T2") is None


def test_a_partner_s_interval_is_its_own_else_its_stage_s(session: Session) -> None:
    fields = PartnerFields(name="Acme Health", stage=Stage.ACTIVE)
    acme = add_partner(session, "T1", fields, now=NOW).id
    assert partner_cadence_days(session, "T1", acme) == 45  # the built-in default
    set_stage_cadence(session, "T1", Stage.ACTIVE, 30, now=NOW)
    assert partner_cadence_days(session, "T1", acme) == 30  # the team's
    set_partner_cadence(session, "T1", acme, 10, now=NOW)
    assert partner_cadence_days(session, "T1", acme) == 10  # its own
    set_partner_cadence(session, "T1", acme, None, now=NOW)
    assert partner_cadence_days(session, "T1", acme) == 30
    with pytest.raises(NotFound):
        partner_cadence_days(session, "T2", acme)
