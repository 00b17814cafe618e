"""`/partner doc …` and `/partner list expiring` (verbs this feature adds to `/partner`; they run
after the ack) and the documents on a partner's card."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from handlers.common.blocks import Blocks, text_blocks
from handlers.common.grammar import GrammarError
from handlers.common.mrkdwn import escape, quote
from handlers.common.replies import ephemeral
from handlers.compliance.grammar import (
    USAGE,
    parse_document,
    parse_kind_and_person,
    parse_remind_days,
)
from handlers.compliance.render import document_line, documents_text, what
from handlers.compliance.sections import card_blocks
from handlers.deps import Person
from handlers.people.sections import lead_refusal
from storage.compliance import (
    NewDocument,
    add_document,
    expiring_documents,
    partner_documents,
    reminder_days,
    remove_document,
    set_reminder_days,
)
from storage.errors import InvalidInput
from storage.partners.lookup import resolve_partner_prefix
from storage.records import PartnerView


def _partner(who: Person, text: str) -> tuple[PartnerView, str] | str:
    """The partner the text starts with and the words after it, or why there isn't one."""
    with who.deps.sessions() as session:
        found, rest, words = resolve_partner_prefix(session, who.team_id, text)
    if found.single is not None:
        return found.single, rest
    if found.candidates:
        names = ", ".join(f"*{quote(p.name, 80)}*" for p in found.candidates)
        return f"“{quote(words, 100)}” could be {names}. Write more of the name."
    return f"No partner matches “{quote(words or text, 100)}”. See `/partner list`."


def doc_verb(who: Person, rest: str, command: dict[str, Any]) -> dict[str, Any]:
    """`/partner doc add … | remove … | remind … | PARTNER`."""
    verb, _, tail = rest.partition(" ")
    verb = verb.casefold()
    if verb in ("", "help", "?"):
        return ephemeral(USAGE)
    try:
        if verb == "add":
            return _add(who, tail)
        if verb in ("remove", "delete", "rm"):
            return _remove(who, tail)
        if verb in ("remind", "reminders"):
            return _remind(who, tail)
    except GrammarError as exc:
        return ephemeral(f"{escape(str(exc))} Nothing changed.\n\n{USAGE}")
    return _show(who, rest)


def _add(who: Person, text: str) -> dict[str, Any]:
    picked = _partner(who, text)
    if isinstance(picked, str):
        return ephemeral(f"{picked} Nothing changed.")
    partner, tail = picked
    words = parse_document(tail)
    wanted = NewDocument(words.kind, words.expires_on, words.contact_name, words.label, words.link)
    try:
        with who.deps.sessions.begin() as session:
            doc, renewed = add_document(
                session, who.team_id, partner.id, wanted, by=who.user_id, now=who.deps.clock.now()
            )
            soon = max(reminder_days(session, who.team_id), default=30)
    except InvalidInput as exc:
        return ephemeral(f"{escape(exc.message)} Nothing changed.\n\n{USAGE}")
    today = who.local_now()[0].date()
    verb = "Updated" if renewed else "Recorded"
    line = document_line(doc, today, soon_days=soon)
    return ephemeral(f"📄 {verb} for *{quote(partner.name, 100)}*:\n{line}")


def _remove(who: Person, text: str) -> dict[str, Any]:
    picked = _partner(who, text)
    if isinstance(picked, str):
        return ephemeral(f"{picked} Nothing changed.")
    partner, tail = picked
    kind, label, person = parse_kind_and_person(tail)
    with who.deps.sessions.begin() as session:
        docs = [
            d
            for d in partner_documents(session, who.team_id, partner.id)
            if d.kind is kind
            and (person is None or (d.contact_name or "").casefold().startswith(person.casefold()))
            and (label is None or (d.label or "").casefold() == label.casefold())
        ]
        if len(docs) != 1:
            found = "No such document" if not docs else f"{len(docs)} documents match"
            return ephemeral(
                f"{found} for *{quote(partner.name, 100)}* — nothing was removed. "
                f"`/partner doc {escape(partner.name)}` lists them."
            )
        gone = remove_document(session, who.team_id, docs[0].id)
    return ephemeral(f"🗑️ Removed {what(gone)} of *{quote(partner.name, 100)}*.")


def _remind(who: Person, text: str) -> dict[str, Any]:
    if not text.strip():
        with who.deps.sessions() as session:
            days = reminder_days(session, who.team_id)
        shown = " and ".join(str(d) for d in days)
        return ephemeral(f"Owners are reminded {shown} days before a document expires.\n{USAGE}")
    refusal = lead_refusal(
        who.deps, who.client, who.team_id, who.user_id, "change when owners are reminded"
    )
    if refusal:
        return ephemeral(refusal)
    wanted = parse_remind_days(text)
    try:
        with who.deps.sessions.begin() as session:
            days = set_reminder_days(
                session, who.team_id, wanted, by=who.user_id, now=who.deps.clock.now()
            )
    except InvalidInput as exc:
        return ephemeral(f"{escape(exc.message)} Nothing changed.")
    shown = " and ".join(str(d) for d in days)
    return ephemeral(
        f"🔔 Owners are now reminded {shown} days before a document expires, in their digest."
    )


def _show(who: Person, text: str) -> dict[str, Any]:
    picked = _partner(who, text)
    if isinstance(picked, str):
        return ephemeral(f"{picked}\n\n{USAGE}")
    partner, _ = picked
    today = who.local_now()[0].date()
    with who.deps.sessions() as session:
        docs = partner_documents(session, who.team_id, partner.id)
        soon = max(reminder_days(session, who.team_id), default=30)
    title = f"*Documents of {quote(partner.name, 100)}*"
    empty = "_None on file — `/partner doc add …` records one._"
    return ephemeral(
        f"Documents of {escape(partner.name)}",
        _blocks(documents_text(title, docs, today, soon_days=soon, empty=empty)),
    )


def expiring_verb(who: Person, rest: str, command: dict[str, Any]) -> dict[str, Any]:
    """`/partner list expiring`: the team's documents expired or expiring soon."""
    today = who.local_now()[0].date()
    with who.deps.sessions() as session:
        soon = max(reminder_days(session, who.team_id), default=30)
        docs = expiring_documents(session, who.team_id, until=today + timedelta(days=soon))
    title = f"*Documents expired or expiring within {soon} days* ({len(docs)})"
    empty = "_Nothing expires soon._"
    text = documents_text(title, docs, today, soon_days=soon, team=True, empty=empty)
    return ephemeral("Documents expiring", _blocks(text))


def _blocks(text: str) -> Blocks:
    return text_blocks(text)


def documents_card_part(who: Person, partner_id: int) -> Blocks:
    """The documents on a partner's card."""
    today = who.local_now()[0].date()
    with who.deps.sessions() as session:
        return card_blocks(session, who.team_id, partner_id, today)
