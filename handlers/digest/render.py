"""Block Kit for the morning digest. Pure."""

from __future__ import annotations

from slack_sdk.models.blocks import (
    Block,
    ContextBlock,
    HeaderBlock,
    MarkdownTextObject,
    PlainTextObject,
)

from handlers.common.blocks import MESSAGE_BLOCK_LIMIT, Blocks, dicts, fit, more_line
from handlers.common.mrkdwn import day
from handlers.follow_ups.ids import ORIGIN_DIGEST
from handlers.follow_ups.sections import follow_up_blocks
from handlers.partners.sections import cold_blocks
from handlers.people.sections import unowned_blocks
from storage.digest import Digest


def render_digest(digest: Digest) -> tuple[str, Blocks]:
    """The morning DM: overdue, due today and going-cold partners, each with its buttons."""
    today = digest.local_date
    counts = []
    if digest.overdue_total:
        counts.append(f"{digest.overdue_total} overdue")
    if digest.today_total:
        counts.append(f"{digest.today_total} due today")
    if digest.going_cold:
        counts.append(f"{len(digest.going_cold)} going cold")
    if digest.needs_owner:
        counts.append(f"{len(digest.needs_owner)} need a new owner")
    summary = ", ".join(counts) or "nothing due"
    head: list[Block] = [
        HeaderBlock(text=PlainTextObject(text=f"Good morning — {day(today)}")),
        ContextBlock(elements=[MarkdownTextObject(text=f"Your partners today: {summary}.")]),
    ]
    sections = [
        ("*⏰ Overdue*", [follow_up_blocks(f, today, ORIGIN_DIGEST) for f in digest.overdue]),
        ("*📅 Due today*", [follow_up_blocks(f, today, ORIGIN_DIGEST) for f in digest.today]),
        ("*🧊 Going cold*", [cold_blocks(c) for c in digest.going_cold]),
        ("*🧭 Need a new owner*", [[b] for b in unowned_blocks(digest.needs_owner, _gone(digest))]),
    ]
    body, left_out = fit(sections, MESSAGE_BLOCK_LIMIT - len(head) - 1)
    left_out += digest.overdue_total - len(digest.overdue) + digest.today_total - len(digest.today)
    blocks = head + body + more_line(left_out, " — see partnerbot's *Home* tab.")
    return f"partnerbot: {summary}", dicts(blocks)


def _gone(digest: Digest) -> set[str]:
    """Owners of partners that need a new one: every owner named there has left."""
    return {p.owner_user_id for p in digest.needs_owner if p.owner_user_id}
