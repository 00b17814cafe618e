"""`/celebrate`: thank a partner in public, and remember when they were last thanked."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

from slack_bolt import BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from handlers.celebrations.render import USAGE, USAGE_EXAMPLE, may_name_a_student, spotlight
from handlers.celebrations.report import year_verb
from handlers.celebrations.who import screen, students_named
from handlers.common.mrkdwn import escape, quote
from handlers.common.replies import ephemeral
from handlers.common.values import carried
from handlers.deps import Deps, Person
from handlers.partners.sections import not_one_partner
from handlers.people.sections import lead_refusal
from storage.celebrations_requests import (
    Spotlight,
    claim_spotlight,
    spotlight_not_sent,
    spotlight_sent,
    spotlight_unknown,
)
from storage.celebrations_requests import choose_channel as set_channel
from storage.records import PartnerView

log = logging.getLogger(__name__)

_CHANNEL = re.compile(r"^<#(C[A-Z0-9]+)(?:\|[^>]*)?>$")


def celebrate(
    command: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
) -> None:
    """Lazy: post the spotlight in the celebration channel and record the thank-you."""
    spotlight_from(command, client, respond, context, checked=False)


def post_anyway(
    body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
) -> None:
    """Lazy: "Post anyway" under the may-name-a-student warning posts what was typed."""
    typed = carried(body).get("t")
    if not isinstance(typed, str) or not typed:
        respond(replace_original=True, text="That thank-you is no longer here. Nothing was posted.")
        return
    command = {
        "team_id": body["team"]["id"],
        "user_id": body["user"]["id"],
        "text": typed,
        "trigger_id": body.get("trigger_id"),
        "channel_id": (body.get("channel") or {}).get("id"),
    }

    def in_place(**answer: Any) -> None:
        answer.pop("response_type", None)
        respond(replace_original=True, **answer)

    spotlight_from(command, client, in_place, context, checked=True)


def spotlight_from(
    command: dict[str, Any],
    client: WebClient,
    respond: Callable[..., Any],
    context: BoltContext,
    *,
    checked: bool,
) -> None:
    """`/celebrate` TEXT (or "Post anyway", `checked`): post the spotlight and record it."""
    typed = " ".join((command.get("text") or "").split())
    answer = _verb_answer(command, client, context, typed)
    if answer is None:
        answer = _thank(Deps.of(context), command, client, typed, checked=checked)
    respond(**answer)


def _verb_answer(
    command: dict[str, Any], client: WebClient, context: BoltContext, typed: str
) -> dict[str, Any] | None:
    """The answer to `help`, `year` or `channel`; None when `typed` is a thank-you."""
    verb, _, rest = typed.partition(" ")
    if not typed or verb.casefold() in ("help", "?"):
        return ephemeral(USAGE)
    if verb.casefold() == "year" and not rest.strip():
        return year_verb(Person.of(command, client, context))
    if verb.casefold() == "channel":
        deps = Deps.of(context)
        team_id, user_id = command["team_id"], command["user_id"]
        refusal = rest.strip() and lead_refusal(
            deps, client, team_id, user_id, "choose where spotlights go"
        )
        return ephemeral(refusal) if refusal else choose_channel(deps, team_id, rest)
    return None


def _thank(
    deps: Deps, command: dict[str, Any], client: WebClient, typed: str, *, checked: bool
) -> dict[str, Any]:
    """Post the thank-you `typed` names a partner for, unless it is unclear, may name a student
    (not yet `checked`), or repeats one just posted."""
    team_id, user_id = command["team_id"], command["user_id"]
    now = deps.clock.now()

    def claim(screened: bool) -> Spotlight:
        return claim_spotlight(
            deps.sessions,
            team_id,
            user_id,
            typed,
            trigger=str(command.get("trigger_id") or ""),
            now=now,
            screen=screen if screened else None,
        )

    wanted = claim(not checked)
    if wanted.names:  # the known names left some: Slack's members' names may clear them
        names = students_named(client, wanted.story, wanted.known)
        if names:
            return may_name_a_student(typed, names)
        wanted = claim(False)
    partner = wanted.found.single
    if partner is None:
        unknown = (
            f"I don't know a partner called “{quote(wanted.words, 100)}”. "
            "Write the name as it is on `/partner list`."
        )
        why = not_one_partner(wanted.words, wanted.found.candidates, unknown)
        return ephemeral(f"{why}\n\n{USAGE}")
    if not wanted.story.strip():
        return ephemeral(f"What did *{quote(partner.name, 120)}* do? e.g. `{USAGE_EXAMPLE}`")
    if wanted.repeat:
        return ephemeral(
            f"🎉 The thank-you for *{quote(partner.name, 120)}* was already posted "
            "(this was a repeat) — nothing new was posted."
        )
    target = str(wanted.channel or command.get("channel_id"))
    return _post(deps, client, team_id, user_id, partner, wanted, target, now=now)


def _post(
    deps: Deps,
    client: WebClient,
    team_id: str,
    user_id: str,
    partner: PartnerView,
    wanted: Spotlight,
    target: str,
    *,
    now: datetime,
) -> dict[str, Any]:
    """Post the claimed spotlight in `target` and settle its claims: the answer to the
    thanker."""
    text, blocks = spotlight(partner, wanted.story, user_id)
    try:
        posted = client.chat_postMessage(channel=target, text=text, blocks=blocks)
    except SlackApiError as exc:
        spotlight_not_sent(deps.sessions, wanted.claims)
        error = str(exc.response.get("error", "unknown_error"))
        return ephemeral(
            f"I couldn't post in that channel ({escape(error)}). Invite partnerbot there, "
            "or choose a channel with `/celebrate channel #partner-wins`. "
            "Nothing was posted."
        )
    except Exception:
        spotlight_unknown(deps.sessions, wanted.claims, now=now)
        log.warning("spotlight for %s/%s: outcome unknown", team_id, partner.id, exc_info=True)
        return ephemeral(
            f"Slack did not confirm the thank-you for *{quote(partner.name, 120)}*. "
            "Look in the channel before sending it again: it may be there already."
        )
    channel = str(posted.get("channel") or "")[:32] or None
    ts = str(posted.get("ts") or "")[:32] or None
    spotlight_sent(
        deps.sessions,
        team_id,
        partner.id,
        wanted.claims,
        by=user_id,
        now=now,
        channel=channel,
        ts=ts,
    )
    where = f"<#{target}>" if target.startswith("C") else "this conversation"
    return ephemeral(f"🎉 Posted a thank-you for *{quote(partner.name, 120)}* in {where}.")


def choose_channel(deps: Deps, team_id: str, rest: str) -> dict[str, Any]:
    """`/celebrate channel #x` (or `here`): where spotlights go."""
    wanted = rest.strip()
    match = _CHANNEL.match(wanted)
    if wanted.casefold() in ("here", "none", "off"):
        channel = None
    elif match:
        channel = match.group(1)
    else:
        return ephemeral(
            "Pick the channel with a #mention: `/celebrate channel #partner-wins` "
            "(or `/celebrate channel here`)."
        )
    channel = set_channel(deps.sessions, team_id, channel, now=deps.clock.now())
    if channel is None:
        return ephemeral("Spotlights now go to the channel where `/celebrate` is typed.")
    return ephemeral(f"Spotlights now go to <#{channel}>. Make sure partnerbot is in it.")
