"""The App Home, one read: every part the features add to a person's Home (`HomePart.read`,
given the session) is read in one transaction, so the Home shows one moment of the records."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from sqlalchemy.orm import Session

from storage.db import SessionFactory

Whom = TypeVar("Whom")
Part = TypeVar("Part")


def read_home(
    sessions: SessionFactory, readers: Sequence[Callable[[Session, Whom], Part]], whom: Whom
) -> list[Part]:
    """What each reader gives for `whom`, in order, all read in one session."""
    with sessions() as session:
        return [read(session, whom) for read in readers]
