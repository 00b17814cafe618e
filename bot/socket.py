"""Socket Mode transport: talks to Slack over a WebSocket, so no public URL is needed."""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

from slack_bolt.adapter.socket_mode import SocketModeHandler

from bot.stopping import Stopping, drain, leave, stop_scheduler

if TYPE_CHECKING:
    from apscheduler.schedulers.base import BaseScheduler

    from bot.app import Bot

log = logging.getLogger(__name__)


def run_socket_mode(
    bot: Bot,
    app_token: str,
    *,
    scheduler: BaseScheduler | None = None,
    stopping: Stopping | None = None,
) -> None:
    """Connect to Slack and handle requests until SIGTERM or Ctrl-C; then disconnect (Slack
    sends what is not acknowledged again, later), finish the acknowledged work (bounded) and
    return."""
    stop = stopping or Stopping()
    redelivery = bot.redelivery()
    redelivery.start()
    handler = SocketModeHandler(bot.app, app_token)
    stop.on_signals(lambda: None)
    log.info("partnerbot connecting to Slack in Socket Mode")
    handler.connect()  # type: ignore[no-untyped-call]
    stop.wait()
    deadline = time.monotonic() + stop.drain_seconds
    handler.close()  # type: ignore[no-untyped-call]
    redelivery.stop()
    drained = drain(bot.executor, deadline)
    if scheduler is not None:
        stop_scheduler(scheduler, deadline)
    leave(drained)
