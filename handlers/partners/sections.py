"""What other features may show of partners: the "Add a partner" button, a partner going
cold."""

from __future__ import annotations

from slack_sdk.models.blocks import Block, ButtonElement, SectionBlock

from handlers.common.labels import stage_label
from handlers.common.mrkdwn import clip, quote
from handlers.contact_log.sections import log_contact_button
from handlers.partners import ids
from storage.partners.cadence import ColdPartner


def add_partner_button(name: str = "", label: str = "Add a partner") -> ButtonElement:
    """A button that opens the add-partner form, prefilled with `name`."""
    return ButtonElement(
        text=clip(label, 75), action_id=ids.PARTNER_ADD_NAMED, value=clip(name, 2000)
    )


def cold_blocks(cold: ColdPartner) -> list[Block]:
    """A partner going cold, with a button to log a contact."""
    p = cold.partner
    since = (
        f"no contact logged in {cold.days_since_contact} days"
        if cold.never_contacted
        else f"last contact {cold.days_since_contact} days ago"
    )
    return [
        SectionBlock(
            text=f"🧊 *{quote(p.name, 120)}* ({stage_label(p.stage)}) — {since}; "
            f"stay-in-touch every {cold.cadence_days} days",
            accessory=log_contact_button(p.id, where=f"cold:{p.id}", primary=False),
        )
    ]
