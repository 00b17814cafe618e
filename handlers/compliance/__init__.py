"""Compliance documents: `/partner doc …`, `/partner list expiring`, the documents on the card
and the expiry reminders in the digest (through `sections`)."""

from __future__ import annotations

from slack_bolt import App

from handlers.common.feature import Feature, Verb
from handlers.compliance.command import doc_verb, documents_card_part, expiring_verb
from handlers.compliance.digest_part import DOCUMENTS_PART, UNCHECKED_PART
from handlers.deps import Deps


def register(app: App, deps: Deps) -> None:
    """No listeners of its own: its verbs run inside `/partner`."""


FEATURE = Feature(
    name="compliance",
    register=register,
    verbs=(
        Verb(
            "/partner",
            "doc",
            doc_verb,
            "• `/partner doc add Acme background check expires 2027-06-30 for Jane Ortiz` — "
            "documents on file (`/partner doc help`)",
        ),
        Verb("/partner", "docs", doc_verb),
        Verb(
            "/partner",
            "list expiring",
            expiring_verb,
            "• `/partner list expiring` — documents expired or expiring soon",
        ),
    ),
    card_parts=(documents_card_part,),
    digest_parts=(UNCHECKED_PART, DOCUMENTS_PART),
)
