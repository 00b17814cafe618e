"""Year-end recognition: each partner's engagements, students served and thank-yous this
school year (from the first term's first day when the calendar knows it, else August 1).
Only engagements that happened count; planned ones are counted apart, cancelled ones never."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.celebrations import thank_you_counts
from storage.db import SessionFactory
from storage.engagements import CANCELLED, PLANNED, engagements_between, kind_words
from storage.errors import NotFound
from storage.models import Partner
from storage.partners.records import get_partner
from storage.school_year import SCHOOL_YEAR_FIRST_MONTH, school_calendar, school_year_of


@dataclass(frozen=True)
class PartnerYear:
    """One partner's school year: engagements by kind, students served, thank-yous."""

    partner_id: int
    name: str
    engagements: int
    kinds: tuple[tuple[str, int], ...]
    students: int
    thank_yous: int
    last_thanked_at: datetime | None
    planned: int = 0
    """Engagements still to come (or under way) this school year, not counted above."""
    planned_students: int = 0


@dataclass(frozen=True)
class YearReport:
    """The school year so far, partners with the most students served first."""

    first_day: date
    today: date
    partners: tuple[PartnerYear, ...]

    @property
    def engagements(self) -> int:
        """Engagements of every partner."""
        return sum(p.engagements for p in self.partners)

    @property
    def students(self) -> int:
        """Students served by every partner."""
        return sum(p.students for p in self.partners)

    @property
    def planned(self) -> int:
        """Engagements still planned, of every partner."""
        return sum(p.planned for p in self.partners)

    @property
    def planned_students(self) -> int:
        """Students expected at the planned engagements."""
        return sum(p.planned_students for p in self.partners)

    @property
    def thank_yous(self) -> int:
        """Thank-yous to every partner."""
        return sum(p.thank_yous for p in self.partners)


def school_year_start(session: Session, team_id: str, today: date) -> date:
    """The first day of the school year holding `today`: its first term's, else August 1."""
    year = school_year_of(today)
    terms = [
        t.starts_on
        for t in school_calendar(session, team_id, today=today).terms
        if school_year_of(t.starts_on) == year and t.starts_on <= today
    ]
    return min(terms, default=date(year, SCHOOL_YEAR_FIRST_MONTH, 1))


def year_report(
    session: Session, team_id: str, *, today: date, since: datetime, now: datetime
) -> YearReport:
    """Every partner with an engagement or a thank-you this school year (`since`: its first
    day's start, in the asker's time zone)."""
    first_day = school_year_start(session, team_id, today)
    kinds: dict[int, Counter[str]] = {}
    students: Counter[int] = Counter()
    planned: Counter[int] = Counter()
    planned_students: Counter[int] = Counter()
    names: dict[int, str] = {}
    last_day = first_day.replace(year=first_day.year + 1) - timedelta(days=1)
    for e in engagements_between(session, team_id, first_day, max(today, last_day)):
        status = e.status(today)
        if status == CANCELLED:
            continue
        names[e.partner_id] = e.partner_name
        if status == PLANNED:
            planned[e.partner_id] += 1
            planned_students[e.partner_id] += e.student_count or 0
            continue
        kinds.setdefault(e.partner_id, Counter())[kind_words(e.kind)] += 1
        served = e.students_came if e.students_came is not None else e.student_count
        students[e.partner_id] += served or 0
    thanks = thank_you_counts(session, team_id, since=since, until=now)
    ids = set(kinds) | set(thanks) | set(planned)
    rows = session.execute(
        select(Partner.id, Partner.name, Partner.last_thanked_at).where(
            Partner.team_id == team_id, Partner.id.in_(ids)
        )
    )
    partners = [
        PartnerYear(
            partner_id=pid,
            name=names.get(pid, name),
            engagements=sum(kinds.get(pid, Counter()).values()),
            kinds=tuple(kinds.get(pid, Counter()).most_common()),
            students=students[pid],
            thank_yous=thanks.get(pid, 0),
            last_thanked_at=last,
            planned=planned[pid],
            planned_students=planned_students[pid],
        )
        for pid, name, last in rows
    ]
    partners.sort(key=lambda p: (-p.students, -p.engagements, p.name.casefold()))
    return YearReport(first_day, today, tuple(partners))


def school_year_recognition(
    sessions: SessionFactory, team_id: str, *, today: date, tz: tzinfo, now: datetime
) -> YearReport:
    """`/celebrate year`: the report from the school year's first day (its start in `tz`, the
    asker's time zone) to `today`, read in one transaction."""
    with sessions() as session:
        first = school_year_start(session, team_id, today)
        since = datetime.combine(first, time(0), tz)
        return year_report(session, team_id, today=today, since=since, now=now)


@dataclass(frozen=True)
class ThankedLine:
    """The card's "last thanked": when the partner was last thanked, and how often since the
    school year began."""

    last_thanked_at: datetime | None
    this_year: int


def thanked_on_card(
    session: Session, team_id: str, partner_id: int, *, today: date, tz: tzinfo, now: datetime
) -> ThankedLine | None:
    """A partner's "last thanked" line (None: no such partner), read in the card's session."""
    try:
        partner = get_partner(session, team_id, partner_id)
    except NotFound:
        return None
    since = datetime.combine(school_year_start(session, team_id, today), time(0), tz)
    count = thank_you_counts(session, team_id, since=since, until=now)
    return ThankedLine(partner.last_thanked_at, count.get(partner_id, 0))


def read_thanked_on_card(
    sessions: SessionFactory,
    team_id: str,
    partner_id: int,
    *,
    today: date,
    tz: tzinfo,
    now: datetime,
) -> ThankedLine | None:
    """`thanked_on_card` in a read of its own (the partner card reads each part by itself)."""
    with sessions() as session:
        return thanked_on_card(session, team_id, partner_id, today=today, tz=tz, now=now)
