"""Installs: Slack says partnerbot was uninstalled from a workspace (`app_uninstalled`) or its
bot token revoked (`tokens_revoked`): every send to that workspace stops at once and its data
is kept for PARTNERBOT_UNINSTALLED_KEEP_DAYS, then erased by the scheduler (unless it is
installed again). Installing is Slack's OAuth flow, served by the composition root."""

from __future__ import annotations

from slack_bolt import App

from handlers.common.feature import Feature
from handlers.deps import Deps
from handlers.installs import events


def register(app: App, deps: Deps) -> None:
    """Add the uninstall listeners to `app`."""
    app.event("app_uninstalled")(events.uninstalled)
    app.event("tokens_revoked")(events.tokens_revoked)


FEATURE = Feature(
    name="installs",
    register=register,
    events=("app_uninstalled", "tokens_revoked"),
)
