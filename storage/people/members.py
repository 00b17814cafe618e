"""Members of the school's Slack: leavers (Slack reported them deleted), who is an admin,
program leads, and the partners that need a new owner. Slack events are claimed by event_id
before they are acted on, so a retry of the same event changes nothing."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from storage.db import insert_unless_exists
from storage.models import HandledEvent, Partner, ProgramLead, Staff
from storage.records import PartnerView
from storage.workspaces import ensure_workspace, staff_row

MAX_LEADS = 20


def claim_event(session: Session, team_id: str, event_id: str, kind: str, *, now: datetime) -> bool:
    """True the first time this event is seen; False for a retry (or a concurrent delivery)
    of it. Act on the event in the same transaction."""
    claimed = insert_unless_exists(
        session,
        HandledEvent,
        {"team_id": team_id, "event_id": event_id[:64], "kind": kind[:32], "at": now},
    )
    return claimed is not None


def set_deactivated(
    session: Session, team_id: str, user_id: str, deactivated: bool, *, now: datetime
) -> bool:
    """Mark a person as gone (Slack deleted them) or back; True when that changed anything.
    Someone partnerbot never met is remembered only when they leave."""
    staff = session.get(Staff, (team_id, user_id))
    if staff is None:
        if not deactivated:
            return False
        staff = staff_row(session, team_id, user_id, now)
    if deactivated == (staff.deactivated_at is not None):
        return False
    staff.deactivated_at = now if deactivated else None
    session.flush()
    return True


def remember_admin(
    session: Session,
    team_id: str,
    user_id: str,
    is_admin: bool,
    *,
    now: datetime,
    create: bool = True,
) -> None:
    """Remember whether Slack says the person is a workspace admin or owner (`create` False:
    only for someone partnerbot already knows)."""
    staff = (
        staff_row(session, team_id, user_id, now)
        if create
        else session.get(Staff, (team_id, user_id))
    )
    if staff is not None and staff.is_admin != is_admin:
        staff.is_admin = is_admin
        session.flush()


def deactivated_users(session: Session, team_id: str, user_ids: Sequence[str]) -> set[str]:
    """Those of `user_ids` whom Slack reported deactivated."""
    if not user_ids:
        return set()
    return set(
        session.scalars(
            select(Staff.user_id).where(
                Staff.team_id == team_id,
                Staff.user_id.in_(list(user_ids)),
                Staff.deactivated_at.is_not(None),
            )
        )
    )


def named_leads(session: Session, team_id: str) -> list[str]:
    """The program leads named with `/partnerbot leads` (empty: admins and owners are)."""
    return list(
        session.scalars(
            select(ProgramLead.user_id)
            .where(ProgramLead.team_id == team_id)
            .order_by(ProgramLead.added_at, ProgramLead.user_id)
        )
    )


def active_leads(session: Session, team_id: str) -> list[str]:
    """The named program leads still in the workspace. When none is (none named, or every one
    has left), the workspace's admins and owners are the leads."""
    named = named_leads(session, team_id)
    gone = deactivated_users(session, team_id, named)
    return [u for u in named if u not in gone]


def is_known_lead(session: Session, team_id: str, user_id: str) -> bool:
    """A lead as far as the database knows, without asking Slack: a named lead still here, or
    (none is) a member remembered as a workspace admin or owner."""
    named = active_leads(session, team_id)
    if named:
        return user_id in named
    staff = session.get(Staff, (team_id, user_id))
    return staff is not None and staff.is_admin and staff.deactivated_at is None


def set_leads(
    session: Session, team_id: str, user_ids: Sequence[str], *, by: str, now: datetime
) -> list[str]:
    """Name the program leads (replacing the earlier ones); returns them."""
    ensure_workspace(session, team_id, now)
    session.execute(delete(ProgramLead).where(ProgramLead.team_id == team_id))
    unique = list(dict.fromkeys(user_ids))[:MAX_LEADS]
    for user_id in unique:
        session.add(ProgramLead(team_id=team_id, user_id=user_id, added_by=by, added_at=now))
    session.flush()
    return unique


def digest_leads(session: Session, team_id: str) -> set[str]:
    """Who sees "needs a new owner" in the digest: the named leads still here, else the admins
    and owners partnerbot knows of; never someone deactivated."""
    named = active_leads(session, team_id)
    if named:
        return set(named)
    return set(
        session.scalars(
            select(Staff.user_id).where(
                Staff.team_id == team_id, Staff.is_admin.is_(True), Staff.deactivated_at.is_(None)
            )
        )
    )


def needs_new_owner(session: Session, team_id: str, *, limit: int = 500) -> list[PartnerView]:
    """Partners (not archived) with no owner, or whose owner left."""
    gone = select(Staff.user_id).where(Staff.team_id == team_id, Staff.deactivated_at.is_not(None))
    rows = session.scalars(
        select(Partner)
        .where(
            Partner.team_id == team_id,
            Partner.archived_at.is_(None),
            or_(Partner.owner_user_id.is_(None), Partner.owner_user_id.in_(gone)),
        )
        .order_by(Partner.name_key)
        .limit(limit)
    )
    return [PartnerView.of(p) for p in rows]
