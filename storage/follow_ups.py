"""Creating follow-ups (from a contact, a command or a button)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.errors import InvalidInput, NotFound
from storage.follow_up_actions import due_moment
from storage.models import FollowUp, FollowUpStatus, Partner
from storage.views import FollowUpView
from storage.workspaces import ensure_staff

MAX_NOTE_LENGTH = 2000
# The same thing sent again this soon by the same person is a repeat (a retry, a double send).
REPEAT_WINDOW = timedelta(minutes=1)


@dataclass(frozen=True)
class NewFollowUp:
    """A follow-up to create: whose, when (the owner's local date and optional time), what."""

    owner_user_id: str
    due_date: date
    due_time: time | None
    note: str
    tz: ZoneInfo


def create_follow_up(
    session: Session,
    team_id: str,
    partner_id: int,
    wanted: NewFollowUp,
    *,
    now: datetime,
    created_by: str | None,
    source: str = "manual",
    interaction_id: int | None = None,
) -> FollowUpView:
    """Store an open follow-up; the owner becomes a known staff member (for their digest)."""
    note = _clean_note(wanted.note)
    if len(note) > MAX_NOTE_LENGTH:
        raise InvalidInput(
            "note", f"A follow-up note can be at most {MAX_NOTE_LENGTH:,} characters."
        )
    partner = session.get(Partner, partner_id)
    if partner is None or partner.team_id != team_id:
        raise NotFound(f"partner {partner_id}")
    ensure_staff(session, team_id, wanted.owner_user_id, now)
    row = FollowUp(
        team_id=team_id,
        partner_id=partner_id,
        owner_user_id=wanted.owner_user_id,
        note=note,
        due_date=wanted.due_date,
        due_time=wanted.due_time,
        due_at=due_moment(wanted.due_date, wanted.due_time, wanted.tz),
        status=FollowUpStatus.OPEN,
        source=source,
        interaction_id=interaction_id,
        created_by=created_by,
        created_at=now,
    )
    session.add(row)
    session.flush()
    return FollowUpView.of(row, partner.name)


def repeated_follow_up(
    session: Session,
    team_id: str,
    partner_id: int,
    wanted: NewFollowUp,
    *,
    now: datetime,
    created_by: str,
) -> FollowUpView | None:
    """The same open follow-up, added by the same person within the last minute (a command sent
    twice or a Slack retry), if there is one."""
    row = session.scalars(
        select(FollowUp)
        .where(
            FollowUp.team_id == team_id,
            FollowUp.partner_id == partner_id,
            FollowUp.owner_user_id == wanted.owner_user_id,
            FollowUp.created_by == created_by,
            FollowUp.status == FollowUpStatus.OPEN,
            FollowUp.due_date == wanted.due_date,
            FollowUp.due_time.is_not_distinct_from(wanted.due_time),
            FollowUp.note == _clean_note(wanted.note),
            FollowUp.created_at >= now - REPEAT_WINDOW,
        )
        .order_by(FollowUp.id.desc())
        .limit(1)
    ).first()
    if row is None:
        return None
    partner = session.get(Partner, partner_id)
    return FollowUpView.of(row, partner.name if partner else "")


def _clean_note(note: str) -> str:
    return " ".join(note.split())
