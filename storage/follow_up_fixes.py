"""Fixing a follow-up later, each in one transaction: reopen one marked done, or change its
text and day. Only its owner, the partner's owner or a program lead may (NotAllowed: nothing
changed). Each change keeps a FollowUpEvent and a line in the partner's history."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from storage.db import SessionFactory
from storage.errors import InvalidInput
from storage.follow_ups import (
    MAX_NOTE_LENGTH,
    NotAllowed,
    Outcome,
    check_may_change,
    due_moment,
    get_follow_up,
)
from storage.follow_ups_requests import Clicked, ListWanted, ZoneNeeded, list_in
from storage.models import FollowUp, FollowUpEvent, FollowUpStatus
from storage.people.history import record_change
from storage.records import FollowUpView

__all__ = [
    "FOLLOW_UP",
    "NotAllowed",
    "edit_follow_up",
    "reopen_clicked",
    "reopen_follow_up",
    "view_of",
]

FOLLOW_UP = "follow-up"
"""The kind of a partner-history change to one of its follow-ups."""


def _row(session: Session, team_id: str, follow_up_id: int, by: str) -> FollowUp:
    """The follow-up, read for changing it, once `by` may (else NotAllowed)."""
    current = get_follow_up(session, team_id, follow_up_id)  # NotFound when gone
    check_may_change(session, team_id, current, by)
    row = session.get(FollowUp, follow_up_id, with_for_update=True)
    assert row is not None
    return row


def _keep(
    session: Session,
    row: FollowUp,
    action: str,
    change: tuple[str, str],
    summary: str,
    by: str,
    now: datetime,
) -> None:
    old, new = change
    session.add(
        FollowUpEvent(
            team_id=row.team_id,
            follow_up_id=row.id,
            action=action,
            by_user_id=by,
            old_value=old[:200],
            new_value=new[:200],
            at=now,
        )
    )
    record_change(session, row.team_id, row.partner_id, FOLLOW_UP, summary, by=by, now=now)


def reopen_follow_up(
    session: Session, team_id: str, follow_up_id: int, *, by: str, now: datetime
) -> Outcome:
    """Reopen a follow-up marked done, in the caller's transaction (one that is not done
    changes nothing); NotAllowed, NotFound."""
    row = _row(session, team_id, follow_up_id, by)
    changed = row.status is FollowUpStatus.DONE
    if changed:
        row.status, row.closed_by, row.closed_at = FollowUpStatus.OPEN, None, None
        said = f"reopened the follow-up “{row.note[:300]}”"
        _keep(session, row, "reopen", ("done", "open"), said, by, now)
        session.flush()
    return Outcome(get_follow_up(session, team_id, follow_up_id), changed)


def reopen_clicked(
    sessions: SessionFactory,
    team_id: str,
    follow_up_id: int,
    *,
    by: str,
    now: datetime,
    wanted: ListWanted | None,
) -> Clicked:
    """Reopen a follow-up marked done, and read the list it was shown in again."""
    with sessions.begin() as session:
        outcome = reopen_follow_up(session, team_id, follow_up_id, by=by, now=now)
        listed = list_in(session, team_id, wanted) if wanted is not None else None
        return Clicked(outcome.follow_up, outcome, listed=listed)


def edit_follow_up(
    sessions: SessionFactory,
    team_id: str,
    follow_up_id: int,
    *,
    note: str,
    due_date: date,
    zones: Mapping[str, ZoneInfo],
    by: str,
    now: datetime,
) -> Outcome:
    """Change an open follow-up's text and day (in its owner's time zone, from `zones`, else
    ZoneNeeded); `changed` is False when neither differs."""
    note = " ".join(note.split())
    if len(note) > MAX_NOTE_LENGTH:
        too_long = f"A follow-up note can be at most {MAX_NOTE_LENGTH:,} characters."
        raise InvalidInput("note", too_long)
    with sessions.begin() as session:
        row = _row(session, team_id, follow_up_id, by)
        if row.status is not FollowUpStatus.OPEN:
            closed = "Only an open follow-up can be changed; reopen it first."
            raise InvalidInput("due_date", closed)
        tz = zones.get(row.owner_user_id or by)
        if tz is None:
            raise ZoneNeeded(row.owner_user_id or by)
        if due_date < now.astimezone(tz).date():
            raise InvalidInput("due_date", "Pick today or a later day.")
        changed = (note, due_date) != (row.note, row.due_date)
        if changed:
            old = f"{row.due_date.isoformat()} {row.note}"
            row.note, row.due_date = note, due_date
            row.due_at = due_moment(due_date, row.due_time, tz)
            new = f"{due_date.isoformat()} {note}"
            said = f"changed a follow-up to {due_date:%a %b} {due_date.day}: “{note[:300]}”"
            _keep(session, row, "edit", (old, new), said, by, now)
            session.flush()
        return Outcome(get_follow_up(session, team_id, follow_up_id), changed)


def view_of(sessions: SessionFactory, team_id: str, follow_up_id: int) -> FollowUpView:
    """One follow-up as it is (NotFound when gone): what the edit form starts from."""
    with sessions() as session:
        return get_follow_up(session, team_id, follow_up_id)
