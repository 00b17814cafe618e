"""Answering people from any listener: ephemeral answers, notes to one person, in-place updates."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from handlers.common.blocks import Blocks, text_blocks

log = logging.getLogger(__name__)


def ephemeral(text: str, blocks: Blocks | None = None) -> dict[str, Any]:
    """The arguments of an ack or respond() that only the person who typed sees."""
    return {"response_type": "ephemeral", "text": text, "blocks": blocks or text_blocks(text)}


def notify(
    client: WebClient,
    *,
    user_id: str,
    channel_id: str | None,
    text: str,
    blocks: Blocks,
) -> None:
    """Tell one person something: ephemeral in the channel they were in, else a DM from the bot.
    A Slack failure is logged, never raised: the change it reports is already saved."""
    if channel_id:
        try:
            client.chat_postEphemeral(channel=channel_id, user=user_id, text=text, blocks=blocks)
        except SlackApiError as exc:
            log.info("ephemeral to %s in %s failed (%s); sending a DM", user_id, channel_id, exc)
        else:
            return
    try:
        client.chat_postMessage(channel=user_id, text=text, blocks=blocks)
    except SlackApiError as exc:
        log.warning("could not tell %s: %s", user_id, exc.response.get("error"))


def tell(client: WebClient, respond: Respond | None, body: dict[str, Any], text: str) -> None:
    """A short note to whoever clicked: beside the message they clicked in, else by DM."""
    if respond is not None and body.get("response_url"):
        respond(text=text, response_type="ephemeral", replace_original=False)
        return
    notify(client, user_id=body["user"]["id"], channel_id=None, text=text, blocks=text_blocks(text))
