"""Installing partnerbot in many workspaces: Slack's OAuth flow (Bolt's `OAuthSettings`) with
slack_sdk's SQLAlchemy installation and state stores on partnerbot's own database (their
tables come from Alembic revision 0013, never from `create_all` at run time).

- `GET /slack/install` starts an install: a state is issued (kept in `slack_oauth_states`,
  signed with SLACK_STATE_SECRET, and set as a cookie in the installer's browser);
- `GET /slack/oauth_redirect` finishes it: the state must be one we issued and signed, not
  used before, not expired, and the cookie's; then Slack's `oauth.v2.access` gives the tokens,
  which go in `slack_bots` / `slack_installations`, and the workspace is marked installed.
- Each request then finds its workspace's token (an Enterprise Grid org-wide install serves
  every workspace of the org); with token rotation on (refresh tokens), Bolt refreshes a
  token about to expire, and so does the scheduler (`InstalledTokens`)."""

from __future__ import annotations

import hashlib
import hmac
import logging
from datetime import datetime

from slack_bolt import BoltResponse
from slack_bolt.oauth.callback_options import CallbackOptions, FailureArgs, SuccessArgs
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store import OAuthStateStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from slack_sdk.oauth.token_rotation import TokenRotator
from sqlalchemy import Engine

from storage.clock import Clock
from storage.db import SessionFactory
from storage.installs import mark_installed, org_installs, remember_org, workspace_orgs

log = logging.getLogger(__name__)

BOT_SCOPES = (
    "commands",
    "chat:write",
    "chat:write.public",
    "im:write",
    "im:history",
    "users:read",
    "users:read.email",
    "files:read",
    "files:write",
)
"""What partnerbot asks a workspace for (manifest.yml's bot scopes; a test keeps them equal)."""
STATE_SECONDS = 600
"""An install must finish within ten minutes of starting."""
ROTATE_MINUTES = 120
"""A rotating token is refreshed when it expires within this many minutes."""


class SignedStateStore(OAuthStateStore):
    """slack_sdk's SQLAlchemy state store, each state signed with SLACK_STATE_SECRET: a state
    that was not issued here (forged) is refused before the database is asked, and one that
    was used (replayed) or expired is not in the database any more."""

    def __init__(self, inner: SQLAlchemyOAuthStateStore, secret: str) -> None:
        self.inner = inner
        self._key = secret.encode("utf-8")

    @property
    def logger(self) -> logging.Logger:
        return log

    def _sign(self, state: str) -> str:
        return hmac.new(self._key, state.encode("utf-8"), hashlib.sha256).hexdigest()[:32]

    def issue(self, *args: object, **kwargs: object) -> str:
        """A new state, kept until used or expired, with its signature."""
        state = self.inner.issue()
        return f"{state}.{self._sign(state)}"

    def consume(self, state: str) -> bool:
        """True once for a state issued here, unused and unexpired."""
        raw, _, signature = (state or "").rpartition(".")
        if not raw or not hmac.compare_digest(signature, self._sign(raw)):
            log.warning("install refused: a state that was not issued here")
            return False
        return self.inner.consume(raw)


def installation_store(engine: Engine, client_id: str) -> SQLAlchemyInstallationStore:
    """slack_sdk's installation store on partnerbot's database."""
    return SQLAlchemyInstallationStore(client_id=client_id, engine=engine, logger=log)


def oauth_settings(
    *,
    client_id: str,
    client_secret: str,
    state_secret: str,
    engine: Engine,
    sessions: SessionFactory,
    clock: Clock,
) -> OAuthSettings:
    """Bolt's OAuth settings: scopes, both stores, and what happens once an install is done."""
    states = SignedStateStore(
        SQLAlchemyOAuthStateStore(expiration_seconds=STATE_SECONDS, engine=engine, logger=log),
        state_secret,
    )

    def installed(args: SuccessArgs) -> BoltResponse:
        found = args.installation
        team_id = None if found.is_enterprise_install else found.team_id
        back = mark_installed(sessions, team_id, found.enterprise_id, now=clock.now())
        log.info(
            "installed in %s%s",
            found.team_id or f"org {found.enterprise_id}",
            " (again: its data is kept)" if back else "",
        )
        return args.default.success(args)

    def refused(args: FailureArgs) -> BoltResponse:
        log.warning("an install did not finish: %s", args.reason)
        return args.default.failure(args)

    return OAuthSettings(
        client_id=client_id,
        client_secret=client_secret,
        scopes=list(BOT_SCOPES),
        installation_store=installation_store(engine, client_id),
        installation_store_bot_only=True,
        state_store=states,
        state_expiration_seconds=STATE_SECONDS,
        token_rotation_expiration_minutes=ROTATE_MINUTES,
        callback_options=CallbackOptions(success=installed, failure=refused),
        logger=log,
    )


class InstalledTokens:
    """Each workspace's bot token from its install (scheduler.workspaces.TokenSource): its own,
    or its Grid org's org-wide one; a rotating token about to expire is refreshed first."""

    def __init__(self, settings: OAuthSettings, base_url: str | None, clock: Clock) -> None:
        assert settings.installation_store is not None
        assert settings.client_id is not None
        assert settings.client_secret is not None
        self.store = settings.installation_store
        self.client_id = settings.client_id
        self.client = WebClient(base_url=base_url or WebClient.BASE_URL)
        self.rotator = TokenRotator(
            client_id=settings.client_id, client_secret=settings.client_secret, client=self.client
        )
        self.clock = clock
        self._orgs: dict[str, str] = {}

    def prepare(self, sessions: SessionFactory, now: datetime) -> None:
        """Learn which workspaces each org-wide install serves (Slack's auth.teams.list)."""
        for org in org_installs(sessions, self.client_id):
            bot = self.store.find_bot(enterprise_id=org, team_id=None, is_enterprise_install=True)
            if bot is None or bot.bot_token is None:
                continue
            try:
                teams = self.client.auth_teams_list(token=bot.bot_token, limit=1000)
            except SlackApiError as exc:
                log.warning(
                    "org %s: its workspaces unreadable (%s)", org, exc.response.get("error")
                )
                continue
            ids = [str(t["id"]) for t in teams.get("teams") or [] if t.get("id")]
            remember_org(sessions, org, ids, now=now)
        self._orgs = workspace_orgs(sessions)

    def token(self, team_id: str) -> str | None:
        """The bot token for `team_id` (None: not installed there)."""
        org = self._orgs.get(team_id)
        bot = self.store.find_bot(enterprise_id=org, team_id=team_id)
        if bot is None and org is not None:
            bot = self.store.find_bot(enterprise_id=org, team_id=None, is_enterprise_install=True)
        if bot is None:
            return None
        if bot.bot_refresh_token:
            fresh = self.rotator.perform_bot_token_rotation(
                bot=bot, minutes_before_expiration=ROTATE_MINUTES
            )
            if fresh is not None:
                self.store.save_bot(fresh)
                bot = fresh
        return bot.bot_token
