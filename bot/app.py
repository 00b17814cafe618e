"""The composition root: one Bolt app wired to storage, whatever transport serves it."""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass
from typing import Any
from urllib.error import URLError

from slack_bolt import App
from slack_bolt.logger.messages import warning_client_prioritized_and_token_skipped
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
)
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState

from bot.config import Settings
from bot.errors import install_error_handling, track_saves
from bot.guard import guard, prepare
from bot.inbox import BUDGET_SECONDS, Inbox, Redelivery, install_inbox
from bot.lazywork import LaneExecutor
from bot.oauth import InstalledTokens, oauth_settings
from bot.observe import ObservedApp
from handlers import register_listeners
from handlers.common.metrics import SLACK_RATE_LIMITED, SLACK_RETRIES
from handlers.common.people import TimeZones
from handlers.deps import Deps
from handlers.home import publish_home
from scheduler.pacing import Pacer
from scheduler.workspaces import OneToken, Senders, TokenSource
from storage.clock import Clock, SystemClock
from storage.db import SessionFactory, make_engine, make_session_factory

log = logging.getLogger(__name__)

Sleep = Callable[[float], None]
"""Waits the given number of seconds (`time.sleep`, or a recorder in tests)."""


def retry_after_seconds(response: HttpResponse) -> int | None:
    """The Retry-After header of a 429, in whole seconds, as slack_sdk reads it."""
    for name, values in response.headers.items():
        if name.lower() == "retry-after":
            value = values[0] if isinstance(values, list) else values
            try:
                return int(value)
            except (TypeError, ValueError):
                return None
    return None


def api_method(url: str) -> str:
    """The Web API method a request URL calls (`chat.postMessage`), for the metrics."""
    name = url.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]
    return name if name.replace(".", "").isalnum() and len(name) <= 64 else "other"


class RateLimitRetry(RateLimitErrorRetryHandler):
    """slack_sdk's rate-limit retry (wait Retry-After plus up to a second, then retry) with the
    wait made injectable, so tests never sleep. Every 429 and every retry is counted."""

    def __init__(
        self,
        max_retry_count: int = 2,
        *,
        sleep: Sleep = time.sleep,
        jitter: Callable[[], float] = random.random,
    ) -> None:
        super().__init__(max_retry_count=max_retry_count)
        self.sleep = sleep
        self.jitter = jitter

    def __deepcopy__(self, memo: dict[int, Any]) -> RateLimitRetry:
        # Bolt deep-copies the request context (and its client) for lazy listeners; the handler
        # keeps no state of its own, and its sleep must stay the one that was injected.
        return self

    def can_retry(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        if response is not None and response.status_code == 429:  # the last one too
            SLACK_RATE_LIMITED.labels(api_method(request.url)).inc()
        return super().can_retry(state=state, request=request, response=response, error=error)

    def prepare_for_next_attempt(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> None:
        if response is None:
            if error is not None:
                raise error
            raise RuntimeError("rate-limit retry without a response")
        state.next_attempt_requested = True
        seconds = retry_after_seconds(response)
        self.sleep((1 if seconds is None else seconds) + self.jitter())
        SLACK_RETRIES.labels("rate_limited").inc()
        state.increment_current_attempt()


class ConnectionRetry(ConnectionErrorRetryHandler):
    """slack_sdk's connection-error retry (exponential backoff) with the wait made injectable,
    retrying only when the request never reached Slack (no connection): a connection reset or
    closed after the request was sent may have been acted on, and a post must not double."""

    def __init__(self, max_retry_count: int = 2, *, sleep: Sleep = time.sleep) -> None:
        super().__init__(max_retry_count=max_retry_count, error_types=[URLError])
        self.sleep = sleep

    def __deepcopy__(self, memo: dict[int, Any]) -> ConnectionRetry:
        return self  # stateless, like RateLimitRetry: keep the injected sleep

    def prepare_for_next_attempt(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> None:
        state.next_attempt_requested = True
        self.sleep(self.interval_calculator.calculate_sleep_duration(state.current_attempt))
        SLACK_RETRIES.labels("connection").inc()
        state.increment_current_attempt()


class _TokenUnusedFilter(logging.Filter):
    """Drops Bolt's "`token` will be unused" warning: Bolt reads SLACK_BOT_TOKEN from the
    environment by itself, and partnerbot's client (which carries that token) is the one used."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() != warning_client_prioritized_and_token_skipped()


logging.getLogger("slack_bolt.App").addFilter(_TokenUnusedFilter())

LAZY_WORKERS = 16
"""Threads for the work done after the ack (each person uses at most two at once)."""
SLACK_TIMEOUT = 10
"""Seconds a Web API call may take before it counts as failed (slack_sdk's default is 30)."""


def make_client(token: str | None, base_url: str | None, *, sleep: Sleep = time.sleep) -> WebClient:
    """A Web API client that retries connection errors and waits out rate limits (Retry-After),
    waiting with `sleep`."""
    client = WebClient(token=token, base_url=base_url or WebClient.BASE_URL, timeout=SLACK_TIMEOUT)
    client.retry_handlers = [
        ConnectionRetry(max_retry_count=2, sleep=sleep),
        RateLimitRetry(max_retry_count=2, sleep=sleep),
    ]
    return client


@dataclass(frozen=True)
class Bot:
    """The app and what runs beside it: its shared dependencies, the inbox that keeps each
    acknowledged request until its work is done, and the executor that work runs on."""

    app: App
    deps: Deps
    inbox: Inbox
    executor: Executor
    senders: Senders | None = None
    """Each workspace's paced client for the scheduler (see `senders`)."""

    def redelivery(self) -> Redelivery:
        """What takes over requests that a stopped process left unfinished."""
        return Redelivery(self.app, self.inbox)


def create_app(
    settings: Settings,
    *,
    sessions: SessionFactory | None = None,
    clock: Clock | None = None,
    client: WebClient | None = None,
    listener_executor: Executor | None = None,
    retry_sleep: Sleep | None = None,
    warm_in_background: bool = False,
    keep_budget: float = BUDGET_SECONDS,
) -> tuple[App, Deps]:
    """The Bolt app with every listener registered, and the dependencies they share (see
    `build`)."""
    bot = build(
        settings,
        sessions=sessions,
        clock=clock,
        client=client,
        listener_executor=listener_executor,
        retry_sleep=retry_sleep,
        warm_in_background=warm_in_background,
        keep_budget=keep_budget,
    )
    return bot.app, bot.deps


def build(
    settings: Settings,
    *,
    sessions: SessionFactory | None = None,
    clock: Clock | None = None,
    client: WebClient | None = None,
    listener_executor: Executor | None = None,
    retry_sleep: Sleep | None = None,
    warm_in_background: bool = False,
    keep_budget: float = BUDGET_SECONDS,
) -> Bot:
    """Build the Bolt app with every listener registered, and the dependencies they share.

    Lazy listeners (the work done after the ack) run on `listener_executor` (by default a
    `bot.lazywork.LaneExecutor`: a lane per person, drainable at a stop). Each request with
    such work is kept in the inbox before its ack. `retry_sleep` replaces `time.sleep` in the
    Web API client's retries; `keep_budget` is how long keeping a request may take before the
    person is told nothing was saved."""
    if sessions is None:
        sessions = make_session_factory(make_engine(settings.database_url))
    clock = clock or SystemClock()
    deps = Deps(
        sessions=sessions,
        clock=clock,
        zones=TimeZones(sessions, clock, settings.partnerbot_timezone),
        draw_home=publish_home,
        recent_contact_days=settings.partnerbot_recent_contact_days,
        calendar_hosts=settings.partnerbot_calendar_hosts,
        calendar_dir=settings.partnerbot_calendar_dir,
    )
    if client is None:
        client = make_client(
            settings.slack_bot_token, settings.slack_api_url, sleep=retry_sleep or time.sleep
        )
    if listener_executor is None:
        listener_executor = LaneExecutor(max_workers=LAZY_WORKERS)
    track_saves(sessions)
    oauth = _oauth(settings, sessions, clock)
    app = ObservedApp(
        signing_secret=settings.slack_signing_secret or "",
        client=client,
        process_before_response=True,
        request_verification_enabled=True,
        token_verification_enabled=settings.slack_bot_token is not None,
        listener_executor=listener_executor,
        oauth_settings=oauth,
    )
    app.middleware(guard(listener_executor))
    inbox = Inbox(sessions, clock, budget=keep_budget)
    done = install_inbox(app, inbox, listener_executor)
    install_error_handling(app, listener_executor, prepare, done)
    register_listeners(app, deps)
    if warm_in_background:  # off the start-up path: a first command waits only if it comes early
        threading.Thread(target=deps.dates.warm, name="warm-dates", daemon=True).start()
    else:
        deps.dates.warm()
    paced = senders(settings, oauth, clock, retry_sleep or time.sleep)
    return Bot(app, deps, inbox, listener_executor, paced)


def _oauth(settings: Settings, sessions: SessionFactory, clock: Clock) -> OAuthSettings | None:
    """Bolt's OAuth settings when workspaces install partnerbot themselves (bot/oauth.py)."""
    if not settings.oauth:
        return None
    assert settings.slack_client_id is not None
    assert settings.slack_client_secret is not None
    assert settings.slack_state_secret is not None
    engine = sessions.kw["bind"]
    return oauth_settings(
        client_id=settings.slack_client_id,
        client_secret=settings.slack_client_secret,
        state_secret=settings.slack_state_secret,
        engine=engine,
        sessions=sessions,
        clock=clock,
    )


def senders(
    settings: Settings, oauth: OAuthSettings | None, clock: Clock, sleep: Sleep = time.sleep
) -> Senders:
    """The scheduler's clients: per workspace, paced, with the workspace's own token (from
    its install with OAuth, else SLACK_BOT_TOKEN)."""
    tokens: TokenSource = (
        OneToken(settings.slack_bot_token, settings.slack_api_url)
        if oauth is None
        else InstalledTokens(oauth, settings.slack_api_url, clock)
    )
    return Senders(tokens, settings.slack_api_url, Pacer(sleep=sleep))
