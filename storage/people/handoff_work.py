"""What else a handoff moves besides partners and follow-ups: the giver's engagements still to
come or waiting for a debrief (their debrief follow-ups move with the follow-ups), and their
open celebration prompts. Each moves only while the giver still owns it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import ColumnElement, func, insert, or_, select, update
from sqlalchemy.orm import Session

from storage.debriefs import DEBRIEF_LOOK_BACK
from storage.engagements import kind_words
from storage.models import CelebrationPrompt, Engagement, OwnershipChange, PromptStatus
from storage.people.history import record_change

ENGAGEMENT = "engagement"
"""The history kind of a change to one of a partner's engagements."""


def _engagement_scope(
    team_id: str, from_user: str, partner_ids: Sequence[int] | None, today: date
) -> list[ColumnElement[bool]]:
    where = [
        Engagement.team_id == team_id,
        Engagement.owner_user_id == from_user,
        Engagement.cancelled_at.is_(None),
        Engagement.debrief_outcome.is_(None),
        or_(
            Engagement.ends_on >= today - DEBRIEF_LOOK_BACK,
            Engagement.debrief_sent_at.is_not(None),
        ),
    ]
    if partner_ids is not None:
        where.append(Engagement.partner_id.in_(list(partner_ids)))
    return where


def _prompt_scope(
    team_id: str, from_user: str, partner_ids: Sequence[int] | None
) -> list[ColumnElement[bool]]:
    where = [
        CelebrationPrompt.team_id == team_id,
        CelebrationPrompt.owner_user_id == from_user,
        CelebrationPrompt.status == PromptStatus.OPEN,
    ]
    if partner_ids is not None:
        where.append(CelebrationPrompt.partner_id.in_(list(partner_ids)))
    return where


def count_work(
    session: Session, team_id: str, from_user: str, partner_ids: Sequence[int] | None, today: date
) -> tuple[int, int]:
    """How many engagements and open celebration prompts a handoff would move."""
    engagements = session.scalar(
        select(func.count())
        .select_from(Engagement)
        .where(*_engagement_scope(team_id, from_user, partner_ids, today))
    )
    prompts = session.scalar(
        select(func.count())
        .select_from(CelebrationPrompt)
        .where(*_prompt_scope(team_id, from_user, partner_ids))
    )
    return int(engagements or 0), int(prompts or 0)


def move_work(
    session: Session,
    team_id: str,
    from_user: str,
    to_user: str,
    partner_ids: Sequence[int] | None,
    *,
    today: date,
    by: str,
    now: datetime,
) -> tuple[int, int]:
    """Give `to_user` the engagements and open prompts `from_user` still holds (on
    `partner_ids`, or all), each engagement kept in its partner's history; how many moved."""
    moved = session.execute(
        update(Engagement)
        .where(*_engagement_scope(team_id, from_user, partner_ids, today))
        .values(owner_user_id=to_user)
        .returning(Engagement.partner_id, Engagement.kind, Engagement.starts_on)
        .execution_options(synchronize_session=False)
    ).all()
    for partner_id, kind, starts_on in moved:
        record_change(
            session,
            team_id,
            partner_id,
            ENGAGEMENT,
            f"{kind_words(kind)} of {starts_on:%b} {starts_on.day}: owner <@{from_user}> → "
            f"<@{to_user}> (handoff)",
            by=by,
            now=now,
        )
    prompts = session.execute(
        update(CelebrationPrompt)
        .where(*_prompt_scope(team_id, from_user, partner_ids))
        .values(owner_user_id=to_user)
        .returning(CelebrationPrompt.id)
        .execution_options(synchronize_session=False)
    ).all()
    return len(moved), len(prompts)


def record_ownership_changes(
    session: Session,
    team_id: str,
    partner_ids: Sequence[int],
    from_user: str,
    to_user: str,
    *,
    by: str,
    reason: str,
    now: datetime,
) -> None:
    """One ownership-history row per partner handed over."""
    if not partner_ids:
        return
    why = f"handoff: {reason}"[:200] if reason else "handoff"
    session.execute(
        insert(OwnershipChange),
        [
            {
                "team_id": team_id,
                "partner_id": pid,
                "from_user_id": from_user,
                "to_user_id": to_user,
                "changed_by": by,
                "reason": why,
                "changed_at": now,
            }
            for pid in partner_ids
        ],
    )
