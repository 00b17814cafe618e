"""Installing the app under test in workspaces of the fake Slack, as Slack's OAuth flow does:
the installer's browser opens /slack/install (a state and its cookie), Slack sends it back to
/slack/oauth_redirect with a code, the app exchanges the code (oauth.v2.access)."""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from bot.app import build
from bot.config import Settings
from bot.console.installs import Grant
from bot.console.localslack import LocalSlack
from bot.http import wsgi_application
from bot.lazywork import LaneExecutor
from scheduler.workspaces import Senders
from storage.clock import FrozenClock
from storage.db import make_engine, make_session_factory
from tests.support.slackapp import SECRET, Bot, RetrySleeps

CLIENT_ID = "1111.2222"
STATE_SECRET = "state-secret-0123456789abcdef"


@dataclass
class Page:
    """What the installer's browser got."""

    status: int
    headers: dict[str, str]
    body: str

    @property
    def state(self) -> str:
        """The state in the page's link to Slack's authorize page."""
        found = re.search(r"state=([^&\"']+)", self.body)
        assert found is not None, self.body
        return found.group(1)

    @property
    def cookie(self) -> str:
        """The state cookie the page set (`name=value`)."""
        return self.headers["set-cookie"].split(";", 1)[0]


def oauth_bot(db_url: str, slack: LocalSlack, clock: FrozenClock) -> tuple[Bot, Senders]:
    """The real app in OAuth mode (no bot token) on the migrated `db_url`, and its scheduler's
    per-workspace clients."""
    settings = Settings(
        SLACK_CLIENT_ID=CLIENT_ID,
        SLACK_CLIENT_SECRET="client-secret",
        SLACK_STATE_SECRET=STATE_SECRET,
        SLACK_SIGNING_SECRET=SECRET,
        SLACK_API_URL=slack.api_url,
        DATABASE_URL=db_url,
        _env_file=None,
    )
    sessions = make_session_factory(make_engine(db_url))
    executor = LaneExecutor()
    sleeps = RetrySleeps()
    built = build(
        settings, sessions=sessions, clock=clock, listener_executor=executor, retry_sleep=sleeps
    )
    bot = Bot(built.app, built.deps, slack, clock, executor, sleeps)
    built.app.logger.addHandler(bot._lazy_errors)
    logging.getLogger("bot.lazywork").addHandler(bot._lazy_errors)
    assert built.senders is not None
    return bot, built.senders


def browse(bot: Bot, path: str, query: dict[str, str] | None = None, cookie: str = "") -> Page:
    """GET `path` of `partnerbot serve`'s WSGI app, as a browser."""
    environ: dict[str, Any] = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": urlencode(query or {}),
        "wsgi.input": io.BytesIO(b""),
    }
    if cookie:
        environ["HTTP_COOKIE"] = cookie
    seen: dict[str, Any] = {}

    def start_response(status: str, headers: list[tuple[str, str]]) -> None:
        seen["status"] = int(status.split()[0])
        seen["headers"] = {name.lower(): value for name, value in headers}

    body = b"".join(wsgi_application(bot.app, lambda: True)(environ, start_response))  # type: ignore[arg-type]
    return Page(seen["status"], seen["headers"], body.decode("utf-8"))


def install(bot: Bot, grant: Grant, code: str) -> Page:
    """The whole flow for `grant` (the installer approves with `code`); the final page."""
    start = browse(bot, "/slack/install")
    assert start.status == 200
    bot.slack.grant(code, grant)
    return browse(bot, "/slack/oauth_redirect", {"code": code, "state": start.state}, start.cookie)
