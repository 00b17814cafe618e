"""What other features, the App Home and the digest may use of this feature: partners that
need a new owner, the "add this person as a contact" button, and the program-lead check for
team-wide settings."""

from __future__ import annotations

import re

from slack_sdk.models.blocks import ButtonElement

from handlers.people.contact_blocks import suggest_contact_button
from handlers.people.owner_blocks import unowned_blocks
from handlers.people.slack_users import (
    lead_refusal,
    leads_sentence,
    refuse_as_owner,
    slack_admin,
)
from storage.people.contacts import same_person

__all__ = [
    "lead_refusal",
    "leads_sentence",
    "new_person_button",
    "refuse_as_owner",
    "slack_admin",
    "unowned_blocks",
]

# "met Bob Lee (HR)", "called Dana Smith (plant manager)": a full name, then a role in brackets.
_NEW_PERSON = re.compile(
    r"(?<![\w-])([A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,2})\s*\(([^()]{1,60})\)"
)


def new_person_button(partner_id: int, text: str, known: str | None) -> ButtonElement | None:
    """A button offering to add the person a contact-log line introduces with a role
    ("met Bob Lee (HR)"), unless they are the known contact the line was linked to."""
    found = _NEW_PERSON.search(text)
    if found is None:
        return None
    name, role = " ".join(found.group(1).split()), " ".join(found.group(2).split())
    if known is not None and same_person(known, name):  # "Dan Reyes" is "Capt. Dan Reyes"
        return None
    return suggest_contact_button(partner_id, name, role)
