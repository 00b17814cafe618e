"""What other features may show of partners: the "Add a partner" button, a partner going
cold."""

from __future__ import annotations

from collections.abc import Sequence

from slack_sdk.models.blocks import ButtonElement

from handlers.common.blocks import Blocks, section
from handlers.common.labels import stage_label
from handlers.common.mrkdwn import clip, quote
from handlers.contact_log.sections import log_contact_button
from handlers.partners import ids
from storage.partners.cadence import ColdPartner
from storage.records import PartnerView


def add_partner_button(name: str = "", label: str = "Add a partner") -> ButtonElement:
    """A button that opens the add-partner form, prefilled with `name`."""
    return ButtonElement(
        text=clip(label, 75), action_id=ids.PARTNER_ADD_NAMED, value=clip(name, 2000)
    )


def cold_blocks(cold: ColdPartner) -> Blocks:
    """A partner going cold, with a button to log a contact."""
    p = cold.partner
    since = (
        f"no contact logged in {cold.days_since_contact} days"
        if cold.never_contacted
        else f"last contact {cold.days_since_contact} days ago"
    )
    return [
        section(
            f"🧊 *{quote(p.name, 120)}* ({stage_label(p.stage)}) — {since}; "
            f"stay-in-touch every {cold.cadence_days} days",
            accessory=log_contact_button(p.id, where=f"cold:{p.id}", primary=False).to_dict(),
        )
    ]


def not_one_partner(words: str, candidates: Sequence[PartnerView], unknown: str) -> str:
    """Why `words` named no single partner: the partners it could be, else `unknown` (already
    mrkdwn)."""
    if not candidates:
        return unknown
    names = ", ".join(f"*{quote(p.name, 80)}*" for p in candidates[:10])
    return f"“{quote(words, 100)}” could be {names}. Write more of the name."
