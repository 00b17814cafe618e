"""Reading a district's iCalendar (.ics) export into calendar entries: fetched from a URL or
read from a file (at most 1 MB), parsed with `icalendar`, recurring events expanded with
`recurring-ical-events`. All-day events named like days off become breaks or holidays, those
named like terms become terms; everything else (open house, early release…) is left out."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import holidays
import icalendar
import recurring_ical_events

from storage.models import CalendarKind
from storage.school_year import NewEntry

MAX_BYTES = 1_000_000
TIMEOUT_SECONDS = 10
MAX_EVENTS = 2000
# Occurrences are expanded a month at a time, so reading stops soon after MAX_EVENTS.
WINDOW = timedelta(days=31)
# An all-day event repeating more often than daily names no day off: never expanded.
_SUB_DAILY = frozenset({"SECONDLY", "MINUTELY", "HOURLY"})
_DAY_OFF = re.compile(
    r"\b(?:no school|school closed|closed|break|holiday|vacation|recess|day off|"
    r"teacher (?:work ?day|in-?service)|in-?service|staff development|professional development|"
    r"non-?student day|thanksgiving|christmas|new year|labor day|memorial day|veterans day|"
    r"independence day|juneteenth|martin luther king|mlk|presidents'? day|columbus day|"
    r"indigenous peoples'? day)\b",
    re.IGNORECASE,
)
_TERM = re.compile(r"\b(?:term|semester|trimester|quarter|grading period)\b", re.IGNORECASE)
# "First day of the semester", "Quarter ends": a day in a term, not the term ("First
# Semester", "Quarter 1" are terms).
_NOT_TERM = re.compile(
    r"\b(?:(?:first|last) day|begins?|ends?|starts?|end of|day)\b", re.IGNORECASE
)


class CalendarFileError(ValueError):
    """The calendar could not be read; the message says why, for people."""


@dataclass(frozen=True)
class ReadCalendar:
    """What an .ics file held: the entries to add, how many events were left out, how many
    occurrences were looked at, and whether reading stopped at MAX_EVENTS."""

    entries: tuple[NewEntry, ...]
    skipped: int
    examined: int = 0
    truncated: bool = False


def fetch(source: str) -> bytes:
    """The bytes of `source`, an http(s) URL or a path to an .ics file, at most 1 MB."""
    if source.startswith(("http://", "https://")):
        return _download(source)
    if "://" in source:
        raise CalendarFileError("Give an https:// address or the path of an .ics file.")
    path = Path(source).expanduser()
    if path.suffix.casefold() not in (".ics", ".ical", ".ifb", ".icalendar"):
        raise CalendarFileError(f"“{source}” is not an .ics file.")
    try:
        if not path.is_file():
            raise CalendarFileError(f"There is no file “{source}”.")
        if path.stat().st_size > MAX_BYTES:
            raise CalendarFileError("That calendar is over 1 MB; export a single school year.")
        return path.read_bytes()
    except OSError as exc:
        raise CalendarFileError(f"“{source}” could not be read ({exc.strerror}).") from None


def _download(url: str) -> bytes:
    request = urllib.request.Request(  # noqa: S310 - http(s) only, checked above
        url, headers={"User-Agent": "partnerbot", "Accept": "text/calendar, */*"}
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            data = bytes(response.read(MAX_BYTES + 1))
    except urllib.error.HTTPError as exc:
        raise CalendarFileError(
            f"{url} answered {exc.code} {exc.reason}: check the address."
        ) from None
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise CalendarFileError(f"{url} could not be reached ({reason}).") from None
    if len(data) > MAX_BYTES:
        raise CalendarFileError("That calendar is over 1 MB; export a single school year.")
    return data


def _as_date(value: Any) -> date:
    return value.date() if isinstance(value, datetime) else value


def parse(data: bytes, *, today: date) -> ReadCalendar:
    """Entries from an iCalendar file, recurring events expanded from a year before `today`
    to two years after; CalendarFileError when it is not a calendar. Timed events (never days
    off) and all-day events repeating more often than daily are left out before expansion, and
    at most MAX_EVENTS occurrences are looked at, so a tiny file repeating every minute is read
    at once."""
    if len(data) > MAX_BYTES:
        raise CalendarFileError("That calendar is over 1 MB; export a single school year.")
    if b"BEGIN:VCALENDAR" not in data[:4096].upper():
        raise CalendarFileError("That is not an iCalendar (.ics) file.")
    entries: dict[tuple[str, date], NewEntry] = {}
    examined = 0
    truncated = False
    try:
        calendar = icalendar.Calendar.from_ical(data)
        skipped = _drop_unexpandable(calendar)
        for event in _occurrences(
            calendar, today - timedelta(days=365), today + timedelta(days=730)
        ):
            if examined >= MAX_EVENTS:
                truncated = True
                break
            examined += 1
            entry = _entry(event)
            if entry is None:
                skipped += 1
            else:
                entries.setdefault((entry.name.casefold(), entry.starts_on), entry)
    except Exception as exc:  # the parsers raise many kinds of errors on broken files
        raise CalendarFileError(f"That calendar could not be read ({exc}).") from None
    found = tuple(sorted(entries.values(), key=lambda e: e.starts_on))
    return ReadCalendar(found, skipped, examined, truncated)


def _drop_unexpandable(calendar: Any) -> int:
    """Take the timed events and the all-day ones repeating more often than daily out of
    `calendar` before anything is expanded; how many there were."""
    kept: list[Any] = []
    dropped = 0
    for component in calendar.subcomponents:
        if component.name == "VEVENT" and not _expandable(component):
            dropped += 1
        else:
            kept.append(component)
    calendar.subcomponents[:] = kept
    return dropped


def _expandable(event: Any) -> bool:
    start = event.get("DTSTART")
    if start is None or isinstance(start.dt, datetime):
        return False  # timed events (meetings, early release at 12:30) are no days off
    rules = event.get("RRULE")
    for rule in rules if isinstance(rules, list) else [rules] if rules is not None else []:
        if any(str(f).upper() in _SUB_DAILY for f in rule.get("FREQ", [])):
            return False
    return True


def _occurrences(calendar: Any, first: date, last: date) -> Iterator[Any]:
    """The occurrences between `first` and `last`, a month at a time, each once."""
    query = recurring_ical_events.of(calendar)
    seen: set[tuple[str, date, str]] = set()
    start = first
    while start < last:
        stop = min(start + WINDOW, last)
        found = query.between(start, stop)
        found.sort(key=lambda e: _as_date(e.get("DTSTART").dt))
        for event in found:
            key = (
                str(event.get("UID") or ""),
                _as_date(event.get("DTSTART").dt),
                str(event.get("SUMMARY") or ""),
            )
            if key not in seen:
                seen.add(key)
                yield event
        start = stop


def _entry(event: Any) -> NewEntry | None:
    """A calendar entry for an all-day event named like a day off or a term, else None."""
    start = event.get("DTSTART")
    if start is None or isinstance(start.dt, datetime):
        return None  # timed events (meetings, early release at 12:30) are no days off
    name = " ".join(str(event.get("SUMMARY") or "").split())[:200]
    if not name:
        return None
    first = _as_date(start.dt)
    end = event.get("DTEND")
    # DTEND of an all-day event is the day after the last one (RFC 5545).
    last = _as_date(end.dt) - timedelta(days=1) if end is not None else first
    last = max(last, first)
    if _DAY_OFF.search(name):  # before terms: "Semester Break" is a break
        kind = CalendarKind.HOLIDAY if first == last else CalendarKind.BREAK
        return NewEntry(kind, name, first, last)
    if _TERM.search(name) and not _NOT_TERM.search(name) and (last - first).days >= 14:
        return NewEntry(CalendarKind.TERM, name, first, last)
    return None


def us_holidays(*, today: date, state: str | None = None) -> list[NewEntry]:
    """The US public holidays (and the state's, when given) of the coming year, from `holidays`.
    ValueError for a state it does not know."""
    years = [today.year, today.year + 1]
    try:
        found = holidays.country_holidays("US", subdiv=state, years=years)
    except NotImplementedError as exc:
        raise ValueError(str(exc)) from None
    until = today + timedelta(days=365)
    return [
        NewEntry(CalendarKind.HOLIDAY, str(name), day, day)
        for day, name in sorted(found.items())
        if today <= day <= until
    ]
