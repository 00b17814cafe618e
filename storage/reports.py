"""`/partnerbot report`: how the partnership work is going over a period — engagements and
students served (counts only), partners by stage and industry, contacts per staff member,
follow-ups on time, and the consultation evidence for the Perkins needs assessment. A program
lead sees the team's; anyone else their own (partners they own, contacts they logged,
engagements and follow-ups that are theirs). Read in one transaction."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.db import SessionFactory
from storage.engagements import CANCELLED, HAPPENED, EngagementView, engagements_between, kind_words
from storage.models import FollowUp, FollowUpStatus, Interaction, InteractionKind, Partner, Stage
from storage.partners.cadence import going_cold
from storage.people.leads import check_lead
from storage.people.members import deactivated_users
from storage.report_periods import Period, PeriodKind, report_period

SMALL_CELL = 5
"""Student counts under this (but above 0) are not shown in pathway breakdowns."""
THANKED_DAYS = 90
NO_PATHWAY = "no pathway"
NO_INDUSTRY = "no industry"


@dataclass(frozen=True)
class ReportAsk:
    """What the asker typed: the period, a pathway, and whether small counts may show."""

    period: PeriodKind = PeriodKind.YEAR
    since: date | None = None
    pathway: str | None = None
    all_counts: bool = False


@dataclass(frozen=True)
class PathwayRow:
    """One pathway's engagements that happened and students served (None: fewer than
    SMALL_CELL, not shown)."""

    pathway: str
    engagements: int
    students: int | None


@dataclass(frozen=True)
class StaffRow:
    """One staff member's contacts per month of the period, and whether they have left."""

    user_id: str
    per_month: tuple[int, ...]
    left: bool

    @property
    def total(self) -> int:
        """Their contacts over the period."""
        return sum(self.per_month)


@dataclass(frozen=True)
class Evidence:
    """One consultation with an employer: who, when, what, and by whom on our side."""

    employer: str
    industry: str
    day: date
    what: str
    by: str


@dataclass(frozen=True)
class EngagementNumbers:
    """Engagements over the period: those that happened per kind per month (of
    `Period.months`) and per pathway, how many happened, are still planned (up to the
    period's horizon) or were cancelled, and students served (None: a small cell)."""

    by_kind: tuple[tuple[str, tuple[int, ...]], ...]
    by_pathway: tuple[PathwayRow, ...]
    happened: int
    planned: int
    cancelled: int
    students: int | None
    planned_students: int | None


@dataclass(frozen=True)
class PartnerNumbers:
    """Partners (not archived) by stage and industry, new over the period, going cold, and
    engaged or active ones not thanked in THANKED_DAYS days."""

    by_stage: tuple[tuple[str, int], ...]
    by_industry: tuple[tuple[str, int], ...]
    new: int
    going_cold: int
    not_thanked: int

    @property
    def total(self) -> int:
        """Partners counted by stage."""
        return sum(n for _, n in self.by_stage)


@dataclass(frozen=True)
class Report:
    """The numbers of one report (see the module docstring)."""

    period: Period
    pathway: str | None
    team_wide: bool
    all_counts: bool
    engagements: EngagementNumbers
    partners: PartnerNumbers
    by_staff: tuple[StaffRow, ...]
    on_time: int
    late: int
    evidence: tuple[Evidence, ...]

    @property
    def contacts(self) -> int:
        """Contacts logged over the period."""
        return sum(row.total for row in self.by_staff)


@dataclass(frozen=True)
class ReportAnswer:
    """The report, and whether the asker is a lead (False with `all_counts` asked: refused)."""

    is_lead: bool
    report: Report | None


def _small(n: int, shown: bool) -> int | None:
    """`n`, or None when it is a small cell (1 to SMALL_CELL - 1) that may not be `shown`."""
    return n if shown or n == 0 or n >= SMALL_CELL else None


def _in_pathway(pathway: str | None, own: str | None, partner: tuple[str, ...]) -> bool:
    if pathway is None:
        return True
    wanted = pathway.casefold()
    if own:
        return own.casefold() == wanted
    return any(p.casefold() == wanted for p in partner)


@dataclass(frozen=True)
class _Scope:
    team_id: str
    user_id: str | None
    pathway: str | None
    tz: tzinfo
    now: datetime
    today: date


def _partners(session: Session, scope: _Scope) -> dict[int, Partner]:
    rows = session.scalars(select(Partner).where(Partner.team_id == scope.team_id))
    return {p.id: p for p in rows if _in_pathway(scope.pathway, None, tuple(p.pathways or ()))}


def _engagements(
    session: Session, scope: _Scope, period: Period, partners: dict[int, Partner]
) -> list[EngagementView]:
    everything = engagements_between(session, scope.team_id, period.first, period.horizon)
    all_partners = scope.pathway is None
    return [
        e
        for e in everything
        if (scope.user_id is None or e.owner_user_id == scope.user_id)
        and (
            _in_pathway(scope.pathway, e.pathway, ())
            if e.pathway
            else (all_partners or e.partner_id in partners)
        )
    ]


def _served(e: EngagementView) -> int:
    return (e.students_came if e.students_came is not None else e.student_count) or 0


def _engagement_numbers(
    engagements: list[EngagementView],
    period: Period,
    today: date,
    all_counts: bool,
    small_totals: bool,
) -> EngagementNumbers:
    months = period.months
    by_kind: dict[str, list[int]] = {}
    per_pathway: dict[str, list[int]] = {}
    counts: Counter[str] = Counter()
    students = planned_students = 0
    for e in engagements:
        status = e.status(today)
        if status == CANCELLED:
            counts["cancelled"] += period.holds(e.starts_on)
            continue
        if status != HAPPENED:
            counts["planned"] += 1
            planned_students += e.student_count or 0
            continue
        if not period.holds(e.starts_on):
            continue
        counts["happened"] += 1
        students += _served(e)
        row = by_kind.setdefault(kind_words(e.kind), [0] * len(months))
        row[months.index(e.starts_on.replace(day=1))] += 1
        cell = per_pathway.setdefault(e.pathway or NO_PATHWAY, [0, 0])
        cell[0] += 1
        cell[1] += _served(e)
    pathways = tuple(
        PathwayRow(name, n, _small(served, all_counts))
        for name, (n, served) in sorted(per_pathway.items(), key=lambda i: (-i[1][1], i[0]))
    )
    return EngagementNumbers(
        by_kind=tuple(sorted(((k, tuple(v)) for k, v in by_kind.items()), key=lambda i: i[0])),
        by_pathway=pathways,
        happened=counts["happened"],
        planned=counts["planned"],
        cancelled=counts["cancelled"],
        students=_small(students, not small_totals),
        planned_students=_small(planned_students, not small_totals),
    )


def _partner_numbers(
    session: Session, scope: _Scope, period: Period, partners: dict[int, Partner]
) -> PartnerNumbers:
    mine = [
        p
        for p in partners.values()
        if p.archived_at is None and (scope.user_id is None or p.owner_user_id == scope.user_id)
    ]
    stages = Counter(p.stage for p in mine)
    industries = Counter((p.industry or NO_INDUSTRY).strip() or NO_INDUSTRY for p in mine)
    new = sum(period.holds(p.created_at.astimezone(scope.tz).date()) for p in mine)
    cold = going_cold(
        session, scope.team_id, now=scope.now, today=scope.today, owner_user_id=scope.user_id
    )
    thanked_since = scope.now - timedelta(days=THANKED_DAYS)
    not_thanked = sum(
        p.stage in (Stage.ENGAGED, Stage.ACTIVE)
        and (p.last_thanked_at is None or p.last_thanked_at < thanked_since)
        for p in mine
    )
    return PartnerNumbers(
        by_stage=tuple((s.value, stages[s]) for s in Stage),
        by_industry=tuple(sorted(industries.items(), key=lambda i: (-i[1], i[0].casefold()))),
        new=new,
        going_cold=sum(c.partner.id in partners for c in cold),
        not_thanked=not_thanked,
    )


def _contacts(
    session: Session, scope: _Scope, period: Period, partners: dict[int, Partner]
) -> tuple[tuple[StaffRow, ...], list[Evidence]]:
    start = datetime.combine(period.first, datetime.min.time(), scope.tz)
    end = datetime.combine(period.last + timedelta(days=1), datetime.min.time(), scope.tz)
    stmt = select(
        Interaction.user_id, Interaction.partner_id, Interaction.occurred_at, Interaction.kind
    ).where(
        Interaction.team_id == scope.team_id,
        Interaction.deleted_at.is_(None),
        Interaction.occurred_at >= start,
        Interaction.occurred_at < end,
    )
    if scope.user_id is not None:
        stmt = stmt.where(Interaction.user_id == scope.user_id)
    months = period.months
    per_staff: dict[str, list[int]] = {}
    evidence: list[Evidence] = []
    for user_id, partner_id, at, kind in session.execute(stmt):
        partner = partners.get(partner_id)
        if partner is None:
            continue
        local = at.astimezone(scope.tz).date()
        per_staff.setdefault(user_id, [0] * len(months))[months.index(local.replace(day=1))] += 1
        if kind is not InteractionKind.NOTE:
            evidence.append(_evidence(partner, local, kind.value, user_id))
    left = deactivated_users(session, scope.team_id, list(per_staff))
    rows = tuple(
        StaffRow(user_id, tuple(counts), user_id in left)
        for user_id, counts in sorted(per_staff.items(), key=lambda i: (-sum(i[1]), i[0]))
    )
    return rows, evidence


def _evidence(partner: Partner, day: date, what: str, by: str) -> Evidence:
    industry = (partner.industry or "").strip()
    return Evidence(partner.name, industry, day, what, by)


def _follow_ups(
    session: Session, scope: _Scope, period: Period, partners: dict[int, Partner]
) -> tuple[int, int]:
    start = datetime.combine(period.first, datetime.min.time(), scope.tz)
    end = datetime.combine(period.last + timedelta(days=1), datetime.min.time(), scope.tz)
    stmt = select(FollowUp.partner_id, FollowUp.due_date, FollowUp.closed_at).where(
        FollowUp.team_id == scope.team_id,
        FollowUp.status == FollowUpStatus.DONE,
        FollowUp.closed_at >= start,
        FollowUp.closed_at < end,
    )
    if scope.user_id is not None:
        stmt = stmt.where(FollowUp.owner_user_id == scope.user_id)
    on_time = late = 0
    for partner_id, due, closed in session.execute(stmt):
        if partner_id not in partners or closed is None:
            continue
        if closed.astimezone(scope.tz).date() <= due:
            on_time += 1
        else:
            late += 1
    return on_time, late


def read_report(
    session: Session,
    team_id: str,
    ask: ReportAsk,
    *,
    user_id: str | None,
    today: date,
    tz: tzinfo,
    now: datetime,
) -> Report:
    """The report `ask` names: the team's (`user_id` None) or one person's own."""
    period = report_period(session, team_id, ask.period, today=today, since=ask.since)
    scope = _Scope(team_id, user_id, ask.pathway, tz, now, today)
    partners = _partners(session, scope)
    engagements = _engagements(session, scope, period, partners)
    # A report of one pathway is a pathway breakdown too: its totals are small cells.
    small_totals = ask.pathway is not None and not ask.all_counts
    numbers = _engagement_numbers(engagements, period, today, ask.all_counts, small_totals)
    staff, evidence = _contacts(session, scope, period, partners)
    on_time, late = _follow_ups(session, scope, period, partners)
    for e in engagements:
        if e.status(today) == HAPPENED and period.holds(e.starts_on):
            partner = partners.get(e.partner_id)
            if partner is not None:
                what = f"{kind_words(e.kind)} (engagement)"
                evidence.append(_evidence(partner, e.starts_on, what, e.owner_user_id))
    evidence.sort(key=lambda v: (v.employer.casefold(), v.day, v.what))
    return Report(
        period=period,
        pathway=ask.pathway,
        team_wide=user_id is None,
        all_counts=ask.all_counts,
        engagements=numbers,
        partners=_partner_numbers(session, scope, period, partners),
        by_staff=staff,
        on_time=on_time,
        late=late,
        evidence=tuple(evidence),
    )


def team_report(
    sessions: SessionFactory,
    team_id: str,
    user_id: str,
    ask: ReportAsk,
    *,
    slack_admin: bool | None,
    today: date,
    tz: tzinfo,
    now: datetime,
) -> ReportAnswer:
    """`/partnerbot report …`: a lead gets the team's report, anyone else their own (and
    `all counts` is refused them). InvalidInput for a period the calendar cannot give."""
    with sessions.begin() as session:
        lead = check_lead(session, team_id, user_id, slack_admin=slack_admin, now=now).is_lead
        if ask.all_counts and not lead:
            return ReportAnswer(False, None)
        report = read_report(
            session, team_id, ask, user_id=None if lead else user_id, today=today, tz=tz, now=now
        )
        return ReportAnswer(lead, report)
