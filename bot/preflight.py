"""Start-up checks, before anything is served or sent: the database opens and its schema is the
one this code expects; Slack accepts the bot token. Transient failures (no network, a database
still starting) are tried again with backoff for PARTNERBOT_START_RETRY_SECONDS; then, and for
a permanent failure at once, one line saying what to do and a distinct exit code (see
bot/config.py), never a traceback. Then one summary line of what started."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TypeVar
from urllib.error import URLError

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.web import SlackResponse

from bot.config import (
    EXIT_DATABASE_UNREACHABLE,
    EXIT_SCHEMA_AHEAD,
    EXIT_SCHEMA_BEHIND,
    EXIT_SLACK_TOKEN,
    EXIT_SLACK_UNREACHABLE,
    Settings,
    fail,
)
from bot.dbcli import installed_version
from storage.backup import describe
from storage.migrate import DatabaseUnreachable, Schema, ahead_message, read_schema

log = logging.getLogger("partnerbot")

Sleep = Callable[[float], None]
T = TypeVar("T")
FIRST_WAIT = 1.0
LONGEST_WAIT = 30.0
SLACK_SECONDS = 10
"""How long one auth.test may take."""


class SlackUnreachable(Exception):
    """Slack's Web API gave no usable answer (no connection, timeout, HTTP 429 or 5xx)."""


@dataclass(frozen=True)
class Workspace:
    """Who the bot token belongs to (auth.test)."""

    name: str
    team_id: str
    bot_user: str


def backoff(budget: float) -> Iterator[float]:
    """The waits between tries: 1, 2, 4, 8, 16, 30, 30 … seconds while their sum stays within
    `budget`."""
    spent, wait = 0.0, FIRST_WAIT
    while spent + wait <= budget:
        yield wait
        spent += wait
        wait = min(wait * 2, LONGEST_WAIT)


def retried(
    attempt: Callable[[], T],
    transient: type[Exception],
    what: str,
    *,
    budget: float,
    sleep: Sleep,
) -> T:
    """`attempt()`, tried again after each `transient` failure while `budget` seconds of waits
    last (one warning line per wait); the last failure is raised."""
    waits = backoff(budget)
    while True:
        try:
            return attempt()
        except transient as error:
            wait = next(waits, None)
            if wait is None:
                raise
            log.warning("%s (%s); trying again in %.0f s", what, error, wait)
            sleep(wait)


def _answer(call: Callable[[], SlackResponse]) -> SlackResponse:
    """`call()`'s answer; no usable answer is SlackUnreachable, a refusal SlackApiError."""
    try:
        return call()
    except SlackApiError as error:
        status = error.response.status_code
        if status == 429 or status >= 500:
            raise SlackUnreachable(f"HTTP {status}") from None
        raise
    except (URLError, OSError) as error:
        reason = getattr(error, "reason", None) or error
        raise SlackUnreachable(str(reason) or type(error).__name__) from None


def check_slack(
    settings: Settings, *, app_token: str | None = None, sleep: Sleep = time.sleep
) -> Workspace:
    """Ask Slack who the bot token is (auth.test) and, for Socket Mode, whether `app_token`
    may open a connection (apps.connections.open); exit with one line when Slack cannot be
    asked (3) or refuses a token (4)."""
    if settings.oauth:  # each workspace's token comes from its install: none to check here
        return Workspace(name="each installed workspace (OAuth)", team_id="", bot_user="")
    base_url = settings.slack_api_url or WebClient.BASE_URL
    client = WebClient(token=settings.slack_bot_token, base_url=base_url, timeout=SLACK_SECONDS)
    client.retry_handlers = []  # the retries are ours, with their waits logged
    asking = "SLACK_BOT_TOKEN"
    try:
        who = _retried_answer(client.auth_test, settings, sleep)
        if app_token is not None:
            asking = "SLACK_APP_TOKEN"
            opening = partial(client.apps_connections_open, app_token=app_token)
            _retried_answer(opening, settings, sleep)
    except SlackUnreachable as error:
        fail(
            f"cannot reach Slack at {base_url} ({error}); check this machine's network, DNS, "
            "proxy and firewall (outgoing HTTPS to slack.com), then start partnerbot again",
            EXIT_SLACK_UNREACHABLE,
        )
    except SlackApiError as error:
        refused = error.response.get("error")
        fail(f"{asking}: Slack refused it ({refused}); {FIXES[asking]}", EXIT_SLACK_TOKEN)
    return Workspace(
        name=str(who.get("team") or ""),
        team_id=str(who.get("team_id") or ""),
        bot_user=str(who.get("user") or ""),
    )


FIXES = {
    "SLACK_BOT_TOKEN": "copy the Bot User OAuth Token (xoxb-…) again from your app's Install App "
    "page",
    "SLACK_APP_TOKEN": "generate an app-level token (xapp-…) with the connections:write scope "
    "on your app's Basic Information page",
}


def _retried_answer(
    call: Callable[[], SlackResponse], settings: Settings, sleep: Sleep
) -> SlackResponse:
    return retried(
        lambda: _answer(call),
        SlackUnreachable,
        "Slack is not reachable",
        budget=settings.partnerbot_start_retry_seconds,
        sleep=sleep,
    )


def check_database(settings: Settings, *, sleep: Sleep = time.sleep) -> Schema:
    """Open the database and read its schema revision; exit with one line when it cannot be
    opened (5), is behind this code (6) or ahead of it (7). PostgreSQL is tried again while
    it may be starting; a SQLite file that cannot be opened will not open later."""
    url = settings.database_url
    budget = 0 if url.startswith("sqlite") else settings.partnerbot_start_retry_seconds
    try:
        schema = retried(
            lambda: read_schema(url),
            DatabaseUnreachable,
            "the database is not answering",
            budget=budget,
            sleep=sleep,
        )
    except DatabaseUnreachable as error:
        fail(
            f"DATABASE_URL: cannot open the database {describe(url)} ({error}); check that it "
            "is running and reachable from here",
            EXIT_DATABASE_UNREACHABLE,
        )
    if schema.state == "ahead":
        fail(ahead_message(schema), EXIT_SCHEMA_AHEAD)
    if schema.state == "empty":
        fail(
            f"the database {describe(url)} has no schema yet; run `partnerbot db upgrade` first",
            EXIT_SCHEMA_BEHIND,
        )
    if schema.state == "behind":
        fail(
            f"the database is at revision {schema.current}, behind this partnerbot's "
            f"{schema.head}; back it up (`partnerbot db backup PATH`), then run "
            "`partnerbot db upgrade`",
            EXIT_SCHEMA_BEHIND,
        )
    return schema


def summary(
    transport: str,
    settings: Settings,
    schema: Schema,
    workspace: Workspace,
    features: Sequence[str],
    *,
    scheduler: bool,
) -> str:
    """The one line logged when partnerbot has started."""
    ticking = "scheduler in this process" if scheduler else "no scheduler in this process"
    return (
        f"partnerbot {installed_version()} started: {transport}; "
        f"{describe(settings.database_url)} (schema {schema.current}); "
        f"workspace {workspace.name or '?'} ({workspace.team_id}) as @{workspace.bot_user}; "
        f"{ticking}; features: {', '.join(features)}"
    )
