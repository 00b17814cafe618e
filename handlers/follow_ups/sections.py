"""What the App Home and the digest show of follow-ups: each item with its buttons."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    DatePickerElement,
    SectionBlock,
)

from handlers.common.blocks import Blocks, actions, button, section, static_select, user_select
from handlers.common.mrkdwn import day, quote, user
from handlers.follow_ups import ids
from storage.records import FollowUpView

SNOOZE_CHOICES = (
    ("1d", "Tomorrow"),
    ("7d", "Next week"),
    ("1m", "Next month"),
    ("pick", "Pick a date…"),
)


def due_words(f: FollowUpView, today: date) -> str:
    """ "overdue 2 days (due Mon Nov 23)", "due today", "due Tue Nov 24"."""
    if f.due_date < today:
        days = (today - f.due_date).days
        return f"*overdue* {days} day{'s' if days != 1 else ''} (due {day(f.due_date)})"
    if f.due_date == today:
        return "*due today*"
    return f"due {day(f.due_date)}"


def follow_up_text(f: FollowUpView, today: date, *, show_owner: bool = False) -> str:
    """One follow-up as a line: partner, note, due date (and owner)."""
    owner = f" · {user(f.owner_user_id)}" if show_owner else ""
    note = quote(f.note, 300) if f.note else "_no note_"
    return f"*{quote(f.partner_name, 120)}* — {note}\n{due_words(f, today)}{owner}"


MAX_ACTED = 24  # ids of items already acted on that a list's block ids carry (255 chars)


def item_block_id(
    follow_up_id: int, origin: str, scope: str = "", acted: Sequence[int] = ()
) -> str:
    """The block id of a follow-up's buttons, "fu:<id>:<origin>[:<scope>[:<acted ids>]]": where
    it is shown, and (in an ephemeral list, which Slack never sends back) which other items of
    the list were already acted on, so a click can redraw the list exactly as it was."""
    block_id = f"{ids.FOLLOW_UP_BLOCK}:{follow_up_id}:{origin}"
    if scope or acted:
        block_id += f":{scope}"
    if acted:
        block_id += ":" + ",".join(str(i) for i in acted[-MAX_ACTED:])
    return block_id


def follow_up_blocks(
    f: FollowUpView,
    today: date,
    origin: str,
    *,
    show_owner: bool = False,
    scope: str = "",
    acted: Sequence[int] = (),
) -> Blocks:
    """A follow-up with its buttons: Done, Done + log contact, Snooze…, Reassign…, Edit."""
    return [
        section(
            follow_up_text(f, today, show_owner=show_owner), block_id=f"{ids.FOLLOW_UP_TEXT}:{f.id}"
        ),
        actions(
            [
                button("Done", ids.FU_DONE, value=str(f.id), style="primary"),
                button("Done + log contact", ids.FU_DONE_LOG, value=str(f.id)),
                static_select(
                    ids.FU_SNOOZE,
                    "Snooze…",
                    [(label, f"{code}:{f.id}") for code, label in SNOOZE_CHOICES],
                ),
                user_select(ids.FU_REASSIGN, "Reassign…"),
                button("Edit", ids.FU_EDIT, value=str(f.id)),
            ],
            block_id=item_block_id(f.id, origin, scope, acted),
        ),
    ]


def date_picker_blocks(
    f: FollowUpView, today: date, block_id: str, *, show_owner: bool = False
) -> list[Block]:
    """The follow-up while its new date is being picked: a date picker and Cancel."""
    return [
        SectionBlock(
            block_id=f"{ids.FOLLOW_UP_TEXT}:{f.id}",
            text=follow_up_text(f, today, show_owner=show_owner) + "\n_Snooze until…_",
        ),
        ActionsBlock(
            block_id=block_id,
            elements=[
                DatePickerElement(
                    action_id=ids.FU_SNOOZE_DATE,
                    placeholder="Pick a date",
                    initial_date=today.isoformat(),
                ),
                ButtonElement(text="Cancel", action_id=ids.FU_SNOOZE_CANCEL, value=str(f.id)),
            ],
        ),
    ]


def handed_to_you(f: FollowUpView, today: date, by: str) -> tuple[str, Blocks]:
    """A DM to someone given a follow-up: what it is, with its buttons."""
    text = (
        f"👉 {user(by)} handed you a follow-up: *{quote(f.partner_name, 120)}* — "
        f"{quote(f.note, 300)} (due {day(f.due_date)})"
    )
    return text, [section(text), *follow_up_blocks(f, today, ids.ORIGIN_DIGEST)]


def home_item(f: FollowUpView, today: date) -> Blocks:
    """A follow-up with its buttons, as the App Home shows it."""
    return follow_up_blocks(f, today, ids.ORIGIN_HOME)


def digest_item(f: FollowUpView, today: date) -> Blocks:
    """A follow-up with its buttons, as the morning digest shows it."""
    return follow_up_blocks(f, today, ids.ORIGIN_DIGEST)
