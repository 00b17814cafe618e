"""The App Home: my follow-ups, my partners going cold, quick actions — composed from the
sections the features export. Other features redraw it through `Deps.redraw_home`."""

from __future__ import annotations

from slack_bolt import App

from handlers.common.feature import Feature, ack_now
from handlers.deps import Deps
from handlers.home.events import home_opened, publish_home


def register(app: App, deps: Deps) -> None:
    """Listen for the Home tab opening, and let features redraw a person's Home."""
    deps.redraw_home = lambda client, team_id, user_id: publish_home(deps, client, team_id, user_id)
    app.event("app_home_opened")(ack=ack_now, lazy=[home_opened])


FEATURE = Feature(name="home", register=register, events=("app_home_opened",))
