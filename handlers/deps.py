"""What listeners share, passed in by the composition root: sessions, clock, time zones, the
date reader, settings, how to draw a person's App Home (the home feature's, given when Deps is
built, so features redraw it without importing it), and the verbs, card parts and Home parts
features add. Deps holds these services; the Slack calls are theirs (a time zone may come from
users.info)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast
from zoneinfo import ZoneInfo

from slack_bolt import BoltContext, Respond
from slack_sdk import WebClient

from handlers.common.dates import DateReader
from handlers.common.people import TimeZones
from storage.clock import Clock
from storage.db import SessionFactory

if TYPE_CHECKING:
    from handlers.common.feature import CardPart, Verb
    from handlers.common.home_parts import HomePart

HomeDraw = Callable[["Deps", WebClient, str, str], None]
"""Draws and publishes (team, user)'s App Home."""


@dataclass
class Deps:
    """Shared by every listener; reach it with `Deps.of(context)`."""

    sessions: SessionFactory
    clock: Clock
    zones: TimeZones
    draw_home: HomeDraw = field(repr=False)
    recent_contact_days: int = 14
    dates: DateReader = field(default_factory=DateReader)
    # Hosts a calendar import may fetch from on the bot's own network (PARTNERBOT_CALENDAR_HOSTS).
    calendar_hosts: frozenset[str] = frozenset()
    # The folder whose .ics files a calendar import may read (PARTNERBOT_CALENDAR_DIR); None:
    # no file on the bot's machine is read.
    calendar_dir: Path | None = None
    # What features add to others' commands, cards and the Home (filled by
    # handlers.register_listeners from FEATURES).
    verbs: list[Verb] = field(default_factory=list, repr=False)
    card_parts: list[CardPart] = field(default_factory=list, repr=False)
    home_parts: list[HomePart] = field(default_factory=list, repr=False)

    @staticmethod
    def of(context: BoltContext | dict[str, Any]) -> Deps:
        """The Deps a middleware put in Bolt's request context."""
        return cast(Deps, context["deps"])

    def __deepcopy__(self, memo: dict[int, Any]) -> Deps:
        # Bolt deep-copies the context for lazy listeners; services are shared, not copied.
        return self

    def redraw_home(self, client: WebClient, team_id: str, user_id: str) -> None:
        """Draw a person's App Home again, after a change that concerns them."""
        self.draw_home(self, client, team_id, user_id)

    def verb(self, command: str, text: str) -> tuple[Verb, str] | None:
        """The verb another feature added to `command` that `text` starts with (the longest
        phrase wins), and the words after it."""
        found = [
            (v, rest)
            for v in self.verbs
            if v.command == command and (rest := v.matches(text)) is not None
        ]
        return max(found, key=lambda f: len(f[0].phrase)) if found else None

    def verb_usage(self, command: str) -> str:
        """Help lines of the verbs other features added to `command`, one per line."""
        return "\n".join(v.usage for v in self.verbs if v.command == command and v.usage)

    def local_now(self, client: WebClient, team_id: str, user_id: str) -> tuple[datetime, ZoneInfo]:
        """Now in the user's time zone, and that zone."""
        tz = self.zones.of(client, team_id, user_id)
        return self.clock.now().astimezone(tz), tz


@dataclass(frozen=True)
class Person:
    """Who a request comes from, with the Deps and client a listener needs to serve them."""

    deps: Deps
    client: WebClient
    team_id: str
    user_id: str
    later: list[Callable[[], None]] = field(default_factory=list, compare=False, repr=False)
    """Slack calls for others (DMs, Home redraws) kept until the person has their answer:
    `run_later` makes them once it is out, so a slow Slack never delays the confirmation."""

    @classmethod
    def of(cls, payload: dict[str, Any], client: WebClient, context: BoltContext) -> Person:
        """From a slash command (`team_id`, `user_id`) or an interactivity payload (`team`,
        `user`)."""
        team_id = payload.get("team_id") or payload["team"]["id"]
        user_id = payload.get("user_id") or payload["user"]["id"]
        return cls(Deps.of(context), client, str(team_id), str(user_id))

    def zone(self) -> ZoneInfo:
        """The person's time zone."""
        return self.deps.zones.of(self.client, self.team_id, self.user_id)

    def local_now(self) -> tuple[datetime, ZoneInfo]:
        """Now in the person's time zone, and that zone."""
        return self.deps.local_now(self.client, self.team_id, self.user_id)

    def run_verb(self, name: str, command: dict[str, Any], respond: Respond) -> bool:
        """Run the verb another feature added to the slash command `name` when the command's
        text starts with one, answering through `respond`; False when there is none."""
        found = self.deps.verb(name, command.get("text") or "")
        if found is None:
            return False
        verb, rest = found
        answer = verb.run(self, rest, command)
        if answer is not None:
            respond(**answer)
        self.run_later()
        return True

    def run_later(self) -> None:
        """Make the Slack calls kept for after the answer, in order (once each)."""
        while self.later:
            self.later.pop(0)()
