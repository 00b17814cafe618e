"""One console session: the fake Slack and the Bolt app it talks to, the local users, what is
on screen, and the plumbing (signing and dispatching as Slack would, reading and printing lines)."""

from __future__ import annotations

import getpass
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
from bot.console.clock import ConsoleClock
from bot.console.localslack import LocalSlack
from bot.console.records import FakeUser, SlackCall
from bot.console.render import Element
from bot.console.world import World, database_file, stable_id, world_file
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
    gone: bool = False
    """The message (or view) it was in has been replaced or removed since."""


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
        self.world = World.load(world_file(settings))
        self.files_dir = self._files_dir(settings)
        self.slack = LocalSlack(
            team_id=TEAM_ID, team_domain=TEAM_DOMAIN, on_call=self._record, files_dir=self.files_dir
        )
        for member in self.world.users:
            self.slack.add_user(member)
        self.slack.start()
        self.clock = ConsoleClock(clock, self.world.clock_offset)
        self._secret = secrets.token_hex(16)
        local = settings.model_copy(
            update={
                "slack_bot_token": "xoxb-console-local",
                "slack_signing_secret": self._secret,
                "slack_api_url": self.slack.api_url,
                "slack_app_token": None,
                # The console is one local workspace with its own token, never OAuth installs.
                "slack_client_id": None,
                "slack_client_secret": None,
                "slack_state_secret": None,
                # At the console, the person typing is on this machine: any file they can read.
                "partnerbot_calendar_dir": settings.partnerbot_calendar_dir or Path("/"),
            }
        )
        self.settings = local
        self.workspace = payloads.Workspace(
            team_id=TEAM_ID, team_domain=TEAM_DOMAIN, api_app_id=APP_ID, token=CONSOLE_TOKEN
        )
        self.ids = payloads.Ids(now=lambda: self.clock.now().timestamp())
        self.executor = DrainableExecutor()
        self.app: App
        bot = build(
            local, clock=self.clock, listener_executor=self.executor, warm_in_background=True
        )
        self.app, self.deps = bot.app, bot.deps
        # What an earlier run acknowledged and could not finish is finished now.
        bot.redelivery().sweep()
        self.executor.drain()
        self._ids = itertools.count(1)
        self.user = self.local_user(user or _login_name())
        self.shown: list[Shown] = []
        """Every button and menu shown this session, numbered from 1 (numbers never reused)."""
        self.modal: Modal | None = None
        self.saved_files: dict[str, str] = {}
        """Uploaded file id → where the local Slack wrote it."""

    # -- users -------------------------------------------------------------------------------

    @staticmethod
    def _files_dir(settings: Settings) -> Path:
        found = database_file(settings)
        return (found.parent if found else settings.partnerbot_data_dir) / "console-files"

    def local_user(self, name: str) -> FakeUser:
        """The local user called `name`, created with a stable id the first time (the first
        member of a new workspace is its admin, as whoever installs an app is)."""
        name = name.strip().lstrip("@").casefold() or "staff"
        for existing in self.slack.users.values():
            if existing.name == name:
                return existing
        created = FakeUser(
            id=stable_id("U", name),
            name=name,
            real_name=name.title(),
            tz=self.settings.partnerbot_timezone,
            is_admin=not self.slack.users,
        )
        self.slack.add_user(created)
        self.save_world()
        return created

    def channel_id(self, name: str) -> str:
        """The id of channel `#name`, created the first time it is named."""
        name = name.strip().lstrip("#").casefold()
        if name == CHANNEL_NAME:
            return CHANNEL_ID
        if name not in self.world.channels:
            self.world.channels[name] = stable_id("C", name)
            self.save_world()
        return self.world.channels[name]

    def channel_name(self, channel_id: str) -> str:
        """A channel's name (its id when the console never named it)."""
        if channel_id == CHANNEL_ID:
            return CHANNEL_NAME
        for name, known in self.world.channels.items():
            if known == channel_id:
                return name
        return channel_id

    def save_world(self) -> None:
        """Keep the members, channels and clock for the next run."""
        self.world.users = list(self.slack.users.values())
        self.world.clock_offset_seconds = self.clock.offset.total_seconds()
        self.world.save()

    def name_of(self, user_id: str) -> str:
        """A user's (or a channel's) local name, for printing mentions."""
        if user_id[:1] in ("C", "G"):
            return self.channel_name(user_id)
        found = self.slack.users.get(user_id)
        return found.name if found else user_id

    def _mentions(self, text: str) -> str:
        """Turn `@maria` and `#partner-wins` into Slack's escaped `<@U…|maria>` and
        `<#C…|partner-wins>`, as Slack does."""

        def person(match: re.Match[str]) -> str:
            found = self.local_user(match.group(1))
            return f"<@{found.id}|{found.name}>"

        def channel(match: re.Match[str]) -> str:
            return f"<#{self.channel_id(match.group(1))}|{match.group(1).casefold()}>"

        text = re.sub(r"(?<![\w<])@([A-Za-z][\w.\-]{0,40})", person, text)
        return re.sub(r"(?<![\w<&])#([A-Za-z][\w\-]{0,79})", channel, text)

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
