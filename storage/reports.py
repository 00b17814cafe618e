"""`/partnerbot report`: how the partnership work is going over a period — engagements and
students served (counts only), partners by stage and industry, contacts per staff member,
follow-ups on time, and the consultation evidence for the Perkins needs assessment. A program
lead sees the team's; anyone else their own (partners they own, contacts they logged,
engagements and follow-ups that are theirs). Read in one transaction."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storage.boards import BoardCard, boards_needing_attention, boards_of
from storage.db import SessionFactory
from storage.engagements import CANCELLED, HAPPENED, EngagementView, engagements_between, kind_words
from storage.models import FollowUp, FollowUpStatus, Interaction, InteractionKind, Partner, Stage
from storage.partners.cadence import going_cold
from storage.people.leads import check_lead
from storage.people.members import deactivated_users
from storage.recognition import school_year_start
from storage.report_periods import Period, report_period
from storage.report_values import (
    EngagementNumbers,
    Evidence,
    PartnerNumbers,
    PathwayRow,
    Report,
    ReportAnswer,
    ReportAsk,
    StaffRow,
)
from storage.send_log import claim_key, key_kind

SMALL_CELL = 5
"""Student counts under this (but above 0) are not shown in pathway breakdowns."""
THANKED_DAYS = 90
NO_PATHWAY = "no pathway"
NO_INDUSTRY = "no industry"


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
    pathways = [
        PathwayRow(name, n, _small(served, all_counts))
        for name, (n, served) in sorted(per_pathway.items(), key=lambda i: (-i[1][1], i[0]))
    ]
    by_pathway, total_gives_away = _complement(pathways)
    return EngagementNumbers(
        by_kind=tuple(sorted(((k, tuple(v)) for k, v in by_kind.items()), key=lambda i: i[0])),
        by_pathway=by_pathway,
        happened=counts["happened"],
        planned=counts["planned"],
        cancelled=counts["cancelled"],
        students=None if total_gives_away else _small(students, not small_totals),
        planned_students=_small(planned_students, not small_totals),
    )


def _complement(rows: list[PathwayRow]) -> tuple[tuple[PathwayRow, ...], bool]:
    """With one pathway hidden, the total would give it away: hide the smallest shown one
    too (rows come largest first); with no other to hide, the total must be hidden (True)."""
    hidden = [r for r in rows if r.students is None]
    shown = [i for i, r in enumerate(rows) if r.students]
    if len(hidden) == 1 and shown:
        last = rows[shown[-1]]
        rows[shown[-1]] = PathwayRow(last.pathway, last.engagements, None)
    return tuple(rows), len(hidden) == 1 and not shown


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
    # The table's columns, not the entity's: 20,000 rows skip the ORM's loading.
    t = Interaction.__table__.c
    stmt = select(t.user_id, t.partner_id, t.occurred_at, t.kind).where(
        t.team_id == scope.team_id,
        t.deleted_at.is_(None),
        t.occurred_at >= start,
        t.occurred_at < end,
    )
    if scope.user_id is not None:
        stmt = stmt.where(t.user_id == scope.user_id)
    months = {month: i for i, month in enumerate(period.months)}
    employers = {pid: _employer(p) for pid, p in partners.items()}
    per_staff: dict[str, list[int]] = {}
    evidence: list[Evidence] = []
    for user_id, partner_id, at, kind in session.execute(stmt):
        employer = employers.get(partner_id)
        if employer is None:
            continue
        local = at.astimezone(scope.tz).date()
        per_staff.setdefault(user_id, [0] * len(months))[months[local.replace(day=1)]] += 1
        if kind is not InteractionKind.NOTE:
            evidence.append(Evidence(*employer, local, kind.value, user_id))
    left = deactivated_users(session, scope.team_id, list(per_staff))
    rows = tuple(
        StaffRow(user_id, tuple(counts), user_id in left)
        for user_id, counts in sorted(per_staff.items(), key=lambda i: (-sum(i[1]), i[0]))
    )
    return rows, evidence


def _employer(partner: Partner) -> tuple[str, str]:
    """A partner as evidence names it: its name and industry."""
    return partner.name, (partner.industry or "").strip()


def _board_evidence(boards: list[BoardCard], period: Period) -> list[Evidence]:
    """Each member who came to a board meeting held in the period: one consultation."""
    return [
        Evidence(m.employer, (m.industry or "").strip(), meeting.held_on,
                 f"advisory board meeting ({board.pathway})", meeting.recorded_by or "")
        for board in boards
        for meeting in board.held
        if period.holds(meeting.held_on)
        for m in meeting.attended
    ]  # fmt: skip


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
                evidence.append(Evidence(*_employer(partner), e.starts_on, what, e.owner_user_id))
    boards = boards_of(session, team_id, today, ask.pathway)
    evidence += _board_evidence(boards, period)
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
        boards=tuple(boards),
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
    once_within: timedelta | None = None,
) -> ReportAnswer:
    """`/partnerbot report …`: a lead gets the team's report, anyone else their own (and
    `all counts` is refused them). InvalidInput for a period the calendar cannot give. With
    `once_within`, a second ask within that time (a double click) is `repeated`: not made."""
    with sessions.begin() as session:
        if once_within is not None:
            kind = key_kind("report", "home")
            if claim_key(session, team_id, user_id, kind, now=now, window=once_within) is None:
                return ReportAnswer(False, None, repeated=True)
        lead = check_lead(session, team_id, user_id, slack_admin=slack_admin, now=now).is_lead
        if ask.all_counts and not lead:
            return ReportAnswer(False, None)
        report = read_report(
            session, team_id, ask, user_id=None if lead else user_id, today=today, tz=tz, now=now
        )
        return ReportAnswer(lead, report)


@dataclass(frozen=True)
class Glance:
    """A lead's Home headline: this school year's engagements (happened, still planned) and
    students served, partners (not archived) and how many are active or going cold, contacts
    logged, and boards needing attention."""

    first_day: date
    happened: int
    planned: int
    students: int
    partners: int
    active: int
    going_cold: int
    contacts: int
    boards_due: int


def team_glance(session: Session, team_id: str, *, today: date, now: datetime) -> Glance:
    """The team's headline numbers this school year, read with counts (the Home is drawn
    often)."""
    first = school_year_start(session, team_id, today)
    happened = planned = students = 0
    for e in engagements_between(session, team_id, first, today + timedelta(days=366)):
        status = e.status(today)
        if status == HAPPENED and e.starts_on <= today:
            happened += 1
            students += _served(e)
        elif status != CANCELLED and status != HAPPENED:
            planned += 1
    stages = Counter(
        session.scalars(
            select(Partner.stage).where(Partner.team_id == team_id, Partner.archived_at.is_(None))
        )
    )
    since = datetime.combine(first, datetime.min.time(), UTC)
    contacts = session.scalar(
        select(func.count()).where(
            Interaction.team_id == team_id,
            Interaction.deleted_at.is_(None),
            Interaction.occurred_at >= since,
        )
    )
    return Glance(
        first_day=first,
        happened=happened,
        planned=planned,
        students=students,
        partners=sum(stages.values()),
        active=stages[Stage.ACTIVE],
        going_cold=len(going_cold(session, team_id, now=now, today=today)),
        contacts=int(contacts or 0),
        boards_due=len(boards_needing_attention(session, team_id, today)),
    )
