"""Small helpers for answering people in Slack from any listener."""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

log = logging.getLogger(__name__)


def notify(
    client: WebClient,
    *,
    user_id: str,
    channel_id: str | None,
    text: str,
    blocks: list[dict[str, Any]],
) -> None:
    """Tell one person something: ephemeral in the channel they were in, else a DM from the bot."""
    if channel_id:
        try:
            client.chat_postEphemeral(channel=channel_id, user=user_id, text=text, blocks=blocks)
        except SlackApiError as exc:
            log.info("ephemeral to %s in %s failed (%s); sending a DM", user_id, channel_id, exc)
        else:
            return
    client.chat_postMessage(channel=user_id, text=text, blocks=blocks)
