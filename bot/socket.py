"""Socket Mode transport: talks to Slack over a WebSocket, so no public URL is needed."""

from __future__ import annotations

import logging

from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler

log = logging.getLogger(__name__)


def run_socket_mode(app: App, app_token: str) -> None:
    """Connect to Slack and handle requests until interrupted."""
    log.info("partnerbot connecting to Slack in Socket Mode")
    SocketModeHandler(app, app_token).start()  # type: ignore[no-untyped-call]
