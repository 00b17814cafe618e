"""Reading a district's iCalendar (.ics) export into calendar entries: fetched from a URL or
read from a file (at most 1 MB), parsed with `icalendar`, recurring events expanded with
`recurring-ical-events`. All-day events named like days off become breaks or holidays, those
named like terms become terms; everything else (open house, early release…) is left out."""

from __future__ import annotations

import json
import logging
import re
import subprocess
import sys
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import holidays
import icalendar

from handlers.school_year import expand
from handlers.school_year.download import FetchError, TooLarge, download
from storage.calendar_entries import NewEntry
from storage.models import CalendarKind

log = logging.getLogger(__name__)

MAX_BYTES = 1_000_000
# The whole download, whatever the server trickles (read at call time: tests shorten it).
TIMEOUT_SECONDS = 10.0
MAX_EVENTS = 2000
# Repeating events are expanded (a month at a time, stopping soon after MAX_EVENTS) in a child
# process stopped after this long: a rule can make dateutil search for years finding nothing.
EXPAND_SECONDS = 3.0
# An all-day event repeating more often than daily names no day off: never expanded.
_SUB_DAILY = frozenset({"SECONDLY", "MINUTELY", "HOURLY"})
_SUB_DAILY_PARTS = ("BYHOUR", "BYMINUTE", "BYSECOND")
NOT_FETCHED = (
    "That address could not be fetched. Check it, or download the .ics file and import the "
    "file; a server on partnerbot's own network must be named in PARTNERBOT_CALENDAR_HOSTS by "
    "whoever runs partnerbot."
)
NO_FILES = (
    "Give the calendar's https:// address (your district's calendar page has an iCal or .ics "
    "link). Files on partnerbot's own machine are read only from the folder named in "
    "PARTNERBOT_CALENDAR_DIR by whoever runs partnerbot."
)
TOO_LARGE = "That calendar is over 1 MB; export a single school year."
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
    """The calendar could not be read; the message says why, for people (it never quotes the
    file or what a server answered)."""


@dataclass(frozen=True)
class ReadCalendar:
    """What an .ics file held: the entries to add, how many events were left out, how many
    occurrences were looked at, and whether reading stopped at MAX_EVENTS."""

    entries: tuple[NewEntry, ...]
    skipped: int
    examined: int = 0
    truncated: bool = False


def fetch(
    source: str, allowed_hosts: frozenset[str] = frozenset(), folder: Path | None = None
) -> bytes:
    """The bytes of `source`, an http(s) URL or an .ics file in `folder`, at most 1 MB. A URL is
    fetched by the guarded client (handlers.school_year.download): servers on the bot's own
    network only when their host is in `allowed_hosts` (PARTNERBOT_CALENDAR_HOSTS). A file is
    read only from `folder` (PARTNERBOT_CALENDAR_DIR; None: no file is read)."""
    if source.startswith(("http://", "https://")):
        return _download(source, allowed_hosts)
    if "://" in source:
        raise CalendarFileError("Give an https:// address or the path of an .ics file.")
    return _read_file(source, folder)


def _read_file(source: str, folder: Path | None) -> bytes:
    if folder is None:
        raise CalendarFileError(NO_FILES)
    path = (folder / Path(source).expanduser()).resolve()
    if not path.is_relative_to(folder):
        raise CalendarFileError(f"Only .ics files in {folder} can be imported.")
    if path.suffix.casefold() not in (".ics", ".ical", ".ifb", ".icalendar"):
        raise CalendarFileError(f"“{source}” is not an .ics file.")
    try:
        if not path.is_file():
            raise CalendarFileError(f"There is no file “{source}” in {folder}.")
        if path.stat().st_size > MAX_BYTES:
            raise CalendarFileError(TOO_LARGE)
        return path.read_bytes()
    except OSError as exc:
        raise CalendarFileError(f"“{source}” could not be read ({exc.strerror}).") from None


def _download(url: str, allowed_hosts: frozenset[str]) -> bytes:
    """The body of `url`; one line for people whatever went wrong, the detail in the log."""
    try:
        return download(url, allowed_hosts, seconds=TIMEOUT_SECONDS, max_bytes=MAX_BYTES)
    except TooLarge:
        raise CalendarFileError(TOO_LARGE) from None
    except FetchError as exc:
        try:
            where = urlsplit(url).netloc.rpartition("@")[2]
        except ValueError:
            where = "?"
        log.warning("calendar import: could not fetch from %s: %s", where[:200], exc)
        raise CalendarFileError(NOT_FETCHED) from None


def parse(data: bytes, *, today: date) -> ReadCalendar:
    """Entries from an iCalendar file, recurring events expanded from a year before `today`
    to two years after; CalendarFileError (naming a line, never quoting it) when it is not a
    calendar. Timed events (never days off) and all-day events repeating more often than
    daily are left out before expansion; at most MAX_EVENTS occurrences are looked at, and a
    calendar that repeats is expanded in a child process given EXPAND_SECONDS."""
    if len(data) > MAX_BYTES:
        raise CalendarFileError(TOO_LARGE)
    if b"BEGIN:VCALENDAR" not in data[:4096].upper():
        raise CalendarFileError("That is not an iCalendar (.ics) file.")
    first, last = today - timedelta(days=365), today + timedelta(days=730)
    try:
        calendar = icalendar.Calendar.from_ical(data)
        skipped = _drop_unexpandable(calendar)
        if any(c.name == "VEVENT" and "RRULE" in c for c in calendar.subcomponents):
            found = _expand_apart(calendar.to_ical(), first, last)
        else:
            found = expand.expand(calendar.to_ical(), first, last, MAX_EVENTS)
    except CalendarFileError:
        raise
    except Exception:  # the parsers raise many kinds of errors on broken files
        raise CalendarFileError(f"That calendar could not be read: {where_broken(data)}") from None
    entries: dict[tuple[str, date], NewEntry] = {}
    for occurrence in found[:MAX_EVENTS]:
        entry = _entry(occurrence)
        if entry is None:
            skipped += 1
        else:
            entries.setdefault((entry.name.casefold(), entry.starts_on), entry)
    found_entries = tuple(sorted(entries.values(), key=lambda e: e.starts_on))
    examined = min(len(found), MAX_EVENTS)
    return ReadCalendar(found_entries, skipped, examined, len(found) > MAX_EVENTS)


def _expand_apart(data: bytes, first: date, last: date) -> list[expand.Occurrence]:
    """expand.expand in a child process stopped after EXPAND_SECONDS."""
    command = [sys.executable, "-I", expand.__file__, first.isoformat(), last.isoformat()]
    try:
        done = subprocess.run(  # noqa: S603 - our interpreter and file, no shell
            [*command, str(MAX_EVENTS)],
            input=data,
            capture_output=True,
            timeout=EXPAND_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise CalendarFileError(
            "That calendar's repeating events could not be worked out in time (a rule that "
            "repeats on days that never come?): export a single school year without them."
        ) from None
    if done.returncode != 0:
        raise ValueError("expansion failed")
    return [(str(s), str(d), e if e is None else str(e)) for s, d, e in json.loads(done.stdout)]


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
    """An all-day event repeating at most daily: any rule with a sub-daily frequency or a
    BYHOUR/BYMINUTE/BYSECOND part (so several times a day, whatever its FREQ) is not."""
    start = event.get("DTSTART")
    if start is None or isinstance(start.dt, datetime):
        return False  # timed events (meetings, early release at 12:30) are no days off
    rules = event.get("RRULE")
    for rule in rules if isinstance(rules, list) else [rules] if rules is not None else []:
        if any(str(f).upper() in _SUB_DAILY for f in rule.get("FREQ", [])):
            return False
        if any(rule.get(part) for part in _SUB_DAILY_PARTS):
            return False
    return True


def _entry(occurrence: expand.Occurrence) -> NewEntry | None:
    """A calendar entry for an all-day occurrence named like a day off or a term, else None."""
    summary, starts, ends = occurrence
    name = " ".join(summary.split())[:200]
    if not name:
        return None
    first = date.fromisoformat(starts)
    # DTEND of an all-day event is the day after the last one (RFC 5545).
    last = date.fromisoformat(ends) - timedelta(days=1) if ends is not None else first
    last = max(last, first)
    if _DAY_OFF.search(name):  # before terms: "Semester Break" is a break
        kind = CalendarKind.HOLIDAY if first == last else CalendarKind.BREAK
        return NewEntry(kind, name, first, last)
    if _TERM.search(name) and not _NOT_TERM.search(name) and (last - first).days >= 14:
        return NewEntry(CalendarKind.TERM, name, first, last)
    return None


def where_broken(data: bytes) -> str:
    """Where an unreadable calendar goes wrong and what was expected there, without quoting
    it: the first line that is no `NAME:value`, whose date or rule does not read, or that ends
    what was not begun."""
    text = data.decode("utf-8", errors="replace")
    open_names: list[str] = []
    for number, line in _unfolded(text):
        if not line.strip():
            continue
        try:
            name, _params, value = icalendar.parser.Contentline(line).parts()  # type: ignore[no-untyped-call]
        except ValueError:
            return (
                f"line {number} is not a property (expected NAME:value, e.g. SUMMARY:Winter Break)."
            )
        name = name.upper()
        if name == "BEGIN":
            open_names.append(value.upper())
        elif name == "END":
            if not open_names or open_names.pop() != value.upper():
                return (
                    f"line {number} ends a part that was not begun (expected BEGIN: before END:)."
                )
        elif name in _DATE_PROPERTIES and not _reads(name, value):
            return f"line {number}: {name} {_DATE_PROPERTIES[name]}"
    if open_names:
        return "the file ends before every BEGIN: has its END: (expected END:VCALENDAR last)."
    return "it does not follow the iCalendar format (RFC 5545)."


_DATE_PROPERTIES = {
    **dict.fromkeys(
        ("DTSTART", "DTEND", "DUE", "RECURRENCE-ID", "EXDATE", "RDATE"),
        "is not a date (expected e.g. 20261221 or 20261221T090000Z).",
    ),
    "DURATION": "is not a duration (expected e.g. P1D or PT1H).",
    "RRULE": "is not a repeating rule (expected e.g. FREQ=YEARLY;BYMONTH=11).",
}


def _unfolded(text: str) -> list[tuple[int, str]]:
    """Content lines with the number of the line each starts on (folded lines joined)."""
    lines: list[tuple[int, str]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if raw[:1] in (" ", "\t") and lines:
            lines[-1] = (lines[-1][0], lines[-1][1] + raw[1:])
        else:
            lines.append((number, raw))
    return lines


def _reads(name: str, value: str) -> bool:
    """Whether a date, duration or rule property's value reads."""
    try:
        if name == "RRULE":
            icalendar.vRecur.from_ical(value)
        elif name == "DURATION":
            icalendar.vDuration.from_ical(value)  # type: ignore[no-untyped-call]
        else:
            for part in value.split(","):
                if "/" not in part:
                    icalendar.vDDDTypes.from_ical(part)  # type: ignore[no-untyped-call]
    except Exception:  # icalendar raises ValueError, but not only
        return False
    return True


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
