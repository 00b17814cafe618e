"""Settings: `/partnerbot help | digest | cadence`."""

from __future__ import annotations

from slack_bolt import App

from handlers.common.feature import Feature
from handlers.deps import Deps
from handlers.settings.command import extra_verb, partnerbot_command


def register(app: App, deps: Deps) -> None:
    """Add `/partnerbot` to `app`."""
    app.command("/partnerbot")(ack=partnerbot_command, lazy=[extra_verb])


FEATURE = Feature(name="settings", register=register, commands=("/partnerbot",))
