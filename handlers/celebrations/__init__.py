"""Celebrations: `/celebrate` posts a thank-you spotlight and records that the partner was
thanked."""

from __future__ import annotations

from slack_bolt import App

from handlers.celebrations.command import celebrate
from handlers.common.feature import Feature, ack_now
from handlers.deps import Deps


def register(app: App, deps: Deps) -> None:
    """Add `/celebrate` to `app`."""
    app.command("/celebrate")(ack=ack_now, lazy=[celebrate])


FEATURE = Feature(name="celebrations", register=register, commands=("/celebrate",))
