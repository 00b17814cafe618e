"""Block Kit for follow-up lists and for a follow-up once it was acted on. Pure functions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    MarkdownTextObject,
    SectionBlock,
)

from handlers.common.blocks import MESSAGE_BLOCK_LIMIT, Blocks, dicts, fit, more_line
from handlers.common.mrkdwn import day, quote, user
from handlers.follow_ups import ids
from handlers.follow_ups.sections import due_words, follow_up_blocks
from storage.models import FollowUpStatus
from storage.records import FollowUpView

EMPTY = "_Nothing due. Add one with `/followup Acme fri send the thank-you letter`._"


def closed_line(f: FollowUpView, verb: str, *, block_id: str | None = None) -> list[Block]:
    """What replaces a follow-up's blocks once it was acted on; a done one keeps a Reopen
    button (`block_id`: where it is shown, as its buttons' block id said)."""
    text = f"{verb} — *{quote(f.partner_name, 120)}*: {quote(f.note, 200)}"
    line: list[Block] = [ContextBlock(elements=[MarkdownTextObject(text=text)])]
    if block_id is not None and f.status is FollowUpStatus.DONE:
        reopen = ButtonElement(text="Reopen", action_id=ids.FU_REOPEN, value=str(f.id))
        line.append(ActionsBlock(block_id=block_id, elements=[reopen]))
    return line


def state_line(f: FollowUpView, today: date, *, block_id: str | None = None) -> list[Block]:
    """An item acted on earlier, as it stands now: done (Reopen), cancelled, or open with its
    new date."""
    if f.status is FollowUpStatus.OPEN:
        return closed_line(f, f"📅 Now {due_words(f, today)} · {user(f.owner_user_id)}")
    state = "Done" if f.status is FollowUpStatus.DONE else f.status.value.capitalize()
    return closed_line(
        f,
        f"{'✅' if f.status is FollowUpStatus.DONE else '✖️'} {state} by {user(f.closed_by)}",
        block_id=block_id,
    )


def created_head(f: FollowUpView, user_id: str, *, repeat: bool = False) -> str:
    """The line above a follow-up just added with `/followup`."""
    whom = "you" if f.owner_user_id == user_id else user(f.owner_user_id)
    head = f"📌 Follow-up for {whom}, due {day(f.due_date)}"
    if f.due_time is not None:
        head += f" at {f.due_time:%H:%M}"
    if repeat:
        head += "\n_(already added — this was a repeat, nothing new was saved)_"
    return head


def replace_follow_up(blocks: Sequence[dict[str, Any]], follow_up_id: int, new: Blocks) -> Blocks:
    """`blocks` with one follow-up's blocks swapped for `new` (to update a message in place)."""
    out: Blocks = []
    inserted = False
    for block in blocks:
        block_id = str(block.get("block_id", ""))
        if block_id == f"{ids.FOLLOW_UP_TEXT}:{follow_up_id}" or block_id.startswith(
            f"{ids.FOLLOW_UP_BLOCK}:{follow_up_id}:"
        ):
            if not inserted:
                out.extend(new)
                inserted = True
            continue
        out.append(dict(block))
    return out


def render_follow_up_list(
    title: str,
    groups: Sequence[tuple[str, Sequence[FollowUpView]]],
    today: date,
    *,
    scope: str = ids.SCOPE_MINE,
    show_owner: bool = False,
    not_loaded: int = 0,
    more_hint: str = " not shown.",
    replaced: Mapping[int, list[Block]] | None = None,
    acted: Sequence[int] = (),
) -> Blocks:
    """`/followup` output: titled groups of follow-ups with their buttons, within Slack's limits.
    `replaced` swaps some items' blocks (acted on, or picking a date), and `acted` lists the
    items acted on so far, carried in every item's block id; `not_loaded` counts follow-ups that
    were not even read from the database."""
    if not any(items for _, items in groups):
        return dicts([SectionBlock(text=f"*{title}*\n{EMPTY}")])
    swaps = replaced or {}
    head: list[Block] = [SectionBlock(text=f"*{title}*")]
    sections = [
        (
            label,
            [
                swaps.get(f.id)
                or follow_up_blocks(
                    f, today, ids.ORIGIN_LIST, show_owner=show_owner, scope=scope, acted=acted
                )
                for f in items
            ],
        )
        for label, items in groups
    ]
    body, left_out = fit(sections, MESSAGE_BLOCK_LIMIT - 2)
    return dicts(head) + body + more_line(left_out + not_loaded, more_hint)
