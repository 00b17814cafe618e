"""Slack-facing code: listeners, parsing of what people type, and Block Kit rendering."""

from __future__ import annotations

from slack_bolt import App

from handlers import (
    actions,
    celebrate_listeners,
    contact_listeners,
    followup_listeners,
    general_listeners,
    partner_listeners,
)
from handlers.deps import Deps

SLASH_COMMANDS = ("/partner", "/contact", "/followup", "/celebrate", "/partnerbot")
SHORTCUTS: tuple[str, ...] = (actions.SHORTCUT_MESSAGE, actions.SHORTCUT_GLOBAL)
EVENTS: tuple[str, ...] = ("app_home_opened",)


def register_listeners(app: App, deps: Deps) -> None:
    """Register every listener partnerbot has on `app`."""
    partner_listeners.register(app, deps)
    contact_listeners.register(app, deps)
    followup_listeners.register(app, deps)
    celebrate_listeners.register(app, deps)
    general_listeners.register(app, deps)
