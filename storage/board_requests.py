"""What `/partnerbot board …` asks of storage, one transaction each: show boards, add or
remove a member, record a meeting (the same day again updates it: a retry changes nothing
twice), and the lead-only settings (the state's rule, the industries a board should hear
from)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from storage.boards import BoardCard, Rule, all_boards, board_key, cards, find_board, rule_of
from storage.db import SessionFactory, insert_unless_exists
from storage.errors import InvalidInput, NotFound
from storage.models import (
    AdvisoryBoard,
    BoardMeeting,
    BoardMember,
    BoardRule,
    BusinessContact,
    Partner,
)
from storage.people.contacts import name_words, same_person
from storage.people.leads import check_lead
from storage.workspaces import ensure_workspace

MAX_PATHWAY = 100
MAX_RULE = 50
MAX_INDUSTRIES = 10
MAX_URL = 2000


@dataclass(frozen=True)
class Person:
    """Who asks, and what Slack said of them (a lead check may need it)."""

    team_id: str
    user_id: str
    slack_admin: bool | None
    now: datetime
    today: date


@dataclass(frozen=True)
class BoardAnswer:
    """The board after the request (None: no such board), what changed, and the contacts a
    name could mean when it was not clear which (nothing changed then)."""

    card: BoardCard | None
    done: str = ""
    choices: tuple[str, ...] = ()


def show_boards(sessions: SessionFactory, team_id: str, today: date) -> list[BoardCard]:
    """`/partnerbot board`: every board's card."""
    with sessions() as session:
        return all_boards(session, team_id, today)


def show_board(sessions: SessionFactory, team_id: str, pathway: str, today: date) -> BoardAnswer:
    """`/partnerbot board Welding`: its card (None when there is no such board)."""
    with sessions() as session:
        board = find_board(session, team_id, pathway)
        return BoardAnswer(cards(session, team_id, [board], today)[0] if board else None)


def _board(session: Session, who: Person, pathway: str) -> AdvisoryBoard:
    board = find_board(session, who.team_id, pathway)
    if board is not None:
        return board
    name = " ".join(pathway.split())
    if not name or len(name) > MAX_PATHWAY:
        raise InvalidInput("pathway", f"Name the pathway in 1 to {MAX_PATHWAY} characters.")
    ensure_workspace(session, who.team_id, who.now)
    values = {
        "team_id": who.team_id,
        "pathway": name,
        "pathway_key": board_key(name),
        "industries": [],
        "created_by": who.user_id,
        "created_at": who.now,
    }
    insert_unless_exists(session, AdvisoryBoard, values)
    found = find_board(session, who.team_id, pathway)
    assert found is not None  # inserted now, or by a concurrent request
    return found


def _contacts_named(
    session: Session, team_id: str, name: str, employer: str | None
) -> list[tuple[int, str, str]]:
    words = name_words(name)
    if not words:
        return []
    stmt = (
        select(BusinessContact.id, BusinessContact.name, Partner.name)
        .join(Partner, Partner.id == BusinessContact.partner_id)
        .where(
            BusinessContact.team_id == team_id,
            Partner.archived_at.is_(None),
            func.lower(BusinessContact.name).contains(words[-1]),
        )
    )
    found = [(cid, cname, pname) for cid, cname, pname in session.execute(stmt)]
    found = [f for f in found if same_person(f[1], name)]
    if employer:
        wanted = employer.casefold()
        found = [f for f in found if f[2].casefold().startswith(wanted)]
    return found


def add_member(
    sessions: SessionFactory, who: Person, pathway: str, name: str, employer: str | None
) -> BoardAnswer:
    """Seat a business contact on the pathway's board (made on its first member)."""
    with sessions.begin() as session:
        found = _contacts_named(session, who.team_id, name, employer)
        if len(found) != 1:
            board = find_board(session, who.team_id, pathway)
            card = cards(session, who.team_id, [board], who.today)[0] if board else None
            return BoardAnswer(card, "", tuple(f"{c} ({p})" for _, c, p in found))
        contact_id, contact, employer_name = found[0]
        board = _board(session, who, pathway)
        values = {
            "team_id": who.team_id,
            "board_id": board.id,
            "business_contact_id": contact_id,
            "added_by": who.user_id,
            "added_at": who.now,
        }
        added = insert_unless_exists(session, BoardMember, values) is not None
        verb = "now sits" if added else "already sits"
        done = f"{contact} ({employer_name}) {verb} on the board."
        return BoardAnswer(cards(session, who.team_id, [board], who.today)[0], done)


def remove_member(sessions: SessionFactory, who: Person, pathway: str, name: str) -> BoardAnswer:
    """Take a member off the board; NotFound when there is no such board."""
    with sessions.begin() as session:
        board = find_board(session, who.team_id, pathway)
        if board is None:
            raise NotFound(pathway)
        card = cards(session, who.team_id, [board], who.today)[0]
        gone = [m for m in card.members if same_person(m.name, name)]
        if len(gone) != 1:
            return BoardAnswer(card, "", tuple(f"{m.name} ({m.employer})" for m in card.members))
        session.execute(
            delete(BoardMember).where(
                BoardMember.board_id == board.id,
                BoardMember.business_contact_id == gone[0].contact_id,
            )
        )
        done = f"{gone[0].name} ({gone[0].employer}) is no longer on the board."
        return BoardAnswer(cards(session, who.team_id, [board], who.today)[0], done)


def record_meeting(
    sessions: SessionFactory,
    who: Person,
    pathway: str,
    held_on: date,
    minutes_url: str | None,
    attended: Sequence[str],
) -> BoardAnswer:
    """Record a board meeting (held or planned), its minutes link and who came (names picked
    from the members: InvalidInput naming the members when one is not); the same day again
    updates that meeting. NotFound when the board does not exist."""
    if minutes_url is not None and len(minutes_url) > MAX_URL:
        raise InvalidInput("minutes", f"The minutes link is over {MAX_URL} characters.")
    with sessions.begin() as session:
        board = find_board(session, who.team_id, pathway)
        if board is None:
            raise NotFound(pathway)
        card = cards(session, who.team_id, [board], who.today)[0]
        came: list[int] = []
        for name in attended:
            match = [m for m in card.members if same_person(m.name, name)]
            if len(match) != 1:
                members = ", ".join(m.name for m in card.members) or "nobody yet"
                raise InvalidInput(
                    "attended", f"“{name}” is not a member of the board. Its members: {members}."
                )
            came.append(match[0].contact_id)
        values = {
            "team_id": who.team_id,
            "board_id": board.id,
            "held_on": held_on,
            "minutes_url": minutes_url,
            "attended": came,
            "recorded_by": who.user_id,
            "recorded_at": who.now,
        }
        if insert_unless_exists(session, BoardMeeting, values) is None:
            row = session.scalars(
                select(BoardMeeting).where(
                    BoardMeeting.board_id == board.id, BoardMeeting.held_on == held_on
                )
            ).one()
            row.minutes_url = minutes_url or row.minutes_url
            row.attended = sorted(set(row.attended or []) | set(came))
        when = "held" if held_on <= who.today else "planned"
        done = f"Meeting of {held_on:%a %b} {held_on.day}, {held_on.year} {when}."
        return BoardAnswer(cards(session, who.team_id, [board], who.today)[0], done)


def set_rule(
    sessions: SessionFactory, who: Person, meetings: int | None, members: int | None
) -> tuple[bool, Rule]:
    """A lead sets the state's rule (None keeps that part); (False, the rule) for anyone else."""
    for value in (meetings, members):
        if value is not None and not 0 <= value <= MAX_RULE:
            raise InvalidInput("rule", f"Give numbers from 0 to {MAX_RULE}.")
    with sessions.begin() as session:
        lead = check_lead(
            session, who.team_id, who.user_id, slack_admin=who.slack_admin, now=who.now
        ).is_lead
        rule = rule_of(session, who.team_id)
        if not lead or (meetings is None and members is None):
            return lead, rule
        row = session.get(BoardRule, who.team_id)
        if row is None:
            ensure_workspace(session, who.team_id, who.now)
            row = BoardRule(team_id=who.team_id)
            session.add(row)
        row.meetings_per_year = rule.meetings if meetings is None else meetings
        row.min_industry_members = rule.members if members is None else members
        row.changed_by, row.changed_at = who.user_id, who.now
        session.flush()
        return True, rule_of(session, who.team_id)


def set_industries(
    sessions: SessionFactory, who: Person, pathway: str, industries: Sequence[str]
) -> BoardAnswer | None:
    """A lead names the industries a board should hear from (the board is made when new);
    None for anyone else (nothing changed)."""
    cleaned = list(dict.fromkeys(" ".join(i.split())[:100] for i in industries if i.strip()))
    if len(cleaned) > MAX_INDUSTRIES:
        raise InvalidInput("industries", f"Name at most {MAX_INDUSTRIES} industries.")
    with sessions.begin() as session:
        lead = check_lead(
            session, who.team_id, who.user_id, slack_admin=who.slack_admin, now=who.now
        ).is_lead
        if not lead:
            return None
        board = _board(session, who, pathway)
        board.industries = cleaned
        session.flush()
        done = "It should hear from: " + (", ".join(cleaned) or "no industry in particular") + "."
        return BoardAnswer(cards(session, who.team_id, [board], who.today)[0], done)
