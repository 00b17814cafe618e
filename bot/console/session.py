"""One console session: the fake Slack and the Bolt app it talks to, the local users, what is
on screen, and the plumbing (signing and dispatching as Slack would, reading and printing lines)."""

from __future__ import annotations

import getpass
import hashlib
import itertools
import re
import secrets
import sys
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from slack_bolt import App, BoltResponse

from bot.app import build
from bot.config import Settings
from bot.console import payloads
from bot.console.localslack import LocalSlack
from bot.console.records import FakeUser, SlackCall
from bot.console.render import Element
from bot.lazywork import DrainableExecutor
from storage.clock import Clock

TEAM_ID = "T0LOCAL"
TEAM_DOMAIN = "partnerbot-local"
CHANNEL_ID = "C0CONSOLE"
CHANNEL_NAME = "console"
APP_ID = "A0CONSOLE"
CONSOLE_TOKEN = "console"  # noqa: S105 (Slack's legacy verification token field; Bolt ignores it)


@dataclass
class Shown:
    """Where an element was shown: a message (with its response_url) or a view."""

    element: Element
    container: dict[str, Any]
    message: dict[str, Any] | None = None
    view: dict[str, Any] | None = None
    response_url: str | None = None


@dataclass
class Modal:
    """The modal currently open."""

    view: dict[str, Any]
    answers: dict[str, dict[str, Any]] = field(default_factory=dict)


class ConsoleSession:
    """One console session bound to one Bolt app and one fake Slack."""

    def __init__(
        self,
        settings: Settings,
        *,
        user: str | None = None,
        out: TextIO | None = None,
        inp: TextIO | None = None,
        interactive: bool | None = None,
        clock: Clock | None = None,
    ) -> None:
        self.out = out or sys.stdout
        self.inp = inp or sys.stdin
        self.interactive = self.inp.isatty() if interactive is None else interactive
        self._lock = threading.Lock()
        self._calls: list[SlackCall] = []
        self.slack = LocalSlack(team_id=TEAM_ID, team_domain=TEAM_DOMAIN, on_call=self._record)
        self.slack.start()
        self._secret = secrets.token_hex(16)
        local = settings.model_copy(
            update={
                "slack_bot_token": "xoxb-console-local",
                "slack_signing_secret": self._secret,
                "slack_api_url": self.slack.api_url,
                "slack_app_token": None,
                # At the console, the person typing is on this machine: any file they can read.
                "partnerbot_calendar_dir": settings.partnerbot_calendar_dir or Path("/"),
            }
        )
        self.settings = local
        self.workspace = payloads.Workspace(
            team_id=TEAM_ID, team_domain=TEAM_DOMAIN, api_app_id=APP_ID, token=CONSOLE_TOKEN
        )
        self.ids = payloads.Ids()
        self.executor = DrainableExecutor()
        self.app: App
        bot = build(local, clock=clock, listener_executor=self.executor, warm_in_background=True)
        self.app, self.deps = bot.app, bot.deps
        # What an earlier run acknowledged and could not finish is finished now.
        bot.redelivery().sweep()
        self.executor.drain()
        self._ids = itertools.count(1)
        # Whoever starts the console is the workspace's admin (a program lead while none are
        # named), as whoever installs partnerbot in Slack is; people met with /as are not.
        self.user = self.local_user(user or _login_name(), admin=True)
        self.shown: list[Shown] = []
        self.modal: Modal | None = None

    # -- users -------------------------------------------------------------------------------

    def local_user(self, name: str, *, admin: bool = False) -> FakeUser:
        """The local user called `name`, created with a stable id the first time (a workspace
        admin when `admin`)."""
        name = name.strip().lstrip("@").casefold() or "staff"
        for existing in self.slack.users.values():
            if existing.name == name:
                return existing
        user_id = "U" + hashlib.sha1(name.encode(), usedforsecurity=False).hexdigest()[:10].upper()
        created = FakeUser(
            id=user_id,
            name=name,
            real_name=name.title(),
            tz=self.settings.partnerbot_timezone,
            is_admin=admin,
        )
        self.slack.add_user(created)
        return created

    def name_of(self, user_id: str) -> str:
        """A user's local name, for printing mentions."""
        found = self.slack.users.get(user_id)
        return found.name if found else user_id

    def _mentions(self, text: str) -> str:
        """Turn `@maria` into Slack's escaped mention `<@U…|maria>`, as Slack does."""

        def swap(match: re.Match[str]) -> str:
            person = self.local_user(match.group(1))
            return f"<@{person.id}|{person.name}>"

        return re.sub(r"(?<![\w<])@([A-Za-z][\w.\-]{0,40})", swap, text)

    # -- plumbing ----------------------------------------------------------------------------

    def _record(self, call: SlackCall) -> None:
        with self._lock:
            self._calls.append(call)

    def _take_calls(self) -> list[SlackCall]:
        with self._lock:
            calls, self._calls = self._calls, []
        return calls

    def _dispatch(self, body: str, content_type: str) -> BoltResponse:
        """Sign and dispatch as Slack would, then wait for the lazy listeners it started."""
        response = self.app.dispatch(payloads.bolt_request(self._secret, body, content_type))
        self.executor.drain()
        return response

    def _interactive(self, payload: Mapping[str, Any]) -> BoltResponse:
        return self._dispatch(payloads.interactive_body(payload), payloads.FORM)

    def _print(self, text: str = "") -> None:
        print(text, file=self.out, flush=True)

    def _ask(self, prompt: str) -> str | None:
        if self.interactive:
            try:
                return input(prompt)
            except EOFError:
                return None
        line = self.inp.readline()
        if not line:
            return None
        answer = line.rstrip("\n")
        self._print(f"{prompt}{answer}")
        return answer

    def close(self) -> None:
        """Finish the lazy work, stop its threads and the fake Slack."""
        self.executor.drain()
        self.executor.shutdown(wait=True)
        self.slack.stop()


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "staff"
