"""The partner card's and lists' buttons: Open, Undo archive, Restore, Add, Add anyway, Edit,
Assign (all lazy)."""

from __future__ import annotations

import json
from typing import Any

from slack_bolt import BoltContext, Respond
from slack_sdk import WebClient

from handlers.common.blocks import text_blocks
from handlers.common.mrkdwn import escape, quote
from handlers.deps import Deps, Person
from handlers.partners.command import add, archive, card, found_answer
from handlers.partners.merging import fields_of
from handlers.partners.render import MAX_LIST_ROWS, assign_form, partner_form
from storage.errors import NotFound
from storage.partners.requests import partner_by_id, restore_and_find, restore_partner
from storage.records import PartnerView

GONE = "That partner no longer exists."


def _pressed(body: dict[str, Any], context: BoltContext) -> tuple[Deps, str, int | None]:
    deps = Deps.of(context)
    try:
        return deps, body["team"]["id"], int(body["actions"][0].get("value") or "")
    except ValueError:
        return deps, body["team"]["id"], None


def _partner(deps: Deps, team_id: str, partner_id: int | None) -> PartnerView | None:
    if partner_id is None:
        return None
    try:
        return partner_by_id(deps.sessions, team_id, partner_id)
    except NotFound:
        return None


def show_partner(
    body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
) -> None:
    """Open: the partner's card, below the list it was pressed in."""
    partner_id = _pressed(body, context)[2]
    who = Person.of(body, client, context)
    try:
        blocks = card(who, partner_id or 0)
    except NotFound:
        respond(text=GONE, replace_original=False)
        return
    respond(text="Partner card", blocks=blocks, replace_original=False)


def unarchive(body: dict[str, Any], respond: Respond, context: BoltContext) -> None:
    """Undo an archive, in place."""
    deps, team_id, partner_id = _pressed(body, context)
    try:
        restored = restore_partner(deps.sessions, team_id, partner_id or 0, now=deps.clock.now())
    except NotFound:
        respond(text=GONE, replace_original=True)
        return
    respond(
        text=f"Restored {escape(restored.name)}.",
        blocks=text_blocks(f"↩️ Restored *{quote(restored.name, 200)}*."),
        replace_original=True,
    )


def restore_in_results(body: dict[str, Any], respond: Respond, context: BoltContext) -> None:
    """Restore, in search results: the partner is restored and the same results are drawn
    again in place, that partner now active with its Open button."""
    deps = Deps.of(context)
    try:
        pressed = json.loads(str(body["actions"][0].get("value") or ""))
        partner_id, query = int(pressed["id"]), str(pressed["q"])
    except (ValueError, KeyError, TypeError):
        respond(text=GONE, replace_original=False)
        return
    team_id = body["team"]["id"]
    try:
        found = restore_and_find(
            deps.sessions, team_id, partner_id, query, now=deps.clock.now(), limit=MAX_LIST_ROWS
        )
    except NotFound:
        respond(text=GONE, replace_original=False)
        return
    respond(**found_answer(query, True, found), replace_original=True)


def add_named(body: dict[str, Any], client: WebClient) -> None:
    """Add: the add-partner form, prefilled with the name that was not found."""
    name = str(body["actions"][0].get("value") or "")
    client.views_open(
        trigger_id=body["trigger_id"], view=partner_form(name=name, channel_id=_channel(body))
    )


def edit_button(
    body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
) -> None:
    """Edit: the partner form, prefilled."""
    _open_for_partner(body, client, respond, context, edit=True)


def assign_button(
    body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
) -> None:
    """Assign: a user picker for the school-side owner."""
    _open_for_partner(body, client, respond, context, edit=False)


def _open_for_partner(
    body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext, *, edit: bool
) -> None:
    partner = _partner(*_pressed(body, context))
    if partner is None:
        respond(text=GONE, replace_original=False)
        return
    view = (
        partner_form(partner=partner, channel_id=_channel(body)) if edit else assign_form(partner)
    )
    client.views_open(trigger_id=body["trigger_id"], view=view)


def _channel(body: dict[str, Any]) -> str | None:
    channel = (body.get("channel") or {}).get("id")
    return str(channel) if channel else None


def archive_choice(
    body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
) -> None:
    """The answer to "close its follow-ups or keep them?", in place of the question."""
    choice = str(body["actions"][0]["action_id"]).rpartition(":")[2]
    partner_id = _pressed(body, context)[2]
    if choice == "cancel":
        respond(text="Nothing changed.", replace_original=True)
        return
    who = Person.of(body, client, context)
    try:
        answer = archive(who, partner_id or 0, close_follow_ups=choice == "close")
    except NotFound:
        respond(text=GONE, replace_original=True)
        return
    respond(**answer, replace_original=True)


def add_anyway(
    body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
) -> None:
    """Add anyway, under "looks like …": add the partner as typed, in place of the question."""
    fields = fields_of(str(body["actions"][0].get("value") or ""))
    if fields is None:
        respond(text="That can't be read — run `/partner add` again.", replace_original=True)
        return
    who = Person.of(body, client, context)
    respond(**add(who, fields, anyway=True), replace_original=True)
