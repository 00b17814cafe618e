"""A follow-up the line asked for but whose day could not be placed ("ping again after break"
with no break on the calendar, "f/u whenever they're back", "follow up blursday"): the contact
is logged anyway, and its confirmation asks for the follow-up's day — a date picker, or
*No follow-up* (the buttons: unplaced_buttons.py)."""

from __future__ import annotations

from handlers.common.blocks import Blocks, actions, button, plain, section
from handlers.common.mrkdwn import escape
from handlers.contact_log import ids


def follow_up_question(problem: str, entry_id: int, owner: str) -> Blocks:
    """The question under a confirmation: why the follow-up is not set, a date picker for
    its day (for `owner`), and *No follow-up*."""
    text = (
        f"📅 *The follow-up isn't set yet* — {escape(problem)}\n"
        "The contact is logged. When should the follow-up be?"
    )
    picker = {
        "type": "datepicker",
        "action_id": ids.CONTACT_FOLLOW_UP_ON,
        "placeholder": plain("Pick its day"),
    }
    none = button("No follow-up", ids.CONTACT_NO_FOLLOW_UP, value=str(entry_id))
    return [
        section(text),
        actions([picker, none], block_id=f"{ids.CONTACT_FOLLOW_UP_ON}:{entry_id}:{owner}"[:255]),
    ]
