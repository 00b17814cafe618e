"""The one source of "now": pass a Clock in, never call datetime.now() deep in logic."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """Something that tells the current time as an aware UTC datetime."""

    def now(self) -> datetime: ...


class SystemClock:
    """The real clock."""

    def now(self) -> datetime:
        """Return the current time in UTC."""
        return datetime.now(UTC)


@dataclass
class FrozenClock:
    """A clock that only moves when told to: for tests and `jobs run --at`."""

    current: datetime = field(default_factory=lambda: datetime(2026, 11, 23, 14, 0, tzinfo=UTC))

    def __post_init__(self) -> None:
        if self.current.tzinfo is None:
            raise ValueError("FrozenClock needs an aware datetime")
        self.current = self.current.astimezone(UTC)

    def now(self) -> datetime:
        """Return the frozen time."""
        return self.current

    def advance(self, delta: timedelta) -> None:
        """Move the clock forward by `delta`."""
        self.current = self.current + delta

    def set(self, when: datetime) -> None:
        """Jump to `when` (aware)."""
        self.current = when.astimezone(UTC)
