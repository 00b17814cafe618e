"""Drawing a person's App Home: when they open it, and after changes that concern them."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from slack_bolt import BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from handlers.deps import Deps
from handlers.home.render import render_home
from storage.celebrations import open_prompts
from storage.engagements import home_engagements
from storage.open_follow_ups import open_follow_ups_with_rest
from storage.partners.cadence import going_cold
from storage.people.members import digest_leads, needs_new_owner

log = logging.getLogger(__name__)
DAYS_AHEAD = 7


def home_opened(event: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    """Lazy, after the ack: draw the Home tab that was opened."""
    if event.get("tab", "home") != "home":
        return
    publish_home(Deps.of(context), client, str(context["team_id"]), event["user"])


def publish_home(deps: Deps, client: WebClient, team_id: str, user_id: str) -> None:
    """Render and publish a person's App Home; a Slack failure is logged, never raised."""
    tz = deps.zones.of(client, team_id, user_id)
    now = deps.clock.now()
    today = now.astimezone(tz).date()
    with deps.sessions() as session:
        mine, not_loaded = open_follow_ups_with_rest(
            session, team_id, owner_user_id=user_id, due_by=today + timedelta(days=DAYS_AHEAD)
        )
        cold = going_cold(session, team_id, now=now, today=today, owner_user_id=user_id)
        unowned = (
            needs_new_owner(session, team_id) if user_id in digest_leads(session, team_id) else []
        )
        engagements = home_engagements(session, team_id, user_id, today=today)
        celebrations = open_prompts(session, team_id, user_id, now=now)
    view = render_home(
        today=today,
        overdue=[f for f in mine if f.due_date < today],
        due_today=[f for f in mine if f.due_date == today],
        upcoming=[f for f in mine if f.due_date > today],
        cold=cold,
        not_loaded=not_loaded,
        unowned=unowned,
        engagements=engagements,
        celebrations=celebrations,
    )
    try:
        client.views_publish(user_id=user_id, view=view)
    except SlackApiError as exc:
        log.warning("could not publish App Home for %s: %s", user_id, exc.response.get("error"))
