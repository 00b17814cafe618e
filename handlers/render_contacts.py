"""Block Kit for the contact log: the contact modal, confirmations, history. Pure functions."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import (
    ActionsBlock,
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
    SectionBlock,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from handlers import actions
from handlers.mrkdwn import clip, local_day, quote, user
from handlers.render_partners import Blocks
from storage.models import InteractionKind
from storage.views import InteractionView, PartnerView

SUMMARY_LIMIT = 3000
KIND_LABELS = {
    InteractionKind.CALL: "📞 call",
    InteractionKind.EMAIL: "✉️ email",
    InteractionKind.MEETING: "🤝 meeting",
    InteractionKind.VISIT: "🏭 visit",
    InteractionKind.EVENT: "🎪 event",
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
) -> dict[str, Any]:
    """The contact modal: partner (typeahead), kind, date, what happened, optional follow-up."""
    kinds = [Option(text=label, value=k.value) for k, label in KIND_LABELS.items()]
    picker = ExternalDataSelectElement(
        action_id=actions.CONTACT_PARTNER_PICK,
        placeholder="Start typing a partner's name",
        min_query_length=1,
        initial_option=partner_option(partner) if partner else None,
    )
    blocks: list[Block] = [
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
    return View(
        type="modal",
        callback_id=actions.VIEW_CONTACT,
        title=PlainTextObject(text=clip(title, 24)),
        submit=PlainTextObject(text="Log it"),
        close=PlainTextObject(text="Cancel"),
        private_metadata=json.dumps(meta or {}),
        blocks=blocks,
    ).to_dict()


def partner_options(partners: Sequence[PartnerView]) -> list[dict[str, Any]]:
    """Typeahead answer for the partner picker (Slack allows 100 options)."""
    return [partner_option(p).to_dict() for p in partners[:100]]


def render_history(
    partner: PartnerView,
    entries: Sequence[InteractionView],
    *,
    offset: int,
    total: int,
    page_size: int,
    tz: ZoneInfo,
) -> Blocks:
    """One page of a partner's contact log, newest first, with Older / Newer buttons."""
    blocks: list[Block] = [
        SectionBlock(text=f"*Contact history — {quote(partner.name, 120)}* ({total})")
    ]
    if not entries:
        blocks.append(SectionBlock(text="_No contacts logged yet._"))
    for entry in entries:
        link = f" · <{entry.permalink}|message>" if entry.permalink else ""
        blocks.append(
            SectionBlock(
                text=clip(
                    f"*{local_day(entry.occurred_at, tz)}* · {KIND_LABELS[entry.kind]} · "
                    f"{user(entry.user_id)}{link}\n{quote(entry.summary, 1500)}",
                    3000,
                )
            )
        )
    buttons = []
    if offset + page_size < total:
        buttons.append(
            ButtonElement(
                text="Older",
                action_id="contact_history_page:older",
                value=f"{partner.id}:{offset + page_size}",
            )
        )
    if offset > 0:
        buttons.append(
            ButtonElement(
                text="Newer",
                action_id="contact_history_page:newer",
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
    return [b.to_dict() for b in blocks]
