"""Debriefs: which engagements are due one (ended, not asked yet, the owner still here), the
follow-up that keeps it on the owner's list until answered, and saving the answers on the
engagement (closing the follow-up, proposing a win when it went great or fine)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from storage.celebrations import propose_win
from storage.engagement_wins import win_headline
from storage.engagements import (
    DEBRIEFED,
    MAX_STUDENTS,
    EngagementView,
    get_engagement,
    kind_words,
    span_text,
)
from storage.errors import InvalidInput
from storage.follow_ups import NewFollowUp, complete_follow_up, create_follow_up
from storage.models import (
    CelebrationPrompt,
    DebriefOutcome,
    Engagement,
    FollowUp,
    FollowUpStatus,
    Partner,
    Staff,
)

MAX_ANSWER = 2000
DEBRIEF_LOOK_BACK = timedelta(days=14)
"""Engagements that ended longer ago than this are not debriefed by DM (recorded late)."""


@dataclass(frozen=True)
class DebriefAnswers:
    """What the owner says afterwards."""

    outcome: DebriefOutcome
    students_came: int | None
    partner_feedback: str | None
    to_change: str | None


@dataclass(frozen=True)
class DebriefDue:
    """An engagement whose debrief DM may be due, with its owner's morning preferences."""

    team_id: str
    engagement_id: int
    owner_user_id: str
    ends_on: date
    digest_time: time


def due_debriefs(session: Session, *, today: date) -> list[DebriefDue]:
    """Engagements ended before `today` (and not too long ago) whose debrief was neither sent
    nor answered, whose owner has not left, in every workspace."""
    rows = session.execute(
        select(
            Engagement.team_id,
            Engagement.id,
            Engagement.owner_user_id,
            Engagement.ends_on,
            Staff.digest_time,
        )
        .join(
            Staff,
            (Staff.team_id == Engagement.team_id) & (Staff.user_id == Engagement.owner_user_id),
        )
        .join(Partner, Partner.id == Engagement.partner_id)
        .where(
            Engagement.debrief_sent_at.is_(None),
            Engagement.debrief_outcome.is_(None),
            Engagement.cancelled_at.is_(None),
            Engagement.kind.in_(DEBRIEFED),
            Engagement.ends_on < today,
            Engagement.ends_on >= today - DEBRIEF_LOOK_BACK,
            Staff.deactivated_at.is_(None),
            Partner.archived_at.is_(None),
        )
        .order_by(Engagement.id)
    )
    return [DebriefDue(t, i, u, e, d) for t, i, u, e, d in rows]


def debrief_follow_up(
    session: Session, team_id: str, engagement_id: int, *, today: date, tz: ZoneInfo, now: datetime
) -> int:
    """The follow-up that keeps the debrief on its owner's list until answered: created once
    (call inside the debrief's send claim)."""
    view = get_engagement(session, team_id, engagement_id)
    if view.debrief_follow_up_id is not None:
        return view.debrief_follow_up_id
    note = f"Debrief the {kind_words(view.kind)} with {view.partner_name} ({span_text(view)})"
    created = create_follow_up(
        session,
        team_id,
        view.partner_id,
        NewFollowUp(view.owner_user_id, today, None, note, tz),
        now=now,
        created_by=None,
        source="debrief",
    )
    session.execute(
        update(Engagement)
        .where(Engagement.id == engagement_id)
        .values(debrief_follow_up_id=created.id)
        .execution_options(synchronize_session=False)
    )
    return created.id


def mark_debrief_sent(session: Session, engagement_id: int, *, now: datetime) -> None:
    """Record that the debrief DM went out."""
    session.execute(
        update(Engagement)
        .where(Engagement.id == engagement_id)
        .values(debrief_sent_at=now)
        .execution_options(synchronize_session=False)
    )


def _proposed(session: Session, team_id: str, engagement_id: int) -> bool:
    """Whether recording the engagement already proposed its win (one thank-you per event)."""
    found = session.scalar(
        select(CelebrationPrompt.id).where(
            CelebrationPrompt.team_id == team_id,
            CelebrationPrompt.source == "engagement",
            CelebrationPrompt.source_id == engagement_id,
        )
    )
    return found is not None


def save_debrief(
    session: Session,
    team_id: str,
    engagement_id: int,
    answers: DebriefAnswers,
    *,
    by: str,
    today: date,
    now: datetime,
) -> tuple[EngagementView, bool]:
    """Keep the debrief's answers on the engagement (answering again corrects them), close its
    follow-up, and propose a thank-you when it went great or fine. Returns the engagement and
    whether this was the first answer."""
    if answers.students_came is not None and not 0 <= answers.students_came <= MAX_STUDENTS:
        raise InvalidInput("students", f"The number of students is between 0 and {MAX_STUDENTS:,}.")
    feedback = (answers.partner_feedback or "").strip() or None
    change = (answers.to_change or "").strip() or None
    for value, field in ((feedback, "feedback"), (change, "change")):
        if value is not None and len(value) > MAX_ANSWER:
            raise InvalidInput(field, f"Keep each answer under {MAX_ANSWER:,} characters.")
    before = get_engagement(session, team_id, engagement_id)
    if before.cancelled:
        raise InvalidInput("outcome", "That engagement was cancelled: it needs no debrief.")
    session.execute(
        update(Engagement)
        .where(Engagement.id == engagement_id, Engagement.team_id == team_id)
        .values(
            debrief_outcome=answers.outcome,
            students_came=answers.students_came,
            partner_feedback=feedback,
            to_change=change,
            debriefed_by=by,
            debriefed_at=now,
        )
        .execution_options(synchronize_session=False)
    )
    view = get_engagement(session, team_id, engagement_id)
    follow_up = view.debrief_follow_up_id
    if follow_up is not None:
        status = session.scalar(select(FollowUp.status).where(FollowUp.id == follow_up))
        if status is FollowUpStatus.OPEN:
            complete_follow_up(session, team_id, follow_up, by=by, now=now)
    if answers.outcome in (DebriefOutcome.GREAT, DebriefOutcome.FINE) and not _proposed(
        session, team_id, view.id
    ):
        headline = win_headline(view, today=today, students=answers.students_came, went_well=True)
        if headline is not None:
            propose_win(
                session,
                team_id=team_id,
                partner_id=view.partner_id,
                owner_user_id=view.owner_user_id,
                headline=headline,
                source="debrief",
                source_id=view.id,
                happened_on=view.ends_on,
                now=now,
            )
    return view, not before.debriefed
