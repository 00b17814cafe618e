"""The composition root: one Bolt app wired to storage, whatever transport serves it."""

from __future__ import annotations

import logging

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
)

from bot.config import Settings
from handlers import register_listeners
from handlers.deps import Deps
from storage.clock import Clock, SystemClock
from storage.db import SessionFactory, make_engine, make_session_factory

log = logging.getLogger(__name__)


def make_client(token: str | None, base_url: str | None) -> WebClient:
    """A Web API client that retries connection errors and waits out rate limits."""
    client = WebClient(token=token, base_url=base_url or WebClient.BASE_URL)
    client.retry_handlers = [
        ConnectionErrorRetryHandler(max_retry_count=2),
        RateLimitErrorRetryHandler(max_retry_count=2),
    ]
    return client


def create_app(
    settings: Settings,
    *,
    sessions: SessionFactory | None = None,
    clock: Clock | None = None,
    client: WebClient | None = None,
) -> tuple[App, Deps]:
    """Build the Bolt app with every listener registered, and the dependencies they share."""
    if sessions is None:
        sessions = make_session_factory(make_engine(settings.database_url))
    deps = Deps(
        sessions=sessions,
        clock=clock or SystemClock(),
        default_timezone=settings.partnerbot_timezone,
        recent_contact_days=settings.partnerbot_recent_contact_days,
    )
    app = App(
        signing_secret=settings.slack_signing_secret or "",
        client=client or make_client(settings.slack_bot_token, settings.slack_api_url),
        process_before_response=True,
        request_verification_enabled=True,
        token_verification_enabled=settings.slack_bot_token is not None,
    )
    register_listeners(app, deps)
    deps.dates.warm()
    return app, deps
