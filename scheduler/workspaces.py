"""The scheduler's Web API clients, one per workspace and run: each workspace's own token
(from one bot token, or from its install), paced by the `Pacer`, its 429s held against that
workspace only, and a workspace whose token stops working (revoked, uninstalled, account
inactive) dropped for the rest of the run at its first such answer — so its failures never
delay anyone else's digests."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any, Protocol
from urllib.error import URLError

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
)
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState
from slack_sdk.web import SlackResponse

from scheduler.pacing import Pacer
from storage.db import SessionFactory
from storage.installs import erase_expired, mark_installed, uninstalled_teams

log = logging.getLogger(__name__)

DEAD_ERRORS = frozenset(
    {
        "token_revoked",
        "invalid_auth",
        "not_authed",
        "account_inactive",
        "team_access_not_granted",
        "missing_scope",
        "team_not_found",
        "org_login_required",
    }
)
"""Answers that mean nothing more can be sent to the workspace with this token."""
SLACK_TIMEOUT = 10


class TokenSource(Protocol):
    """Where each workspace's bot token comes from."""

    def prepare(self, sessions: SessionFactory, now: datetime) -> None:
        """Once per run, before any `token` (e.g. learn the workspaces of org-wide installs)."""
        ...

    def token(self, team_id: str) -> str | None:
        """The bot token for `team_id`, or None (not installed)."""
        ...


class OneToken:
    """One bot token (SLACK_BOT_TOKEN) for every workspace."""

    def __init__(self, token: str | None, base_url: str | None = None) -> None:
        self._token = token
        self._base_url = base_url
        self._checked = False

    def prepare(self, sessions: SessionFactory, now: datetime) -> None:
        """Once per process: a token Slack accepts means its workspace has partnerbot
        installed (again: after an uninstall, the operator set the new install's token), so
        sending resumes and its data is no longer due for erasing."""
        if self._checked or self._token is None:
            return
        self._checked = True
        base = self._base_url or WebClient.BASE_URL
        try:
            found = WebClient(token=self._token, base_url=base, timeout=SLACK_TIMEOUT).auth_test()
        except SlackApiError as exc:
            log.warning("SLACK_BOT_TOKEN: Slack refuses it (%s)", exc.response.get("error"))
            return
        if mark_installed(sessions, found.get("team_id"), found.get("enterprise_id"), now=now):
            log.info("%s: installed again; sending resumes", found.get("team_id"))

    def token(self, team_id: str) -> str | None:
        """The one token."""
        return self._token


def retry_after(response: HttpResponse) -> float:
    """The Retry-After of a 429, in seconds (1 when missing or unreadable)."""
    for name, values in response.headers.items():
        if name.lower() == "retry-after":
            value = values[0] if isinstance(values, list) else values
            try:
                return max(0.0, float(value))
            except (TypeError, ValueError):
                return 1.0
    return 1.0


class PacedRetry(RateLimitErrorRetryHandler):
    """On a 429: hold the workspace back for Retry-After (every thread sending there waits,
    no other workspace does), wait that long, try again (at most `max_retry_count` times)."""

    def __init__(self, pacer: Pacer, team_id: str, max_retry_count: int = 2) -> None:
        super().__init__(max_retry_count=max_retry_count)
        self.pacer = pacer
        self.team_id = team_id

    def __deepcopy__(self, memo: dict[int, Any]) -> PacedRetry:
        return self

    def prepare_for_next_attempt(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> None:
        seconds = retry_after(response) if response is not None else 1.0
        self.pacer.hold(self.team_id, seconds)
        self.pacer.sleep(seconds)
        state.next_attempt_requested = True
        state.increment_current_attempt()


class PacedConnectionRetry(ConnectionErrorRetryHandler):
    """slack_sdk's connection-error retry, only when the request never reached Slack (no
    connection: a post must not double), waiting with the pacer's (injectable) sleep."""

    def __init__(self, pacer: Pacer, max_retry_count: int = 2) -> None:
        super().__init__(max_retry_count=max_retry_count, error_types=[URLError])
        self.pacer = pacer

    def prepare_for_next_attempt(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> None:
        state.next_attempt_requested = True
        self.pacer.sleep(self.interval_calculator.calculate_sleep_duration(state.current_attempt))
        state.increment_current_attempt()


class PacedClient(WebClient):
    """A workspace's client: each call waits for its slot in the workspace's pace; an answer
    meaning the token no longer works drops the workspace for the rest of the run."""

    def __init__(self, token: str, base_url: str | None, team_id: str, run: RunClients) -> None:
        super().__init__(
            token=token, base_url=base_url or WebClient.BASE_URL, timeout=SLACK_TIMEOUT
        )
        self.team_id = team_id
        self.run = run
        assert run.pacer is not None
        self.pacer = run.pacer
        self.retry_handlers = [PacedConnectionRetry(self.pacer), PacedRetry(self.pacer, team_id)]

    def api_call(self, api_method: str, *, http_verb: str = "POST", **kwargs: Any) -> SlackResponse:
        if self.run.is_dead(self.team_id):
            response = SlackResponse(
                client=self,
                http_verb=http_verb,
                api_url=api_method,
                req_args={},
                data={"ok": False, "error": "token_revoked"},
                headers={},
                status_code=200,
            )
            raise SlackApiError(  # type: ignore[no-untyped-call]
                f"{self.team_id}: not sent (its token stopped working)", response
            )
        body = kwargs.get("json") or kwargs.get("data") or kwargs.get("params") or {}
        channel = body.get("channel") if isinstance(body, dict) else None
        self.pacer.wait(self.team_id, api_method, channel if isinstance(channel, str) else None)
        try:
            return super().api_call(api_method, http_verb=http_verb, **kwargs)
        except SlackApiError as exc:
            error = str(exc.response.get("error") or "")
            if error in DEAD_ERRORS:
                self.run.drop(self.team_id, error)
            raise


class RunClients:
    """The clients of one run (implements handlers.common.workspaces.Workspaces): one per
    workspace, none for those in `skip` (uninstalled) or dropped during the run."""

    def __init__(
        self,
        make: Callable[[str], WebClient | None],
        skip: frozenset[str] = frozenset(),
        pacer: Pacer | None = None,
    ) -> None:
        self._make = make
        self._skip = skip
        self.pacer = pacer
        self._clients: dict[str, WebClient | None] = {}
        self._dead: dict[str, str] = {}
        self._lock = threading.Lock()

    def client(self, team_id: str) -> WebClient | None:
        """The client for `team_id`, or None: nothing may be sent there now."""
        if team_id in self._skip or self.is_dead(team_id):
            return None
        with self._lock:
            if team_id not in self._clients:
                try:
                    self._clients[team_id] = self._make(team_id)
                except Exception:  # its token could not be read: skip it this run
                    log.exception("%s: no client this run", team_id)
                    self._clients[team_id] = None
            return self._clients[team_id]

    def is_dead(self, team_id: str) -> bool:
        """True once `team_id`'s token stopped working in this run."""
        return team_id in self._dead

    def drop(self, team_id: str, error: str) -> None:
        """`team_id`'s token stopped working (`error`): nothing more is sent there this run."""
        with self._lock:
            if team_id not in self._dead:
                log.warning("%s: %s; nothing more is sent there this run", team_id, error)
            self._dead[team_id] = error

    def ready(self, team_id: str) -> float:
        """Seconds until a post to `team_id` may go; 0 books it for the calling sender thread
        (a dropped workspace at once: its jobs end without calling Slack)."""
        if self.pacer is None or self.is_dead(team_id):
            return 0.0
        return self.pacer.claim(team_id)


class Senders:
    """Builds each run's clients: a `PacedClient` per workspace, with the token `tokens` gives,
    all sharing one `Pacer` across runs (so the pace holds from one tick to the next)."""

    def __init__(
        self, tokens: TokenSource, base_url: str | None, pacer: Pacer | None = None
    ) -> None:
        self.tokens = tokens
        self.base_url = base_url
        self.pacer = pacer or Pacer(sleep=time.sleep)

    def for_run(self, sessions: SessionFactory, now: datetime) -> RunClients:
        """The clients of a run that starts at `now`; none for uninstalled workspaces."""
        try:
            self.tokens.prepare(sessions, now)
        except Exception:  # e.g. an org's workspace list unreadable: the rest still go out
            log.exception("preparing the workspaces' tokens failed")
        skip = uninstalled_teams(sessions)
        run: RunClients

        def make(team_id: str) -> WebClient | None:
            token = self.tokens.token(team_id)
            return None if token is None else PacedClient(token, self.base_url, team_id, run)

        run = RunClients(make, skip, self.pacer)
        return run


def run_clients(sessions: SessionFactory, client: WebClient | Senders, now: datetime) -> RunClients:
    """This run's client per workspace (`client` for every one, or each its own from
    `Senders`); none for uninstalled workspaces."""
    if isinstance(client, Senders):
        return client.for_run(sessions, now)
    return RunClients(lambda _team: client, uninstalled_teams(sessions))


def erase_uninstalled(sessions: SessionFactory, now: datetime, keep_days: int) -> None:
    """Erase the data of every workspace uninstalled `keep_days` ago and not back since."""
    try:
        erased = erase_expired(sessions, now=now, keep_days=keep_days)
    except Exception:  # tried again on the next run
        log.exception("erasing uninstalled workspaces failed")
        return
    for team_id, rows in erased.items():
        log.info("%s: uninstalled %d days ago, its %d records erased", team_id, keep_days, rows)
