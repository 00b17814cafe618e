"""The `/partner contact …` and `/partner contacts …` verbs: list, add, edit and remove a
partner's business contacts. Each runs after the ack and returns the ephemeral answer."""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk.errors import SlackApiError

from handlers.common.grammar import GrammarError
from handlers.common.mrkdwn import escape, quote
from handlers.common.replies import ephemeral
from handlers.deps import Person
from handlers.people.answers import Answer, partner_refusal
from handlers.people.contact_blocks import contact_form, contacts_list
from handlers.people.grammar import (
    CONTACT_USAGE,
    ContactCommand,
    parse_contact_command,
)
from storage.errors import InvalidInput, NotFound
from storage.people.contact_requests import (
    ADDED,
    FORM,
    NO_NAME,
    REMOVED,
    ContactAnswer,
    change_contact_named,
    contacts_named,
)
from storage.records import ContactPersonView, PartnerView

log = logging.getLogger(__name__)


def contact_verb(action: str) -> Any:
    """The `/partner contact ACTION …` verb (`list` for `/partner contacts …`)."""

    def run(who: Person, rest: str, command: dict[str, Any]) -> Answer:
        verb = action
        if verb == "any":
            first, _, rest = rest.partition(" ")
            verb = {
                "add": "add",
                "new": "add",
                "edit": "edit",
                "change": "edit",
                "update": "edit",
                "remove": "remove",
                "delete": "remove",
                "list": "list",
            }.get(first.casefold(), "")
            if not verb:
                return ephemeral(CONTACT_USAGE)
        try:
            parsed = parse_contact_command(verb, rest)
        except GrammarError as exc:
            return ephemeral(escape(str(exc)))
        if verb == "list":
            return _list_contacts(who, parsed.head)
        return _change_contact(who, parsed, verb, command)

    return run


def _list_contacts(who: Person, query: str) -> Answer:
    tz = who.zone()
    found = contacts_named(who.deps.sessions, who.team_id, query)
    if found.partner is None:
        return ephemeral(partner_refusal(query, found.candidates))
    return ephemeral(
        f"Business contacts of {escape(found.partner.name)}",
        contacts_list(found.partner, found.contacts, tz),
    )


def _change_contact(
    who: Person, parsed: ContactCommand, verb: str, command: dict[str, Any]
) -> Answer:
    """Add, edit or remove the contact `parsed` names, in one storage operation."""
    try:
        done = change_contact_named(
            who.deps.sessions,
            who.team_id,
            parsed.head,
            verb,
            parsed.details,
            by=who.user_id,
            now=who.deps.clock.now(),
        )
    except InvalidInput as exc:
        return ephemeral(f"{escape(exc.message)} Nothing was saved. {CONTACT_USAGE}")
    except NotFound:
        if verb == "add":
            return ephemeral("That partner no longer exists. Nothing was saved.")
        return ephemeral("That contact no longer exists. Nothing changed.")
    if done.kind == FORM and done.partner is not None and done.contact is not None:
        return _open_form(who, done.partner, done.contact, command)
    return ephemeral(_said(done, parsed.head))


def _said(done: ContactAnswer, head: str) -> str:
    """What a contact verb's answer says."""
    partner, contact = done.partner, done.contact
    if partner is None:
        if done.candidates:
            names = ", ".join(f"*{quote(p.name, 100)}*" for p in done.candidates)
            return (
                f"“{quote(done.words, 100)}” could be {names} — start with its full name. "
                "Nothing changed."
            )
        return (
            f"No partner matches “{quote(done.words or head, 100)}”. "
            f"Start with the partner's name. {CONTACT_USAGE}"
        )
    if done.kind == NO_NAME:
        return f"Write the person's name after the partner's. {CONTACT_USAGE}"
    if contact is None:  # NO_CONTACT
        if done.contacts:
            names = ", ".join(f"*{quote(c.name, 100)}*" for c in done.contacts)
            return (
                f"“{quote(done.name, 100)}” could be {names} — write the full name. "
                "Nothing changed."
            )
        return (
            f"*{quote(partner.name, 120)}* has no contact called “{quote(done.name, 100)}”. "
            f"See `/partner contacts {escape(partner.name)}`. Nothing changed."
        )
    if done.kind == ADDED:
        primary = " as the primary contact" if contact.is_primary else ""
        return f"📇 Added *{quote(contact.name, 100)}* to *{quote(partner.name, 120)}*{primary}."
    if done.kind == REMOVED:
        return (
            f"🗑️ Removed *{quote(contact.name, 100)}* from *{quote(partner.name, 120)}*'s contacts."
        )
    return f"✏️ Saved *{quote(contact.name, 100)}* at *{quote(partner.name, 120)}*."


def _open_form(
    who: Person, partner: PartnerView, contact: ContactPersonView, command: dict[str, Any]
) -> Answer:
    try:
        who.client.views_open(
            trigger_id=command["trigger_id"],
            view=contact_form(partner, contact, channel_id=command.get("channel_id")),
        )
    except SlackApiError as exc:
        log.warning("could not open the contact form: %s", exc.response.get("error"))
        return ephemeral("Slack would not open the form just now — try again.")
    return None
