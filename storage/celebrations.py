"""Celebration prompts: wins someone should thank a partner for in public, proposed once per
source record (an engagement, a debrief, a logged contact), asked about at the owner's local
morning, and the thank-yous that close them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.db import insert_unless_exists
from storage.models import CelebrationPrompt, Partner, PromptStatus
from storage.workspaces import ensure_staff

MAX_HEADLINE = 300


@dataclass(frozen=True)
class PromptView:
    """A celebration prompt as the rest of the app sees it."""

    id: int
    team_id: str
    partner_id: int
    partner_name: str
    owner_user_id: str
    headline: str
    happened_on: date
    status: PromptStatus
    round: int
    asked_round: int
    ask_after: datetime
    resolved_by: str | None

    @classmethod
    def of(cls, row: CelebrationPrompt, partner_name: str) -> PromptView:
        """Copy the fields of an ORM row."""
        return cls(
            row.id,
            row.team_id,
            row.partner_id,
            partner_name,
            row.owner_user_id,
            row.headline,
            row.happened_on,
            row.status,
            row.round,
            row.asked_round,
            row.ask_after,
            row.resolved_by,
        )


def propose_win(
    session: Session,
    *,
    team_id: str,
    partner_id: int,
    owner_user_id: str,
    headline: str,
    source: str,
    source_id: int,
    happened_on: date,
    now: datetime,
) -> int | None:
    """Propose a thank-you for a win (`headline`, e.g. "Acme hosted 12 students for job shadow
    day"): its owner is asked at their next school-day morning. Idempotent on (workspace,
    source, source_id), under concurrency too: the new prompt's id, or None when that record
    already proposed one."""
    partner = session.get(Partner, partner_id)
    if partner is None or partner.team_id != team_id:
        return None
    ensure_staff(session, team_id, owner_user_id, now)
    text = " ".join(headline.split())[:MAX_HEADLINE] or f"{partner.name} helped our students"
    prompt_id = insert_unless_exists(
        session,
        CelebrationPrompt,
        {
            "team_id": team_id,
            "partner_id": partner_id,
            "owner_user_id": owner_user_id,
            "headline": text,
            "source": source[:20],
            "source_id": source_id,
            "happened_on": happened_on,
            "status": PromptStatus.OPEN,
            "round": 1,
            "asked_round": 0,
            "ask_after": now,
            "created_at": now,
        },
    )
    return int(prompt_id) if prompt_id is not None else None


def get_prompt(session: Session, team_id: str, prompt_id: int) -> PromptView | None:
    """The prompt with this id in this workspace, if there is one."""
    row = session.execute(
        select(CelebrationPrompt, Partner.name)
        .join(Partner, Partner.id == CelebrationPrompt.partner_id)
        .where(CelebrationPrompt.id == prompt_id, CelebrationPrompt.team_id == team_id)
    ).first()
    return PromptView.of(row[0], row[1]) if row else None
