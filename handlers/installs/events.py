"""`app_uninstalled` and `tokens_revoked`: recorded before Slack gets its answer (one small
transaction), so sending stops at once; Slack's retries of the event change nothing."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, BoltContext

from handlers.deps import Deps
from storage.installs import mark_uninstalled

log = logging.getLogger(__name__)


def _stop(context: BoltContext, body: dict[str, Any], why: str) -> None:
    deps = Deps.of(context)
    org_wide = bool(context.is_enterprise_install)
    team_id = None if org_wide else str(context.team_id or body.get("team_id") or "") or None
    enterprise_id = context.enterprise_id or body.get("enterprise_id")
    if team_id is None and enterprise_id is None:
        log.warning("%s without a workspace or org: ignored", why)
        return
    done = mark_uninstalled(deps.sessions, team_id, enterprise_id, now=deps.clock.now())
    log.info(
        "%s: %s no longer sent to (%d tokens dropped); data kept, then erased",
        why,
        ", ".join(done.teams) or f"org {enterprise_id}",
        done.tokens_dropped,
    )


def uninstalled(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
    """The app was uninstalled: stop sending there, drop its tokens."""
    _stop(context, body, "app_uninstalled")
    ack()


def tokens_revoked(
    ack: Ack, body: dict[str, Any], event: dict[str, Any], context: BoltContext
) -> None:
    """Tokens were revoked: when the bot's were, as for an uninstall (user tokens partnerbot
    does not use)."""
    if (event.get("tokens") or {}).get("bot"):
        _stop(context, body, "tokens_revoked")
    ack()
