"""Settings: `/partnerbot help | digest | cadence`, and the verbs other features add."""

from __future__ import annotations

from slack_bolt import App

from handlers.common.feature import Feature, ack_now
from handlers.deps import Deps
from handlers.settings.command import partnerbot_command


def register(app: App, deps: Deps) -> None:
    """Add `/partnerbot` to `app`."""
    app.command("/partnerbot")(ack=ack_now, lazy=[partnerbot_command])


FEATURE = Feature(name="settings", register=register, commands=("/partnerbot",))
