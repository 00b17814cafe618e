"""Engagements: recording what a partner did with students (idempotent: the same partner, kind,
dates and description is one engagement, under retries and concurrency too), the lists, and
the wins they propose for a public thank-you. Their debriefs are in storage.debriefs."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from storage.db import insert_unless_exists
from storage.errors import InvalidInput, NotFound
from storage.models import (
    BusinessContact,
    DebriefOutcome,
    Engagement,
    EngagementKind,
    Partner,
)
from storage.workspaces import ensure_staff

MAX_STUDENTS = 5000
MAX_DAYS = 366
MAX_LABEL = 200
MAX_PATHWAY = 100
LIST_LIMIT = 15
CARD_LIMIT = 3
"""Engagements shown on a partner's card (each with its buttons)."""
HOSTING = (
    EngagementKind.INTERNSHIP,
    EngagementKind.JOB_SHADOW,
    EngagementKind.GUEST_SPEAKER,
    EngagementKind.MENTORING,
    EngagementKind.SITE_VISIT,
    EngagementKind.MOCK_INTERVIEWS,
    EngagementKind.CAREER_FAIR,
)
DEBRIEFED = (*HOSTING, EngagementKind.OTHER)
"""Kinds with students taking part: their owner is asked for a debrief afterwards."""
NEEDS_CHECK = (EngagementKind.MENTORING, EngagementKind.INTERNSHIP)
"""Kinds where adults work one-on-one with students: the host needs a valid background check."""
PLANNED = "planned"
HAPPENED = "happened"
CANCELLED = "cancelled"


@dataclass(frozen=True)
class NewEngagement:
    """An engagement as typed (validated on save)."""

    kind: EngagementKind
    starts_on: date
    ends_on: date
    student_count: int | None
    owner_user_id: str
    business_contact_id: int | None = None
    pathway: str | None = None
    label: str | None = None


@dataclass(frozen=True)
class EngagementView:
    """An engagement as the rest of the app sees it."""

    id: int
    partner_id: int
    partner_name: str
    kind: EngagementKind
    label: str | None
    starts_on: date
    ends_on: date
    student_count: int | None
    owner_user_id: str
    contact_name: str | None
    pathway: str | None
    debrief_outcome: DebriefOutcome | None
    students_came: int | None
    partner_feedback: str | None
    to_change: str | None
    debriefed_by: str | None
    debrief_follow_up_id: int | None
    created_by: str | None = None
    cancelled_at: datetime | None = None

    @property
    def debriefed(self) -> bool:
        """Whether the owner answered the debrief."""
        return self.debrief_outcome is not None

    def awaits_debrief(self, today: date) -> bool:
        """Whether it ended, has students to debrief, and was not debriefed yet."""
        return (
            self.ends_on < today
            and self.kind in DEBRIEFED
            and not self.debriefed
            and self.cancelled_at is None
        )

    @property
    def cancelled(self) -> bool:
        """Whether it was called off."""
        return self.cancelled_at is not None

    def status(self, today: date) -> str:
        """PLANNED, HAPPENED (its debrief saved, or its last day passed) or CANCELLED."""
        return status_of(
            cancelled=self.cancelled_at is not None,
            debriefed=self.debriefed,
            ends_on=self.ends_on,
            today=today,
        )


def status_of(*, cancelled: bool, debriefed: bool, ends_on: date, today: date) -> str:
    """An engagement's status: CANCELLED, HAPPENED (debriefed, or its last day passed), else
    PLANNED."""
    if cancelled:
        return CANCELLED
    if debriefed or ends_on < today:
        return HAPPENED
    return PLANNED


def _view(row: Engagement, partner_name: str) -> EngagementView:
    return EngagementView(
        row.id,
        row.partner_id,
        partner_name,
        row.kind,
        row.label,
        row.starts_on,
        row.ends_on,
        row.student_count,
        row.owner_user_id,
        row.contact_name,
        row.pathway,
        row.debrief_outcome,
        row.students_came,
        row.partner_feedback,
        row.to_change,
        row.debriefed_by,
        row.debrief_follow_up_id,
        row.created_by,
        row.cancelled_at,
    )


def _clean(text: str | None, limit: int, field: str, what: str) -> str | None:
    value = " ".join((text or "").split()) or None
    if value is not None and len(value) > limit:
        raise InvalidInput(field, f"Keep the {what} under {limit} characters.")
    return value


def check_engagement(new: NewEngagement) -> NewEngagement:
    """The engagement with its text tidied; InvalidInput saying what is wrong otherwise."""
    if new.ends_on < new.starts_on:
        raise InvalidInput(
            "ends_on",
            f"It ends ({new.ends_on:%b %d, %Y}) before it starts ({new.starts_on:%b %d, %Y}).",
        )
    if (new.ends_on - new.starts_on).days >= MAX_DAYS:
        raise InvalidInput("ends_on", "An engagement can run for at most a year.")
    if new.student_count is not None and not 0 <= new.student_count <= MAX_STUDENTS:
        raise InvalidInput("students", f"The number of students is between 0 and {MAX_STUDENTS:,}.")
    label = _clean(new.label, MAX_LABEL, "label", "description")
    pathway = _clean(new.pathway, MAX_PATHWAY, "pathway", "pathway")
    if new.kind is EngagementKind.OTHER and label is None:
        raise InvalidInput("label", "Say what it was, e.g. `other: resume workshop`.")
    return NewEngagement(
        new.kind,
        new.starts_on,
        new.ends_on,
        new.student_count,
        new.owner_user_id,
        new.business_contact_id,
        pathway,
        label,
    )


def dedupe_key(partner_id: int, new: NewEngagement) -> str:
    text = "|".join(
        (
            str(partner_id),
            new.kind.value,
            new.starts_on.isoformat(),
            new.ends_on.isoformat(),
            (new.label or "").casefold(),
        )
    )
    return hashlib.sha256(text.encode()).hexdigest()


def record_engagement(
    session: Session, team_id: str, partner_id: int, new: NewEngagement, *, by: str, now: datetime
) -> tuple[EngagementView, bool]:
    """Store an engagement; returns it and whether it is new (False: the same partner, kind,
    dates and description were already recorded, and nothing changed)."""
    new = check_engagement(new)
    partner = session.get(Partner, partner_id)
    if partner is None or partner.team_id != team_id:
        raise NotFound(f"partner {partner_id}")
    contact = (
        session.get(BusinessContact, new.business_contact_id) if new.business_contact_id else None
    )
    if contact is not None and (contact.team_id != team_id or contact.partner_id != partner_id):
        raise InvalidInput("contact", "That host contact is not one of this partner's contacts.")
    ensure_staff(session, team_id, new.owner_user_id, now)
    key = dedupe_key(partner_id, new)
    new_id = insert_unless_exists(
        session,
        Engagement,
        {
            "team_id": team_id,
            "partner_id": partner_id,
            "kind": new.kind,
            "label": new.label,
            "starts_on": new.starts_on,
            "ends_on": new.ends_on,
            "student_count": new.student_count,
            "business_contact_id": contact.id if contact else None,
            "contact_name": contact.name if contact else None,
            "owner_user_id": new.owner_user_id,
            "pathway": new.pathway,
            "dedupe_key": key,
            "created_by": by,
            "created_at": now,
        },
    )
    row = session.scalars(
        select(Engagement).where(Engagement.team_id == team_id, Engagement.dedupe_key == key)
    ).one()
    return _view(row, partner.name), new_id is not None


def get_engagement(session: Session, team_id: str, engagement_id: int) -> EngagementView:
    """One engagement of this workspace; raises NotFound."""
    row = session.get(Engagement, engagement_id)
    if row is None or row.team_id != team_id:
        raise NotFound(f"engagement {engagement_id}")
    session.refresh(row)
    name = session.scalar(select(Partner.name).where(Partner.id == row.partner_id)) or "?"
    return _view(row, name)


def _listed(
    session: Session, *where: ColumnElement[bool], newest_first: bool, limit: int | None
) -> list[EngagementView]:
    order = (
        (Engagement.starts_on.desc(), Engagement.id.desc())
        if newest_first
        else (Engagement.starts_on, Engagement.id)
    )
    query = (
        select(Engagement, Partner.name)
        .join(Partner, Partner.id == Engagement.partner_id)
        .where(*where)
        .order_by(*order)
    )
    if limit is not None:
        query = query.limit(limit)
    return [_view(row, name) for row, name in session.execute(query)]


def _count(session: Session, *where: ColumnElement[bool]) -> int:
    query = (
        select(func.count())
        .select_from(Engagement)
        .join(Partner, Partner.id == Engagement.partner_id)
    )
    return int(session.scalar(query.where(*where)) or 0)


def list_engagements(
    session: Session,
    team_id: str,
    *,
    today: date,
    when: str,
    partner_id: int | None = None,
    limit: int = LIST_LIMIT,
) -> tuple[list[EngagementView], int]:
    """Engagements of partners not archived: `when` is "upcoming" (not ended yet, soonest
    first), "past" (ended, latest first) or "all" (latest first); only one partner's when
    given. Returns at most `limit` and how many there are in all."""
    where: list[ColumnElement[bool]] = [Engagement.team_id == team_id]
    if partner_id is not None:
        where.append(Engagement.partner_id == partner_id)
    else:
        where.append(Partner.archived_at.is_(None))
    if when == "upcoming":
        where.append(Engagement.ends_on >= today)
    elif when == "past":
        where.append(Engagement.ends_on < today)
    found = _listed(session, *where, newest_first=when != "upcoming", limit=limit)
    return found, _count(session, *where)


def partner_engagements(
    session: Session, team_id: str, partner_id: int, *, limit: int = 5
) -> tuple[list[EngagementView], int]:
    """A partner's latest engagements (for its card) and how many it has."""
    where = (Engagement.team_id == team_id, Engagement.partner_id == partner_id)
    return _listed(session, *where, newest_first=True, limit=limit), _count(session, *where)


def home_engagements(
    session: Session, team_id: str, user_id: str, *, today: date, days_ahead: int = 30
) -> list[EngagementView]:
    """The person's engagements for their Home: those awaiting their debrief, then those
    running now or in the next `days_ahead` days."""
    waiting = _listed(
        session,
        Engagement.team_id == team_id,
        Engagement.owner_user_id == user_id,
        Engagement.debrief_sent_at.is_not(None),
        Engagement.debrief_outcome.is_(None),
        Engagement.cancelled_at.is_(None),
        newest_first=True,
        limit=10,
    )
    coming = _listed(
        session,
        Engagement.team_id == team_id,
        Engagement.owner_user_id == user_id,
        Engagement.ends_on >= today,
        Engagement.starts_on <= today + timedelta(days=days_ahead),
        Engagement.cancelled_at.is_(None),
        Partner.archived_at.is_(None),
        newest_first=False,
        limit=10,
    )
    return waiting + coming


def engagements_between(
    session: Session, team_id: str, start: date, end: date
) -> list[EngagementView]:
    """Engagements that began between `start` and `end` (both included), oldest first: the
    year-end report's."""
    return _listed(
        session,
        Engagement.team_id == team_id,
        Engagement.starts_on >= start,
        Engagement.starts_on <= end,
        newest_first=False,
        limit=None,
    )


# -- words ---------------------------------------------------------------------------------------


KIND_WORDS = {
    EngagementKind.INTERNSHIP: "internship",
    EngagementKind.JOB_SHADOW: "job shadow",
    EngagementKind.GUEST_SPEAKER: "guest speaker visit",
    EngagementKind.MENTORING: "mentoring",
    EngagementKind.SITE_VISIT: "site visit",
    EngagementKind.MOCK_INTERVIEWS: "mock interviews",
    EngagementKind.CAREER_FAIR: "career fair",
    EngagementKind.ADVISORY_BOARD: "advisory board",
    EngagementKind.DONATION: "donation / sponsorship",
    EngagementKind.OTHER: "engagement",
}


def kind_words(kind: EngagementKind) -> str:
    """The kind as people say it ("job shadow")."""
    return KIND_WORDS[kind]


def span_text(view: EngagementView) -> str:
    """Its dates, short: "Dec 9" or "Jan 12 – Mar 6"."""
    first = f"{view.starts_on:%b} {view.starts_on.day}"
    if view.ends_on == view.starts_on:
        return first
    return f"{first} – {view.ends_on:%b} {view.ends_on.day}"
