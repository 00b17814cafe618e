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
from handlers.people.answers import Answer, partner_named
from handlers.people.contact_blocks import contact_form, contacts_list
from handlers.people.grammar import CONTACT_USAGE, ContactDetails, parse_contact_command
from storage.errors import InvalidInput, NotFound
from storage.partners.lookup import resolve_partner_prefix
from storage.people.contacts import (
    ContactFields,
    add_business_contact,
    business_contacts,
    find_business_contact,
    remove_business_contact,
    update_business_contact,
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
        with who.deps.sessions() as session:
            found, name, words = resolve_partner_prefix(session, who.team_id, parsed.head)
        target = found.single
        if target is None:
            if found.candidates:
                names = ", ".join(f"*{quote(p.name, 100)}*" for p in found.candidates)
                return ephemeral(
                    f"“{quote(words, 100)}” could be {names} — start with its full name. "
                    "Nothing changed."
                )
            return ephemeral(
                f"No partner matches “{quote(words or parsed.head, 100)}”. "
                f"Start with the partner's name. {CONTACT_USAGE}"
            )
        if not name.strip():
            return ephemeral(f"Write the person's name after the partner's. {CONTACT_USAGE}")
        if verb == "add":
            return _add_contact(who, target, name, parsed.details)
        return _change_contact(who, target, name, parsed.details, verb, command)

    return run


def _list_contacts(who: Person, query: str) -> Answer:
    partner = partner_named(who, query)
    if isinstance(partner, str):
        return ephemeral(partner)
    with who.deps.sessions() as session:
        contacts = business_contacts(session, who.team_id, partner.id)
    return ephemeral(
        f"Business contacts of {escape(partner.name)}", contacts_list(partner, contacts, who.zone())
    )


def _fields(name: str, d: ContactDetails, base: ContactPersonView | None = None) -> ContactFields:
    return ContactFields(
        name=name,
        role=d.role if d.role is not None else (base.role if base else None),
        email=d.email if d.email is not None else (base.email if base else None),
        phone=d.phone if d.phone is not None else (base.phone if base else None),
        is_primary=bool(
            d.is_primary if d.is_primary is not None else (base.is_primary if base else False)
        ),
        is_decision_maker=bool(
            d.is_decision_maker
            if d.is_decision_maker is not None
            else (base.is_decision_maker if base else False)
        ),
    )


def _add_contact(who: Person, partner: PartnerView, name: str, details: ContactDetails) -> Answer:
    try:
        with who.deps.sessions.begin() as session:
            added = add_business_contact(
                session,
                who.team_id,
                partner.id,
                _fields(name, details),
                by=who.user_id,
                now=who.deps.clock.now(),
            )
    except InvalidInput as exc:
        return ephemeral(f"{escape(exc.message)} Nothing was saved. {CONTACT_USAGE}")
    except NotFound:
        return ephemeral("That partner no longer exists. Nothing was saved.")
    primary = " as the primary contact" if added.is_primary else ""
    return ephemeral(
        f"📇 Added *{quote(added.name, 100)}* to *{quote(partner.name, 120)}*{primary}."
    )


def _change_contact(
    who: Person,
    partner: PartnerView,
    name: str,
    details: ContactDetails,
    verb: str,
    command: dict[str, Any],
) -> Answer:
    with who.deps.sessions() as session:
        contacts = business_contacts(session, who.team_id, partner.id)
    target, candidates = find_business_contact(contacts, name)
    if target is None:
        if candidates:
            names = ", ".join(f"*{quote(c.name, 100)}*" for c in candidates)
            return ephemeral(
                f"“{quote(name, 100)}” could be {names} — write the full name. Nothing changed."
            )
        return ephemeral(
            f"*{quote(partner.name, 120)}* has no contact called “{quote(name, 100)}”. "
            f"See `/partner contacts {escape(partner.name)}`. Nothing changed."
        )
    try:
        with who.deps.sessions.begin() as session:
            if verb == "remove":
                gone = remove_business_contact(
                    session, who.team_id, target.id, by=who.user_id, now=who.deps.clock.now()
                )
                return ephemeral(
                    f"🗑️ Removed *{quote(gone.name, 100)}* from "
                    f"*{quote(partner.name, 120)}*'s contacts."
                )
            if details.empty:
                who.client.views_open(
                    trigger_id=command["trigger_id"],
                    view=contact_form(partner, target, channel_id=command.get("channel_id")),
                )
                return None
            saved = update_business_contact(
                session,
                who.team_id,
                target.id,
                _fields(target.name, details, target),
                by=who.user_id,
                now=who.deps.clock.now(),
            )
    except InvalidInput as exc:
        return ephemeral(f"{escape(exc.message)} Nothing was saved. {CONTACT_USAGE}")
    except NotFound:
        return ephemeral("That contact no longer exists. Nothing changed.")
    except SlackApiError as exc:
        log.warning("could not open the contact form: %s", exc.response.get("error"))
        return ephemeral("Slack would not open the form just now — try again.")
    return ephemeral(f"✏️ Saved *{quote(saved.name, 100)}* at *{quote(partner.name, 120)}*.")
