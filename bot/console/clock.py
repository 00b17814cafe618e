"""The console's clock: real time (or a test's frozen clock) moved by an offset, and what
`clock …` understands (`clock Jan 11 08:05`, `clock +1d`, `clock next school day`, `clock now`).

Every part of the app reads this one clock (commands, buttons, the scheduler's jobs), so moving
it moves the whole workspace's day."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from storage.clock import Clock, SystemClock

_STEP = re.compile(r"^\+\s*(\d{1,4})\s*(m|min|mins|minutes?|h|hours?|d|days?|w|weeks?)$", re.I)
_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
MAX_MOVE = timedelta(days=400)
"""A move further than this (either way) is refused: a school year is enough."""


class ConsoleClock:
    """`base` (the real clock by default) plus an offset the console moves."""

    def __init__(self, base: Clock | None = None, offset: timedelta = timedelta(0)) -> None:
        self.base: Clock = base or SystemClock()
        self.offset = offset

    def now(self) -> datetime:
        """The console's time, aware UTC."""
        return self.base.now() + self.offset

    def set(self, when: datetime) -> None:
        """Make it `when` (aware) now; time then runs on from there."""
        self.offset = when - self.base.now()

    @property
    def moved(self) -> bool:
        """True when the console runs on another time than its base clock."""
        return self.offset != timedelta(0)


@dataclass(frozen=True)
class Move:
    """Where `clock …` asked to go (`when`), or why it could not be read (`error`)."""

    when: datetime | None = None
    error: str | None = None


CLOCK_HELP = (
    "write `clock Jan 11 08:05`, `clock +1d` (also +3h, +30m, +2w), `clock tomorrow 7:30`, "
    "`clock next school day` or `clock now` (back to the real time)"
)


def read_move(
    text: str, now: datetime, zone: ZoneInfo, next_school_day: Callable[[date], date]
) -> Move:
    """Where `clock TEXT` goes from `now`, read in `zone`; `next_school_day(day)` is the first
    school day after `day` on the workspace's calendar."""
    words = " ".join(text.split()).casefold()
    local = now.astimezone(zone)
    if not words:
        return Move(error=CLOCK_HELP)
    step = _STEP.match(words)
    if step:
        unit = _UNITS[step.group(2)[0].lower()]
        return Move(when=now + timedelta(**{unit: int(step.group(1))}))
    if words in ("next school day", "next day of school"):
        day = next_school_day(local.date())
        return Move(when=local.replace(year=day.year, month=day.month, day=day.day))
    import dateparser  # here: off the console's start-up path

    parsed = dateparser.parse(
        text,
        languages=["en"],
        settings={
            "RELATIVE_BASE": local.replace(tzinfo=None),
            "PREFER_DATES_FROM": "future",
            "RETURN_AS_TIMEZONE_AWARE": False,
        },
    )
    if parsed is None:
        return Move(error=f"“{text.strip()}” is not a time I can read; {CLOCK_HELP}")
    if not re.search(r"\d:\d\d|\d\s*(am|pm)\b|noon|midnight", words):
        parsed = parsed.replace(hour=local.hour, minute=local.minute)  # a day: keep the time
    when = parsed.replace(second=0, microsecond=0, tzinfo=zone)
    if abs(when - now) > MAX_MOVE:
        return Move(error=f"{when:%a %b %-d %Y} is too far; move at most a year at a time")
    return Move(when=when)
