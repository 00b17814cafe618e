"""The date words of a `/contact` line, found in one regular-expression pass, no dateparser:
"yesterday", "last Thursday", "on 11/3", "3 days ago", "the 12th", "tmrw", "in 2 wks",
"end of next week", "the week of Dec 7", "early December", "after Thursday", "fri at 2pm".

Each `DatePhrase` knows where it sits in the text and which day it names, seen from a `today`
and read toward the past (when something happened) or the future (a follow-up)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time, timedelta

from handlers.contact_log.day_math import Toward, resolve

_WEEKDAY_WORDS = (
    r"mon(?:day)?|tue(?:s(?:day)?)?|wed(?:s|nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?"
    r"|sat(?:urday)?|sun(?:day)?"
)
# Short forms that are also everyday words ("sat down", "the sun") need a modifier.
_PLAIN_WEEKDAY = (
    r"mon(?:day)?|tue(?:s(?:day)?)?|wed(?:s|nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?"
    r"|saturday|sunday"
)
_MONTH_WORDS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_COUNT = (
    r"\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|(?:a\s+)?couple(?:\s+of)?|(?:a\s+)?few|several"
)
_UNIT = r"days?|d|weeks?|wks?|w|months?|mos?|mths?"
_MONTH_DAY = (
    rf"(?:(?:{_MONTH_WORDS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?(?!\s*(?::|am|pm))"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTH_WORDS})(?:,?\s+\d{{4}})?)"
)
_NUMERIC = r"(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}(?:/(?:\d{4}|\d{2}))?)"
_EXACT = rf"(?:{_MONTH_DAY}|{_NUMERIC})"
_PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night|am|pm))?"

_PATTERN = re.compile(
    r"(?<![\w/'’-])(?:"
    rf"(?P<ago>(?P<ago_n>{_COUNT})\s*(?P<ago_u>{_UNIT})\s+ago)"
    rf"|(?P<rel>(?P<rel_in>in\s+(?:about\s+|another\s+|like\s+)?)?(?P<rel_n>{_COUNT})\s*-?"
    rf"(?P<rel_u>{_UNIT})(?P<rel_from>\s+from\s+(?:now|today|(?P<rel_base>tomorrow|tmrw"
    rf"|{_WEEKDAY_WORDS})))?)"
    r"|(?P<before_y>(?:the\s+)?day\s+before\s+yesterday)"
    r"|(?P<after_t>(?:the\s+)?day\s+after\s+(?:tomorrow|tmrw|tmw))"
    rf"|(?P<today>today|tonight|tonite|this\s+(?:morning|afternoon|evening|am|pm)"
    r"|earlier\s+today)"
    r"|(?P<eod>eod|end\s+of\s+(?:the\s+)?day|cob|close\s+of\s+business)"
    rf"|(?P<yesterday>(?:yesterday|yest|yday|ystdy)(?:{_PART_OF_DAY})?|last\s+ni(?:ght|te))"
    rf"|(?P<tomorrow>(?:tomorrow|tmrw|tmw|tmr|tmro|tmrow|tomorow|tommorow|tommorrow|2morrow|2mrw)"
    rf"(?:{_PART_OF_DAY})?)"
    r"|(?P<end>(?:the\s+)?end\s+of\s+(?:the\s+)?(?P<end_next>ne?xt\s+|this\s+)?"
    r"(?P<end_u>week|wk|month|mo)|(?P<end_short>eow|eonw|eom))"
    r"|(?P<early>(?P<early_which>early|earlier|mid|middle\s+of|late|beginning\s+of|start\s+of"
    r"|end\s+of|(?:first|1st|second|2nd|third|3rd|last)\s+(?:week|wk)\s+of)"
    rf"[\s-]+(?P<early_m>{_MONTH_WORDS}|next\s+month|next\s+week|this\s+month)(?![\w/]))"
    rf"|(?P<weekof>(?:the\s+)?(?:week|wk)\s+of\s+(?P<weekof_d>{_EXACT}))"
    r"|(?P<span>(?P<span_dir>ne?xt|last|this|past|previous|coming)\s+(?P<span_u>week|wk|month|mo))"
    r"|(?P<weekend>(?P<weekend_dir>over\s+the|on\s+the|last|this\s+past|this|next)\s+weekend)"
    rf"|(?P<wd>(?P<wd_after>after\s+)?(?:(?P<wd_mod>ne?xt|this\s+coming|this|last|coming|past"
    rf"|previous|on)\s+)?(?P<wd_day>(?(wd_mod)(?:{_WEEKDAY_WORDS})|(?:{_PLAIN_WEEKDAY})))\.?"
    rf"(?:{_PART_OF_DAY})?(?:,?\s+(?:the\s+)?(?P<wd_date>{_EXACT}|\d{{1,2}}(?:st|nd|rd|th)))?)"
    rf"|(?P<exact>(?P<exact_after>after\s+)?(?:on\s+)?(?P<exact_d>{_EXACT}))"
    rf"|(?P<month>(?:back\s+)?in\s+(?:early\s+|mid\s+|late\s+)?(?P<month_m>{_MONTH_WORDS}))"
    r"|(?P<season>(?:last|this\s+past|back\s+in\s+the)\s+(?P<season_s>spring|summer|fall|autumn"
    r"|winter|year|semester|term|school\s+year))"
    r"|(?P<ord>(?P<ord_after>after\s+)?(?P<ord_the>on\s+the\s+|on\s+|the\s+)?(?P<ord_d>\d{1,2})"
    r"(?:st|nd|rd|th)"
    r"(?:\s+of\s+(?P<ord_next>next|this)\s+month)?)"
    r")(?![\w/'’])",
    re.IGNORECASE,
)
_TIME = re.compile(
    r"(?<![\w/:])(?:(?:at|@|around|by)\s+)?(?:(?P<h>\d{1,2})(?::(?P<m>\d{2}))?\s*(?P<ap>[ap]\.?m\.?)"
    r"|(?P<noon>noon|midday)|(?:(?<=at\s)|(?<=@\s))(?P<h24>\d{1,2}):(?P<m24>\d{2}))(?![\w:])",
    re.IGNORECASE,
)
MAX_PHRASES = 24
"""Date phrases read per text, at most: a real line has a few; any text stays bounded."""


@dataclass(frozen=True)
class DatePhrase:
    """Date words at text[start:end], and what they name."""

    start: int
    end: int
    kind: str
    """Which form: ago, rel, today, yesterday, tomorrow, end, early, weekof, span, weekend,
    wd, exact, ord, month, season (the group names of the pattern)."""
    bare_count: bool
    """A count without "in"/"from now" ("2 wks"), an ordinal without "the"/"on" ("15th"):
    a date only right after a follow-up word."""
    after: bool
    """"after Thursday": the day after the day named."""
    _groups: tuple[tuple[str, str], ...]

    def group(self, name: str) -> str:
        """The words of one part of the pattern ("" when absent), folded."""
        return dict(self._groups).get(name, "")

    def day(self, today: date, toward: Toward) -> date | None:
        """The day named, seen from `today`; None when the words name no real day (13/45)."""
        found = resolve(self, today, toward)
        if found is not None and self.after:
            found += timedelta(days=1)
        return found


def date_phrases(text: str) -> list[DatePhrase]:
    """The date phrases of `text`, in order (at most `MAX_PHRASES`)."""
    found: list[DatePhrase] = []
    for match in _PATTERN.finditer(text):
        kind = match.lastgroup
        if kind is None:
            continue
        groups = tuple(
            (name, re.sub(r"\bnxt\b", "next", " ".join(value.casefold().split())))
            for name, value in match.groupdict().items()
            if value
        )
        bare = (kind == "rel" and not match.group("rel_in") and not match.group("rel_from")) or (
            kind == "ord" and not match.group("ord_the") and not match.group("ord_after")
        )
        after = bool(
            match.group("wd_after") or match.group("exact_after") or match.group("ord_after")
        )
        found.append(DatePhrase(match.start(), match.end(), kind, bare, after, groups))
        if len(found) >= MAX_PHRASES:
            break
    return found


@dataclass(frozen=True)
class TimeOfDay:
    """A time of day at text[start:end]."""

    at: time
    start: int
    end: int


def time_after(text: str, start: int, limit: int = 24) -> TimeOfDay | None:
    """A time of day ("at 2pm", "noon", "3:30pm") starting within `limit` characters of
    `start`."""
    match = _TIME.search(text, start, min(len(text), start + limit + 16))
    if match is None or match.start() - start > limit:
        return None
    if match.group("noon"):
        return TimeOfDay(time(12, 0), match.start(), match.end())
    hour_text = match.group("h") or match.group("h24")
    minute_text = match.group("m") or match.group("m24") or "0"
    hour, minute = int(hour_text), int(minute_text)
    marker = (match.group("ap") or "").casefold().replace(".", "")
    if marker == "pm" and hour < 12:
        hour += 12
    elif marker == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    return TimeOfDay(time(hour, minute), match.start(), match.end())
