"""The fake Slack's side of installing: `oauth.v2.access` (a code Slack gave the installer's
browser, or a refresh token when token rotation is on), `auth.test` and `auth.teams.list` per
token, revoked tokens, and rate limits per workspace — a mixin of `LocalSlack`."""

from __future__ import annotations

import itertools
import threading
from dataclasses import dataclass
from typing import Any

from bot.console.loopback import Answer, json_answer
from bot.console.ratelimits import RateLimiter

APP_ID = "A0PARTNER"
ROTATING_SECONDS = 12 * 3600
"""How long a rotating token lives (Slack: 12 hours)."""


@dataclass(frozen=True)
class Grant:
    """What installing gave: a workspace's (or, org-wide, a Grid org's) bot token."""

    team_id: str | None
    enterprise_id: str | None = None
    org_wide: bool = False
    rotating: bool = False
    org_teams: tuple[str, ...] = ()
    """The workspaces of the org an org-wide install serves (auth.teams.list)."""
    expires_in: int = ROTATING_SECONDS
    """Seconds a rotating token lives."""


class Installs:
    """Codes to exchange, tokens issued, tokens revoked, and the rate limiter (if any)."""

    team_id: str
    team_domain: str
    bot_user_id: str
    _lock: threading.Lock
    limiter: RateLimiter | None = None

    def _install_state(self) -> None:
        self.codes: dict[str, Grant] = {}
        self.tokens: dict[str, Grant] = {}
        self.refresh_tokens: dict[str, Grant] = {}
        self.revoked: set[str] = set()
        self._serial = itertools.count(1)

    def _install_methods(self) -> dict[str, Any]:
        return {"oauth.v2.access": self._oauth_access}

    def grant(self, code: str, grant: Grant) -> None:
        """The installer approved: `code` (in the redirect) exchanges for `grant`'s token."""
        with self._lock:
            self.codes[code] = grant

    def revoke(self, team_id: str) -> None:
        """Every token of `team_id` stops working (Slack answers `token_revoked`)."""
        with self._lock:
            self.revoked |= {t for t, g in self.tokens.items() if g.team_id == team_id}

    def team_of(self, token: str | None) -> str:
        """The workspace a token speaks for (the default workspace for unknown tokens)."""
        grant = self.tokens.get(token or "")
        return (grant.team_id or grant.enterprise_id or "") if grant else self.team_id

    def _issue(self, grant: Grant) -> dict[str, Any]:
        n = next(self._serial)
        token = f"xoxe.xoxb-{n}" if grant.rotating else f"xoxb-installed-{n}"
        self.tokens[token] = grant
        answer: dict[str, Any] = {"ok": True, "access_token": token, "token_type": "bot"}
        if grant.rotating:
            refresh = f"xoxe-1-refresh-{n}"
            self.refresh_tokens[refresh] = grant
            answer |= {"refresh_token": refresh, "expires_in": grant.expires_in}
        return answer

    def _oauth_access(self, body: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            if body.get("grant_type") == "refresh_token":
                grant = self.refresh_tokens.pop(str(body.get("refresh_token")), None)
                if grant is None:
                    return {"ok": False, "error": "invalid_refresh_token"}
                return self._issue(grant)
            grant = self.codes.pop(str(body.get("code")), None)  # a code is good once
            if grant is None:
                return {"ok": False, "error": "invalid_code"}
            issued = self._issue(grant)
        team = {"id": grant.team_id, "name": f"School {grant.team_id}"} if grant.team_id else None
        org = {"id": grant.enterprise_id, "name": "District"} if grant.enterprise_id else None
        return issued | {
            "app_id": APP_ID,
            "scope": "commands,chat:write,chat:write.public,im:write,im:history,users:read,"
            "files:write",
            "bot_user_id": self.bot_user_id,
            "team": team,
            "enterprise": org,
            "is_enterprise_install": grant.org_wide,
            "authed_user": {"id": "U0INSTALLER"},
        }

    def _teams_list(self, grant: Grant) -> dict[str, Any]:
        teams = [{"id": team, "name": f"School {team}"} for team in grant.org_teams]
        return {"ok": True, "teams": teams, "response_metadata": {"next_cursor": ""}}

    def _granted_auth_test(self, grant: Grant) -> dict[str, Any]:
        return {
            "ok": True,
            "url": f"https://{grant.team_id or grant.enterprise_id}.slack.com/",
            "team": f"School {grant.team_id}",
            "user": "partnerbot",
            "team_id": grant.team_id or "",
            "enterprise_id": grant.enterprise_id,
            "user_id": self.bot_user_id,
            "bot_id": f"B{grant.team_id or grant.enterprise_id}",
            "is_enterprise_install": grant.org_wide,
        }

    def _by_token(self, method: str, token: str | None, body: dict[str, Any]) -> Answer | None:
        """Slack's answer that depends on the token: revoked, over the workspace's limit, or
        auth.test / auth.teams.list for an installed token (None: answer as usual)."""
        if token is not None and token in self.revoked:
            return json_answer({"ok": False, "error": "token_revoked"})
        grant = self.tokens.get(token or "")
        if grant is not None and method == "auth.test":
            return json_answer(self._granted_auth_test(grant))
        if method == "auth.teams.list":
            if grant is None or not grant.org_wide:
                return json_answer({"ok": False, "error": "not_allowed_token_type"})
            return json_answer(self._teams_list(grant))
        if self.limiter is None:
            return None
        channel = body.get("channel")
        wait = self.limiter.retry_after(
            self.team_of(token), method, channel if isinstance(channel, str) else None
        )
        if wait is None:
            return None
        return json_answer({"ok": False, "error": "ratelimited"}, 429, **{"Retry-After": str(wait)})
