"""Changing an engagement after it was recorded: edit, cancel, remove (only one recorded by
mistake: still planned, no debrief), assign to another owner. Only its author, its owner or a
program lead may; every change is kept in the partner's history with who and when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, delete, select, update
from sqlalchemy.orm import Session

from storage.engagements import (
    PLANNED,
    EngagementView,
    NewEngagement,
    check_engagement,
    dedupe_key,
    get_engagement,
    kind_words,
    span_text,
)
from storage.errors import InvalidInput
from storage.models import (
    BusinessContact,
    CelebrationPrompt,
    Engagement,
    FollowUp,
    FollowUpStatus,
    PromptStatus,
)
from storage.people.handoff_work import ENGAGEMENT
from storage.people.history import record_change
from storage.people.leads import check_lead
from storage.workspaces import ensure_staff

# What a change came to.
DONE = "done"
REFUSED = "refused"
"""Not its author, its owner nor a lead."""
ALREADY = "already"
"""Nothing to change: already cancelled, or already owned by that person."""
NOT_REMOVABLE = "not removable"
"""It happened, was debriefed or cancelled: cancel it instead (kept for the record)."""
CANCELLED_ONE = "cancelled one"
"""A cancelled engagement is not edited or reassigned."""


@dataclass(frozen=True)
class Change:
    """What a change came to (`kind`), the engagement after it (before, when refused or
    removed), and who may change it (for a refusal)."""

    kind: str
    view: EngagementView


def _its_open_prompts(team_id: str, engagement_id: int) -> tuple[ColumnElement[bool], ...]:
    """The open thank-you prompts an engagement (or its debrief) proposed."""
    return (
        CelebrationPrompt.team_id == team_id,
        CelebrationPrompt.source.in_(("engagement", "debrief")),
        CelebrationPrompt.source_id == engagement_id,
        CelebrationPrompt.status == PromptStatus.OPEN,
    )


def may_change(
    session: Session,
    team_id: str,
    view: EngagementView,
    by: str,
    *,
    slack_admin: bool | None,
    now: datetime,
) -> bool:
    """Its author, its owner or a program lead may change an engagement."""
    if by in (view.created_by, view.owner_user_id):
        return True
    return check_lead(session, team_id, by, slack_admin=slack_admin, now=now).is_lead


def _what(view: EngagementView) -> str:
    return f"{kind_words(view.kind)} of {span_text(view)}"


def _close_pending(
    session: Session, team_id: str, view: EngagementView, *, by: str, now: datetime
) -> None:
    """An engagement that will not happen: its open debrief follow-up closed as cancelled and
    its open celebration prompts withdrawn."""
    if view.debrief_follow_up_id is not None:
        session.execute(
            update(FollowUp)
            .where(
                FollowUp.id == view.debrief_follow_up_id,
                FollowUp.team_id == team_id,
                FollowUp.status == FollowUpStatus.OPEN,
            )
            .values(status=FollowUpStatus.CANCELLED, closed_by=by, closed_at=now)
            .execution_options(synchronize_session=False)
        )
    session.execute(
        delete(CelebrationPrompt)
        .where(
            *_its_open_prompts(team_id, view.id),
        )
        .execution_options(synchronize_session=False)
    )


def cancel(
    session: Session, team_id: str, view: EngagementView, *, by: str, now: datetime
) -> Change:
    """Call it off: kept, shown as cancelled, never debriefed, prompted or counted."""
    if view.cancelled:
        return Change(ALREADY, view)
    session.execute(
        update(Engagement)
        .where(Engagement.id == view.id, Engagement.cancelled_at.is_(None))
        .values(cancelled_at=now, cancelled_by=by)
        .execution_options(synchronize_session=False)
    )
    _close_pending(session, team_id, view, by=by, now=now)
    record_change(
        session,
        team_id,
        view.partner_id,
        ENGAGEMENT,
        f"cancelled the {_what(view)}",
        by=by,
        now=now,
    )
    return Change(DONE, get_engagement(session, team_id, view.id))


def remove(
    session: Session, team_id: str, view: EngagementView, *, by: str, today: date, now: datetime
) -> Change:
    """Delete one recorded by mistake: still planned, never asked for a debrief."""
    if view.status(today) != PLANNED:
        return Change(NOT_REMOVABLE, view)
    _close_pending(session, team_id, view, by=by, now=now)
    session.execute(
        delete(Engagement)
        .where(Engagement.id == view.id, Engagement.team_id == team_id)
        .execution_options(synchronize_session=False)
    )
    record_change(
        session,
        team_id,
        view.partner_id,
        ENGAGEMENT,
        f"removed the {_what(view)} (recorded by mistake)",
        by=by,
        now=now,
    )
    return Change(DONE, view)


def assign(
    session: Session, team_id: str, view: EngagementView, to_user: str, *, by: str, now: datetime
) -> Change:
    """Give it to `to_user`, with its open debrief follow-up and celebration prompts."""
    if view.cancelled:
        return Change(CANCELLED_ONE, view)
    if view.owner_user_id == to_user:
        return Change(ALREADY, view)
    ensure_staff(session, team_id, to_user, now)
    session.execute(
        update(Engagement)
        .where(Engagement.id == view.id)
        .values(owner_user_id=to_user)
        .execution_options(synchronize_session=False)
    )
    if view.debrief_follow_up_id is not None:
        session.execute(
            update(FollowUp)
            .where(
                FollowUp.id == view.debrief_follow_up_id,
                FollowUp.status == FollowUpStatus.OPEN,
            )
            .values(owner_user_id=to_user)
            .execution_options(synchronize_session=False)
        )
    session.execute(
        update(CelebrationPrompt)
        .where(
            *_its_open_prompts(team_id, view.id),
        )
        .values(owner_user_id=to_user)
        .execution_options(synchronize_session=False)
    )
    record_change(
        session,
        team_id,
        view.partner_id,
        ENGAGEMENT,
        f"{_what(view)}: owner <@{view.owner_user_id}> → <@{to_user}>",
        by=by,
        now=now,
    )
    return Change(DONE, get_engagement(session, team_id, view.id))


def edit(
    session: Session,
    team_id: str,
    view: EngagementView,
    wanted: NewEngagement,
    *,
    by: str,
    now: datetime,
) -> Change:
    """Change what it was, when, for how many, with whom, owned by whom."""
    if view.cancelled:
        return Change(CANCELLED_ONE, view)
    wanted = check_engagement(wanted)
    contact = (
        session.get(BusinessContact, wanted.business_contact_id)
        if wanted.business_contact_id
        else None
    )
    if contact is not None and (
        contact.team_id != team_id or contact.partner_id != view.partner_id
    ):
        raise InvalidInput("contact", "That host contact is not one of this partner's contacts.")
    key = dedupe_key(view.partner_id, wanted)
    clash = session.scalar(
        select(Engagement.id).where(
            Engagement.team_id == team_id, Engagement.dedupe_key == key, Engagement.id != view.id
        )
    )
    if clash is not None:
        raise InvalidInput("kind", "That partner already has the same engagement on those days.")
    ensure_staff(session, team_id, wanted.owner_user_id, now)
    session.execute(
        update(Engagement)
        .where(Engagement.id == view.id)
        .values(
            kind=wanted.kind,
            label=wanted.label,
            starts_on=wanted.starts_on,
            ends_on=wanted.ends_on,
            student_count=wanted.student_count,
            business_contact_id=contact.id if contact else None,
            contact_name=contact.name if contact else None,
            pathway=wanted.pathway,
            dedupe_key=key,
        )
        .execution_options(synchronize_session=False)
    )
    after = get_engagement(session, team_id, view.id)
    if wanted.owner_user_id != view.owner_user_id:
        after = assign(session, team_id, after, wanted.owner_user_id, by=by, now=now).view
    record_change(
        session,
        team_id,
        view.partner_id,
        ENGAGEMENT,
        f"edited the {_what(view)}: now {_what(after)}",
        by=by,
        now=now,
    )
    return Change(DONE, after)
