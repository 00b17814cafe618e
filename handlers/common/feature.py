"""What a feature folder declares: its listeners, what the Slack app manifest must list, and
what it adds to other features' commands and cards (extension points, so no feature imports
another's listeners)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from slack_bolt import Ack, App

if TYPE_CHECKING:
    from handlers.common.blocks import Blocks
    from handlers.deps import Deps, Person


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


@dataclass(frozen=True)
class Feature:
    """One feature: `register` adds its listeners; commands, shortcuts and events must match
    manifest.yml; `verbs` and `card_parts` extend other features."""

    name: str
    register: Callable[[App, Deps], None]
    commands: tuple[str, ...] = ()
    shortcuts: tuple[str, ...] = ()
    events: tuple[str, ...] = ()
    verbs: tuple[Verb, ...] = ()
    card_parts: tuple[CardPart, ...] = ()


def ack_now(ack: Ack) -> None:
    """Answer Slack at once; the lazy listener registered beside it does the work."""
    ack()
