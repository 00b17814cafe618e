"""`/partner doc …` and `/partner list expiring` (verbs this feature adds to `/partner`; they run
after the ack) and the documents on a partner's card."""

from __future__ import annotations

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
from storage.compliance import NewDocument
from storage.compliance_requests import (
    DocumentMeant,
    add_document_typed,
    card_documents,
    change_reminders,
    expiring,
    partner_documents_typed,
    reminders,
    remove_document_typed,
)
from storage.engagements_requests import NoSinglePartner
from storage.errors import InvalidInput


def _not_one(found: NoSinglePartner, text: str) -> str:
    """Why the text does not start with exactly one partner's name."""
    if found.candidates:
        names = ", ".join(f"*{quote(p.name, 80)}*" for p in found.candidates)
        return f"“{quote(found.words, 100)}” could be {names}. Write more of the name."
    return f"No partner matches “{quote(found.words or text, 100)}”. See `/partner list`."


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
    today = who.local_now()[0].date()

    def read(tail: str) -> NewDocument:
        words = parse_document(tail)
        return NewDocument(
            words.kind, words.expires_on, words.contact_name, words.label, words.link
        )

    try:
        added = add_document_typed(
            who.deps.sessions,
            who.team_id,
            text,
            read=read,
            by=who.user_id,
            now=who.deps.clock.now(),
        )
    except InvalidInput as exc:
        return ephemeral(f"{escape(exc.message)} Nothing changed.\n\n{USAGE}")
    if isinstance(added, NoSinglePartner):
        return ephemeral(f"{_not_one(added, text)} Nothing changed.")
    verb = "Updated" if added.renewed else "Recorded"
    line = document_line(added.doc, today, soon_days=added.soon_days)
    return ephemeral(f"📄 {verb} for *{quote(added.partner.name, 100)}*:\n{line}")


def _remove(who: Person, text: str) -> dict[str, Any]:
    def read(tail: str) -> DocumentMeant:
        return DocumentMeant(*parse_kind_and_person(tail))

    removed = remove_document_typed(who.deps.sessions, who.team_id, text, read=read)
    if isinstance(removed, NoSinglePartner):
        return ephemeral(f"{_not_one(removed, text)} Nothing changed.")
    partner = removed.partner
    if removed.gone is None:
        found = (
            "No such document" if not removed.matching else f"{removed.matching} documents match"
        )
        return ephemeral(
            f"{found} for *{quote(partner.name, 100)}* — nothing was removed. "
            f"`/partner doc {escape(partner.name)}` lists them."
        )
    return ephemeral(f"🗑️ Removed {what(removed.gone)} of *{quote(partner.name, 100)}*.")


def _remind(who: Person, text: str) -> dict[str, Any]:
    if not text.strip():
        days = reminders(who.deps.sessions, who.team_id)
        shown = " and ".join(str(d) for d in days)
        return ephemeral(f"Owners are reminded {shown} days before a document expires.\n{USAGE}")
    refusal = lead_refusal(
        who.deps, who.client, who.team_id, who.user_id, "change when owners are reminded"
    )
    if refusal:
        return ephemeral(refusal)
    wanted = parse_remind_days(text)
    try:
        days = change_reminders(
            who.deps.sessions, who.team_id, wanted, by=who.user_id, now=who.deps.clock.now()
        )
    except InvalidInput as exc:
        return ephemeral(f"{escape(exc.message)} Nothing changed.")
    shown = " and ".join(str(d) for d in days)
    return ephemeral(
        f"🔔 Owners are now reminded {shown} days before a document expires, in their digest."
    )


def _show(who: Person, text: str) -> dict[str, Any]:
    today = who.local_now()[0].date()
    shown = partner_documents_typed(who.deps.sessions, who.team_id, text)
    if isinstance(shown, NoSinglePartner):
        return ephemeral(f"{_not_one(shown, text)}\n\n{USAGE}")
    name = shown.partner.name
    title = f"*Documents of {quote(name, 100)}*"
    empty = "_None on file — `/partner doc add …` records one._"
    return ephemeral(
        f"Documents of {escape(name)}",
        _blocks(documents_text(title, shown.docs, today, soon_days=shown.soon_days, empty=empty)),
    )


def expiring_verb(who: Person, rest: str, command: dict[str, Any]) -> dict[str, Any]:
    """`/partner list expiring`: the team's documents expired or expiring soon."""
    today = who.local_now()[0].date()
    found = expiring(who.deps.sessions, who.team_id, today=today)
    soon, docs = found.soon_days, found.docs
    title = f"*Documents expired or expiring within {soon} days* ({len(docs)})"
    empty = "_Nothing expires soon._"
    text = documents_text(title, docs, today, soon_days=soon, team=True, empty=empty)
    return ephemeral("Documents expiring", _blocks(text))


def _blocks(text: str) -> Blocks:
    return text_blocks(text)


def documents_card_part(who: Person, partner_id: int) -> Blocks:
    """The documents on a partner's card."""
    today = who.local_now()[0].date()
    found = card_documents(who.deps.sessions, who.team_id, partner_id)
    return card_blocks(found.docs, found.soon_days, today)
