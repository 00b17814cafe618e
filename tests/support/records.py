"""Setting up records for tests directly through storage (no Slack involved)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import select

from storage.db import SessionFactory
from storage.follow_ups import due_moment
from storage.models import FollowUp, FollowUpStatus, Partner
from storage.partners.records import PartnerFields, add_partner
from storage.people.members import set_leads

CHICAGO = ZoneInfo("America/Chicago")
CREATED = datetime(2026, 11, 1, 15, 0, tzinfo=UTC)


def partner(sessions: SessionFactory, team_id: str, name: str, *, owner: str | None = None) -> int:
    """Add a partner and return its id."""
    with sessions.begin() as session:
        return add_partner(
            session, team_id, PartnerFields(name=name), now=CREATED, owner_user_id=owner
        ).id


def follow_up(
    sessions: SessionFactory,
    team_id: str,
    partner_id: int,
    owner: str,
    due: date,
    note: str,
    *,
    tz: ZoneInfo = CHICAGO,
    at: time | None = None,
) -> int:
    """Add an open follow-up and return its id."""
    with sessions.begin() as session:
        row = FollowUp(
            team_id=team_id,
            partner_id=partner_id,
            owner_user_id=owner,
            note=note,
            due_date=due,
            due_time=at,
            due_at=due_moment(due, at, tz),
            status=FollowUpStatus.OPEN,
            source="manual",
            created_by=owner,
            created_at=CREATED,
        )
        session.add(row)
        session.flush()
        return row.id


def follow_up_row(sessions: SessionFactory, follow_up_id: int) -> FollowUp:
    """The stored follow-up, freshly read."""
    with sessions() as session:
        row = session.scalars(select(FollowUp).where(FollowUp.id == follow_up_id)).one()
        session.expunge(row)
        return row


def partner_row(sessions: SessionFactory, partner_id: int) -> Partner:
    """The stored partner, freshly read."""
    with sessions() as session:
        row = session.scalars(select(Partner).where(Partner.id == partner_id)).one()
        session.expunge(row)
        return row


def leads(sessions: SessionFactory, team_id: str, *user_ids: str) -> None:
    """Name these people the workspace's program leads."""
    with sessions.begin() as session:
        set_leads(session, team_id, list(user_ids), by=user_ids[0], now=datetime.now(UTC))
