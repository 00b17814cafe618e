"""Handoffs: the preview (counts, Confirm / Cancel), then, after the Confirm click is acked,
the move in one transaction, the new owner's summary DM and both App Homes redrawn."""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from functools import partial
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from handlers.common.mrkdwn import quote, user
from handlers.common.replies import ephemeral
from handlers.deps import Deps, Person
from handlers.people.owner_blocks import handoff_preview, handoff_result, new_owner_summary
from handlers.people.slack_users import SlackUnavailable, member, refuse_as_owner, slack_admin
from storage.people.handoff import HandoffDone
from storage.people.handoff_requests import (
    NO_MATCH,
    NOT_LEAD,
    NOT_OWNED,
    NOTHING_LEFT,
    SEVERAL,
    confirm_handoff,
    plan_counts,
    preview_handoff,
)

log = logging.getLogger(__name__)


def preview(
    who: Person, from_user: str, to_user: str, names: Sequence[str] = (), reason: str = ""
) -> dict[str, Any]:
    """Check the handoff and show what would move, with Confirm / Cancel; or say why not."""
    refusal, admin = _asked_slack(who, from_user, to_user)
    if refusal:
        return ephemeral(f"{refusal} Nothing changed.")
    found = preview_handoff(
        who.deps.sessions,
        who.team_id,
        from_user,
        to_user,
        names,
        by=who.user_id,
        slack_admin=admin,
        now=who.deps.clock.now(),
    )
    if found.kind == NOT_LEAD:
        return ephemeral(f"{_only(from_user)} Nothing changed.")
    if found.kind in (SEVERAL, NO_MATCH):
        hint = "could be several partners" if found.kind == SEVERAL else "matches no partner"
        return ephemeral(
            f"“{quote(found.name, 100)}” {hint} — write its full name. Nothing changed."
        )
    if found.kind == NOT_OWNED and found.partner is not None:
        return ephemeral(
            f"*{quote(found.partner.name, 120)}* is owned by {user(found.partner.owner_user_id)}, "
            f"not {user(from_user)}. Nothing changed."
        )
    plan = found.plan
    if plan is None or plan.empty:
        return ephemeral(
            f"{user(from_user)} has nothing to hand over: no partners, no open follow-ups"
            f"{' and no backup roles' if found.partner_ids is None else ''}. Nothing changed."
        )
    partner_ids = None if found.partner_ids is None else list(found.partner_ids)
    value = json.dumps(
        {"f": from_user, "t": to_user, "p": partner_ids, "r": reason[:200], "n": plan_counts(plan)}
    )
    text = f"Hand over {user(from_user)}'s partners to {user(to_user)}?"
    return ephemeral(text, handoff_preview(plan, value, reason))


def _only(from_user: str) -> str:
    return (
        f"Only {user(from_user)} or a program lead can hand over {user(from_user)}'s "
        "partners (see `/partnerbot leads`)."
    )


def _asked_slack(who: Person, from_user: str, to_user: str) -> tuple[str | None, bool | None]:
    """What Slack says before a handoff: why it can't be (the giver unknown, the taker not a
    person still here), and whether the asker is an admin (for the lead check, when they
    hand over someone else's partners)."""
    if from_user == to_user:
        return "That is the same person — name who hands over, then who takes over.", None
    try:
        giver = member(who.client, from_user)
    except SlackUnavailable:
        return "I couldn't check those people with Slack just now — try again in a minute.", None
    if giver is None:
        return f"I can't find {user(from_user)} in this workspace.", None
    refusal = refuse_as_owner(who.client, to_user)
    if refusal:
        return refusal, None
    return None, (slack_admin(who.client, who.user_id) if who.user_id != from_user else None)


def confirm(who: Person, carried: dict[str, Any]) -> tuple[str, HandoffDone | None]:
    """Do the handoff a Confirm button carries: the answer, and what moved. The new owner's
    DM and the Home redraws wait in `who.later` until the answer is out."""
    from_user, to_user = str(carried.get("f") or ""), str(carried.get("t") or "")
    raw_ids = carried.get("p")
    partner_ids = [int(i) for i in raw_ids] if isinstance(raw_ids, list) else None
    refusal, admin = _asked_slack(who, from_user, to_user)
    if refusal:
        return f"{refusal} Nothing changed.", None
    reason = str(carried.get("r") or "")  # the history records who confirmed it
    tz = who.deps.zones.of(who.client, who.team_id, to_user)
    result = confirm_handoff(
        who.deps.sessions,
        who.team_id,
        from_user,
        to_user,
        partner_ids,
        carried.get("n"),
        by=who.user_id,
        reason=reason,
        slack_admin=admin,
        now=who.deps.clock.now(),
        tz=tz,
    )
    if result.kind == NOT_LEAD:
        return f"{_only(from_user)} Nothing changed.", None
    if result.kind == NOTHING_LEFT:
        return f"✅ Handed over — {user(from_user)} has nothing left to hand over.", None
    done, plan = result.done, result.plan
    if done is None:  # things changed since the preview
        partners, follow_ups = (len(plan.partners), plan.follow_ups) if plan else (0, 0)
        return (
            "Things changed since that preview, so nothing moved: "
            f"{user(from_user)} now holds {partners} partner(s) and {follow_ups} open "
            "follow-up(s) to hand over. Run the handoff again to see the new preview.",
            None,
        )
    if not done.empty:  # after the answer (`who.run_later`): a slow Slack must not hold it
        who.later.append(
            partial(tell_new_owner, who.deps, who.client, who.team_id, done, by=who.user_id)
        )
        for person in sorted({from_user, to_user, who.user_id}):
            who.later.append(partial(who.deps.redraw_home, who.client, who.team_id, person))
    return handoff_result(done), done


def tell_new_owner(
    deps: Deps, client: WebClient, team_id: str, done: HandoffDone, *, by: str
) -> None:
    """One DM to the new owner summarising each partner; a Slack failure is logged."""
    tz = deps.zones.of(client, team_id, done.to_user_id)
    text, blocks = new_owner_summary(
        done.partners,
        by,
        done.from_user_id,
        tz,
        follow_ups=done.follow_ups,
        backups=done.backups,
        work=(done.engagements, done.prompts),
    )
    try:
        client.chat_postMessage(channel=done.to_user_id, text=text, blocks=blocks)
    except SlackApiError as exc:
        log.warning(
            "could not tell %s about the handoff: %s", done.to_user_id, exc.response.get("error")
        )
