"""Which day date words name, seen from a `today`, toward the past (when something
happened) or the future (a follow-up): the calendar arithmetic behind `when.DatePhrase.day`."""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import date, timedelta
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from handlers.contact_log.when import DatePhrase

Toward = Literal["past", "future"]

_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "couple": 2, "few": 3, "several": 3,
}  # fmt: skip
_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
_FRIDAY = 4
_STILL_THIS_YEAR = 120
"""A follow-up date without a year this many days gone reads as that (past) date, to be
asked about, rather than as next year's."""
_SEASON_MONTHS = {"spring": 4, "summer": 7, "fall": 10, "autumn": 10, "winter": 1}


def add_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier), clamped to the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))


def _count(words: str) -> int:
    """ "3", "a", "a couple of", "few": how many."""
    for word in reversed(words.split()):
        if word.isdigit():
            return int(word)
        if word in _NUMBERS and word not in ("a", "an"):
            return _NUMBERS[word]
    return 1 if words.split()[:1] in (["a"], ["an"]) else 0


def _shift(today: date, count: int, unit: str, sign: int) -> date | None:
    if count > 3650:
        return None
    if unit.startswith("m"):
        return add_months(today, sign * count)
    days = count * (7 if unit.startswith("w") else 1)
    return today + timedelta(days=sign * days)


def _weekday(word: str) -> int:
    return _WEEKDAYS[word[:3]]


def _month(word: str) -> int:
    return _MONTHS[word[:3]]


def _friday_of(day: date) -> date:
    return day + timedelta(days=_FRIDAY - day.weekday())


def _last_of_month(day: date) -> date:
    return date(day.year, day.month, monthrange(day.year, day.month)[1])


def _valid(year: int, month: int, day: int) -> date | None:
    if not (1 <= month <= 12 and 1 <= day <= monthrange(year, month)[1] and 1900 < year < 2200):
        return None
    return date(year, month, day)


def _pick_year(today: date, month: int, day: int, toward: Toward) -> date | None:
    """A month and day without a year: the occurrence toward the past (within about ten
    months) or the future; a date up to `_STILL_THIS_YEAR` days gone still reads as this
    year's (to be asked about rather than pushed a year ahead)."""
    this_year = _valid(today.year, month, day)
    if this_year is None and not (month == 2 and day == 29):
        return None
    candidates = [
        d for y in (today.year - 1, today.year, today.year + 1) if (d := _valid(y, month, day))
    ]
    if toward == "past":
        past = [d for d in candidates if d <= today and (today - d).days <= 300]
        if past:
            return max(past)
        return min((d for d in candidates if d > today), default=None)
    ahead = [d for d in candidates if d >= today - timedelta(days=_STILL_THIS_YEAR)]
    return min(ahead, default=None)


def exact_day(words: str, today: date, toward: Toward) -> date | None:
    """ "Dec 7", "7 December 2026", "12/7", "12/7/26", "2026-12-07"."""
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", words)
    if iso:
        return _valid(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
    numeric = re.fullmatch(r"(\d{1,2})/(\d{1,2})(?:/(\d{2,4}))?", words)
    if numeric:
        month, day, year = int(numeric.group(1)), int(numeric.group(2)), numeric.group(3)
        if year:
            return _valid(int(year) + (2000 if len(year) == 2 else 0), month, day)
        return _pick_year(today, month, day, toward)
    named = re.fullmatch(r"([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?", words)
    if named is None:
        flipped = re.fullmatch(
            r"(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]+)(?:,?\s+(\d{4}))?", words
        )
        if flipped is None:
            return None
        month_word, day_text, year = flipped.group(2), flipped.group(1), flipped.group(3)
    else:
        month_word, day_text, year = named.group(1), named.group(2), named.group(3)
    month, day = _month(month_word), int(day_text)
    if year:
        return _valid(int(year), month, day)
    return _pick_year(today, month, day, toward)


def month_start(month: int, today: date, toward: Toward) -> date | None:
    """ "in June": the 1st of the last June gone by (or the next one coming); None for this
    month, which names no day."""
    if month == today.month:
        return None
    last = date(today.year - (1 if month > today.month else 0), month, 1)
    coming = date(today.year + (1 if month < today.month else 0), month, 1)
    if toward == "past":
        return last
    return coming


def month_is_coming(month: int, today: date) -> bool:
    """Whether the nearest `month` is ahead ("interns in January", said in November)."""
    ahead = (month - today.month) % 12
    return 0 < ahead <= 6


def ordinal_day(day: int, today: date, toward: Toward, which: str = "") -> date | None:
    """ "the 15th": toward the future the next 15th after today, toward the past the last
    one (today included); "the 15th of next month"."""
    if which:
        month_start = add_months(today.replace(day=1), 1 if which == "next" else 0)
        return _valid(month_start.year, month_start.month, day)
    months = range(0, 13) if toward == "future" else range(0, -13, -1)
    for shift in months:
        first = add_months(today.replace(day=1), shift)
        found = _valid(first.year, first.month, day)
        if found is not None and (found > today if toward == "future" else found <= today):
            return found
    return None


def _weekday_day(phrase: DatePhrase, today: date, toward: Toward) -> date | None:
    dated = phrase.group("wd_date")
    if dated:
        if dated[0].isdigit() and "/" not in dated and " " not in dated:
            return ordinal_day(int(re.sub(r"\D", "", dated)), today, toward)
        return exact_day(dated, today, toward)
    target = _weekday(phrase.group("wd_day"))
    modifier = phrase.group("wd_mod")
    ahead = (target - today.weekday()) % 7
    behind = (today.weekday() - target) % 7
    if modifier in ("next", "coming", "this coming"):
        return today + timedelta(days=ahead or 7)
    if modifier in ("last", "past", "previous"):
        return today - timedelta(days=behind or 7)
    if modifier == "this":
        in_week = today + timedelta(days=target - today.weekday())
        if toward == "future" and in_week < today:
            return in_week + timedelta(days=7)
        return in_week
    if toward == "past" and not phrase.after:
        return today - timedelta(days=behind)
    return today + timedelta(days=ahead or 7)


def _part_of_month(phrase: DatePhrase, today: date) -> date | None:
    which, named = phrase.group("early_which"), phrase.group("early_m")
    if named == "next week":
        monday = today + timedelta(days=7 - today.weekday())
        return {"early": monday, "mid": monday + timedelta(days=2)}.get(
            which.split()[0], _friday_of(monday)
        )
    if named in ("next month", "this month"):
        first = add_months(today.replace(day=1), 1 if named == "next month" else 0)
    else:
        month = _month(named)
        year = today.year + (1 if month < today.month else 0)
        first = date(year, month, 1)
    last = _last_of_month(first)
    which = re.sub(r"\bwk\b", "week", which)
    which = which.replace("1st ", "first ").replace("2nd ", "second ").replace("3rd ", "third ")
    if which in ("early", "earlier", "beginning of", "start of", "first week of"):
        return max(first, today) if first.month == today.month else first
    if which in ("mid", "middle of"):
        return first.replace(day=15)
    if which in ("second week of", "third week of"):
        return first.replace(day=8 if which.startswith("second") else 15)
    if which == "late":
        return first.replace(day=22)
    if which == "last week of":
        return last - timedelta(days=6)
    return last


def resolve(phrase: DatePhrase, today: date, toward: Toward) -> date | None:
    kind, g = phrase.kind, phrase.group
    if kind == "ago":
        return _shift(today, _count(g("ago_n")), g("ago_u"), -1)
    if kind == "rel":  # "in 2 weeks", "a week from Friday"
        base = g("rel_base")
        if base in ("tomorrow", "tmrw"):
            today += timedelta(days=1)
        elif base:
            today += timedelta(days=(_weekday(base) - today.weekday()) % 7 or 7)
        return _shift(today, _count(g("rel_n")), g("rel_u"), 1)
    if kind in ("today", "eod"):
        return today
    if kind == "yesterday":
        return today - timedelta(days=1)
    if kind == "before_y":
        return today - timedelta(days=2)
    if kind == "tomorrow":
        return today + timedelta(days=1)
    if kind == "after_t":
        return today + timedelta(days=2)
    if kind == "end":
        unit = g("end_u") or {"eow": "week", "eonw": "next week", "eom": "month"}[g("end_short")]
        nxt = g("end_next") == "next" or unit == "next week"
        if unit.startswith("m"):
            return _last_of_month(add_months(today.replace(day=1), 1 if nxt else 0))
        friday = _friday_of(today)
        if friday < today:
            friday += timedelta(days=7)
        return friday + timedelta(days=7 if nxt else 0)
    if kind == "early":
        return _part_of_month(phrase, today)
    if kind == "weekof":
        day = exact_day(g("weekof_d"), today, "future")
        return day - timedelta(days=day.weekday()) if day is not None else None
    if kind == "span":
        direction, unit = g("span_dir"), g("span_u")
        sign = -1 if direction in ("last", "past", "previous") else 1
        if direction == "this":  # "earlier this week" names no day; "f/u this week": Friday
            if toward == "past":
                return None
            return _friday_of(today) if unit.startswith("w") else _last_of_month(today)
        if unit.startswith("w"):  # next week: its Monday; last week: the Monday before
            return today - timedelta(days=today.weekday()) + timedelta(days=7 * sign)
        return add_months(today.replace(day=1), sign) if sign > 0 else add_months(today, -1)
    if kind == "weekend":  # its Saturday: the last one, or the coming one
        which = g("weekend_dir")
        behind = (today.weekday() - 5) % 7 or 7
        if which in ("last", "this past") or (toward == "past" and which != "next"):
            return today - timedelta(days=behind)
        ahead = (5 - today.weekday()) % 7 or 7
        return today + timedelta(days=ahead + (7 if which == "next" else 0))
    if kind == "month":
        return month_start(_month(g("month_m")), today, toward)
    if kind == "season":  # names no day: a day in it, to ask about
        month = _SEASON_MONTHS.get(g("season_s"), today.month)
        back = date(today.year - (1 if month >= today.month else 0), month, 1)
        return back if g("season_s") not in ("year",) else date(today.year - 1, 1, 1)
    if kind == "wd":
        return _weekday_day(phrase, today, toward)
    if kind == "exact":
        return exact_day(g("exact_d"), today, toward)
    if kind == "ord":
        return ordinal_day(int(g("ord_d")), today, toward, g("ord_next"))
    return None
