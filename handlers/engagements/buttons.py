"""Buttons: Record engagement (partner card), Great / Fine / Problems and Write debrief (the
debrief DM, the card, the Home), and the form's partner typeahead."""

from __future__ import annotations

from datetime import date
from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from handlers.common.values import action_value, carried, record_id
from handlers.deps import Deps, Person
from handlers.engagements.modals import open_debrief, open_form
from storage.engagements import MAX_STUDENTS
from storage.engagements_requests import partner_choices
from storage.models import DebriefOutcome, EngagementKind

GONE = "That engagement no longer exists."


def record_pressed(body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    """Record engagement on a partner's card: the form, that partner filled in."""
    who = Person.of(body, client, context)
    channel_id = (body.get("channel") or {}).get("id")
    open_form(who, body["trigger_id"], record_id(action_value(body)), channel_id)


def record_contact_pressed(body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    """Record as engagement (under a logged contact): the form, prefilled with what it said."""
    who = Person.of(body, client, context)
    value = carried(body)
    try:
        kind: EngagementKind | None = EngagementKind(str(value.get("k")))
    except ValueError:
        kind = None
    try:
        on: date | None = date.fromisoformat(str(value.get("d")))
    except ValueError:
        on = None
    count = value.get("n")
    open_form(
        who,
        body["trigger_id"],
        record_id(value.get("p")),
        (body.get("channel") or {}).get("id"),
        kind=kind,
        on=on,
        students=count if isinstance(count, int) and 0 <= count <= MAX_STUDENTS else None,
    )


def debrief_pressed(
    body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
) -> None:
    """Great / Fine / Problems / Write debrief: the debrief form, with that answer chosen. From
    the debrief DM, saving it updates that message."""
    who = Person.of(body, client, context)
    value = carried(body)
    engagement_id = record_id(value.get("e"))
    try:
        outcome = DebriefOutcome(str(value.get("o"))) if value.get("o") else None
    except ValueError:
        outcome = None
    container = body.get("container") or {}
    where: dict[str, Any] = {}
    if container.get("type") == "message" and not container.get("is_ephemeral"):
        where = {"c": container.get("channel_id"), "ts": container.get("message_ts")}
    refusal = (
        GONE
        if engagement_id is None
        else open_debrief(who, body["trigger_id"], engagement_id, outcome, where)
    )
    if refusal:
        respond(replace_original=False, response_type="ephemeral", text=refusal)


def partner_typeahead(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
    """Options for the form's partner picker, as the person types."""
    deps = Deps.of(context)
    team_id = body["team"]["id"]
    typed = str(body.get("value") or "").strip()
    found = partner_choices(deps.sessions, team_id, typed)
    ack(
        options=[
            {"text": {"type": "plain_text", "text": p.name[:75]}, "value": str(p.id)} for p in found
        ]
    )
