"""`/engage`: record an engagement from plain words, list them, or open the form; and the
engagements on a partner's card."""

from __future__ import annotations

from functools import partial
from typing import Any

from slack_bolt import BoltContext, Respond
from slack_sdk import WebClient

from handlers.common.blocks import Blocks
from handlers.common.grammar import GrammarError
from handlers.common.mrkdwn import code, code_block, escape, quote
from handlers.common.replies import ephemeral
from handlers.deps import Person
from handlers.engagements.change_grammar import ChangeUsage, parse_change
from handlers.engagements.changes import change_command
from handlers.engagements.grammar import (
    USAGE,
    EngageHelp,
    ListEngagements,
    OpenForm,
    Record,
    parse_details,
    parse_engage_command,
)
from handlers.engagements.modals import day_notes, open_form, recorded_answer
from handlers.engagements.render import card_blocks, list_blocks
from handlers.partners.sections import not_one_partner
from storage.engagements_requests import (
    NoSinglePartner,
    NoSuchContact,
    Typed,
    card_engagements,
    engagement_list,
    record_typed,
)
from storage.errors import InvalidInput


def engage_command(
    command: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
) -> None:
    """Lazy: answer `/engage …`."""
    who = Person.of(command, client, context)
    change = parse_change(command.get("text") or "")
    if isinstance(change, ChangeUsage):
        respond(**ephemeral(f"Say which engagement, e.g. {CHANGE_EXAMPLES[change.verb]}."))
        return
    if change is not None:
        trigger_id = str(command.get("trigger_id") or "")
        answer = change_command(who, change, trigger_id, command.get("channel_id"))
        if answer is not None:
            respond(**answer)
        who.run_later()  # Home redraws, once the answer is out
        return
    match parse_engage_command(command.get("text") or ""):
        case OpenForm():
            open_form(who, str(command.get("trigger_id") or ""), None, command.get("channel_id"))
        case EngageHelp():
            respond(**ephemeral(USAGE))
        case ListEngagements(when=when, partner=partner):
            respond(**_list(who, when, partner))
        case Record(text=text):
            respond(**record_from_text(who, text))
            who.run_later()  # the Home redraw, once the answer is out


CHANGE_EXAMPLES = {
    "edit": "`/engage edit Acme job shadow`",
    "cancel": "`/engage cancel Acme job shadow Dec 9`",
    "remove": "`/engage remove Acme job shadow` (only one recorded by mistake)",
    "assign": "`/engage assign Acme internship @juan`",
}


def record_from_text(who: Person, text: str) -> dict[str, Any]:
    """`/engage PARTNER KIND DATE[S], N students …`: the engagement recorded, or what to fix."""
    typed = code_block(f"/engage {text}", 2800)
    now_local, _ = who.local_now()

    def read(rest: str) -> Typed:
        details = parse_details(rest, now=now_local.replace(tzinfo=None), reader=who.deps.dates)
        return Typed(
            kind=details.kind,
            starts_on=details.starts_on,
            ends_on=details.ends_on,
            student_count=details.students,
            owner_user_id=details.owner_user_id,
            contact=details.contact,
            pathway=details.pathway,
            label=details.label,
        )

    try:
        done = record_typed(
            who.deps.sessions,
            who.team_id,
            text,
            read=read,
            by=who.user_id,
            today=now_local.date(),
            now=who.deps.clock.now(),
            notes=day_notes,
        )
    except GrammarError as exc:
        return ephemeral(f"{escape(str(exc))} Nothing was saved.\n{typed}\n{USAGE}")
    except InvalidInput as exc:
        return ephemeral(f"{escape(exc.message)} Nothing was saved.\n{typed}")
    match done:
        case NoSinglePartner(words=words, candidates=candidates):
            unknown = (
                f"I don't know a partner called “{quote(words, 100)}”. Add it with "
                f"{code(f'/partner add {words}', 120)}, or check `/partner list`.\n{typed}"
            )
            return ephemeral(not_one_partner(words, candidates, unknown))
        case NoSuchContact(partner=partner, typed=contact, candidates=candidates):
            add = f"/partner contact add {partner.name} {contact}"
            could = ", ".join(quote(c.name, 60) for c in candidates[:5])
            return ephemeral(
                f"“{quote(contact, 80)}” is not one of *{quote(partner.name, 100)}*'s "
                "business contacts"
                + (f" (could be {could})" if could else "")
                + f". Add them with {code(add, 160)} "
                "first, or leave out `with …`. Students are never named. Nothing was saved."
                f"\n{typed}"
            )
    text_, blocks = recorded_answer(done)
    who.later.append(
        partial(who.deps.redraw_home, who.client, who.team_id, done.view.owner_user_id)
    )
    return ephemeral(text_, blocks)


def _list(who: Person, when: str, partner_words: str | None) -> dict[str, Any]:
    today = who.local_now()[0].date()
    found = engagement_list(
        who.deps.sessions, who.team_id, today=today, when=when, partner_words=partner_words
    )
    if isinstance(found, NoSinglePartner):
        unknown = (
            f"No partner matches “{quote(found.words, 100)}”. Write `/engage list`, "
            "`/engage list past`, `/engage list all` or `/engage list` with a partner's "
            "name."
        )
        return ephemeral(not_one_partner(found.words, found.candidates, unknown))
    views, total = list(found.views), found.total
    titles = {"upcoming": "Upcoming engagements", "past": "Past engagements", "all": "Engagements"}
    title = f"*{titles[when]}*"
    if partner_words and views:
        title = f"*Engagements of {quote(views[0].partner_name, 100)}*"
    elif partner_words:
        title = f"*Engagements of {quote(partner_words, 100)}*"
    partner_id = views[0].partner_id if partner_words and views else None
    blocks = list_blocks(
        f"{title} ({total})", views, total, today, when=when, partner_id=partner_id
    )
    return ephemeral(title.strip("*"), blocks)


def engagements_card_part(who: Person, partner_id: int) -> Blocks:
    """The engagements on a partner's card, with Record engagement."""
    today = who.local_now()[0].date()
    views, total = card_engagements(who.deps.sessions, who.team_id, partner_id)
    return card_blocks(partner_id, views, total, today)
