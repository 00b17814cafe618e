"""`user_change`: Slack reports a member changed — deleted (deactivated), back, or made an
admin. Each event (by event_id) is claimed before it is acted on, so Slack's retries of it
change nothing. A leaver's partners then need a new owner and the program leads get a DM."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from handlers.deps import Deps
from handlers.people.owner_blocks import leaver_prompt
from handlers.people.slack_users import Member, lead_ids
from storage.people.leads import MemberChange, member_changed

log = logging.getLogger(__name__)


def user_changed(
    body: dict[str, Any], event: dict[str, Any], client: WebClient, context: BoltContext
) -> None:
    """Lazy: record a leaver (or their return) once per event, then prompt the leads."""
    deps = Deps.of(context)
    data = event.get("user")
    if not isinstance(data, dict) or not data.get("id"):
        return
    who = Member.of(data)
    team_id = str(context.get("team_id") or body.get("team_id") or data.get("team_id") or "")
    event_id = str(body.get("event_id") or f"{who.id}:{event.get('event_ts')}")
    change = member_changed(
        deps.sessions,
        team_id,
        event_id,
        who.id,
        deleted=who.deleted,
        is_admin=who.is_admin,
        now=deps.clock.now(),
    )
    if change is None or not change.changed:
        return  # a retry of an event already acted on, or nothing changed
    if who.deleted:
        _prompt_leads(deps, client, team_id, who.id, change)
    else:
        log.info("%s/%s is back: their partners have their owner again", team_id, who.id)
        for lead in lead_ids(client, change.leads):
            deps.redraw_home(client, team_id, lead)


def _prompt_leads(
    deps: Deps, client: WebClient, team_id: str, leaver: str, change: MemberChange
) -> None:
    if not change.partners and not change.follow_ups and not change.work:
        return
    text, blocks = leaver_prompt(leaver, change.partners, change.follow_ups, change.work)
    for lead in lead_ids(client, change.leads):
        if lead == leaver:
            continue
        try:
            client.chat_postMessage(channel=lead, text=text, blocks=blocks)
        except SlackApiError as exc:
            log.warning(
                "could not tell lead %s about %s: %s", lead, leaver, exc.response.get("error")
            )
        deps.redraw_home(client, team_id, lead)
