"""What a feature folder declares: its listeners, what the Slack app manifest must list, what
it adds to other features' commands and cards (extension points, so no feature imports
another's listeners), what it adds to the App Home and the morning digest, and the scheduled
work the scheduler runs for it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from slack_bolt import Ack, App

if TYPE_CHECKING:
    from datetime import datetime

    from handlers.common.blocks import Blocks
    from handlers.common.digest_parts import DigestPart
    from handlers.common.home_parts import HomePart
    from handlers.common.people import ZoneReader
    from handlers.common.posting import Pool
    from handlers.common.workspaces import Slack
    from handlers.deps import Deps, Person
    from storage.db import SessionFactory


@dataclass(frozen=True)
class Verb:
    """A verb a feature adds to another feature's slash command: `/partner doc …` is the verb
    "doc" of "/partner". `run(person, rest, command)` gets the words after `phrase` and the
    slash-command payload, runs after the ack (in a lazy listener) and returns the ephemeral
    answer (None: it answered itself). `usage` is its line in the command's help."""

    command: str
    phrase: str
    run: Callable[[Person, str, dict[str, Any]], dict[str, Any] | None]
    usage: str = ""

    def matches(self, text: str) -> str | None:
        """The words after the phrase when `text` starts with it (ignoring case), else None."""
        words, phrase = " ".join(text.split()), self.phrase.casefold()
        if words.casefold() == phrase:
            return ""
        if words.casefold().startswith(phrase + " "):
            return words[len(phrase) + 1 :]
        return None


CardPart = Callable[["Person", int], "Blocks"]
"""Blocks a feature adds to a partner's card: (who is looking, partner id) → blocks."""


class Job(Protocol):
    """Scheduled work a feature declares: run every tick (about once a minute) after the
    digests, it sends what is due at `now`, each send claimed in the send log first (so any
    number of runs sends it once) and posted on `pool`. `client` gives each workspace's
    client (`handlers.common.workspaces.workspaces(client).client(team_id)`; None: send nothing
    there). It logs its failures rather than raise; it may return a report of what it did
    (the scheduler ignores it)."""

    def __call__(
        self,
        sessions: SessionFactory,
        client: Slack,
        zones: ZoneReader,
        *,
        now: datetime,
        pool: Pool | None = None,
    ) -> object:
        """Send what is due at `now`."""
        ...


@dataclass(frozen=True)
class Feature:
    """One feature: `register` adds its listeners; commands, shortcuts and events must match
    manifest.yml; `verbs` and `card_parts` extend other features; `home_parts` are drawn on
    the App Home and `digest_parts` in the morning digest (by rank); `jobs` are run by the
    scheduler, in FEATURES order."""

    name: str
    register: Callable[[App, Deps], None]
    commands: tuple[str, ...] = ()
    shortcuts: tuple[str, ...] = ()
    events: tuple[str, ...] = ()
    verbs: tuple[Verb, ...] = ()
    card_parts: tuple[CardPart, ...] = ()
    home_parts: tuple[HomePart, ...] = ()
    digest_parts: tuple[DigestPart[Any], ...] = ()
    jobs: tuple[Job, ...] = ()


def ack_now(ack: Ack) -> None:
    """Answer Slack at once; the lazy listener registered beside it does the work."""
    ack()
