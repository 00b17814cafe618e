"""`/partnerbot`: an overview of everything partnerbot does, and where to start."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App

from handlers.deps import Deps
from handlers.render_partners import text_blocks

OVERVIEW = """*partnerbot* keeps your industry partnerships warm.
• `/partner add Acme Health` · `/partner Acme` · `/partner list mine` · `/partner help`
• `/contact Acme called Jane about summer internships, follow up next tue`
• `/followup` — what you owe partners; `/followup Acme fri send the thank-you letter`
• `/celebrate Acme hosted 12 students for job shadow day`
• Message shortcut *Log partner contact* on any message."""


def register(app: App, deps: Deps) -> None:
    """Register `/partnerbot`."""

    @app.command("/partnerbot")
    def partnerbot_command(ack: Ack, command: dict[str, Any]) -> None:
        ack(response_type="ephemeral", text="partnerbot help", blocks=text_blocks(OVERVIEW))
