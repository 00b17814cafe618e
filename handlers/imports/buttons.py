"""The preview's controls and the summary's Undo: a choice per group, Import, Cancel, Undo
import, and Change columns (which opens the columns form). Each is one storage operation, then
the message is redrawn in place. Only whoever read the file in, or a program lead, may press
them; a second press of Import or Undo (a double click, a retry) changes nothing."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from handlers.common.mrkdwn import user
from handlers.common.replies import tell
from handlers.common.values import carried, record_id
from handlers.deps import Person
from handlers.imports.columns_form import columns_modal
from handlers.imports.render import blocks_for
from storage.errors import InvalidInput, NotFound, NotYours
from storage.imports.requests import (
    cancel_import,
    choose,
    confirm_import,
    show_import,
    undo_import,
)
from storage.imports.values import Preview

log = logging.getLogger(__name__)
GONE = "That import is no longer there."


def _batch(body: dict[str, Any]) -> int:
    return record_id(carried(body).get("batch")) or 0


def _batch_of_block(body: dict[str, Any]) -> int:
    """The batch of a group's menu: its block is `group:GROUP:BATCH`."""
    block_id = str(body["actions"][0].get("block_id") or "")
    return record_id(block_id.rpartition(":")[2]) or 0


def _run(
    body: dict[str, Any],
    client: WebClient,
    respond: Respond,
    context: BoltContext,
    batch_id: int,
    operation: Callable[[Person, int], Preview],
) -> None:
    who = Person.of(body, client, context)
    try:
        preview = operation(who, batch_id)
    except NotFound:
        tell(client, respond, body, GONE)
        return
    except NotYours as exc:
        tell(
            client,
            respond,
            body,
            f"Only {user(exc.owner)} (who read this file in) or a program lead can do that. "
            "Nothing changed.",
        )
        return
    except InvalidInput:
        preview = show_import(
            who.deps.sessions, who.team_id, batch_id, by=who.user_id, now=who.deps.clock.now()
        )
    text, blocks = blocks_for(preview)
    respond(text=text, blocks=blocks, replace_original=True)


def chosen(body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext) -> None:
    """A group's menu: what its rows will do."""
    action = body["actions"][0]
    group = str(action.get("action_id") or "").partition(":")[2]
    choice = str((action.get("selected_option") or {}).get("value") or "")

    def run(who: Person, batch_id: int) -> Preview:
        return choose(
            who.deps.sessions,
            who.team_id,
            batch_id,
            group,
            choice,
            by=who.user_id,
            now=who.deps.clock.now(),
        )

    _run(body, client, respond, context, _batch_of_block(body), run)


def confirm(
    body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
) -> None:
    """Import: apply the batch in one transaction, then show the summary with Undo."""

    def run(who: Person, batch_id: int) -> Preview:
        return confirm_import(
            who.deps.sessions, who.team_id, batch_id, by=who.user_id, now=who.deps.clock.now()
        )

    _run(body, client, respond, context, _batch(body), run)


def cancel(body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext) -> None:
    """Cancel: drop the preview; nothing was saved."""

    def run(who: Person, batch_id: int) -> Preview:
        return cancel_import(
            who.deps.sessions, who.team_id, batch_id, by=who.user_id, now=who.deps.clock.now()
        )

    _run(body, client, respond, context, _batch(body), run)


def undo(body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext) -> None:
    """Undo import: remove what it added and restore what it updated."""

    def run(who: Person, batch_id: int) -> Preview:
        return undo_import(
            who.deps.sessions, who.team_id, batch_id, by=who.user_id, now=who.deps.clock.now()
        )

    _run(body, client, respond, context, _batch(body), run)


def columns(
    body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
) -> None:
    """Change columns: the form with a menu per field, on the batch's headers."""
    who = Person.of(body, client, context)
    batch_id = _batch(body)
    try:
        preview = show_import(
            who.deps.sessions, who.team_id, batch_id, by=who.user_id, now=who.deps.clock.now()
        )
    except (NotFound, NotYours):
        tell(client, respond, body, GONE)
        return
    if preview.status != "previewed":
        tell(client, respond, body, f"Import #{batch_id} is {preview.status} already.")
        return
    container = body.get("container") or {}
    where = {"channel": container.get("channel_id"), "ts": container.get("message_ts")}
    try:
        client.views_open(trigger_id=body["trigger_id"], view=columns_modal(preview, where))
    except SlackApiError as exc:
        log.warning("could not open the columns form: %s", exc.response.get("error"))
        tell(client, respond, body, "Slack would not open the form just now — try again.")
