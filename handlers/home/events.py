"""Drawing a person's App Home: when they open it, and after changes that concern them."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from handlers.common.home_parts import HomeFor
from handlers.deps import Deps
from handlers.home.render import render_home
from storage.home import read_home

log = logging.getLogger(__name__)


def home_opened(event: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    """Lazy, after the ack: draw the Home tab that was opened."""
    if event.get("tab", "home") != "home":
        return
    publish_home(Deps.of(context), client, str(context["team_id"]), event["user"])


def publish_home(deps: Deps, client: WebClient, team_id: str, user_id: str) -> None:
    """Render and publish a person's App Home from the parts features declare (read in one
    session, laid out by rank); a Slack failure is logged, never raised."""
    tz = deps.zones.of(client, team_id, user_id)
    now = deps.clock.now()
    who = HomeFor(team_id, user_id, now.astimezone(tz).date(), now)
    parts = sorted(deps.home_parts, key=lambda part: part.rank)
    adds = read_home(deps.sessions, [part.read for part in parts], who)
    view = render_home(adds)
    try:
        client.views_publish(user_id=user_id, view=view)
    except SlackApiError as exc:
        log.warning("could not publish App Home for %s: %s", user_id, exc.response.get("error"))
