"""A thank-you settles every win of the partner from before it: the open prompts for them are
closed as thanked, and a win from before the partner's last thank-you proposes no new one."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from storage.models import CelebrationPrompt, PromptStatus, ThankYou


def close_thanked_prompts(
    session: Session, team_id: str, partner_id: int, *, by: str, now: datetime
) -> int:
    """Close the partner's open prompts for wins up to the thank-you's day (proposed before
    it) as thanked by `by`; how many were closed."""
    result = session.execute(
        update(CelebrationPrompt)
        .where(
            CelebrationPrompt.team_id == team_id,
            CelebrationPrompt.partner_id == partner_id,
            CelebrationPrompt.status == PromptStatus.OPEN,
            CelebrationPrompt.happened_on <= now.date(),
            CelebrationPrompt.created_at <= now,
        )
        .values(status=PromptStatus.THANKED, resolved_by=by, resolved_at=now)
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)


def thanked_after(session: Session, team_id: str, partner_id: int, happened_on: date) -> bool:
    """Whether the partner was thanked on a later day than `happened_on` (the win is settled)."""
    last = session.scalar(
        select(func.max(ThankYou.thanked_at)).where(
            ThankYou.team_id == team_id, ThankYou.partner_id == partner_id
        )
    )
    return last is not None and last.date() > happened_on
