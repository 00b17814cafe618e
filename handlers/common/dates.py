"""Reading dates people type ("next tue", "in 2 weeks", "Dec 3", "yesterday") with dateparser.

One `DateDataParser` (English only) is built once, warmed at start-up and reused: building one
and its first parse cost ~100 ms, later parses well under a millisecond.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
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


class DateReader:
    """A warmed, reused dateparser for English dates relative to a person's local "now"."""

    def __init__(self) -> None:
        self._parser = DateDataParser(
            languages=["en"],
            settings={"RETURN_TIME_AS_PERIOD": True},
        )
        self._base: Settings = self._parser._settings
        self._lock = threading.Lock()

    def warm(self) -> None:
        """Pay dateparser's first-parse cost now rather than on someone's first command."""
        now = datetime(2026, 1, 5, 9, 0)
        for text in ("next tue", "in 2 weeks", "Dec 3", "yesterday", "blursday"):
            self.read(text, now=now)

    def read(self, text: str, *, now: datetime, prefer: Direction = "future") -> ReadDate | None:
        """The date `text` means (all of it), seen from the naive local time `now`; None when
        it is not a date, or names only a month or a bare number ("May", "10")."""
        text = text.strip()
        if not text or len(text) > 60:
            return None
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
        """The first, longest run of `words` that reads as a date."""
        for start, word in enumerate(words):
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
