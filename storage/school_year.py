"""The school year of a workspace: terms, breaks and holidays, and what they make of a day
(a school day or a day off, the first day back, the next term). `SchoolCalendar` is a plain
value read once per request; its questions need no database."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import bindparam, delete, select
from sqlalchemy.orm import Session

from storage.db import insert_all_unless_exist
from storage.errors import InvalidInput
from storage.models import CalendarEntry, CalendarKind
from storage.workspaces import ensure_workspace

MAX_ENTRY_DAYS = 366
MAX_NAME_LENGTH = 200
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


def _item(row: CalendarEntry) -> CalendarItem:
    return CalendarItem(row.id, row.kind, row.name, row.starts_on, row.ends_on, row.source)


def school_calendar(session: Session, team_id: str, *, today: date) -> SchoolCalendar:
    """The workspace's calendar from a year before `today` on."""
    rows = session.scalars(_CALENDAR, {"team_id": team_id, "since": today - LOOK_BACK})
    return SchoolCalendar(tuple(_item(r) for r in rows))


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
        by_team.setdefault(row.team_id, []).append(_item(row))
    off: set[tuple[str, date]] = set()
    for team_id, entries in by_team.items():
        calendar = SchoolCalendar(tuple(entries))
        for day in days:
            reason = calendar.day_off(day)
            if reason is not None and not reason.weekend:
                off.add((team_id, day))
    return off


@dataclass(frozen=True)
class NewEntry:
    """A calendar entry as typed or imported (validated on save)."""

    kind: CalendarKind
    name: str
    starts_on: date
    ends_on: date


def check_entry(entry: NewEntry) -> NewEntry:
    """The entry with its name cleaned, or InvalidInput saying what is wrong."""
    name = " ".join(entry.name.split())
    if not name:
        raise InvalidInput("name", "Give it a name, e.g. `Winter break Dec 21 - Jan 1`.")
    if len(name) > MAX_NAME_LENGTH:
        raise InvalidInput("name", f"Keep the name under {MAX_NAME_LENGTH} characters.")
    if entry.ends_on < entry.starts_on:
        raise InvalidInput(
            "dates",
            f"It ends ({entry.ends_on:%b %d %Y}) before it starts ({entry.starts_on:%b %d %Y}).",
        )
    if (entry.ends_on - entry.starts_on).days >= MAX_ENTRY_DAYS:
        raise InvalidInput("dates", "One entry covers at most a year.")
    return NewEntry(entry.kind, name, entry.starts_on, entry.ends_on)


@dataclass(frozen=True)
class AddedEntries:
    """What adding entries changed: those added, those whose dates changed (before, after),
    and how many were already there as given."""

    added: list[CalendarItem]
    updated: list[tuple[CalendarItem, CalendarItem]]
    already: int


def school_year_of(day: date) -> int:
    """The year the school year holding `day` starts in (school years run August to July)."""
    return day.year if day.month >= SCHOOL_YEAR_FIRST_MONTH else day.year - 1


def _same_sort(kind: CalendarKind) -> bool:
    """Breaks and holidays are one sort (a holiday that grows to two days is a break)."""
    return kind is not CalendarKind.TERM


_Group = tuple[bool, str, int]
"""Entries that may be the same one on new dates: same sort, name and school year."""


def _group(kind: CalendarKind, key: str, starts_on: date) -> _Group:
    return _same_sort(kind), key, school_year_of(starts_on)


def add_entries(
    session: Session,
    team_id: str,
    entries: Iterable[NewEntry],
    *,
    source: str,
    by: str | None,
    now: datetime,
) -> AddedEntries:
    """Add entries (all checked first: one bad entry adds none). An entry of the same sort
    (term, or day off) and name in the same school year as one on the calendar moves that one
    to the new dates, when it is the only one of its name that year on both sides (a repeating
    "Teacher Workday" is several entries, each added as it is)."""
    checked = [check_entry(e) for e in entries]
    ensure_workspace(session, team_id, now)
    batch = Counter(_group(e.kind, name_key(e.name), e.starts_on) for e in checked)
    existing = _existing_groups(session, team_id, checked)
    updated: list[tuple[CalendarItem, CalendarItem]] = []
    already = 0
    fresh: list[NewEntry] = []
    for e in checked:
        g = _group(e.kind, name_key(e.name), e.starts_on)
        same = existing.get(g, [])
        if batch[g] == 1 and len(same) == 1:
            moved = _move(session, same[0], e, source)
            if moved is None:
                already += 1
            else:
                updated.append(moved)
            continue
        fresh.append(e)
    added = _insert_fresh(session, team_id, fresh, source=source, by=by, now=now)
    return AddedEntries(added, updated, already + len(fresh) - len(added))


def _existing_groups(
    session: Session, team_id: str, entries: Sequence[NewEntry]
) -> dict[_Group, list[CalendarEntry]]:
    """The calendar's entries named like any of `entries`, by group."""
    existing: dict[_Group, list[CalendarEntry]] = {}
    keys = {name_key(e.name) for e in entries}
    if keys:
        rows = session.scalars(
            select(CalendarEntry).where(
                CalendarEntry.team_id == team_id, CalendarEntry.name_key.in_(sorted(keys))
            )
        )
        for row in rows:
            existing.setdefault(_group(row.kind, row.name_key, row.starts_on), []).append(row)
    return existing


def _move(
    session: Session, row: CalendarEntry, e: NewEntry, source: str
) -> tuple[CalendarItem, CalendarItem] | None:
    """Give `row` the dates (and kind and name) of `e`: (before, after); None when it already
    had them."""
    if (row.kind, row.starts_on, row.ends_on) == (e.kind, e.starts_on, e.ends_on):
        return None
    before = _item(row)
    row.kind, row.name, row.starts_on, row.ends_on = e.kind, e.name, e.starts_on, e.ends_on
    row.source = source
    session.flush()
    return before, _item(row)


def _insert_fresh(
    session: Session,
    team_id: str,
    entries: Sequence[NewEntry],
    *,
    source: str,
    by: str | None,
    now: datetime,
) -> list[CalendarItem]:
    """Insert `entries`, skipping any already there (same kind, name and first day): those
    added."""
    values = [
        {
            "team_id": team_id,
            "kind": e.kind,
            "name": e.name,
            "name_key": name_key(e.name),
            "starts_on": e.starts_on,
            "ends_on": e.ends_on,
            "source": source,
            "created_by": by,
            "created_at": now,
        }
        for e in entries
    ]
    inserted = insert_all_unless_exist(
        session,
        CalendarEntry,
        values,
        CalendarEntry.kind,
        CalendarEntry.name_key,
        CalendarEntry.starts_on,
        CalendarEntry.id,
    )
    new_ids = {(kind, key, starts_on): new_id for kind, key, starts_on, new_id in inserted}
    added: list[CalendarItem] = []
    for e in entries:
        new_id = new_ids.pop((e.kind, name_key(e.name), e.starts_on), None)
        if new_id is not None:
            added.append(CalendarItem(new_id, e.kind, e.name, e.starts_on, e.ends_on, source))
    return added


def remove_entries(session: Session, team_id: str, name: str, *, today: date) -> list[CalendarItem]:
    """Remove the entries called `name` (ignoring case) that have not ended before `today`;
    when none has, those already past. Returns what was removed."""
    key = name_key(name)
    rows = list(
        session.scalars(
            select(CalendarEntry)
            .where(CalendarEntry.team_id == team_id, CalendarEntry.name_key == key)
            .order_by(CalendarEntry.starts_on)
        )
    )
    current = [r for r in rows if r.ends_on >= today] or rows
    removed = [_item(r) for r in current]
    if removed:
        session.execute(
            delete(CalendarEntry)
            .where(CalendarEntry.team_id == team_id, CalendarEntry.id.in_([r.id for r in removed]))
            .execution_options(synchronize_session=False)
        )
    return removed
