"""The period a report covers: this school year, this term (from the school calendar), or
since a date; always up to today, with a horizon for what is still planned."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.orm import Session

from storage.errors import InvalidInput
from storage.recognition import school_year_start
from storage.school_year import school_calendar


class PeriodKind(enum.StrEnum):
    """How the asker named the period."""

    YEAR = "year"
    TERM = "term"
    SINCE = "since"


@dataclass(frozen=True)
class Period:
    """From `first` to `last` (today, or the term's end when it ended), both included;
    `horizon` is how far ahead planned engagements are counted; `name` says which it is."""

    first: date
    last: date
    horizon: date
    name: str

    @property
    def months(self) -> tuple[date, ...]:
        """The first day of each month the period touches, in order."""
        found: list[date] = []
        cursor = self.first.replace(day=1)
        while cursor <= self.last:
            found.append(cursor)
            cursor = (cursor + timedelta(days=32)).replace(day=1)
        return tuple(found)

    def holds(self, day: date) -> bool:
        """Whether `day` falls within the period."""
        return self.first <= day <= self.last


def _year_end(first: date) -> date:
    return first.replace(year=first.year + 1) - timedelta(days=1)


def report_period(
    session: Session, team_id: str, kind: PeriodKind, *, today: date, since: date | None = None
) -> Period:
    """The period `kind` names, seen from `today` (the asker's date); InvalidInput when the
    calendar has no term for "this term", or `since` is after today."""
    year_first = school_year_start(session, team_id, today)
    if kind is PeriodKind.SINCE:
        if since is None or since > today:
            raise InvalidInput("since", "The date after “since” must be today or earlier.")
        return Period(since, today, max(_year_end(year_first), today), "since")
    if kind is PeriodKind.YEAR:
        return Period(year_first, today, _year_end(year_first), "this school year")
    terms = list(school_calendar(session, team_id, today=today).terms)
    started = [t for t in terms if t.starts_on <= today]
    if not started:
        raise InvalidInput(
            "term",
            "The school calendar has no term that has begun. Add terms with "
            "`/partnerbot calendar add Fall Aug 17 - Dec 18`, or ask for `report this year`.",
        )
    term = max(started, key=lambda t: t.starts_on)
    return Period(
        term.starts_on, min(today, term.ends_on), term.ends_on, f"this term ({term.name})"
    )
