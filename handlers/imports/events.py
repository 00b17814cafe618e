"""A spreadsheet sent to the bot in a DM (a `message` event with subtype `file_share`): its
preview is posted in the DM. A Slack retry of the same event reads nothing twice."""

from __future__ import annotations

from typing import Any

from slack_bolt import BoltContext
from slack_sdk import WebClient

from handlers.deps import Deps, Person
from handlers.imports.modals import preview_file
from storage.contact_requests import claim_message

MESSAGE, FILE_SHARE, IM = "message", "file_share", "im"
"""The event this feature reads: a DM with a file (registered before the contact log's)."""


def file_shared(
    body: dict[str, Any], event: dict[str, Any], client: WebClient, context: BoltContext
) -> None:
    """Lazy: read the first file of a person's DM to the bot."""
    files = [f for f in event.get("files") or [] if isinstance(f, dict) and f.get("id")]
    if event.get("channel_type") != IM or event.get("bot_id") or not event.get("user") or not files:
        return
    deps = Deps.of(context)
    team_id = str(context.get("team_id") or body.get("team_id") or "")
    channel = str(event.get("channel") or "")
    event_id = str(body.get("event_id") or f"{channel}:{event.get('ts')}")
    if not claim_message(deps.sessions, team_id, event_id, now=deps.clock.now()):
        return
    preview_file(Person(deps, client, team_id, str(event["user"])), files[0], channel)
