"""`/partnerbot`: an overview of everything partnerbot does, and personal settings."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App

from handlers.deps import Deps
from handlers.mrkdwn import escape
from handlers.partner_grammar import GrammarError
from handlers.render_partners import text_blocks
from handlers.settings_grammar import DIGEST_USAGE, parse_digest_setting
from storage.workspaces import set_digest

OVERVIEW = """*partnerbot* keeps your industry partnerships warm.
• `/partner add Acme Health` · `/partner Acme` · `/partner list mine` · `/partner help`
• `/contact Acme called Jane about summer internships, follow up next tue`
• `/followup` — what you owe partners; `/followup Acme fri send the thank-you letter`
• `/celebrate Acme hosted 12 students for job shadow day`
• `/partnerbot digest 7:30` — when your morning digest arrives (`off` to stop it)
• Message shortcut *Log partner contact* on any message; your *Home* tab lists what is due."""


def register(app: App, deps: Deps) -> None:
    """Register `/partnerbot`."""

    @app.command("/partnerbot")
    def partnerbot_command(ack: Ack, command: dict[str, Any]) -> None:
        team_id, user_id = command["team_id"], command["user_id"]
        verb, _, rest = " ".join((command.get("text") or "").split()).partition(" ")
        if verb.casefold() != "digest":
            prefix = (
                ""
                if verb.casefold() in ("", "help")
                else (f"I don't know “{escape(verb[:50])}”.\n\n")
            )
            ack(
                response_type="ephemeral",
                text="partnerbot help",
                blocks=text_blocks(prefix + OVERVIEW),
            )
            return
        try:
            wanted = parse_digest_setting(rest)
        except GrammarError as exc:
            ack(response_type="ephemeral", text=str(exc), blocks=text_blocks(escape(str(exc))))
            return
        with deps.sessions.begin() as session:
            staff = set_digest(
                session,
                team_id,
                user_id,
                now=deps.clock.now(),
                at=wanted.at,
                enabled=wanted.enabled,
            )
            at, enabled = staff.digest_time, staff.digest_enabled
        if not enabled:
            text = "🔕 Your morning digest is off. `/partnerbot digest on` brings it back."
        else:
            text = (
                f"☀️ Your digest arrives at *{at:%H:%M}* your time, Monday to Friday, "
                "when something is due."
            )
        if wanted.at is None and wanted.enabled is None:
            text += f"\n{DIGEST_USAGE}"
        ack(response_type="ephemeral", text=text, blocks=text_blocks(text))
