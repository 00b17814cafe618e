"""Answers to "when should the follow-up be?" under a confirmation (unplaced.py): a day
picked makes the follow-up, *No follow-up* leaves it without one; either redraws that
confirmation in place."""

from __future__ import annotations

from datetime import date
from typing import Any

from slack_bolt import BoltContext, Respond
from slack_sdk import WebClient

from handlers.common.replies import ephemeral
from handlers.common.values import record_id
from handlers.contact_log.command import confirmation_reply, recent_since
from handlers.deps import Person
from storage.contact_line import settle_follow_up
from storage.errors import NotFound

GONE = "That entry no longer exists."
NOT_YOURS = "Only who logged that contact can set its follow-up. Nothing was changed."


def _where(body: dict[str, Any]) -> tuple[int | None, str | None, str]:
    """The entry, the follow-up's owner (None: from a button) and the value chosen."""
    action = (body.get("actions") or [{}])[0]
    if action.get("type") == "button":
        return record_id(action.get("value")), None, ""
    _, entry, owner = ([*str(action.get("block_id") or "").split(":"), "", ""])[:3]
    return record_id(entry), owner or None, str(action.get("selected_date") or "")


def answered(
    body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
) -> None:
    """A day picked (the follow-up is made for it) or *No follow-up*: the confirmation,
    redrawn in place."""
    who = Person.of(body, client, context)
    entry_id, owner, picked = _where(body)
    due = None
    if owner is not None:
        try:
            day = date.fromisoformat(picked)
        except ValueError:
            respond(replace_original=False, **ephemeral("Pick a day for the follow-up."))
            return
        now_local, _ = who.local_now()
        if day < now_local.date():
            text = f"{day:%a %b %-d} is in the past — pick a later day. Nothing was changed."
            respond(replace_original=False, **ephemeral(text))
            return
        due = (day, owner, who.deps.zones.of(who.client, who.team_id, owner))
    now = who.deps.clock.now()
    try:
        if entry_id is None:
            raise NotFound("contact")
        done = settle_follow_up(
            who.deps.sessions,
            who.team_id,
            entry_id,
            user_id=who.user_id,
            due=due,
            now=now,
            recent_since=recent_since(who.deps, now),
        )
    except NotFound:
        respond(replace_original=True, text=GONE)
        return
    if done is None:
        respond(replace_original=False, **ephemeral(NOT_YOURS))
        return
    reply = confirmation_reply(done, who.user_id, now, who.zone())
    respond(replace_original=True, text=reply["text"], blocks=reply["blocks"])
