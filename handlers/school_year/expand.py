"""Expanding a calendar's events into occurrences, at most `cap` of them, a month at a time.

Imports only the standard library, `icalendar` and `recurring-ical-events`: ics.py runs this
file as a child process (`python -I expand.py FIRST LAST CAP`, the calendar on stdin, JSON on
stdout) when the calendar repeats, so a rule that makes `dateutil` search for years without
finding a day can be stopped by a deadline. An occurrence is [summary, first day, end day or
null]."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any

import icalendar
import recurring_ical_events

WINDOW = timedelta(days=31)
Occurrence = tuple[str, str, str | None]


def _as_date(value: Any) -> date:
    return value.date() if isinstance(value, datetime) else value


def expand(data: bytes, first: date, last: date, cap: int) -> list[Occurrence]:
    """The occurrences between `first` and `last`, each once, at most `cap` + 1 (one more
    says there were more)."""
    calendar = icalendar.Calendar.from_ical(data)
    found: list[Occurrence] = []
    for event in _occurrences(calendar, first, last):
        end = event.get("DTEND")
        found.append(
            (
                str(event.get("SUMMARY") or ""),
                _as_date(event.get("DTSTART").dt).isoformat(),
                _as_date(end.dt).isoformat() if end is not None else None,
            )
        )
        if len(found) > cap:
            break
    return found


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


def main(argv: list[str]) -> int:
    """The child process: arguments FIRST LAST CAP, the calendar on stdin, JSON on stdout."""
    first, last, cap = date.fromisoformat(argv[0]), date.fromisoformat(argv[1]), int(argv[2])
    try:
        found = expand(sys.stdin.buffer.read(), first, last, cap)
    except Exception:  # the parsers raise many kinds of errors on broken files
        return 1
    sys.stdout.write(json.dumps(found))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
