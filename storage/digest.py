"""Who gets a morning digest, and what every digest of a workspace shares on a day (`TeamDay`).
What each digest shows is read by the parts features declare (`Feature.digest_parts`), each
for a whole batch of recipients at once; their queries follow what is due (open follow-ups by
owner and due date, partners by owner), never the size of the contact log."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import Staff
from storage.partners.cadence import ColdPartner, going_cold
from storage.people.members import digest_leads, needs_new_owner
from storage.records import PartnerView
from storage.school_year import AwaySpan, school_calendar

DIGEST_ITEM_LIMIT = 200
DIGEST_FOLLOW_UPS = 25
"""Follow-ups read per person: a digest shows at most ~22 (50 blocks, two per item); the
counts of all of them come from the same query."""


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
