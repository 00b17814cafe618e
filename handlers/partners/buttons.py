"""The partner card's and lists' buttons: Open, Undo archive, Restore, Add, Edit, Assign (all
lazy)."""

from __future__ import annotations

import json
from typing import Any

from slack_bolt import BoltContext, Respond
from slack_sdk import WebClient

from handlers.common.blocks import text_blocks
from handlers.common.mrkdwn import escape, quote
from handlers.deps import Deps, Person
from handlers.partners.command import archive, card, find
from handlers.partners.render import assign_form, partner_form
from storage.errors import NotFound
from storage.partners.records import get_partner, set_archived
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
        with deps.sessions() as session:
            return get_partner(session, team_id, partner_id)
    except NotFound:
        return None


def show_partner(
    body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
) -> None:
    """Open: the partner's card, below the list it was pressed in."""
    deps, team_id, partner_id = _pressed(body, context)
    if _partner(deps, team_id, partner_id) is None or partner_id is None:
        respond(text=GONE, replace_original=False)
        return
    who = Person.of(body, client, context)
    respond(text="Partner card", blocks=card(who, partner_id), replace_original=False)


def unarchive(body: dict[str, Any], respond: Respond, context: BoltContext) -> None:
    """Undo an archive, in place."""
    deps, team_id, partner_id = _pressed(body, context)
    try:
        with deps.sessions.begin() as session:
            restored = set_archived(session, team_id, partner_id or 0, False, now=deps.clock.now())
    except NotFound:
        respond(text=GONE, replace_original=True)
        return
    respond(
        text=f"Restored {escape(restored.name)}.",
        blocks=text_blocks(f"↩️ Restored *{quote(restored.name, 200)}*."),
        replace_original=True,
    )


def restore_in_results(
    body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
) -> None:
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
        with deps.sessions.begin() as session:
            set_archived(session, team_id, partner_id, False, now=deps.clock.now())
    except NotFound:
        respond(text=GONE, replace_original=False)
        return
    who = Person.of(body, client, context)
    respond(**find(who, query, archived=True), replace_original=True)


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
    deps, team_id, partner_id = _pressed(body, context)
    if choice == "cancel":
        respond(text="Nothing changed.", replace_original=True)
        return
    if _partner(deps, team_id, partner_id) is None or partner_id is None:
        respond(text=GONE, replace_original=True)
        return
    who = Person.of(body, client, context)
    respond(**archive(who, partner_id, close_follow_ups=choice == "close"), replace_original=True)
