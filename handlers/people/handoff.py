"""Handoffs: the preview (counts, Confirm / Cancel), then, after the Confirm click is acked,
the move in one transaction, the new owner's summary DM and both App Homes redrawn."""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from handlers.common.mrkdwn import quote, user
from handlers.common.replies import ephemeral
from handlers.deps import Deps, Person
from handlers.people.owner_blocks import handoff_preview, handoff_result, new_owner_summary
from handlers.people.slack_users import SlackUnavailable, is_lead, member, refuse_as_owner
from storage.partners.lookup import resolve_partner
from storage.people.handoff import HandoffDone, HandoffPlan, hand_off, plan_handoff

log = logging.getLogger(__name__)


def preview(
    who: Person, from_user: str, to_user: str, names: Sequence[str] = (), reason: str = ""
) -> dict[str, Any]:
    """Check the handoff and show what would move, with Confirm / Cancel; or say why not."""
    refusal = _refusal(who, from_user, to_user)
    if refusal:
        return ephemeral(f"{refusal} Nothing changed.")
    partner_ids: list[int] | None = None
    with who.deps.sessions() as session:
        if names:
            partner_ids = []
            for name in names:
                found = resolve_partner(session, who.team_id, name)
                p = found.single
                if p is None:
                    hint = "could be several partners" if found.candidates else "matches no partner"
                    return ephemeral(
                        f"“{quote(name, 100)}” {hint} — write its full name. Nothing changed."
                    )
                if p.owner_user_id != from_user:
                    return ephemeral(
                        f"*{quote(p.name, 120)}* is owned by {user(p.owner_user_id)}, not "
                        f"{user(from_user)}. Nothing changed."
                    )
                partner_ids.append(p.id)
        plan = plan_handoff(session, who.team_id, from_user, to_user, partner_ids)
    if plan.empty:
        return ephemeral(
            f"{user(from_user)} has nothing to hand over: no partners, no open follow-ups"
            f"{' and no backup roles' if partner_ids is None else ''}. Nothing changed."
        )
    value = json.dumps(
        {"f": from_user, "t": to_user, "p": partner_ids, "r": reason[:200], "n": _counts(plan)}
    )
    text = f"Hand over {user(from_user)}'s partners to {user(to_user)}?"
    return ephemeral(text, handoff_preview(plan, value, reason))


def _counts(plan: HandoffPlan) -> list[int]:
    """What a preview showed (partners, follow-ups, backup roles), to check it at Confirm."""
    return [len(plan.partners), plan.follow_ups, plan.backups]


def _refusal(who: Person, from_user: str, to_user: str) -> str | None:
    if from_user == to_user:
        return "That is the same person — name who hands over, then who takes over."
    try:
        giver = member(who.client, from_user)
    except SlackUnavailable:
        return "I couldn't check those people with Slack just now — try again in a minute."
    if giver is None:
        return f"I can't find {user(from_user)} in this workspace."
    refusal = refuse_as_owner(who.client, to_user)
    if refusal:
        return refusal
    if who.user_id != from_user and not is_lead(who.deps, who.client, who.team_id, who.user_id):
        return (
            f"Only {user(from_user)} or a program lead can hand over {user(from_user)}'s "
            "partners (see `/partnerbot leads`)."
        )
    return None


def confirm(who: Person, carried: dict[str, Any]) -> tuple[str, HandoffDone | None]:
    """Do the handoff a Confirm button carries: the answer, and what moved."""
    from_user, to_user = str(carried.get("f") or ""), str(carried.get("t") or "")
    raw_ids = carried.get("p")
    partner_ids = [int(i) for i in raw_ids] if isinstance(raw_ids, list) else None
    refusal = _refusal(who, from_user, to_user)
    if refusal:
        return f"{refusal} Nothing changed.", None
    reason = str(carried.get("r") or "")  # the history records who confirmed it
    tz = who.deps.zones.of(who.client, who.team_id, to_user)
    with who.deps.sessions.begin() as session:
        now_plan = plan_handoff(session, who.team_id, from_user, to_user, partner_ids)
        if now_plan.empty:  # a second click, or someone handed it over first
            return f"✅ Handed over — {user(from_user)} has nothing left to hand over.", None
        if _counts(now_plan) != carried.get("n"):
            return (
                "Things changed since that preview, so nothing moved: "
                f"{user(from_user)} now holds {len(now_plan.partners)} partner(s) and "
                f"{now_plan.follow_ups} open follow-up(s) to hand over. Run the handoff again "
                "to see the new preview.",
                None,
            )
        done = hand_off(
            session,
            who.team_id,
            from_user,
            to_user,
            partner_ids,
            by=who.user_id,
            reason=reason,
            now=who.deps.clock.now(),
            tz=tz,
        )
    if not done.empty:
        tell_new_owner(who.deps, who.client, who.team_id, done, by=who.user_id)
        for person in sorted({from_user, to_user, who.user_id}):
            who.deps.redraw_home(who.client, who.team_id, person)
    return handoff_result(done), done


def tell_new_owner(
    deps: Deps, client: WebClient, team_id: str, done: HandoffDone, *, by: str
) -> None:
    """One DM to the new owner summarising each partner; a Slack failure is logged."""
    tz = deps.zones.of(client, team_id, done.to_user_id)
    text, blocks = new_owner_summary(
        done.partners, by, done.from_user_id, tz, follow_ups=done.follow_ups, backups=done.backups
    )
    try:
        client.chat_postMessage(channel=done.to_user_id, text=text, blocks=blocks)
    except SlackApiError as exc:
        log.warning(
            "could not tell %s about the handoff: %s", done.to_user_id, exc.response.get("error")
        )
