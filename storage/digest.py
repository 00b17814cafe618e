"""What goes in someone's morning digest, and who gets one. Queries follow what is due (open
follow-ups by owner and due date, partners by owner), never the size of the contact log, and
read for every recipient of a tick at once (`build_digests`), not person by person."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.celebrations import PromptView, open_prompts_by_owner
from storage.compliance import Reminder, reminders_due_for
from storage.compliance_risks import UncheckedEngagement, unchecked_engagements_for
from storage.models import Staff
from storage.open_follow_ups import OwnerDue, due_by_owner
from storage.partners.cadence import ColdPartner, going_cold
from storage.people.members import digest_leads, needs_new_owner
from storage.records import FollowUpView, PartnerView
from storage.school_year import AwaySpan, school_calendar

DIGEST_ITEM_LIMIT = 200
DIGEST_FOLLOW_UPS = 25
"""Follow-ups read per person: a digest shows at most ~22 (50 blocks, two per item); the
counts of all of them come from the same query."""


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
    # Engagements coming up whose host has no valid background check.
    unchecked: tuple[UncheckedEngagement, ...] = ()

    @property
    def empty(self) -> bool:
        """Nothing to show: no digest is sent."""
        return not (
            self.overdue
            or self.today
            or self.going_cold
            or self.needs_owner
            or self.expiring
            or self.unchecked
        )


@dataclass(frozen=True)
class Recipient:
    """Someone who gets a digest, with their stored preferences."""

    team_id: str
    user_id: str
    digest_time: time
    timezone: str | None
    timezone_checked_at: datetime | None = None  # when `timezone` was read from Slack


def digest_recipients(session: Session) -> list[Recipient]:
    """Everyone with the digest on, in every workspace, but those who left (deactivated)."""
    rows = session.execute(
        select(
            Staff.team_id,
            Staff.user_id,
            Staff.digest_time,
            Staff.timezone,
            Staff.timezone_checked_at,
        )
        .where(Staff.digest_enabled.is_(True), Staff.deactivated_at.is_(None))
        .order_by(Staff.team_id, Staff.user_id)
    )
    return [Recipient(t, u, d or time(8, 0), tz, at) for t, u, d, tz, at in rows]


def build_digest(
    session: Session, team_id: str, user_id: str, *, local_date: date, now: datetime
) -> Digest:
    """Overdue and due-today follow-ups owned by the user, their partners going cold (not those
    in a busy season), the expiry reminders due (recorded as sent: call it inside the digest's
    claim, in a transaction) and expired documents, engagements coming up without a valid
    background check, and the break it comes after, if any."""
    return build_digests(session, team_id, [user_id], local_date=local_date, now=now)[user_id]


@dataclass(frozen=True)
class TeamDay:
    """What every digest of a workspace on one local date shares, read once for all of them:
    partners going cold by owner, the leads, the partners needing an owner, the break before."""

    cold: Mapping[str, tuple[ColdPartner, ...]]
    leads: frozenset[str]
    needs_owner: tuple[PartnerView, ...]
    away: AwaySpan | None


def team_day(session: Session, team_id: str, *, local_date: date, now: datetime) -> TeamDay:
    """Read a workspace's `TeamDay` (four queries, whatever the number of people)."""
    cold: dict[str, list[ColdPartner]] = {}
    for c in going_cold(session, team_id, now=now, today=local_date):  # longest-silent first
        if c.partner.owner_user_id is not None:
            cold.setdefault(c.partner.owner_user_id, []).append(c)
    leads = frozenset(digest_leads(session, team_id))
    return TeamDay(
        cold={owner: tuple(found) for owner, found in cold.items()},
        leads=leads,
        needs_owner=tuple(needs_new_owner(session, team_id, limit=DIGEST_ITEM_LIMIT))
        if leads
        else (),
        away=school_calendar(session, team_id, today=local_date).away_before(local_date),
    )


def build_digests(
    session: Session,
    team_id: str,
    users: Sequence[str],
    *,
    local_date: date,
    now: datetime,
    shared: TeamDay | None = None,
) -> dict[str, Digest]:
    """`build_digest` for many people of one workspace on one local date, in a fixed number
    of set-based queries (not one set per person): user id → digest, one for each of `users`.
    `shared` is the workspace's `TeamDay` when already read for an earlier batch."""
    day = shared or team_day(session, team_id, local_date=local_date, now=now)
    due = due_by_owner(session, team_id, users, due_by=local_date, limit=DIGEST_FOLLOW_UPS)
    expiring = reminders_due_for(session, team_id, users, local_date=local_date, now=now)
    cheers = open_prompts_by_owner(session, team_id, users, now=now, asked_only=True)
    unchecked = unchecked_engagements_for(session, team_id, users, local_date=local_date)
    digests = {}
    for user_id in users:
        mine = due.get(user_id, OwnerDue((), 0, 0))
        overdue = tuple(f for f in mine.items if f.due_date < local_date)
        digests[user_id] = Digest(
            team_id=team_id,
            user_id=user_id,
            local_date=local_date,
            overdue=overdue,
            today=tuple(f for f in mine.items if f.due_date == local_date),
            going_cold=day.cold.get(user_id, ()),
            overdue_total=mine.before_total,
            today_total=mine.total - mine.before_total,
            needs_owner=day.needs_owner if user_id in day.leads else (),
            away=day.away,
            expiring=tuple(expiring.get(user_id, ())),
            celebrations=tuple(cheers.get(user_id, ())),
            unchecked=tuple(unchecked.get(user_id, ())),
        )
    return digests
