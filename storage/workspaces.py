"""Workspaces and staff, created on first use: idempotent even when many requests for the same
new workspace or person arrive at once (INSERT … ON CONFLICT DO NOTHING, then read)."""

from __future__ import annotations

from datetime import datetime, time

from sqlalchemy.orm import Session

from storage.db import insert_unless_exists
from storage.models import Staff, Workspace
from storage.records import DigestSetting


def workspace_row(session: Session, team_id: str, now: datetime) -> Workspace:
    """Storage-internal: the workspace row, created the first time `team_id` is seen."""
    workspace = session.get(Workspace, team_id)
    if workspace is None:
        insert_unless_exists(
            session, Workspace, {"team_id": team_id, "created_at": now, "cadence_days": {}}
        )
        workspace = session.get(Workspace, team_id)
        assert workspace is not None
    return workspace


def staff_row(session: Session, team_id: str, user_id: str, now: datetime) -> Staff:
    """Storage-internal: the staff row of a Slack user, created (with the workspace) when new."""
    staff = session.get(Staff, (team_id, user_id))
    if staff is None:
        workspace_row(session, team_id, now)
        insert_unless_exists(
            session,
            Staff,
            {"team_id": team_id, "user_id": user_id, "digest_time": time(8, 0)},
        )
        staff = session.get(Staff, (team_id, user_id))
        assert staff is not None
    return staff


def ensure_workspace(session: Session, team_id: str, now: datetime) -> None:
    """Make sure the workspace `team_id` is known (safe to call from many requests at once)."""
    workspace_row(session, team_id, now)


def ensure_staff(session: Session, team_id: str, user_id: str, now: datetime) -> None:
    """Make sure the Slack user is a known staff member (and their workspace too)."""
    staff_row(session, team_id, user_id, now)


def staff_timezone(
    session: Session, team_id: str, user_id: str
) -> tuple[str | None, datetime | None]:
    """The IANA time zone remembered for a person, and when it was read from Slack
    ((None, None) for someone partnerbot has not met, or whose zone was never read)."""
    staff = session.get(Staff, (team_id, user_id))
    if staff is None:
        return None, None
    return staff.timezone, staff.timezone_checked_at


def remember_timezone(
    session: Session, team_id: str, user_id: str, tz_name: str | None, now: datetime
) -> None:
    """Remember a person's time zone as read from Slack at `now` (None: their profile has
    none); the person becomes a known staff member."""
    staff = staff_row(session, team_id, user_id, now)
    staff.timezone, staff.timezone_checked_at = tz_name, now
    session.flush()


def set_digest(
    session: Session,
    team_id: str,
    user_id: str,
    *,
    now: datetime,
    at: time | None = None,
    enabled: bool | None = None,
) -> DigestSetting:
    """Change when (and whether) a person gets the morning digest; returns the setting."""
    staff = staff_row(session, team_id, user_id, now)
    if at is not None:
        staff.digest_time = at
    if enabled is not None:
        staff.digest_enabled = enabled
    session.flush()
    return DigestSetting(staff.digest_time, staff.digest_enabled)


def set_celebration_channel(
    session: Session, team_id: str, channel_id: str | None, *, now: datetime
) -> str | None:
    """Where `/celebrate` posts (None: the channel it is typed in); returns the channel."""
    workspace = workspace_row(session, team_id, now)
    workspace.celebration_channel = channel_id
    session.flush()
    return workspace.celebration_channel


def celebration_channel(session: Session, team_id: str) -> str | None:
    """The workspace's celebration channel, if one is set."""
    workspace = session.get(Workspace, team_id)
    return workspace.celebration_channel if workspace else None
