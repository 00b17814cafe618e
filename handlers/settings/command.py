"""`/partnerbot`: an overview of everything partnerbot does, and the settings it keeps (digest
time, the team's stay-in-touch cadence, and the verbs other features add, such as `calendar`).
Answered after the ack: checking who is a program lead may ask Slack."""

from __future__ import annotations

from typing import Any

from slack_bolt import BoltContext, Respond
from slack_sdk import WebClient

from handlers.common.blocks import text_blocks
from handlers.common.grammar import GrammarError
from handlers.common.mrkdwn import escape
from handlers.common.replies import ephemeral
from handlers.deps import Deps, Person
from handlers.people.sections import lead_refusal
from handlers.settings.grammar import (
    CADENCE_USAGE,
    DIGEST_USAGE,
    NUDGE_USAGE,
    NudgeSetting,
    parse_cadence_setting,
    parse_digest_setting,
    parse_nudge_setting,
)
from handlers.settings.render import OVERVIEW, nudge_text, stage_cadence_text
from storage.errors import InvalidInput
from storage.settings import change_digest, change_nudge, change_team_cadence, team_cadences


def partnerbot_command(
    command: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
) -> None:
    """Lazy: `/partnerbot [help | digest … | cadence … | a verb another feature adds]`.
    Changing the team's cadence is for program leads."""
    who = Person.of(command, client, context)
    deps, team_id, user_id = who.deps, who.team_id, who.user_id
    if who.run_verb("/partnerbot", command, respond):  # a verb another feature adds
        return
    verb, _, rest = " ".join((command.get("text") or "").split()).partition(" ")
    handle = {"digest": _digest, "cadence": _cadence, "nudge": _nudge}.get(verb.casefold())
    if handle is None:
        unknown = verb.casefold() not in ("", "help")
        prefix = f"I don't know “{escape(verb[:50])}”.\n\n" if unknown else ""
        extra = deps.verb_usage("/partnerbot")
        overview = f"{OVERVIEW}\n{extra}" if extra else OVERVIEW
        respond(**ephemeral("partnerbot help", text_blocks(prefix + overview)))
        return
    changes = {"cadence": "change the team's cadence", "nudge": "change the weekly nudge"}
    if verb.casefold() in changes and rest.strip():
        refusal = lead_refusal(deps, client, team_id, user_id, changes[verb.casefold()])
        if refusal:
            respond(**ephemeral(refusal))
            return
    try:
        if verb.casefold() == "nudge":
            text = _nudge(deps, team_id, user_id, rest, who.zone().key)
        else:
            text = handle(deps, team_id, user_id, rest)
    except GrammarError as exc:
        text = escape(str(exc))
    except InvalidInput as exc:
        text = f"{escape(exc.message)} {CADENCE_USAGE}"
    respond(**ephemeral(text))


def _digest(deps: Deps, team_id: str, user_id: str, rest: str) -> str:
    wanted = parse_digest_setting(rest)
    setting = change_digest(
        deps.sessions, team_id, user_id, now=deps.clock.now(), at=wanted.at, enabled=wanted.enabled
    )
    at, enabled = setting.digest_time, setting.digest_enabled
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
        cadences = team_cadences(deps.sessions, team_id)
        title = "*Stay in touch* — the team's interval per stage:"
        return f"{stage_cadence_text(title, cadences)}\n{CADENCE_USAGE}"
    cadences = change_team_cadence(
        deps.sessions, team_id, wanted.stage, wanted.days, now=deps.clock.now()
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


def _nudge(deps: Deps, team_id: str, user_id: str, rest: str, zone: str = "UTC") -> str:
    wanted = parse_nudge_setting(rest)
    changing = wanted != NudgeSetting()
    nudge = change_nudge(
        deps.sessions,
        team_id,
        by=user_id,
        now=deps.clock.now(),
        weekday=wanted.weekday,
        at=wanted.at,
        timezone=zone if wanted.at is not None or wanted.weekday is not None else None,
        enabled=wanted.enabled,
    )
    text = nudge_text(nudge)
    return text if changing else f"{text}\n{NUDGE_USAGE}"
