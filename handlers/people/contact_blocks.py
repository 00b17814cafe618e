"""Block Kit for business contacts: the card's people part, the contacts list, the contact
form and the "add this person" button. Pure."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any
from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    CheckboxesElement,
    ContextBlock,
    InputBlock,
    MarkdownTextObject,
    Option,
    OverflowMenuElement,
    PlainTextObject,
    SectionBlock,
)
from slack_sdk.models.views import View

from handlers.common.blocks import SECTION_TEXT_LIMIT, Blocks, dicts, text_blocks, text_input
from handlers.common.mrkdwn import clip, escape, local_day, quote, user
from handlers.people import ids
from storage.people.contacts import tel_uri
from storage.records import ContactPersonView, PartnerView


def contact_line(c: ContactPersonView, tz: ZoneInfo) -> str:
    """One business contact: name, role, mailto/tel links, flags, last contacted."""
    parts = [f"*{quote(c.name, 100)}*"]
    if c.role:
        parts.append(quote(c.role, 100))
    if c.email:
        parts.append(f"<mailto:{escape(c.email)}|{escape(c.email)}>")
    if c.phone:
        parts.append(f"<tel:{tel_uri(c.phone)}|{escape(c.phone)}>")
    if c.is_primary:
        parts.append("⭐ primary")
    if c.is_decision_maker:
        parts.append("decision-maker")
    parts.append(
        f"last contacted {local_day(c.last_contacted_at, tz)}"
        if c.last_contacted_at
        else "_not contacted yet_"
    )
    return " · ".join(parts)


def contact_menu(c: ContactPersonView) -> OverflowMenuElement:
    """Edit / Remove for one business contact."""
    return OverflowMenuElement(
        action_id=f"{ids.CONTACT_MENU}:{c.id}",
        options=[
            Option(text="Edit", value=f"edit:{c.id}"),
            Option(text="Remove", value=f"remove:{c.id}"),
        ],
    )


def card_part(
    partner: PartnerView,
    contacts: Sequence[ContactPersonView],
    tz: ZoneInfo,
    *,
    owner_left: bool,
    backup_left: bool = False,
) -> Blocks:
    """The partner card's people: the owner's status and backup, each business contact (with
    Edit / Remove), and Add contact / History buttons."""
    school = f"*Backup*: {user(partner.backup_user_id) if partner.backup_user_id else '—'}"
    if backup_left:
        school += " (left — name a new backup with `/partner assign … backup @someone`)"
    if owner_left:
        school = f"⚠️ {user(partner.owner_user_id)} left — *needs a new owner*. " + school
    elif partner.owner_user_id is None:
        school = "⚠️ *Needs an owner.* " + school
    blocks: list[Block] = [
        SectionBlock(text=school),
        SectionBlock(
            text="*Business contacts*"
            if contacts
            else "*Business contacts*\n_No business contacts yet — press *Add contact*._"
        ),
    ]
    for c in contacts[:20]:
        blocks.append(
            SectionBlock(
                text=clip(contact_line(c, tz), SECTION_TEXT_LIMIT), accessory=contact_menu(c)
            )
        )
    if len(contacts) > 20:
        blocks.append(
            ContextBlock(
                elements=[
                    MarkdownTextObject(
                        text=f"… and {len(contacts) - 20} more: "
                        f"`/partner contacts {escape(partner.name)}`"
                    )
                ]
            )
        )
    blocks.append(
        ActionsBlock(
            block_id=f"people_card:{partner.id}",
            elements=[
                ButtonElement(text="Add contact", action_id=ids.CONTACT_ADD, value=str(partner.id)),
                ButtonElement(text="History", action_id=ids.HISTORY, value=str(partner.id)),
            ],
        )
    )
    return dicts(blocks)


def contacts_list(
    partner: PartnerView, contacts: Sequence[ContactPersonView], tz: ZoneInfo
) -> Blocks:
    """`/partner contacts Acme`."""
    head = f"*Business contacts — {quote(partner.name, 120)}*"
    if not contacts:
        return text_blocks(
            f"{head}\n_None yet._ Add one: `/partner contact add {escape(partner.name)} "
            "Jane Ortiz, HR director, jane@acme.org`"
        )
    blocks: list[Block] = [SectionBlock(text=head)]
    for c in contacts[:45]:
        blocks.append(
            SectionBlock(
                text=clip(contact_line(c, tz), SECTION_TEXT_LIMIT), accessory=contact_menu(c)
            )
        )
    blocks.append(
        ActionsBlock(
            elements=[
                ButtonElement(text="Add contact", action_id=ids.CONTACT_ADD, value=str(partner.id))
            ]
        )
    )
    return dicts(blocks)


def contact_form(
    partner: PartnerView,
    contact: ContactPersonView | None = None,
    *,
    name: str = "",
    role: str = "",
    channel_id: str | None = None,
) -> dict[str, Any]:
    """The business-contact modal: add one to `partner`, or edit `contact`."""
    flags = [
        Option(text="Primary contact", value="primary"),
        Option(text="Decision-maker", value="dm"),
    ]
    chosen = [
        o
        for o, on in zip(
            flags,
            (
                contact is not None and contact.is_primary,
                contact is not None and contact.is_decision_maker,
            ),
            strict=True,
        )
        if on
    ]

    meta: dict[str, Any] = {"partner_id": partner.id, "channel_id": channel_id}
    if contact is not None:
        meta["contact_id"] = contact.id
    blocks: list[Block] = [
        SectionBlock(text=f"A person at *{escape(clip(partner.name, 150))}*"),
        text_input(
            "name",
            "Name",
            contact.name if contact else name,
            placeholder="Jane Ortiz",
            optional=False,
        ),
        text_input("role", "Role", contact.role if contact else role, placeholder="HR director"),
        text_input(
            "email",
            "Email",
            contact.email if contact else None,
            placeholder="jane@acme.org",
            max_length=320,
        ),
        text_input(
            "phone",
            "Phone",
            contact.phone if contact else None,
            placeholder="555-0100",
            max_length=64,
        ),
        InputBlock(
            block_id="flags",
            label="This person is",
            optional=True,
            element=CheckboxesElement(
                action_id="value", options=flags, initial_options=chosen or None
            ),
        ),
    ]
    return View(
        type="modal",
        callback_id=ids.VIEW_CONTACT,
        title=PlainTextObject(text="Edit contact" if contact else "Add a contact"),
        submit=PlainTextObject(text="Save" if contact else "Add"),
        close=PlainTextObject(text="Cancel"),
        private_metadata=json.dumps(meta),
        blocks=blocks,
    ).to_dict()


def suggest_contact_button(partner_id: int, name: str, role: str) -> ButtonElement:
    """ "Add Bob Lee (HR) as a contact": opens the contact form prefilled."""
    value = json.dumps({"p": partner_id, "n": name[:200], "r": role[:200]}, ensure_ascii=False)
    return ButtonElement(
        text=clip(f"Add {name} ({role}) as a contact", 75),
        action_id=ids.CONTACT_SUGGESTED,
        value=value[:2000],
    )
