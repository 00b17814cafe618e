"""A workspace's autumn, seeded row by row for the report tests, with the numbers worked out
by hand in tests/test_reports_slack.py: two terms (Q1 Aug 17 – Oct 30, Q2 Nov 2 – Jan 22),
partners in every state (one archived), engagements that happened, are planned or were
cancelled, contacts by three people (one has left), follow-ups done on time and late, and a
second workspace whose rows must never show."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from storage.calendar_entries import NewEntry, add_entries
from storage.db import SessionFactory
from storage.models import (
    CalendarKind,
    Engagement,
    EngagementKind,
    FollowUp,
    FollowUpStatus,
    Interaction,
    InteractionKind,
    Partner,
    Stage,
)
from storage.people.members import set_deactivated, set_leads
from storage.workspaces import ensure_workspace

NOW = datetime(2026, 11, 23, 14, tzinfo=UTC)
OTHER_TEAM = "T0OTHER"
LEFT = "U0LEFT"


def _at(day: date, hour: int = 15) -> datetime:
    return datetime.combine(day, time(hour), UTC)


def add_partner(
    sessions: SessionFactory,
    team_id: str,
    name: str,
    *,
    stage: Stage,
    industry: str | None,
    pathways: list[str],
    owner: str,
    created: date,
    last_contact: date | None = None,
    thanked: date | None = None,
    archived: bool = False,
) -> int:
    """One partner row as given."""
    with sessions.begin() as session:
        ensure_workspace(session, team_id, NOW)
        row = Partner(
            team_id=team_id,
            name=name,
            name_key=name.casefold(),
            stage=stage,
            industry=industry,
            pathways=pathways,
            owner_user_id=owner,
            last_contact_at=_at(last_contact) if last_contact else None,
            last_thanked_at=_at(thanked) if thanked else None,
            archived_at=NOW if archived else None,
            created_at=_at(created),
            updated_at=_at(created),
        )
        session.add(row)
        session.flush()
        return row.id


def add_engagement(
    sessions: SessionFactory,
    team_id: str,
    partner: int,
    kind: EngagementKind,
    first: date,
    last: date,
    students: int,
    *,
    owner: str,
    pathway: str | None,
    cancelled: bool = False,
) -> None:
    """One engagement row as given."""
    with sessions.begin() as session:
        session.add(
            Engagement(
                team_id=team_id,
                partner_id=partner,
                kind=kind,
                starts_on=first,
                ends_on=last,
                student_count=students,
                owner_user_id=owner,
                pathway=pathway,
                dedupe_key=f"{partner}-{kind}-{first}-{students}",
                created_at=NOW,
                cancelled_at=NOW if cancelled else None,
            )
        )


def add_contact(
    sessions: SessionFactory,
    team_id: str,
    partner: int,
    user_id: str,
    kind: InteractionKind,
    on: date,
    *,
    deleted: bool = False,
) -> None:
    """One contact-log entry as given."""
    with sessions.begin() as session:
        session.add(
            Interaction(
                team_id=team_id,
                partner_id=partner,
                user_id=user_id,
                kind=kind,
                summary=f"{kind.value} on {on}",
                occurred_at=_at(on),
                created_at=_at(on),
                deleted_at=NOW if deleted else None,
            )
        )


def add_follow_up(
    sessions: SessionFactory,
    team_id: str,
    partner: int,
    owner: str,
    due: date,
    closed: date | None,
) -> None:
    """One follow-up, done on `closed` (None: still open)."""
    with sessions.begin() as session:
        session.add(
            FollowUp(
                team_id=team_id,
                partner_id=partner,
                owner_user_id=owner,
                note="call back",
                due_date=due,
                due_at=_at(due, 14),
                status=FollowUpStatus.DONE if closed else FollowUpStatus.OPEN,
                created_at=NOW,
                closed_by=owner if closed else None,
                closed_at=_at(closed) if closed else None,
            )
        )


def seed_autumn(sessions: SessionFactory, team_id: str, lead: str, staff: str) -> dict[str, int]:
    """The seeded autumn of `team_id` (`lead` a program lead, `staff` not), and another
    workspace's; the partners' ids by name."""
    d = date
    with sessions.begin() as session:
        ensure_workspace(session, team_id, NOW)
        set_leads(session, team_id, [lead], by=lead, now=NOW)
        add_entries(
            session,
            team_id,
            [
                NewEntry(CalendarKind.TERM, "Q1", d(2026, 8, 17), d(2026, 10, 30)),
                NewEntry(CalendarKind.TERM, "Q2", d(2026, 11, 2), d(2027, 1, 22)),
            ],
            source="typed",
            by=lead,
            now=NOW,
        )
        set_deactivated(session, team_id, LEFT, True, now=NOW)
    p = {
        "Acme Health": add_partner(
            sessions, team_id, "Acme Health", stage=Stage.ACTIVE, industry="Healthcare",
            pathways=["Health Science"], owner=lead, created=d(2026, 6, 1),
            last_contact=d(2026, 11, 13), thanked=d(2026, 10, 1),
        ),
        "Riverside Auto": add_partner(
            sessions, team_id, "Riverside Auto", stage=Stage.ENGAGED, industry="Automotive",
            pathways=["Welding"], owner=staff, created=d(2026, 9, 10),
            last_contact=d(2026, 7, 1),
        ),
        "Old Mill": add_partner(
            sessions, team_id, "Old Mill", stage=Stage.ACTIVE, industry="Manufacturing",
            pathways=["Construction"], owner=lead, created=d(2025, 1, 1),
            last_contact=d(2026, 11, 1), archived=True,
        ),
        "Bright Dental": add_partner(
            sessions, team_id, "Bright Dental", stage=Stage.PROSPECT, industry="Healthcare",
            pathways=[], owner=lead, created=d(2026, 11, 20),
        ),
    }  # fmt: skip
    acme, river, mill, bright = p.values()
    job, intern = EngagementKind.JOB_SHADOW, EngagementKind.INTERNSHIP
    talk, visit = EngagementKind.GUEST_SPEAKER, EngagementKind.SITE_VISIT
    for partner, kind, first, last, n, owner, way, off in (
        (acme, job, d(2026, 10, 30), d(2026, 10, 30), 12, lead, "Health Science", False),
        (acme, intern, d(2026, 9, 14), d(2026, 10, 9), 3, lead, "Health Science", False),
        (river, talk, d(2026, 11, 10), d(2026, 11, 10), 25, staff, "Welding", False),
        (river, visit, d(2026, 12, 9), d(2026, 12, 9), 20, staff, "Welding", False),
        (acme, job, d(2026, 11, 12), d(2026, 11, 12), 30, lead, "Health Science", True),
        (mill, visit, d(2026, 9, 20), d(2026, 9, 20), 4, lead, "Construction", False),
        (acme, job, d(2026, 8, 14), d(2026, 8, 14), 40, lead, "Health Science", False),
    ):
        add_engagement(
            sessions, team_id, partner, kind, first, last, n, owner=owner, pathway=way,
            cancelled=off,
        )  # fmt: skip
    k = InteractionKind
    for partner, who, how, on, gone in (
        (acme, lead, k.CALL, d(2026, 9, 5), False),
        (acme, lead, k.MEETING, d(2026, 10, 3), False),
        (acme, lead, k.NOTE, d(2026, 11, 2), False),
        (bright, lead, k.EMAIL, d(2026, 11, 20), False),
        (acme, lead, k.CALL, d(2026, 10, 4), True),
        (river, staff, k.VISIT, d(2026, 9, 15), False),
        (river, staff, k.CALL, d(2026, 8, 10), False),
        (mill, LEFT, k.CALL, d(2026, 10, 20), False),
    ):
        add_contact(sessions, team_id, partner, who, how, on, deleted=gone)
    add_follow_up(sessions, team_id, acme, lead, d(2026, 10, 5), d(2026, 10, 5))
    add_follow_up(sessions, team_id, acme, lead, d(2026, 10, 5), d(2026, 10, 7))
    add_follow_up(sessions, team_id, river, staff, d(2026, 11, 1), d(2026, 10, 31))
    add_follow_up(sessions, team_id, river, staff, d(2026, 11, 1), None)
    add_follow_up(sessions, team_id, acme, lead, d(2026, 8, 1), d(2026, 8, 1))
    other = add_partner(
        sessions, OTHER_TEAM, "Elsewhere Inc", stage=Stage.ACTIVE, industry="Retail",
        pathways=["Welding"], owner=lead, created=d(2026, 9, 1),
    )  # fmt: skip
    add_engagement(
        sessions, OTHER_TEAM, other, job, d(2026, 10, 1), d(2026, 10, 1), 99, owner=lead,
        pathway="Welding",
    )  # fmt: skip
    add_contact(sessions, OTHER_TEAM, other, lead, k.CALL, d(2026, 10, 1))
    return p
