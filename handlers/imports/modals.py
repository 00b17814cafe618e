"""The upload form (`/partnerbot import`: a file_input) and the columns form. The upload is
acknowledged at once (the form closes); the file is fetched and read after the ack and the
preview is posted in the person's DM with the bot. The columns form reads the kept sheets
again under the new mapping and redraws the preview where it was."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from handlers.common.blocks import text_blocks
from handlers.common.forms import form_values, metadata
from handlers.common.mrkdwn import quote, user
from handlers.common.values import record_id
from handlers.deps import Person
from handlers.imports import ids
from handlers.imports.columns_form import mapping_of
from handlers.imports.download import download
from handlers.imports.files import Unreadable
from handlers.imports.intake import keep_preview, reader
from handlers.imports.people import slack_people
from handlers.imports.render import blocks_for
from storage.errors import InvalidInput, NotFound, NotYours
from storage.imports.requests import remap_import

log = logging.getLogger(__name__)
NOTHING_SAVED = "Nothing was saved."


def uploaded_files(view: dict[str, Any]) -> list[dict[str, Any]]:
    """The files of the upload form's file_input (Slack: state.values → {"type":
    "file_input", "files": [...]})."""
    state = ((view.get("state") or {}).get("values") or {}).get(ids.FILE_BLOCK) or {}
    element = state.get(ids.FILE_ACTION) or {}
    files = element.get("files") if isinstance(element, dict) else None
    return [f for f in files or [] if isinstance(f, dict) and f.get("id")]


def upload_submitted(ack: Ack, view: dict[str, Any]) -> None:
    """Close the form when it carries a file; else say so on the field."""
    if not uploaded_files(view):
        ack(response_action="errors", errors={ids.FILE_BLOCK: "Choose a spreadsheet to import."})
        return
    ack()


def post(client: WebClient, channel: str, text: str, blocks: list[dict[str, Any]]) -> None:
    """Post in the DM (a Slack failure is logged: nothing was lost, the batch is kept)."""
    try:
        client.chat_postMessage(channel=channel, text=text, blocks=blocks)
    except SlackApiError as exc:
        log.warning("could not post the import preview: %s", exc.response.get("error"))


def preview_file(who: Person, shared: dict[str, Any], channel: str) -> None:
    """Fetch a shared file, keep its preview and post it in `channel` (or say why not)."""
    try:
        name, data = download(who.client, shared)
        preview = keep_preview(
            who.deps.sessions,
            who.deps.clock,
            who.team_id,
            who.user_id,
            name,
            data,
            lambda named: slack_people(who.client, named),
        )
    except Unreadable as bad:
        text = f"{quote(str(bad), 1000)} {NOTHING_SAVED}"
        post(who.client, channel, text, text_blocks(text))
        return
    text, blocks = blocks_for(preview)
    post(who.client, channel, text, blocks)


def upload_read(
    body: dict[str, Any], view: dict[str, Any], client: WebClient, context: BoltContext
) -> None:
    """Lazy: read the uploaded file and post its preview in the person's DM."""
    who = Person.of(body, client, context)
    for shared in uploaded_files(view)[:1]:
        preview_file(who, shared, who.user_id)


def columns_submitted(ack: Ack, view: dict[str, Any]) -> None:
    """Check the form names a partner-name column, then close it."""
    if form_values(view).get("name") in (None, "none"):
        ack(
            response_action="errors", errors={"name": "Choose the column with the partners' names."}
        )
        return
    ack()


def columns_read(
    body: dict[str, Any], view: dict[str, Any], client: WebClient, context: BoltContext
) -> None:
    """Lazy: read the kept sheets again under the new columns; redraw the preview."""
    who = Person.of(body, client, context)
    meta = metadata(view)
    batch_id = record_id(meta.get("batch")) or 0
    values = form_values(view)
    previous = {"contacts": meta.get("contacts") or [], "contact_sheet": meta.get("contact_sheet")}
    try:
        preview = remap_import(
            who.deps.sessions,
            who.team_id,
            batch_id,
            mapping_of(values, previous),
            reader(lambda named: slack_people(client, named)),
            by=who.user_id,
            now=who.deps.clock.now(),
        )
    except (NotFound, NotYours, InvalidInput, Unreadable) as exc:
        text = f"Import #{batch_id}: " + (
            quote(str(exc), 500)
            if isinstance(exc, Unreadable | InvalidInput)
            else "only who read it in (or a lead) can change it."
        )
        post(client, who.user_id, text, text_blocks(text))
        return
    text, blocks = blocks_for(preview)
    channel, ts = meta.get("channel"), meta.get("ts")
    try:
        if channel and ts:
            client.chat_update(channel=str(channel), ts=str(ts), text=text, blocks=blocks)
        else:
            client.chat_postMessage(channel=who.user_id, text=text, blocks=blocks)
    except SlackApiError as exc:
        log.warning("could not redraw import #%s for %s: %s", batch_id, user(who.user_id), exc)
