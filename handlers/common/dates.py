"""Reading dates people type ("next tue", "in 2 weeks", "Dec 3", "yesterday") with dateparser.

One `DateDataParser` (English only) is built once, warmed at start-up and reused: building one
and its first parse cost ~100 ms, later parses well under a millisecond.

Reading is bounded per message, whatever its length: inside `with reader.budget():` (and in
each `find` outside one) at most `MAX_READS` phrases go to dateparser, within `READ_SECONDS`;
past that, nothing more reads as a date.
"""

from __future__ import annotations

import re
import threading
import time as timing
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Literal

from dateparser.conf import Settings
from dateparser.date import DateDataParser

Direction = Literal["future", "past"]

_WEEKDAYS = (
    r"mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?"
    r"|sat(?:urday)?|sun(?:day)?"
)
_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
# A date phrase starts with one of these words (cheap filter before asking dateparser).
_STARTS_DATE = re.compile(
    rf"^(?:in|next|this|last|a|an|tomorrow|today|tonight|noon|yesterday|{_WEEKDAYS}|{_MONTHS}|\d[\d/.:-]*"
    r"(?:st|nd|rd|th|am|pm)?)\.?$",
    re.IGNORECASE,
)
_LEADING_LINKS = {"on", "by", "before", "for", "at"}
_PUNCTUATION = ",;:!?()[]\"'“”"
MAX_PHRASE_WORDS = 4
MAX_READS = 48
"""Phrases given to dateparser per message (a real message needs a handful)."""
READ_SECONDS = 0.3
"""Time spent reading dates per message, at most (plus one phrase's parse)."""


@dataclass(frozen=True)
class ReadDate:
    """A date read from text, with a time of day when the words gave one."""

    day: date
    at: time | None


@dataclass(frozen=True)
class Found:
    """Where a date phrase sits among the words: words[start:end] are the date."""

    value: ReadDate
    start: int
    end: int


@dataclass
class _Budget:
    reads_left: int
    deadline: float


class DateReader:
    """A warmed, reused dateparser for English dates relative to a person's local "now"."""

    def __init__(
        self,
        *,
        max_reads: int = MAX_READS,
        seconds: float = READ_SECONDS,
        monotonic: Callable[[], float] = timing.monotonic,
    ) -> None:
        self._parser = DateDataParser(
            languages=["en"],
            settings={"RETURN_TIME_AS_PERIOD": True},
        )
        self._base: Settings = self._parser._settings
        self._lock = threading.Lock()
        self._max_reads = max_reads
        self._seconds = seconds
        self._monotonic = monotonic
        self._local = threading.local()
        self.reads = 0
        """Phrases given to dateparser so far (all threads), for tests and benchmarks."""

    @contextmanager
    def budget(self) -> Iterator[None]:
        """Bound the dates read on this thread until the block ends (one message's worth);
        a budget already open stays the one that counts."""
        if getattr(self._local, "budget", None) is not None:
            yield
            return
        self._local.budget = _Budget(self._max_reads, self._monotonic() + self._seconds)
        try:
            yield
        finally:
            self._local.budget = None

    @property
    def exhausted(self) -> bool:
        """True when this thread's open budget allows no more reading."""
        budget: _Budget | None = getattr(self._local, "budget", None)
        return budget is not None and (
            budget.reads_left <= 0 or self._monotonic() >= budget.deadline
        )

    def _spend(self) -> bool:
        budget: _Budget | None = getattr(self._local, "budget", None)
        if budget is None:
            return True
        if budget.reads_left <= 0 or self._monotonic() >= budget.deadline:
            return False
        budget.reads_left -= 1
        return True

    def warm(self) -> None:
        """Pay dateparser's first-parse cost now rather than on someone's first command."""
        now = datetime(2026, 1, 5, 9, 0)
        for text in ("next tue", "in 2 weeks", "Dec 3", "yesterday", "blursday"):
            self.read(text, now=now)

    def read(self, text: str, *, now: datetime, prefer: Direction = "future") -> ReadDate | None:
        """The date `text` means (all of it), seen from the naive local time `now`; None when
        it is not a date, or names only a month or a bare number ("May", "10")."""
        text = text.strip()
        if not text or len(text) > 60 or not self._spend():
            return None
        self.reads += 1
        settings = self._base.replace(
            RELATIVE_BASE=now.replace(tzinfo=None), PREFER_DATES_FROM=prefer
        )
        with self._lock:
            # DateDataParser reads its settings per call; swapping them keeps one warm parser.
            self._parser._settings = settings
            try:
                data = self._parser.get_date_data(text)
            except (ValueError, OverflowError, TypeError):
                return None
        found = data.date_obj
        parts = tuple(getattr(data, "parts", ()) or ())
        if found is None:
            return None
        relative = data.period in ("week", "month", "year") and "year" in parts
        if "day" not in parts and not relative:
            return None
        at = found.time() if data.period in ("time", "part_of_day") else None
        return ReadDate(found.date(), at)

    def find(
        self, words: Sequence[str], *, now: datetime, prefer: Direction = "future"
    ) -> Found | None:
        """The first, longest run of `words` that reads as a date (within the budget)."""
        with self.budget():
            return self._find(words, now=now, prefer=prefer)

    def _find(self, words: Sequence[str], *, now: datetime, prefer: Direction) -> Found | None:
        for start, word in enumerate(words):
            if self.exhausted:
                return None
            if _bare(word).casefold() in _LEADING_LINKS:
                continue
            if not _STARTS_DATE.match(_bare(word)):
                continue
            for end in range(min(len(words), start + MAX_PHRASE_WORDS), start, -1):
                phrase = " ".join(_bare(w) for w in words[start:end])
                value = self.read(phrase, now=now, prefer=prefer)
                if value is not None:
                    # dateparser skips some filler ("in 2 weeks about"): drop what adds nothing.
                    while end - start > 1 and self._same(
                        words[start : end - 1], value, now, prefer
                    ):
                        end -= 1
                    if start > 0 and _bare(words[start - 1]).casefold() in _LEADING_LINKS:
                        start -= 1
                    return Found(value, start, end)
        return None

    def _same(
        self, words: Sequence[str], value: ReadDate, now: datetime, prefer: Direction
    ) -> bool:
        return self.read(" ".join(_bare(w) for w in words), now=now, prefer=prefer) == value


def _bare(word: str) -> str:
    return word.strip(_PUNCTUATION)
