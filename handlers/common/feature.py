"""What a feature folder declares: its listeners and what the Slack app manifest must list."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from slack_bolt import Ack, App

if TYPE_CHECKING:
    from handlers.deps import Deps


@dataclass(frozen=True)
class Feature:
    """One feature: `register` adds its listeners; the rest must match manifest.yml."""

    name: str
    register: Callable[[App, Deps], None]
    commands: tuple[str, ...] = ()
    shortcuts: tuple[str, ...] = ()
    events: tuple[str, ...] = ()


def ack_now(ack: Ack) -> None:
    """Answer Slack at once; the lazy listener registered beside it does the work."""
    ack()
