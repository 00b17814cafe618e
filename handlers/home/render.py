"""Block Kit for the App Home, laid out from what the features' parts add. Pure."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    DividerBlock,
    HeaderBlock,
    PlainTextObject,
)
from slack_sdk.models.views import View

from handlers.common.blocks import VIEW_BLOCK_LIMIT, dicts, fit, more_line, section
from handlers.common.home_parts import HomeAdds


def render_home(adds: Sequence[HomeAdds]) -> dict[str, Any]:
    """The App Home tab: a header, the parts' quick actions, what they show first, then their
    lists within the view's block limit, and how many items were not shown."""
    head: list[Block] = [HeaderBlock(text=PlainTextObject(text="Your partnerships"))]
    buttons = [b for a in adds for b in a.buttons]
    if buttons:
        head.append(ActionsBlock(block_id="home_actions", elements=buttons))
    head.append(DividerBlock())
    first = [b for a in adds for b in a.first]
    sections = [s for a in adds for s in a.sections]
    summaries = [s for a in adds for s in a.summaries]
    budget = VIEW_BLOCK_LIMIT - len(head) - 2 - len(first)
    body, left_out = fit(sections + summaries, budget)
    blocks = dicts(head)
    if not any(items for _, items in sections) and not first:
        blocks.append(section("🎉 Nothing due and nobody going cold. Nice work."))
    blocks += body
    blocks += more_line(
        left_out + sum(a.not_shown for a in adds),
        " not shown, due later — mark some done or snooze them to make room.",
    )
    view = View(type="home", blocks=blocks).to_dict()
    view["blocks"][len(head) : len(head)] = first  # e.g. celebrations to post come first
    return view
