"""The school year of a workspace: terms, breaks and holidays, and what they make of a day
(a school day or a day off, the first day back, the next term). `SchoolCalendar` is a plain
value read once per request; its questions need no database."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from storage.models import CalendarEntry, CalendarKind

WEEKEND = (5, 6)
# How far back the calendar is read: enough for the term or break a day belongs to.
LOOK_BACK = timedelta(days=400)
_SEARCH_DAYS = 800
# School years run from August to July.
SCHOOL_YEAR_FIRST_MONTH = 8


@dataclass(frozen=True)
class CalendarItem:
    """One entry of the school calendar, first and last day included."""

    id: int
    kind: CalendarKind
    name: str
    starts_on: date
    ends_on: date
    source: str

    @property
    def day_off(self) -> bool:
        """Breaks and holidays are days off; terms are not."""
        return self.kind is not CalendarKind.TERM

    def covers(self, day: date) -> bool:
        """Whether `day` falls within it."""
        return self.starts_on <= day <= self.ends_on


@dataclass(frozen=True)
class DayOff:
    """Why a day is not a school day: "Saturday", "Thanksgiving", "between terms"."""

    day: date
    reason: str
    weekend: bool


@dataclass(frozen=True)
class AwaySpan:
    """The days off right before a school day, when the calendar (not only a weekend) made
    them: first and last day off, and the names of the breaks and holidays."""

    first: date
    last: date
    names: tuple[str, ...]


@dataclass(frozen=True)
class SchoolCalendar:
    """A workspace's calendar entries, oldest first, and what they say about days."""

    entries: tuple[CalendarItem, ...]

    @property
    def terms(self) -> tuple[CalendarItem, ...]:
        """The terms, in order."""
        return tuple(e for e in self.entries if e.kind is CalendarKind.TERM)

    def day_off(self, day: date) -> DayOff | None:
        """Why `day` is no school day, or None when it is one."""
        for entry in self.entries:
            if entry.day_off and entry.covers(day):
                return DayOff(day, entry.name, weekend=False)
        if day.weekday() in WEEKEND:
            return DayOff(day, f"{day:%A}", weekend=True)
        terms = self.terms
        if terms and not any(t.covers(day) for t in terms):
            before = any(t.ends_on < day for t in terms)
            after = any(t.starts_on > day for t in terms)
            if before and after:  # between two terms (summer, or a gap the district left)
                return DayOff(day, "between terms", weekend=False)
        return None

    def is_school_day(self, day: date) -> bool:
        """A weekday that no break or holiday covers and that is not between two terms."""
        return self.day_off(day) is None

    def next_school_day(self, day: date) -> date:
        """`day` itself when it is a school day, else the first school day after it."""
        for offset in range(_SEARCH_DAYS):
            candidate = day + timedelta(days=offset)
            if self.is_school_day(candidate):
                return candidate
        return day

    def away_before(self, day: date) -> AwaySpan | None:
        """The run of days off just before `day`, when more than one weekday of it was off
        (a plain weekend, or one PD day or holiday, is not "away")."""
        names: list[str] = []
        weekdays_off = 0
        cursor = day - timedelta(days=1)
        last = cursor
        for _ in range(_SEARCH_DAYS):
            off = self.day_off(cursor)
            if off is None:
                break
            if not off.weekend:
                weekdays_off += 1
                if off.reason not in names:
                    names.append(off.reason)
            cursor -= timedelta(days=1)
        if weekdays_off <= 1:
            return None
        return AwaySpan(cursor + timedelta(days=1), last, tuple(reversed(names)))

    def named(self, words: str, *, on_or_after: date) -> CalendarItem | None:
        """The entry called `words` (ignoring case) that ends on or after `on_or_after`,
        soonest first; a unique prefix or contained word run also matches."""
        key = name_key(words)
        if not key:
            return None
        upcoming = [e for e in self.entries if e.ends_on >= on_or_after]
        keys = [(e, name_key(e.name)) for e in upcoming]
        for found in (
            [e for e, k in keys if k == key],
            [e for e, k in keys if k.startswith(key)],
            [e for e, k in keys if f" {key} " in f" {k} "],
        ):
            if found:
                return min(found, key=lambda e: e.starts_on)
        return None

    def next_break(self, day: date) -> CalendarItem | None:
        """The break (or holiday) going on at `day`, else the next one."""
        found = [e for e in self.entries if e.day_off and e.ends_on >= day]
        return min(found, key=lambda e: e.starts_on) if found else None

    def current_term(self, day: date) -> CalendarItem | None:
        """The term `day` falls in, else the next one to start."""
        found = [t for t in self.terms if t.ends_on >= day]
        return min(found, key=lambda t: t.starts_on) if found else None

    def next_term(self, day: date) -> CalendarItem | None:
        """The first term starting after `day`."""
        found = [t for t in self.terms if t.starts_on > day]
        return min(found, key=lambda t: t.starts_on) if found else None

    def first_day_after(self, entry: CalendarItem) -> date:
        """The first school day after `entry` ends."""
        return self.next_school_day(entry.ends_on + timedelta(days=1))


def name_key(name: str) -> str:
    """Case- and spacing-blind key of an entry's name."""
    return " ".join(name.casefold().replace("'", "").replace("’", "").split())


def calendar_item(row: CalendarEntry) -> CalendarItem:
    return CalendarItem(row.id, row.kind, row.name, row.starts_on, row.ends_on, row.source)


def school_calendar(session: Session, team_id: str, *, today: date) -> SchoolCalendar:
    """The workspace's calendar from a year before `today` on."""
    rows = session.scalars(_CALENDAR, {"team_id": team_id, "since": today - LOOK_BACK})
    return SchoolCalendar(tuple(calendar_item(r) for r in rows))


# Built once: every contact line reads the calendar.
_CALENDAR = (
    select(CalendarEntry)
    .where(
        CalendarEntry.team_id == bindparam("team_id"), CalendarEntry.ends_on >= bindparam("since")
    )
    .order_by(CalendarEntry.starts_on, CalendarEntry.id)
)


def calendar_since(calendar: SchoolCalendar, loaded_for: date, today: date) -> SchoolCalendar:
    """`school_calendar(session, team_id, today=today)` from a calendar loaded for an earlier
    (or the same) `loaded_for`, without reading it again: the same entries, in the same order."""
    if today < loaded_for:
        raise ValueError("a calendar only narrows to a later day")
    since = today - LOOK_BACK
    return SchoolCalendar(tuple(e for e in calendar.entries if e.ends_on >= since))


def school_days_off(session: Session, days: Sequence[date]) -> set[tuple[str, date]]:
    """(team, day) for each of `days` that a workspace's calendar makes a day off (weekends
    not included: the scheduler knows those). One query for every workspace."""
    if not days:
        return set()
    rows = session.scalars(
        select(CalendarEntry)
        .where(CalendarEntry.ends_on >= min(days) - LOOK_BACK)
        .order_by(CalendarEntry.team_id, CalendarEntry.starts_on, CalendarEntry.id)
    )
    by_team: dict[str, list[CalendarItem]] = {}
    for row in rows:
        by_team.setdefault(row.team_id, []).append(calendar_item(row))
    off: set[tuple[str, date]] = set()
    for team_id, entries in by_team.items():
        calendar = SchoolCalendar(tuple(entries))
        for day in days:
            reason = calendar.day_off(day)
            if reason is not None and not reason.weekend:
                off.add((team_id, day))
    return off


def school_year_of(day: date) -> int:
    """The year the school year holding `day` starts in (school years run August to July)."""
    return day.year if day.month >= SCHOOL_YEAR_FIRST_MONTH else day.year - 1
