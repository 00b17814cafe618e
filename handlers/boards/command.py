"""`/partnerbot board …` (a verb of /partnerbot, run after the ack): parse, one storage
operation, answer with the board's card. Setting the rule and a board's industries is for
program leads (Slack is asked whether the person is an admin first)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from handlers.boards.grammar import USAGE, Action, BoardCommand, parse_board
from handlers.boards.render import card_blocks, list_blocks
from handlers.common.blocks import text_blocks
from handlers.common.grammar import GrammarError
from handlers.common.mrkdwn import escape, quote
from handlers.common.replies import ephemeral
from handlers.deps import Person
from handlers.people.sections import slack_admin
from storage.board_requests import (
    BoardAnswer,
    add_member,
    record_meeting,
    remove_member,
    set_industries,
    set_rule,
    show_board,
    show_boards,
)
from storage.board_requests import Person as Asker
from storage.errors import InvalidInput, NotFound

LEADS_ONLY = "Only a program lead can {what}. Nothing changed."


def board_verb(who: Person, rest: str, command: dict[str, Any]) -> dict[str, Any]:
    """Lazy: `/partnerbot board …`; the ephemeral answer."""
    try:
        wanted = parse_board(rest)
    except GrammarError as exc:
        return ephemeral(escape(str(exc)))
    local, _ = who.local_now()
    try:
        return _run(who, wanted, local.replace(tzinfo=None))
    except InvalidInput as exc:
        return ephemeral(escape(exc.message))
    except NotFound:
        return _no_board(wanted.pathway)


def _asker(who: Person, admin: bool | None = None) -> Asker:
    local, _ = who.local_now()
    return Asker(who.team_id, who.user_id, admin, who.deps.clock.now(), local.date())


def _no_board(pathway: str) -> dict[str, Any]:
    return ephemeral(
        f"There is no advisory board for {quote(pathway, 100)} yet. Seat its first member: "
        f"`/partnerbot board {quote(pathway, 100)} add Jane Ortiz`."
    )


def _answer(
    found: BoardAnswer, pathway: str, action: Action = Action.SHOW, person: str = ""
) -> dict[str, Any]:
    """The card after a change (or as it is), else why nothing changed."""
    if found.card is not None and (found.done or action not in (Action.ADD, Action.REMOVE)):
        text = found.done or f"{found.card.pathway} advisory board"
        return ephemeral(escape(text), card_blocks(found.card, found.done))
    who = quote(person, 100)
    if action is Action.ADD and found.choices:
        options = ", ".join(quote(c, 120) for c in found.choices[:10])
        return ephemeral(
            f"“{who}” could be {options}. Add `at` and the employer: "
            f"`board {quote(pathway, 100)} add {who} at Acme`. Nothing changed."
        )
    if action is Action.ADD:
        return ephemeral(
            f"I don't know a business contact named “{who}”. Add them to their partner "
            "first: `/partner contact add Acme Jane Ortiz, plant manager`. Nothing changed."
        )
    if action is Action.REMOVE:
        members = ", ".join(quote(c, 120) for c in found.choices) or "nobody yet"
        return ephemeral(f"“{who}” is not on the board. Its members: {members}. Nothing changed.")
    return _no_board(pathway)


def _run(who: Person, wanted: BoardCommand, local_now: datetime) -> dict[str, Any]:
    sessions, action = who.deps.sessions, wanted.action
    if action is Action.LIST:
        return ephemeral(
            "Advisory boards", list_blocks(show_boards(sessions, who.team_id, local_now.date()))
        )
    if action is Action.SHOW:
        return _answer(
            show_board(sessions, who.team_id, wanted.pathway, local_now.date()), wanted.pathway
        )
    if action is Action.ADD:
        found = add_member(sessions, _asker(who), wanted.pathway, wanted.name, wanted.employer)
        return _answer(found, wanted.pathway, action, wanted.name)
    if action is Action.REMOVE:
        found = remove_member(sessions, _asker(who), wanted.pathway, wanted.name)
        return _answer(found, wanted.pathway, action, wanted.name)
    if action is Action.MEETING:
        # Minutes or attendance mean it was held; without them it is planned.
        held = bool(wanted.minutes_url or wanted.attended)
        prefer: Literal["past", "future"] = "past" if held else "future"
        read = who.deps.dates.read(wanted.when, now=local_now, prefer=prefer)
        if read is None:
            return ephemeral(f"I can't read “{quote(wanted.when, 60)}” as a date. {USAGE}")
        found = record_meeting(
            sessions, _asker(who), wanted.pathway, read.day, wanted.minutes_url, wanted.attended
        )
        return _answer(found, wanted.pathway)
    admin = slack_admin(who.client, who.user_id)
    if action is Action.INDUSTRIES:
        changed = set_industries(sessions, _asker(who, admin), wanted.pathway, wanted.industries)
        if changed is None:
            return ephemeral(LEADS_ONLY.format(what="name the industries a board should hear from"))
        return _answer(changed, wanted.pathway)
    lead, rule = set_rule(sessions, _asker(who, admin), wanted.meetings, wanted.members)
    asked = wanted.meetings is not None or wanted.members is not None
    if asked and not lead:
        return ephemeral(LEADS_ONLY.format(what="set the advisory boards' rule"))
    text = (
        f"{'✅ ' if asked else ''}The advisory boards' rule: *{rule.meetings} meetings* a school "
        f"year and at least *{rule.members} members* from industry."
        + (
            ""
            if rule.set
            else " (the default: a program lead can set it: `board rule 3 meetings 5 members`)"
        )
    )
    return ephemeral(text, text_blocks(text))
