"""Adding and removing school calendar entries (breaks, holidays, terms): checked, grouped by
name and school year so an entry re-imported with new dates moves instead of doubling."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from storage.db import insert_all_unless_exist
from storage.errors import InvalidInput
from storage.models import CalendarEntry, CalendarKind
from storage.school_year import CalendarItem, calendar_item, name_key, school_year_of
from storage.workspaces import ensure_workspace

MAX_ENTRY_DAYS = 366
MAX_NAME_LENGTH = 200


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
    before = calendar_item(row)
    row.kind, row.name, row.starts_on, row.ends_on = e.kind, e.name, e.starts_on, e.ends_on
    row.source = source
    session.flush()
    return before, calendar_item(row)


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
    removed = [calendar_item(r) for r in current]
    if removed:
        session.execute(
            delete(CalendarEntry)
            .where(CalendarEntry.team_id == team_id, CalendarEntry.id.in_([r.id for r in removed]))
            .execution_options(synchronize_session=False)
        )
    return removed
