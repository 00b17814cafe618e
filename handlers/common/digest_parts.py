"""What a feature adds to the morning digest (`Feature.digest_parts`): each part reads what it
shows for a whole batch of people at once, inside the digest's one transaction, and renders
one person's share as a section; the digest lays the sections out by rank, so no feature
imports the digest and the digest imports no feature's reads."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Generic, TypeVar

from sqlalchemy.orm import Session

from handlers.common.blocks import Blocks
from handlers.common.home_parts import Items
from storage.digest import TeamDay
from storage.school_year import AwaySpan

T = TypeVar("T")


@dataclass(frozen=True)
class DigestBatch:
    """Whose digests are read together: people of one workspace on one local date, and what
    the workspace's digests share that day (read once for every batch of it)."""

    team_id: str
    users: Sequence[str]
    local_date: date
    now: datetime
    day: TeamDay


@dataclass(frozen=True)
class DigestOf:
    """The digest a section is rendered for: its local date, and the break it comes after."""

    local_date: date
    away: AwaySpan | None = None


@dataclass(frozen=True)
class DigestSection:
    """One part's share of one person's digest."""

    summary: tuple[str, ...] = ()
    """Phrases for the summary line ("3 overdue")."""
    lists: tuple[tuple[str, Items], ...] = ()
    """Titled lists; they share the message's block limit, in rank order."""
    not_read: int = 0
    """Items left out before they came here: in "… and N more"."""
    after_break: str = ""
    """What the break's line says of this part ("2 came due while school was out")."""
    fill: Callable[[int], tuple[Blocks, int]] | None = None
    """Blocks drawn after every list, in the room they leave: (room) → blocks, not shown."""


@dataclass(frozen=True)
class DigestPart(Generic[T]):
    """A feature's part of the digest. `read(session, batch)` gives what it shows each person
    of the batch (set-based: a few queries for the whole batch; people with nothing are left
    out); `render(found, of)` gives that person's section. Lists are laid out by `rank`, the
    summary phrases by `summary_rank` (smaller first). A digest is sent when a part with
    `sends` has something for the person (celebrations alone send none)."""

    name: str
    read: Callable[[Session, DigestBatch], Mapping[str, T]]
    render: Callable[[T, DigestOf], DigestSection]
    rank: int
    summary_rank: int
    sends: bool = True


@dataclass(frozen=True)
class Digest:
    """One person's digest for one local date: what each part found for them, in rank order."""

    team_id: str
    user_id: str
    local_date: date
    found: tuple[tuple[DigestPart[Any], Any], ...] = ()
    away: AwaySpan | None = None

    @property
    def empty(self) -> bool:
        """Nothing to show: no digest is sent."""
        return not any(part.sends for part, _ in self.found)


def read_digests(
    session: Session, parts: Sequence[DigestPart[Any]], batch: DigestBatch
) -> dict[str, Digest]:
    """Every digest of `batch` (user id → digest, one for each of its users), each part read
    once for the whole batch."""
    ranked = sorted(parts, key=lambda part: part.rank)
    found = [(part, part.read(session, batch)) for part in ranked]
    return {
        user_id: Digest(
            team_id=batch.team_id,
            user_id=user_id,
            local_date=batch.local_date,
            found=tuple((part, got[user_id]) for part, got in found if user_id in got),
            away=batch.day.away,
        )
        for user_id in batch.users
    }
