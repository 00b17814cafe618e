"""Block Kit for a partner's contact history, each entry with Edit / Undo, and what an undo
removed. Pure functions."""

from __future__ import annotations

from collections.abc import Sequence
from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    MarkdownTextObject,
    SectionBlock,
)

from handlers.common.blocks import Blocks, dicts
from handlers.common.mrkdwn import clip, link, local_day, quote, user
from handlers.contact_log import ids
from handlers.contact_log.sections import KIND_LABELS
from storage.records import InteractionView, PartnerView

HISTORY_PAGE = 10
"""Entries on one page of a contact history."""


def render_history(
    partner: PartnerView,
    entries: Sequence[InteractionView],
    *,
    offset: int,
    total: int,
    page_size: int,
    tz: ZoneInfo,
    notice: str = "",
) -> Blocks:
    """One page of a partner's contact log, newest first, each entry with Edit / Undo, and
    Older / Newer buttons; `notice`: a line above the entries (what was just undone)."""
    blocks: list[Block] = [
        SectionBlock(text=f"*Contact history — {quote(partner.name, 120)}* ({total})")
    ]
    if notice:
        blocks.append(SectionBlock(text=notice))
    if not entries:
        blocks.append(SectionBlock(text="_No contacts logged yet._"))
    for entry in entries:
        shown = link(entry.permalink, "message")
        to_message = f" · {shown}" if shown else ""
        blocks.append(
            SectionBlock(
                text=clip(
                    f"*{local_day(entry.occurred_at, tz)}* · {KIND_LABELS[entry.kind]} · "
                    f"{user(entry.user_id)}{to_message}\n{quote(entry.summary, 1500)}",
                    3000,
                )
            )
        )
        blocks.append(
            ActionsBlock(
                block_id=f"contact_entry:{entry.id}",
                elements=[
                    ButtonElement(text="Edit", action_id=ids.CONTACT_EDIT, value=str(entry.id)),
                    ButtonElement(
                        text="Undo",
                        action_id=ids.CONTACT_HISTORY_UNDO,
                        value=f"{entry.id}:{offset}",
                    ),
                ],
            )
        )
    buttons = []
    if offset + page_size < total:
        buttons.append(
            ButtonElement(
                text="Older",
                action_id=f"{ids.CONTACT_HISTORY_PAGE}:older",
                value=f"{partner.id}:{offset + page_size}",
            )
        )
    if offset > 0:
        buttons.append(
            ButtonElement(
                text="Newer",
                action_id=f"{ids.CONTACT_HISTORY_PAGE}:newer",
                value=f"{partner.id}:{max(0, offset - page_size)}",
            )
        )
    if buttons:
        blocks.append(ActionsBlock(elements=buttons))
    blocks.append(
        ContextBlock(
            elements=[
                MarkdownTextObject(
                    text=f"Showing {offset + 1 if entries else 0}–{offset + len(entries)}"
                    f" of {total}"
                )
            ]
        )
    )
    return dicts(blocks)


def undone_text(entry: InteractionView, follow_up_removed: bool, tz: ZoneInfo) -> str:
    """What an undo removed, exactly: the entry, and its follow-up only when it had one."""
    what = f"the {entry.kind.value} with *{quote(entry.partner_name, 120)}*"
    when = f" ({local_day(entry.occurred_at, tz)})"
    if follow_up_removed:
        return f"↩️ Undone — {what} and its follow-up were removed{when}."
    return f"↩️ Undone — {what} was removed{when}."
