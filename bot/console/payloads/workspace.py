"""Who a request comes from (`Workspace`), fresh ids shaped like Slack's (`Ids`), and the
constants every payload shares."""

from __future__ import annotations

import itertools
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"
VERIFICATION_TOKEN = "legacy-verification-token"  # noqa: S105 (a fake, as in Slack's examples)
API_APP_ID = "A0001"
TEAM_DOMAIN = "partnerbot-local"
BOT_USER_ID = "UBOT"

Payload = dict[str, Any]


@dataclass(frozen=True)
class Workspace:
    """The workspace and app a request comes from: what Slack puts in every payload."""

    team_id: str
    team_domain: str = TEAM_DOMAIN
    api_app_id: str = API_APP_ID
    token: str = VERIFICATION_TOKEN
    bot_user_id: str = BOT_USER_ID

    @property
    def team(self) -> Payload:
        """The `team` object of interaction payloads."""
        return {"id": self.team_id, "domain": self.team_domain}

    def user(self, user_id: str, name: str | None = None) -> Payload:
        """The `user` object of interaction payloads."""
        name = name or user_id.lower()
        return {"id": user_id, "username": name, "name": name, "team_id": self.team_id}


@dataclass
class Ids:
    """Fresh trigger ids, action timestamps and event ids, shaped like Slack's."""

    now: Callable[[], float] = time.time
    _numbers: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _run: int = field(default_factory=lambda: secrets.randbits(32))
    """Tells this run's ids from another's with the same clock (a restarted console)."""

    def _next(self) -> int:
        return next(self._numbers)

    def trigger_id(self) -> str:
        """Like `13345224609.738474920.8088930838d88f008e0`."""
        return f"{self._next()}.{int(self.now())}.{self._run:08x}{self._next():024x}"

    def action_ts(self) -> str:
        """Like `1763900123.000042`: seconds, then a unique six-digit part."""
        return f"{int(self.now())}.{self._next() % 1_000_000:06d}"

    def event_id(self) -> str:
        """Like `Ev0123ABCD`."""
        return f"Ev{self._run:08X}{self._next():06X}"
