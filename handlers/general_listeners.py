"""`/partnerbot`: an overview of everything partnerbot does, and the settings it keeps."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App

from handlers.deps import Deps
from handlers.mrkdwn import escape
from handlers.partner_grammar import GrammarError
from handlers.render_partners import stage_cadence_text, text_blocks
from handlers.settings_grammar import (
    CADENCE_USAGE,
    DIGEST_USAGE,
    parse_cadence_setting,
    parse_digest_setting,
)
from storage.cadence import set_stage_cadence, stage_cadences
from storage.errors import InvalidInput
from storage.workspaces import set_digest

OVERVIEW = """*partnerbot* keeps your industry partnerships warm.
• `/partner add Acme Health` · `/partner Acme` · `/partner list mine` · `/partner help`
• `/contact Acme called Jane about summer internships, follow up next tue`
• `/followup` — what you owe partners; `/followup Acme fri send the thank-you letter`
• `/celebrate Acme hosted 12 students for job shadow day`
• `/partnerbot digest 7:30` — when your morning digest arrives (`off` to stop it)
• `/partnerbot cadence` — how often each stage should hear from us (`cadence active 60d`)
• Message shortcut *Log partner contact* on any message; your *Home* tab lists what is due."""


def register(app: App, deps: Deps) -> None:
    """Register `/partnerbot`."""

    @app.command("/partnerbot")
    def partnerbot_command(ack: Ack, command: dict[str, Any]) -> None:
        team_id, user_id = command["team_id"], command["user_id"]
        verb, _, rest = " ".join((command.get("text") or "").split()).partition(" ")
        handle = {"digest": _digest, "cadence": _cadence}.get(verb.casefold())
        if handle is None:
            unknown = verb.casefold() not in ("", "help")
            prefix = f"I don't know “{escape(verb[:50])}”.\n\n" if unknown else ""
            _answer(ack, "partnerbot help", prefix + OVERVIEW)
            return
        try:
            text = handle(deps, team_id, user_id, rest)
        except GrammarError as exc:
            text = escape(str(exc))
        except InvalidInput as exc:
            text = f"{escape(exc.message)} {CADENCE_USAGE}"
        _answer(ack, text, text)


def _answer(ack: Ack, text: str, mrkdwn: str) -> None:
    ack(response_type="ephemeral", text=text, blocks=text_blocks(mrkdwn))


def _digest(deps: Deps, team_id: str, user_id: str, rest: str) -> str:
    wanted = parse_digest_setting(rest)
    with deps.sessions.begin() as session:
        staff = set_digest(
            session, team_id, user_id, now=deps.clock.now(), at=wanted.at, enabled=wanted.enabled
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
    return text


def _cadence(deps: Deps, team_id: str, user_id: str, rest: str) -> str:
    wanted = parse_cadence_setting(rest)
    if wanted.stage is None:
        with deps.sessions() as session:
            cadences = stage_cadences(session, team_id)
        title = "*Stay in touch* — the team's interval per stage:"
        return f"{stage_cadence_text(title, cadences)}\n{CADENCE_USAGE}"
    with deps.sessions.begin() as session:
        cadences = set_stage_cadence(
            session, team_id, wanted.stage, wanted.days, now=deps.clock.now()
        )
    days = cadences[wanted.stage].days
    which = f"*{wanted.stage.value.capitalize()}* partners"
    done = (
        f"✅ {which} go back to the default: every {days} days."
        if wanted.days is None
        else f"✅ {which}: stay in touch every {days} days."
    )
    kept = " Partners with their own interval (`/partner cadence`) keep it."
    return stage_cadence_text(done + kept, cadences)
