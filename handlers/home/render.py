"""Block Kit for the App Home. Pure."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    DividerBlock,
    HeaderBlock,
    PlainTextObject,
)
from slack_sdk.models.views import View

from handlers.celebrations.sections import IN_HOME, prompt_lines
from handlers.common.blocks import (
    VIEW_BLOCK_LIMIT,
    BlockDict,
    Blocks,
    dicts,
    fit,
    more_line,
    section,
)
from handlers.contact_log.sections import log_contact_button
from handlers.engagements.sections import home_blocks as engagement_items
from handlers.follow_ups.sections import home_item
from handlers.partners.sections import add_partner_button, cold_blocks
from handlers.people.sections import unowned_blocks
from storage.celebrations import PromptView
from storage.engagements import EngagementView
from storage.partners.cadence import ColdPartner
from storage.records import FollowUpView, PartnerView

CELEBRATIONS_SHOWN = 10


def render_home(
    *,
    today: date,
    overdue: Sequence[FollowUpView],
    due_today: Sequence[FollowUpView],
    upcoming: Sequence[FollowUpView],
    cold: Sequence[ColdPartner],
    not_loaded: int = 0,
    unowned: Sequence[PartnerView] = (),
    engagements: Sequence[EngagementView] = (),
    celebrations: Sequence[PromptView] = (),
) -> dict[str, Any]:
    """The App Home tab: my follow-ups, my partners going cold, quick actions. `not_loaded`
    counts follow-ups that were not even read from the database."""
    head: list[Block] = [
        HeaderBlock(text=PlainTextObject(text="Your partnerships")),
        ActionsBlock(
            block_id="home_actions",
            elements=[
                log_contact_button(None, where="home", text="Log a contact"),
                add_partner_button(),
            ],
        ),
        DividerBlock(),
    ]

    def items(fs: Sequence[FollowUpView]) -> list[Blocks]:
        return [home_item(f, today) for f in fs]

    sections: list[tuple[str, Sequence[Sequence[Block | BlockDict]]]] = [
        ("*⏰ Overdue*", items(overdue)),
        ("*📅 Due today*", items(due_today)),
        ("*🗓️ Next 7 days*", items(upcoming)),
        ("*🤝 Your engagements*", engagement_items(engagements, today)),
        ("*🧊 Your partners going cold*", [cold_blocks(c) for c in cold]),
        (
            "*🧭 Partners that need a new owner*",
            [[b] for b in unowned_blocks(unowned, {p.owner_user_id or "" for p in unowned})],
        ),
    ]
    cheers, cheers_left = prompt_lines(list(celebrations), IN_HOME, CELEBRATIONS_SHOWN + 1)
    body, left_out = fit(sections, VIEW_BLOCK_LIMIT - len(head) - 2 - len(cheers))
    blocks = dicts(head) + body
    if not body and not cheers:
        blocks.append(section("🎉 Nothing due and nobody going cold. Nice work."))
    blocks += more_line(
        left_out + not_loaded + cheers_left,
        " not shown, due later — mark some done or snooze them to make room.",
    )
    view = View(type="home", blocks=blocks).to_dict()
    view["blocks"][len(head) : len(head)] = cheers  # celebrations to post come first
    return view
