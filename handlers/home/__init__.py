"""The App Home, laid out from the parts features declare (`Feature.home_parts`). Other
features redraw it through `Deps.redraw_home`, which draws it with `publish_home` (given to
Deps when it is built)."""

from __future__ import annotations

from slack_bolt import App

from handlers.common.feature import Feature, ack_now
from handlers.deps import Deps
from handlers.home.events import home_opened, publish_home

__all__ = ["FEATURE", "publish_home"]


def register(app: App, deps: Deps) -> None:
    """Listen for the Home tab opening."""
    app.event("app_home_opened")(ack=ack_now, lazy=[home_opened])


FEATURE = Feature(name="home", register=register, events=("app_home_opened",))
