"""Follow-ups: creating them (from a contact, a command or a button) and what people do to them —
done, snooze, reassign — atomically, so a stale click or two people clicking at once change it
only once. The open lists are in `storage.open_follow_ups`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import cast
from zoneinfo import ZoneInfo

from sqlalchemy import Table, insert, select, update
from sqlalchemy.orm import Session

from storage.errors import InvalidInput, NotFound, StorageError
from storage.models import FollowUp, FollowUpEvent, FollowUpStatus, Partner
from storage.open_follow_ups import open_where
from storage.people.members import is_known_lead
from storage.records import FollowUpView
from storage.workspaces import ensure_staff

MAX_NOTE_LENGTH = 2000
# The same thing sent again this soon by the same person is a repeat (a retry, a double send).
REPEAT_WINDOW = timedelta(minutes=1)


@dataclass(frozen=True)
class NewFollowUp:
    """A follow-up to create: whose, when (the owner's local date and optional time), what."""

    owner_user_id: str
    due_date: date
    due_time: time | None
    note: str
    tz: ZoneInfo


def create_follow_up(
    session: Session,
    team_id: str,
    partner_id: int,
    wanted: NewFollowUp,
    *,
    now: datetime,
    created_by: str | None,
    source: str = "manual",
    interaction_id: int | None = None,
) -> FollowUpView:
    """Store an open follow-up; the owner becomes a known staff member (for their digest)."""
    note = _clean_note(wanted.note)
    if len(note) > MAX_NOTE_LENGTH:
        raise InvalidInput(
            "note", f"A follow-up note can be at most {MAX_NOTE_LENGTH:,} characters."
        )
    partner = session.get(Partner, partner_id)
    if partner is None or partner.team_id != team_id:
        raise NotFound(f"partner {partner_id}")
    ensure_staff(session, team_id, wanted.owner_user_id, now)
    new_id = session.execute(
        _NEW_FOLLOW_UP,
        {
            "team_id": team_id,
            "partner_id": partner_id,
            "owner_user_id": wanted.owner_user_id,
            "note": note,
            "due_date": wanted.due_date,
            "due_time": wanted.due_time,
            "due_at": due_moment(wanted.due_date, wanted.due_time, wanted.tz),
            "status": FollowUpStatus.OPEN,
            "source": source,
            "interaction_id": interaction_id,
            "created_by": created_by,
            "created_at": now,
        },
    ).scalar_one()
    return FollowUpView(
        new_id,
        partner_id,
        partner.name,
        wanted.owner_user_id,
        note,
        wanted.due_date,
        wanted.due_time,
        FollowUpStatus.OPEN,
        closed_by=None,
        closed_at=None,
    )


# Built once (a plain INSERT … RETURNING, no unit of work): every logged follow-up runs it.
_FOLLOW_UPS = cast(Table, FollowUp.__table__)
_NEW_FOLLOW_UP = insert(_FOLLOW_UPS).returning(_FOLLOW_UPS.c.id)


def repeated_follow_up(
    session: Session,
    team_id: str,
    partner_id: int,
    wanted: NewFollowUp,
    *,
    now: datetime,
    created_by: str,
) -> FollowUpView | None:
    """The same open follow-up, added by the same person within the last minute (a command sent
    twice or a Slack retry), if there is one."""
    row = session.scalars(
        select(FollowUp)
        .where(
            FollowUp.team_id == team_id,
            FollowUp.partner_id == partner_id,
            FollowUp.owner_user_id == wanted.owner_user_id,
            FollowUp.created_by == created_by,
            FollowUp.status == FollowUpStatus.OPEN,
            FollowUp.due_date == wanted.due_date,
            FollowUp.due_time.is_not_distinct_from(wanted.due_time),
            FollowUp.note == _clean_note(wanted.note),
            FollowUp.created_at >= now - REPEAT_WINDOW,
        )
        .order_by(FollowUp.id.desc())
        .limit(1)
    ).first()
    if row is None:
        return None
    partner = session.get(Partner, partner_id)
    return FollowUpView.of(row, partner.name if partner else "")


def _clean_note(note: str) -> str:
    return " ".join(note.split())


DEFAULT_DUE_TIME = time(9, 0)


@dataclass(frozen=True)
class Outcome:
    """The follow-up after the action; `changed` is False when it was already closed.
    `previous_owner_user_id` is who owned it before a reassignment."""

    follow_up: FollowUpView
    changed: bool
    previous_owner_user_id: str | None = None


def due_moment(due_date: date, due_time: time | None, tz: ZoneInfo) -> datetime:
    """The UTC instant a follow-up falls due: its local date at its time (09:00 when none)."""
    local = datetime.combine(due_date, due_time or DEFAULT_DUE_TIME, tzinfo=tz)
    return local.astimezone(UTC)


def _view(session: Session, row: FollowUp) -> FollowUpView:
    name = session.scalar(select(Partner.name).where(Partner.id == row.partner_id)) or "?"
    return FollowUpView.of(row, name)


def get_follow_up(session: Session, team_id: str, follow_up_id: int) -> FollowUpView:
    """One follow-up of this workspace; raises NotFound."""
    row = session.get(FollowUp, follow_up_id)
    if row is None or row.team_id != team_id:
        raise NotFound(f"follow-up {follow_up_id}")
    session.refresh(row)
    return _view(session, row)


def _change_open(
    session: Session, team_id: str, follow_up_id: int, values: dict[str, object]
) -> bool:
    result = session.execute(
        update(FollowUp)
        .where(
            FollowUp.id == follow_up_id,
            FollowUp.team_id == team_id,
            FollowUp.status == FollowUpStatus.OPEN,
        )
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(result, "rowcount", 0))


def _event(
    session: Session,
    team_id: str,
    follow_up_id: int,
    action: str,
    by: str | None,
    old: str | None,
    new: str | None,
    now: datetime,
) -> None:
    session.add(
        FollowUpEvent(
            team_id=team_id,
            follow_up_id=follow_up_id,
            action=action,
            by_user_id=by,
            old_value=old,
            new_value=new,
            at=now,
        )
    )


class NotAllowed(StorageError):
    """Someone other than the follow-up's owner, the partner's owner or a lead asked."""

    def __init__(self, owner_user_id: str | None, partner_owner: str | None) -> None:
        super().__init__("not allowed")
        self.owner_user_id = owner_user_id
        self.partner_owner = partner_owner


def check_may_change(session: Session, team_id: str, current: FollowUpView, by: str) -> None:
    """NotAllowed unless `by` owns the follow-up or its partner, or is a program lead."""
    partner_owner = session.scalar(
        select(Partner.owner_user_id).where(Partner.id == current.partner_id)
    )
    if by not in (current.owner_user_id, partner_owner) and not is_known_lead(session, team_id, by):
        raise NotAllowed(current.owner_user_id, partner_owner)


def complete_follow_up(
    session: Session, team_id: str, follow_up_id: int, *, by: str, now: datetime
) -> Outcome:
    """Mark it done by `by`; if someone already closed it, change nothing."""
    before = get_follow_up(session, team_id, follow_up_id)
    check_may_change(session, team_id, before, by)
    changed = _change_open(
        session,
        team_id,
        follow_up_id,
        {"status": FollowUpStatus.DONE, "closed_by": by, "closed_at": now},
    )
    if changed:
        _event(session, team_id, follow_up_id, "done", by, before.status.value, "done", now)
    session.flush()
    return Outcome(get_follow_up(session, team_id, follow_up_id), changed)


def snooze_follow_up(
    session: Session,
    team_id: str,
    follow_up_id: int,
    *,
    until: date,
    by: str,
    now: datetime,
    tz: ZoneInfo,
) -> Outcome:
    """Move an open follow-up to `until` (a local date in the owner's time zone `tz`)."""
    before = get_follow_up(session, team_id, follow_up_id)
    check_may_change(session, team_id, before, by)
    if until <= now.astimezone(tz).date() and before.status is FollowUpStatus.OPEN:
        raise InvalidInput("date", "Snooze to a day after today.")
    changed = _change_open(
        session,
        team_id,
        follow_up_id,
        {"due_date": until, "due_at": due_moment(until, before.due_time, tz)},
    )
    if changed:
        _event(
            session,
            team_id,
            follow_up_id,
            "snooze",
            by,
            before.due_date.isoformat(),
            until.isoformat(),
            now,
        )
    session.flush()
    return Outcome(get_follow_up(session, team_id, follow_up_id), changed)


def reassign_follow_up(
    session: Session,
    team_id: str,
    follow_up_id: int,
    *,
    to_user: str,
    by: str,
    now: datetime,
    tz: ZoneInfo,
) -> Outcome:
    """Give an open follow-up to `to_user`; its due moment follows the new owner's time zone."""
    before = get_follow_up(session, team_id, follow_up_id)
    check_may_change(session, team_id, before, by)
    changed = _change_open(
        session,
        team_id,
        follow_up_id,
        {"owner_user_id": to_user, "due_at": due_moment(before.due_date, before.due_time, tz)},
    )
    if changed:
        _event(session, team_id, follow_up_id, "reassign", by, before.owner_user_id, to_user, now)
    session.flush()
    return Outcome(get_follow_up(session, team_id, follow_up_id), changed, before.owner_user_id)


def cancel_open_follow_ups(
    session: Session, team_id: str, partner_id: int, *, by: str, now: datetime
) -> int:
    """Close every open follow-up of a partner as cancelled (its partner was archived); how
    many were closed. Each keeps an event saying who closed it and when."""
    ids = list(
        session.scalars(select(FollowUp.id).where(*open_where(team_id, None, partner_id, None)))
    )
    closed = [
        i
        for i in ids
        if _change_open(
            session,
            team_id,
            i,
            {"status": FollowUpStatus.CANCELLED, "closed_by": by, "closed_at": now},
        )
    ]
    for follow_up_id in closed:
        _event(session, team_id, follow_up_id, "cancel", by, "open", "cancelled", now)
    return len(closed)
