"""Partners' busy seasons: spans of the year (repeating every year, possibly over New Year)
when a partner has no time for schools — retail before the holidays, tax firms in spring."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import bindparam, delete, select
from sqlalchemy.orm import Session

from storage.errors import InvalidInput, NotFound
from storage.models import BusySeason, Partner
from storage.school_year import DayOff, SchoolCalendar, school_calendar
from storage.workspaces import ensure_workspace

MAX_NOTE_LENGTH = 200
MAX_SEASONS = 12


@dataclass(frozen=True)
class Season:
    """A yearly busy season: (month, day) of its first and last day, and why."""

    id: int
    partner_id: int
    partner_name: str
    start: tuple[int, int]
    end: tuple[int, int]
    note: str | None

    def occurrence(self, day: date) -> tuple[date, date] | None:
        """The first and last day of the occurrence covering `day`, or None."""
        for year in (day.year - 1, day.year):
            first = _on(year, self.start)
            last = _on(year + 1 if self.end < self.start else year, self.end)
            if first <= day <= last:
                return first, last
        return None


def _on(year: int, month_day: tuple[int, int]) -> date:
    month, day = month_day
    if (month, day) == (2, 29) and not (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)):
        day = 28
    return date(year, month, day)


def _view(row: BusySeason, partner_name: str) -> Season:
    return Season(
        row.id,
        row.partner_id,
        partner_name,
        (row.start_month, row.start_day),
        (row.end_month, row.end_day),
        row.note,
    )


def _partner(session: Session, team_id: str, partner_id: int) -> Partner:
    partner = session.get(Partner, partner_id)
    if partner is None or partner.team_id != team_id:
        raise NotFound(f"partner {partner_id}")
    return partner


def set_busy_season(
    session: Session,
    team_id: str,
    partner_id: int,
    first: date,
    last: date,
    note: str | None,
    *,
    by: str,
    now: datetime,
) -> Season:
    """Record (or change: same first day) a yearly busy season from `first` to `last`; a
    `last` before `first` in the calendar year runs over New Year."""
    partner = _partner(session, team_id, partner_id)
    note = " ".join((note or "").split()) or None
    if note is not None and len(note) > MAX_NOTE_LENGTH:
        raise InvalidInput("note", f"Keep the note under {MAX_NOTE_LENGTH} characters.")
    if (last - first).days > 365:
        raise InvalidInput("dates", "A busy season lasts less than a year.")
    if (last - first).days < 0:
        raise InvalidInput(
            "dates", f"It ends ({last:%b %d %Y}) before it starts ({first:%b %d %Y})."
        )
    ensure_workspace(session, team_id, now)
    row = session.scalars(
        select(BusySeason).where(
            BusySeason.team_id == team_id,
            BusySeason.partner_id == partner_id,
            BusySeason.start_month == first.month,
            BusySeason.start_day == first.day,
        )
    ).first()
    if row is None:
        count = len(busy_seasons(session, team_id, [partner_id]))
        if count >= MAX_SEASONS:
            raise InvalidInput("season", f"A partner has at most {MAX_SEASONS} busy seasons.")
        row = BusySeason(
            team_id=team_id,
            partner_id=partner_id,
            start_month=first.month,
            start_day=first.day,
            created_by=by,
            created_at=now,
        )
        session.add(row)
    row.end_month, row.end_day, row.note = last.month, last.day, note
    session.flush()
    return _view(row, partner.name)


def clear_busy_seasons(session: Session, team_id: str, partner_id: int) -> int:
    """Forget every busy season of a partner; how many there were."""
    _partner(session, team_id, partner_id)
    result = session.execute(
        delete(BusySeason)
        .where(BusySeason.team_id == team_id, BusySeason.partner_id == partner_id)
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)


def busy_seasons(
    session: Session, team_id: str, partner_ids: Iterable[int] | None = None
) -> list[Season]:
    """The busy seasons of these partners (all when None), by partner and first day."""
    if partner_ids is None:
        rows = session.execute(_SEASONS, {"team_id": team_id})
    else:
        rows = session.execute(_PARTNERS_SEASONS, {"team_id": team_id, "ids": list(partner_ids)})
    return [_view(row, name) for row, name in rows]


# Built once: every follow-up confirmed reads its partner's seasons.
_SEASONS = (
    select(BusySeason, Partner.name)
    .join(Partner, Partner.id == BusySeason.partner_id)
    .where(BusySeason.team_id == bindparam("team_id"))
    .order_by(BusySeason.partner_id, BusySeason.start_month, BusySeason.start_day)
)
_PARTNERS_SEASONS = _SEASONS.where(BusySeason.partner_id.in_(bindparam("ids", expanding=True)))


def busy_on(
    session: Session, team_id: str, day: date, partner_ids: Iterable[int] | None = None
) -> dict[int, tuple[Season, date]]:
    """Partners in a busy season on `day`: partner id → (the season, its last day)."""
    found: dict[int, tuple[Season, date]] = {}
    for season in busy_seasons(session, team_id, partner_ids):
        span = season.occurrence(day)
        if span is not None and season.partner_id not in found:
            found[season.partner_id] = (season, span[1])
    return found


@dataclass(frozen=True)
class DayFacts:
    """What a day means for something planned with a partner: why it is no school day (None:
    it is one) with the next school day, and the partner's busy season then (with its last
    day)."""

    day: date
    off: DayOff | None
    next_school_day: date
    busy: tuple[Season, date] | None


def day_facts(
    session: Session,
    team_id: str,
    partner_id: int,
    day: date,
    *,
    calendar: SchoolCalendar | None = None,
) -> DayFacts:
    """The school calendar's and the partner's busy seasons' say about `day` (`calendar`: the
    workspace's calendar as `school_calendar` reads it for `day`, when already read)."""
    if calendar is None:
        calendar = school_calendar(session, team_id, today=day)
    off = calendar.day_off(day)
    after = calendar.next_school_day(day) if off is not None else day
    return DayFacts(day, off, after, busy_on(session, team_id, day, [partner_id]).get(partner_id))
