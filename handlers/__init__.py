"""Slack-facing code: listeners, parsing of what people type, and Block Kit rendering."""

from __future__ import annotations

from slack_bolt import App

from handlers import followup_listeners, general_listeners, partner_listeners
from handlers.deps import Deps

SLASH_COMMANDS = ("/partner", "/followup", "/partnerbot")
SHORTCUTS: tuple[str, ...] = ()
EVENTS: tuple[str, ...] = ("app_home_opened",)


def register_listeners(app: App, deps: Deps) -> None:
    """Register every listener partnerbot has on `app`."""
    partner_listeners.register(app, deps)
    followup_listeners.register(app, deps)
    general_listeners.register(app, deps)
