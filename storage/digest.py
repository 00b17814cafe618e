"""What goes in someone's morning digest, and who gets one. Queries follow what is due (open
follow-ups by owner and due date, partners by owner), never the size of the contact log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.celebrations import PromptView, open_prompts
from storage.compliance import Reminder, reminders_due
from storage.follow_ups import count_open_follow_ups, open_follow_ups
from storage.models import Staff
from storage.partners.cadence import ColdPartner, going_cold
from storage.people.members import digest_leads, needs_new_owner
from storage.records import FollowUpView, PartnerView
from storage.school_year import AwaySpan, school_calendar

DIGEST_ITEM_LIMIT = 200


@dataclass(frozen=True)
class Digest:
    """One person's digest for one local date."""

    team_id: str
    user_id: str
    local_date: date
    overdue: tuple[FollowUpView, ...]
    today: tuple[FollowUpView, ...]
    going_cold: tuple[ColdPartner, ...]
    overdue_total: int  # all of them, also those beyond the items read
    today_total: int
    # For program leads: partners with no owner, or whose owner left.
    needs_owner: tuple[PartnerView, ...] = ()
    # The first school day after a break: the days off just before (what came due then is
    # among the overdue), and the documents whose expiry reminder is due.
    away: AwaySpan | None = None
    expiring: tuple[Reminder, ...] = ()
    # Wins the person was asked to thank a partner for and has not (they alone send no digest).
    celebrations: tuple[PromptView, ...] = ()

    @property
    def empty(self) -> bool:
        """Nothing to show: no digest is sent."""
        return not (
            self.overdue or self.today or self.going_cold or self.needs_owner or self.expiring
        )


@dataclass(frozen=True)
class Recipient:
    """Someone who gets a digest, with their stored preferences."""

    team_id: str
    user_id: str
    digest_time: time
    timezone: str | None


def digest_recipients(session: Session) -> list[Recipient]:
    """Everyone with the digest on, in every workspace, but those who left (deactivated)."""
    rows = session.execute(
        select(Staff.team_id, Staff.user_id, Staff.digest_time, Staff.timezone)
        .where(Staff.digest_enabled.is_(True), Staff.deactivated_at.is_(None))
        .order_by(Staff.team_id, Staff.user_id)
    )
    return [Recipient(t, u, d or time(8, 0), tz) for t, u, d, tz in rows]


def build_digest(
    session: Session, team_id: str, user_id: str, *, local_date: date, now: datetime
) -> Digest:
    """Overdue and due-today follow-ups owned by the user, their partners going cold (not those
    in a busy season), the expiry reminders due (recorded as sent: call it inside the digest's
    claim, in a transaction), and the break it comes after, if any."""
    due = open_follow_ups(
        session, team_id, owner_user_id=user_id, due_by=local_date, limit=DIGEST_ITEM_LIMIT
    )
    overdue = tuple(f for f in due if f.due_date < local_date)
    today = tuple(f for f in due if f.due_date == local_date)
    overdue_total, today_total = len(overdue), len(today)
    if len(due) == DIGEST_ITEM_LIMIT:  # more are due than were read: count them all
        yesterday = local_date - timedelta(days=1)
        overdue_total = count_open_follow_ups(
            session, team_id, owner_user_id=user_id, due_by=yesterday
        )
        due_total = count_open_follow_ups(
            session, team_id, owner_user_id=user_id, due_by=local_date
        )
        today_total = due_total - overdue_total
    cold = going_cold(session, team_id, now=now, today=local_date, owner_user_id=user_id)
    return Digest(
        team_id=team_id,
        user_id=user_id,
        local_date=local_date,
        overdue=overdue,
        today=today,
        going_cold=tuple(cold),
        overdue_total=overdue_total,
        today_total=today_total,
        needs_owner=tuple(needs_new_owner(session, team_id, limit=DIGEST_ITEM_LIMIT))
        if user_id in digest_leads(session, team_id)
        else (),
        away=school_calendar(session, team_id, today=local_date).away_before(local_date),
        expiring=tuple(reminders_due(session, team_id, user_id, local_date=local_date, now=now)),
        celebrations=tuple(open_prompts(session, team_id, user_id, now=now, asked_only=True)),
    )
