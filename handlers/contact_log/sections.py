"""What other features may show of the contact log: the "Log contact" button and the contact
modal (opened from a partner card, a digest's "Done + log contact", the App Home)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from slack_sdk.models.blocks import (
    Block,
    ButtonElement,
    ContextBlock,
    DatePickerElement,
    ExternalDataSelectElement,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    PlainTextObject,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from handlers.common.mrkdwn import clip
from handlers.contact_log import ids
from storage.models import InteractionKind
from storage.records import PartnerView

SUMMARY_LIMIT = 3000
KIND_LABELS = {
    InteractionKind.CALL: "📞 call",
    InteractionKind.EMAIL: "✉️ email",
    InteractionKind.MEETING: "🤝 meeting",
    InteractionKind.VISIT: "🏭 visit",
    InteractionKind.EVENT: "🎪 event",
    InteractionKind.MESSAGE: "💬 message",
    InteractionKind.NOTE: "📝 note",
}


def partner_option(p: PartnerView) -> Option:
    """A partner as a select option (value: its id)."""
    return Option(text=clip(p.name, 75), value=str(p.id))


def contact_form(
    *,
    partner: PartnerView | None = None,
    text: str = "",
    kind: InteractionKind = InteractionKind.NOTE,
    happened_on: date | None = None,
    follow_up_on: date | None = None,
    follow_up_note: str = "",
    meta: dict[str, Any] | None = None,
    title: str = "Log a partner contact",
    said_by: str | None = None,
) -> dict[str, Any]:
    """The contact modal: partner (typeahead), kind, date, what happened, optional follow-up
    (`said_by`: the Slack user whose message it logs, named under what happened)."""
    blocks = [
        *_what_happened(partner, kind, happened_on, text),
        *_said_by(said_by),
        *_follow_up_inputs(follow_up_on, follow_up_note),
    ]
    return View(
        type="modal",
        callback_id=ids.VIEW_CONTACT,
        title=PlainTextObject(text=clip(title, 24)),
        submit=PlainTextObject(text="Log it"),
        close=PlainTextObject(text="Cancel"),
        private_metadata=json.dumps(meta or {}),
        blocks=blocks,
    ).to_dict()


def _what_happened(
    partner: PartnerView | None, kind: InteractionKind, happened_on: date | None, text: str
) -> list[Block]:
    """The partner picker, the kind, the date and the summary."""
    kinds = [Option(text=label, value=k.value) for k, label in KIND_LABELS.items()]
    picker = ExternalDataSelectElement(
        action_id=ids.CONTACT_PARTNER_PICK,
        placeholder="Start typing a partner's name",
        min_query_length=1,
        initial_option=partner_option(partner) if partner else None,
    )
    return [
        InputBlock(block_id="partner", label="Partner", element=picker),
        InputBlock(
            block_id="kind",
            label="Kind",
            element=StaticSelectElement(
                action_id="value",
                options=kinds,
                initial_option=next(o for o in kinds if o.value == kind.value),
            ),
        ),
        InputBlock(
            block_id="happened_on",
            label="When",
            element=DatePickerElement(
                action_id="value",
                initial_date=happened_on.isoformat() if happened_on else None,
            ),
        ),
        InputBlock(
            block_id="summary",
            label="What happened",
            element=PlainTextInputElement(
                action_id="value",
                multiline=True,
                max_length=SUMMARY_LIMIT,
                initial_value=clip(text, SUMMARY_LIMIT) or None,
                placeholder="Called Jane about summer internships",
            ),
        ),
    ]


def _follow_up_inputs(follow_up_on: date | None, follow_up_note: str) -> list[Block]:
    """The optional follow-up: its date and its note."""
    return [
        InputBlock(
            block_id="follow_up_on",
            label="Follow up on",
            optional=True,
            element=DatePickerElement(
                action_id="value",
                initial_date=follow_up_on.isoformat() if follow_up_on else None,
            ),
        ),
        InputBlock(
            block_id="follow_up_note",
            label="Follow-up note",
            optional=True,
            element=PlainTextInputElement(
                action_id="value",
                max_length=2000,
                initial_value=follow_up_note or None,
                placeholder="Send the MOU draft",
            ),
        ),
    ]


def _said_by(user_id: str | None) -> list[Block]:
    if not user_id:
        return []
    text = f"💬 From <@{user_id}>'s message: saved as theirs, logged by you."
    return [ContextBlock(elements=[MarkdownTextObject(text=text)])]


def log_contact_button(
    partner_id: int | None, *, where: str = "", text: str = "Log contact", primary: bool = True
) -> ButtonElement:
    """Opens the contact modal for the partner (`where` keeps action ids unique when one
    message has several such buttons)."""
    suffix = f":{where}" if where else ""
    return ButtonElement(
        text=text,
        action_id=f"{ids.CONTACT_OPEN}{suffix}",
        value=str(partner_id) if partner_id is not None else None,
        style="primary" if primary else None,
    )


def contact_history_button(partner_id: int) -> ButtonElement:
    """Opens the partner's contact history, each entry with Edit / Undo."""
    return ButtonElement(
        text="Contact history", action_id=ids.CONTACT_HISTORY_OPEN, value=str(partner_id)
    )
