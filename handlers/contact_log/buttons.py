"""Buttons on contact-log answers: pick the partner, add it, restore it, which day, what to do
with a past follow-up date, mark an open follow-up done, Edit, and Log contact (Undo and
history pages: fixes). Each calls one storage operation; all run lazily, after the ack."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from slack_bolt import BoltContext, Respond
from slack_sdk import WebClient

from handlers.common.blocks import text_blocks
from handlers.common.mrkdwn import escape, quote, user
from handlers.common.refusals import follow_up_refused
from handlers.common.replies import ephemeral
from handlers.common.values import action_value, carried, record_id
from handlers.contact_log.command import (
    NO_CHOICES,
    Choices,
    answer,
    confirmation_reply,
    recent_since,
)
from handlers.contact_log.fixes import NOT_YOURS
from handlers.contact_log.sections import contact_form
from handlers.deps import Person
from storage.contact_line import Confirmation
from storage.contact_requests import (
    add_partner_named,
    entry_to_edit,
    partner_or_none,
    restore_partner,
)
from storage.contact_requests import close_loop as close_loop_of
from storage.contact_requests import reopen_loop as reopen_loop_of
from storage.errors import InvalidInput, NotFound
from storage.follow_ups import NotAllowed, Outcome
from storage.records import PartnerView

GONE = "That entry no longer exists."


def _action_key(body: dict[str, Any], prefix: str) -> str:
    return f"{prefix}:{body['actions'][0].get('action_ts')}"


def _finish(
    who: Person,
    asked: dict[str, Any],
    respond: Respond,
    key: str,
    *,
    choices: Choices = NO_CHOICES,
    restore: bool = False,
) -> None:
    """Log the line a button carried for the partner it names, replacing the question."""
    typed = str(asked.get("t") or "")
    partner_id = record_id(asked.get("p")) or 0
    try:
        partner: PartnerView | None = (
            restore_partner(who.deps.sessions, who.team_id, partner_id, now=who.deps.clock.now())
            if restore
            else partner_or_none(who.deps.sessions, who.team_id, partner_id)
        )
    except NotFound:
        partner = None
    if partner is None:
        respond(replace_original=True, text="That partner no longer exists. Nothing was saved.")
        return
    reply = answer(who, typed, key=key, partner=partner, span=_span(asked), choices=choices)
    if restore:
        reply["blocks"] = text_blocks(f"♻️ Restored *{quote(partner.name, 120)}*.") + list(
            reply["blocks"]
        )
    respond(replace_original=True, text=reply["text"], blocks=reply["blocks"])
    who.run_later()


def picked(body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext) -> None:
    """ "Which partner do you mean?" answered: log it for the partner picked."""
    _finish(Person.of(body, client, context), carried(body), respond, _action_key(body, "pick"))


def restore_and_log(
    body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
) -> None:
    """The partner was archived: restore it, then log the line."""
    who = Person.of(body, client, context)
    _finish(
        who,
        carried(body),
        respond,
        _action_key(body, "restore"),
        choices=Choices(restore=True),
        restore=True,
    )


def day_chosen(
    body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
) -> None:
    """The day named was in the future or long ago: log it on the day the person chose."""
    who = Person.of(body, client, context)
    choice = str(body["actions"][0]["action_id"]).rsplit(":", 1)[1]
    _finish(who, carried(body), respond, _action_key(body, "day"), choices=Choices(day=choice))


def past_follow_up(
    body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
) -> None:
    """The follow-up date was past: log without it, or follow up tomorrow."""
    who = Person.of(body, client, context)
    choice = str(body["actions"][0]["action_id"]).rsplit(":", 1)[1]
    asked = carried(body)
    said = asked.get("d")
    day_choice = said if said in ("said", "today", "follow") else None
    if choice == "tomorrow":
        now_local, _ = who.local_now()
        tomorrow = now_local.date() + timedelta(days=1)
        choices = Choices(day=day_choice, follow_up_on=tomorrow)
    else:
        choices = Choices(day=day_choice, drop_follow_up=True)
    _finish(who, asked, respond, _action_key(body, "past"), choices=choices)


def add_and_log(
    body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
) -> None:
    """Add the unknown partner, then log the line for it."""
    who = Person.of(body, client, context)
    asked = carried(body)
    name, typed = str(asked.get("n") or ""), str(asked.get("t") or "")
    try:
        partner = add_partner_named(
            who.deps.sessions, who.team_id, name, by=who.user_id, now=who.deps.clock.now()
        )
    except InvalidInput as exc:
        respond(**ephemeral(escape(exc.message)), replace_original=True)
        return
    reply = answer(who, typed, key=_action_key(body, "add"), partner=partner, span=_span(asked))
    added = text_blocks(f"➕ Added *{quote(partner.name, 120)}* as a partner.")
    respond(replace_original=True, text=reply["text"], blocks=added + list(reply["blocks"]))
    who.run_later()


def close_loop(
    body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
) -> None:
    """ "Mark follow-up done" on a confirmation: that follow-up is done; the confirmation
    says so, in place."""
    _loop(Person.of(body, client, context), body, respond, close_loop_of, "close")


def reopen_loop(
    body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
) -> None:
    """Reopen on a confirmation's "Marked done" line: the follow-up is open again, and the
    confirmation offers to mark it done, in place."""
    _loop(Person.of(body, client, context), body, respond, reopen_loop_of, "reopen")


def _loop(
    who: Person,
    body: dict[str, Any],
    respond: Respond,
    operation: Callable[..., tuple[Outcome, Confirmation]],
    verb: str,
) -> None:
    """Close or reopen the follow-up a confirmation's button names (its one operation), then
    show the confirmation again in place."""
    follow_up_text, _, entry_text = action_value(body).partition(":")
    follow_up_id, entry_id = record_id(follow_up_text), record_id(entry_text)
    now = who.deps.clock.now()
    try:
        if follow_up_id is None or entry_id is None:
            raise NotFound("follow-up")
        outcome, facts = operation(
            who.deps.sessions,
            who.team_id,
            who.user_id,
            follow_up_id,
            entry_id,
            since=recent_since(who.deps, now),
            now=now,
        )
    except NotFound:
        respond(replace_original=False, **ephemeral(GONE))
        return
    except NotAllowed as exc:
        respond(replace_original=False, **ephemeral(follow_up_refused(exc, verb)))
        return
    closed = outcome.follow_up if verb == "close" else None
    reply = confirmation_reply(facts, who.user_id, now, who.zone(), closed=closed)
    respond(replace_original=True, text=reply["text"], blocks=reply["blocks"])


def _span(asked: dict[str, Any]) -> tuple[int, int] | None:
    span = asked.get("s")
    if isinstance(span, list) and len(span) == 2 and all(isinstance(i, int) for i in span):
        return span[0], span[1]
    return None


def edit(body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext) -> None:
    """Open the contact modal to correct a logged contact."""
    who = Person.of(body, client, context)
    entry_id = record_id(action_value(body))
    try:
        if entry_id is None:
            raise NotFound("contact")
        entry, partner, allowed = entry_to_edit(
            who.deps.sessions, who.team_id, entry_id, who.user_id
        )
    except NotFound:
        respond(replace_original=False, text=GONE)
        return
    if not allowed:
        respond(replace_original=False, **ephemeral(NOT_YOURS.format(user(entry.user_id))))
        return
    tz = who.zone()
    client.views_open(
        trigger_id=body["trigger_id"],
        view=contact_form(
            partner=partner,
            text=entry.summary,
            kind=entry.kind,
            happened_on=entry.occurred_at.astimezone(tz).date(),
            meta={"edit": entry.id, "channel_id": (body.get("channel") or {}).get("id")},
            title="Edit contact",
        ),
    )


def open_form(
    who: Person,
    trigger_id: str,
    partner: PartnerView | None,
    text: str = "",
    meta: dict[str, Any] | None = None,
) -> None:
    """Open the contact modal, dated today in the person's time zone."""
    now_local, _ = who.local_now()
    who.client.views_open(
        trigger_id=trigger_id,
        view=contact_form(partner=partner, text=text, happened_on=now_local.date(), meta=meta),
    )


def open_from_button(body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    """ "Log contact" on a card, in a digest or on the Home: the modal, partner prefilled."""
    who = Person.of(body, client, context)
    partner = partner_or_none(who.deps.sessions, who.team_id, record_id(action_value(body)) or 0)
    channel = (body.get("channel") or {}).get("id")
    open_form(who, body["trigger_id"], partner, meta={"channel_id": channel})
