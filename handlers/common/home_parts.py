"""What a feature adds to a person's App Home (`Feature.home_parts`): the Home reads every part
in one session and lays out what they give back, so no feature imports the Home and the Home
imports no feature."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from slack_sdk.models.blocks import Block, ButtonElement
from sqlalchemy.orm import Session

from handlers.common.blocks import BlockDict

Items = Sequence[Sequence[Block | BlockDict]]
"""A titled list's items, each a few blocks."""


@dataclass(frozen=True)
class HomeFor:
    """Whose Home is drawn, and when (`today` in their time zone)."""

    team_id: str
    user_id: str
    today: date
    now: datetime


@dataclass(frozen=True)
class HomeAdds:
    """What one feature adds to one person's Home."""

    buttons: tuple[ButtonElement, ...] = ()
    """Quick actions, in the row under the Home's header."""
    first: tuple[BlockDict, ...] = ()
    """Shown above the lists, outside their share of the view's block limit."""
    sections: tuple[tuple[str, Items], ...] = ()
    """Titled lists; they share what is left of the view's block limit, in order."""
    summaries: tuple[tuple[str, Items], ...] = ()
    """Titled summaries (numbers, not work to do): after the lists, in the same block budget;
    a Home with only these still says nothing is due."""
    not_shown: int = 0
    """Items left out before they came here (not read, or not in `first`): in "… and N more"."""


@dataclass(frozen=True)
class HomePart:
    """A feature's part of the Home: `read(session, who)` gives what it adds. Parts are laid
    out by `rank` (smaller first; ties in FEATURES order), for the buttons and the lists."""

    read: Callable[[Session, HomeFor], HomeAdds]
    rank: int
