"""The one-transaction operations of engagements, the school year and compliance: a request
refused half-way, or failing after its write, leaves nothing behind; a follow-up moved off a day
off is dated in its owner's remembered time zone."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storage.compliance import NewDocument, add_document, partner_documents
from storage.compliance_requests import DocumentMeant, DocumentRemoved, remove_document_typed
from storage.db import SessionFactory, make_engine, make_session_factory
from storage.engagements import EngagementView
from storage.engagements_requests import NoSuchContact, Recorded, Typed, record_typed
from storage.errors import InvalidInput
from storage.follow_ups import NewFollowUp, NotAllowed, create_follow_up
from storage.models import DocumentKind, Engagement, EngagementKind, Partner
from storage.partners.records import PartnerFields, add_partner
from storage.school_year_requests import snooze_to_school_day
from storage.workspaces import remember_timezone

NOW = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)
TODAY = date(2026, 11, 23)
CHICAGO = ZoneInfo("America/Chicago")


@pytest.fixture
def sessions(migrated_db_url: str) -> Iterator[SessionFactory]:
    """Sessions on a database with one partner, Acme Health, owned by U1."""
    engine = make_engine(migrated_db_url)
    factory = make_session_factory(engine)
    with factory.begin() as session:
        add_partner(session, "T1", PartnerFields("Acme Health"), now=NOW, owner_user_id="U1")
    yield factory
    engine.dispose()


def _engagements(sessions: SessionFactory) -> int:
    with sessions() as session:
        return int(session.scalar(select(func.count()).select_from(Engagement)) or 0)


def _typed(contact: str | None = None) -> Typed:
    return Typed(EngagementKind.JOB_SHADOW, TODAY, TODAY, 12, None, contact, None, None)


def _no_notes(session: Session, team_id: str, view: EngagementView) -> None:
    return None


def test_an_engagement_is_recorded_with_what_its_answer_reads(sessions: SessionFactory) -> None:
    seen: list[int] = []

    def notes(session: Session, team_id: str, view: EngagementView) -> str:
        seen.append(int(session.scalar(select(func.count()).select_from(Engagement)) or 0))
        return "flags"

    done = record_typed(
        sessions, "T1", "Acme job shadow", read=lambda rest: _typed(), by="U2",
        today=TODAY, now=NOW, notes=notes,
    )  # fmt: skip
    assert isinstance(done, Recorded)
    assert (done.created, done.notes, done.view.owner_user_id) == (True, "flags", "U1")
    assert seen == [1]  # the notes were read in the transaction that recorded it


def test_a_request_refused_or_failing_half_way_leaves_nothing(sessions: SessionFactory) -> None:
    def refuse(rest: str) -> Typed:
        raise ValueError("unreadable")

    with pytest.raises(ValueError, match="unreadable"):
        record_typed(
            sessions, "T1", "Acme gibberish", read=refuse, by="U2",
            today=TODAY, now=NOW, notes=_no_notes,
        )  # fmt: skip
    unknown = record_typed(
        sessions, "T1", "Acme job shadow", read=lambda rest: _typed("Jane"), by="U2",
        today=TODAY, now=NOW, notes=_no_notes,
    )  # fmt: skip
    assert isinstance(unknown, NoSuchContact)
    assert unknown.typed == "Jane"

    def broken(session: Session, team_id: str, view: EngagementView) -> None:
        raise RuntimeError("the answer could not be read")

    with pytest.raises(RuntimeError):
        record_typed(
            sessions, "T1", "Acme job shadow", read=lambda rest: _typed(), by="U2",
            today=TODAY, now=NOW, notes=broken,
        )  # fmt: skip
    assert _engagements(sessions) == 0  # the write before the failure was rolled back


def _acme(sessions: SessionFactory) -> int:
    with sessions() as session:
        found = session.scalar(select(Partner.id).where(Partner.name == "Acme Health"))
    assert found is not None
    return found


def test_a_document_is_removed_only_when_exactly_one_fits(sessions: SessionFactory) -> None:
    acme = _acme(sessions)
    with sessions.begin() as session:
        for person in ("Jane Ortiz", "Jane Smith"):
            wanted = NewDocument(DocumentKind.BACKGROUND_CHECK, date(2027, 6, 30), person)
            add_document(session, "T1", acme, wanted, by="U1", now=NOW)
    meant = DocumentMeant(DocumentKind.BACKGROUND_CHECK, None, "Jane")
    both = remove_document_typed(sessions, "T1", "Acme Health", read=lambda rest: meant)
    assert isinstance(both, DocumentRemoved)
    assert (both.gone, both.matching) == (None, 2)
    meant = DocumentMeant(DocumentKind.BACKGROUND_CHECK, None, "Jane O")
    one = remove_document_typed(sessions, "T1", "Acme Health", read=lambda rest: meant)
    assert isinstance(one, DocumentRemoved)
    assert one.gone is not None
    with sessions() as session:
        assert [d.contact_name for d in partner_documents(session, "T1", acme)] == ["Jane Smith"]


def test_a_follow_up_moves_in_its_owners_remembered_time_zone(sessions: SessionFactory) -> None:
    acme = _acme(sessions)
    with sessions.begin() as session:
        remember_timezone(session, "T1", "U1", "America/Chicago", NOW)
        wanted = NewFollowUp("U1", date(2026, 11, 26), None, "call back", CHICAGO)
        follow_up = create_follow_up(session, "T1", acme, wanted, now=NOW, created_by="U1")
    asked: list[tuple[str, str | None]] = []

    def zone_of(user_id: str, remembered: str | None) -> ZoneInfo:
        asked.append((user_id, remembered))
        return CHICAGO

    with pytest.raises(NotAllowed):  # U2 neither owns it nor leads: nothing moves
        snooze_to_school_day(
            sessions,
            "T1",
            follow_up.id,
            until=date(2026, 11, 30),
            by="U2",
            now=NOW,
            zone_of=zone_of,
        )
    moved = snooze_to_school_day(
        sessions, "T1", follow_up.id, until=date(2026, 11, 30), by="U1", now=NOW, zone_of=zone_of
    )
    assert asked[-1] == ("U1", "America/Chicago")
    assert moved.changed
    assert moved.follow_up.due_date == date(2026, 11, 30)
    with pytest.raises(InvalidInput):  # a day that has passed: nothing moves
        snooze_to_school_day(
            sessions, "T1", follow_up.id, until=TODAY, by="U1", now=NOW, zone_of=zone_of
        )
