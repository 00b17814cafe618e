"""What other features and the composers may show or use of celebrations: a prompt (to post a
thank-you) in a DM, a digest or the App Home; the weekly nudge's items with their "I'll thank
them" button; and reading a logged contact as a win worth a thank-you."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from handlers.celebrations import ids
from handlers.celebrations.grammar import reads_as_win
from handlers.celebrations.privacy import names_beside_student_words
from handlers.celebrations.render import (
    button,
    dated,
    prompt_blocks,
    prompt_line,
    prompt_question,
)
from handlers.common.blocks import SECTION_TEXT_LIMIT, Blocks
from handlers.common.mrkdwn import clip, day, quote
from storage.celebrations import FROM_CONTACT, PromptView, propose_win, withdraw_win
from storage.records import PartnerView

__all__ = [
    "IN_DIGEST",
    "IN_DM",
    "IN_HOME",
    "names_beside_student_words",
    "partner_item",
    "prompt_blocks",
    "prompt_lines",
    "prompt_question",
    "propose_contact_win",
    "reads_as_win",
    "win_item",
    "withdraw_contact_win",
]

IN_DM, IN_DIGEST, IN_HOME = ids.IN_DM, ids.IN_DIGEST, ids.IN_HOME


def prompt_lines(prompts: list[PromptView], where: str, budget: int) -> tuple[Blocks, int]:
    """A titled "Celebrations to post" list within `budget` blocks, and how many did not fit."""
    if not prompts or budget < 2:
        return [], len(prompts)
    title = {"type": "section", "text": {"type": "mrkdwn", "text": "*🎉 Celebrations to post*"}}
    items = [b for p in prompts[: budget - 1] for b in prompt_line(p, where)]
    return [title, *items], len(prompts) - len(items)


def _item(block_id: str, text: str, value: str) -> dict[str, Any]:
    return {
        "type": "section",
        "block_id": block_id,
        "text": {"type": "mrkdwn", "text": clip(text, SECTION_TEXT_LIMIT)},
        "accessory": button("I'll thank them", ids.TAKE, value),
    }


def win_item(prompt: PromptView) -> dict[str, Any]:
    """A win of the week not yet celebrated, in the weekly nudge."""
    text = f"• {quote(dated(prompt), 300)} · _{day(prompt.happened_on)}_"
    return _item(f"{ids.NUDGE_BLOCK}:w:{prompt.id}", text, f"w:{prompt.id}")


def partner_item(partner: PartnerView, today: date) -> dict[str, Any]:
    """An active partner nobody thanked lately, in the weekly nudge."""
    if partner.last_thanked_at is None:
        when = "never thanked with partnerbot"
    else:
        when = f"last thanked {day(partner.last_thanked_at.date())}"
    text = f"• *{quote(partner.name, 150)}* — {when}"
    return _item(f"{ids.NUDGE_BLOCK}:p:{partner.id}", text, f"p:{partner.id}")


def propose_contact_win(
    session: Session,
    *,
    team_id: str,
    partner_id: int,
    partner_name: str,
    owner_user_id: str,
    interaction_id: int,
    summary: str,
    happened_on: date,
    now: datetime,
) -> int | None:
    """When a logged contact reads as a win ("hosted 12 students…"), propose a thank-you to
    `owner_user_id`; the prompt's id, or None (no win, or already proposed for this contact)."""
    win = reads_as_win(summary)
    if win is None:
        return None
    return propose_win(
        session,
        team_id=team_id,
        partner_id=partner_id,
        owner_user_id=owner_user_id,
        headline=f"{partner_name} {win}",
        source=FROM_CONTACT,
        source_id=interaction_id,
        happened_on=happened_on,
        now=now,
    )


def withdraw_contact_win(session: Session, *, team_id: str, interaction_id: int) -> bool:
    """A contact was undone: forget the thank-you prompt it proposed (and so its text)."""
    return withdraw_win(session, team_id=team_id, source=FROM_CONTACT, source_id=interaction_id)
