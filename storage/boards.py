"""Advisory boards as the rest of the app sees them: a board's card (members by industry,
meetings this school year against the state's rule, the next meeting, and what is missing),
the boards a lead's digest names, and the boards' lines and evidence in a report."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import (
    AdvisoryBoard,
    BoardMeeting,
    BoardMember,
    BoardRule,
    BusinessContact,
    Partner,
)
from storage.recognition import school_year_start
from storage.school_year import school_calendar, school_year_of

DEFAULT_MEETINGS = 3
"""Meetings a school year until a lead sets the rule (Washington's rule)."""
DEFAULT_MEMBERS = 5
"""Members from industry until a lead sets the rule."""
MINUTES_GRACE_DAYS = 2
"""Days after a meeting before its missing minutes are named in the digest."""


def board_key(pathway: str) -> str:
    """The key a board is found by: its pathway's words, case-folded."""
    return " ".join(pathway.split()).casefold()


@dataclass(frozen=True)
class Rule:
    """The state's rule: meetings a school year and members from industry (`set`: a lead set
    it; else the defaults)."""

    meetings: int
    members: int
    set: bool


@dataclass(frozen=True)
class Member:
    """A board member: the business contact, their employer and its industry."""

    contact_id: int
    name: str
    role: str | None
    employer: str
    industry: str | None


@dataclass(frozen=True)
class Meeting:
    """A board meeting (held when `held_on` is before today, else planned)."""

    held_on: date
    minutes_url: str | None
    attended: tuple[Member, ...]
    recorded_by: str | None


@dataclass(frozen=True)
class BoardCard:
    """One board this school year: members, meetings, the rule, and the year's last day."""

    id: int
    pathway: str
    wanted: tuple[str, ...]
    members: tuple[Member, ...]
    meetings: tuple[Meeting, ...]
    rule: Rule
    year_first: date
    year_last: date
    today: date

    @property
    def held(self) -> tuple[Meeting, ...]:
        """Meetings held this school year (before today, or today)."""
        return tuple(m for m in self.meetings if m.held_on <= self.today)

    @property
    def next_meeting(self) -> Meeting | None:
        """The next meeting planned, if any."""
        return min((m for m in self.meetings if m.held_on > self.today), default=None,
                   key=lambda m: m.held_on)  # fmt: skip

    @property
    def meetings_needed(self) -> int:
        """Meetings still to hold this school year for the rule."""
        return max(0, self.rule.meetings - len(self.held))

    def missing_industries(self) -> tuple[str, ...]:
        """Wanted industries no member's employer is in."""
        have = [(m.industry or "").casefold() for m in self.members]
        return tuple(w for w in self.wanted if not any(w.casefold() in h for h in have if h))

    def minutes_missing(self, grace_days: int = 0) -> tuple[Meeting, ...]:
        """Meetings held at least `grace_days` ago without a minutes link."""
        return tuple(
            m
            for m in self.held
            if not m.minutes_url and (self.today - m.held_on).days >= grace_days
        )

    @property
    def behind(self) -> bool:
        """Fewer meetings held or planned this school year than the rule asks for by the end
        of the part of the year under way (3 a year: one in each third): a meeting is due."""
        span = max((self.year_last - self.year_first).days + 1, 1)
        elapsed = min(max((self.today - self.year_first).days + 1, 0), span)
        expected = math.ceil(self.rule.meetings * elapsed / span)
        return len(self.meetings) < expected


def rule_of(session: Session, team_id: str) -> Rule:
    """The workspace's rule, else the defaults."""
    row = session.get(BoardRule, team_id)
    if row is None:
        return Rule(DEFAULT_MEETINGS, DEFAULT_MEMBERS, set=False)
    return Rule(row.meetings_per_year, row.min_industry_members, set=True)


def school_year_span(session: Session, team_id: str, today: date) -> tuple[date, date]:
    """The school year holding `today`: its first day, and its last (the last term's end when
    the calendar has terms, else July 31)."""
    first = school_year_start(session, team_id, today)
    year = school_year_of(first)
    ends = [
        t.ends_on
        for t in school_calendar(session, team_id, today=today).terms
        if school_year_of(t.starts_on) == year
    ]
    return first, max(ends, default=date(year + 1, 7, 31))


def find_board(session: Session, team_id: str, pathway: str) -> AdvisoryBoard | None:
    """The board of `pathway` in this workspace."""
    return session.scalars(
        select(AdvisoryBoard).where(
            AdvisoryBoard.team_id == team_id, AdvisoryBoard.pathway_key == board_key(pathway)
        )
    ).first()


def members_of(session: Session, team_id: str, board_ids: Sequence[int]) -> dict[int, list[Member]]:
    """Each board's members, by employer then name."""
    rows = session.execute(
        select(BoardMember.board_id, BusinessContact, Partner.name, Partner.industry)
        .join(BusinessContact, BusinessContact.id == BoardMember.business_contact_id)
        .join(Partner, Partner.id == BusinessContact.partner_id)
        .where(BoardMember.team_id == team_id, BoardMember.board_id.in_(board_ids))
    )
    found: dict[int, list[Member]] = {}
    for board_id, contact, employer, industry in rows:
        found.setdefault(board_id, []).append(
            Member(contact.id, contact.name, contact.role, employer, industry)
        )
    for members in found.values():
        members.sort(key=lambda m: (m.employer.casefold(), m.name.casefold()))
    return found


def cards(
    session: Session, team_id: str, boards: Sequence[AdvisoryBoard], today: date
) -> list[BoardCard]:
    """The cards of `boards`, read together."""
    if not boards:
        return []
    first, last = school_year_span(session, team_id, today)
    rule = rule_of(session, team_id)
    ids = [b.id for b in boards]
    members = members_of(session, team_id, ids)
    seated = {m.contact_id: m for ms in members.values() for m in ms}
    meetings: dict[int, list[Meeting]] = {}
    for row in session.scalars(
        select(BoardMeeting)
        .where(
            BoardMeeting.team_id == team_id,
            BoardMeeting.board_id.in_(ids),
            BoardMeeting.held_on >= first,
            BoardMeeting.held_on <= last,
        )
        .order_by(BoardMeeting.held_on)
    ):
        came = tuple(seated[c] for c in row.attended or [] if c in seated)
        meetings.setdefault(row.board_id, []).append(
            Meeting(row.held_on, row.minutes_url, came, row.recorded_by)
        )
    return [
        BoardCard(
            b.id,
            b.pathway,
            tuple(b.industries or ()),
            tuple(members.get(b.id, ())),
            tuple(meetings.get(b.id, ())),
            rule,
            first,
            last,
            today,
        )
        for b in boards
    ]


def all_boards(session: Session, team_id: str, today: date) -> list[BoardCard]:
    """Every board of the workspace, by pathway."""
    boards = session.scalars(
        select(AdvisoryBoard)
        .where(AdvisoryBoard.team_id == team_id)
        .order_by(AdvisoryBoard.pathway_key)
    ).all()
    return cards(session, team_id, boards, today)


def boards_of(session: Session, team_id: str, today: date, pathway: str | None) -> list[BoardCard]:
    """Every board, or the one of `pathway` (a report's)."""
    if pathway is None:
        return all_boards(session, team_id, today)
    board = find_board(session, team_id, pathway)
    return cards(session, team_id, [board], today) if board else []


def boards_needing_attention(session: Session, team_id: str, today: date) -> list[BoardCard]:
    """Boards with a meeting due (behind the rule, counting the planned ones) or minutes
    missing (past the grace days): what a lead's digest names."""
    return [
        card
        for card in all_boards(session, team_id, today)
        if card.behind or card.minutes_missing(MINUTES_GRACE_DAYS)
    ]
