"""Workspaces and staff rows, created on first use."""

from __future__ import annotations

from datetime import datetime, time

from sqlalchemy.orm import Session

from storage.models import Staff, Workspace


def ensure_workspace(session: Session, team_id: str, now: datetime) -> Workspace:
    """Return the workspace row for `team_id`, creating it the first time it is seen."""
    workspace = session.get(Workspace, team_id)
    if workspace is None:
        workspace = Workspace(team_id=team_id, created_at=now, cadence_days={})
        session.add(workspace)
        session.flush()
    return workspace


def ensure_staff(session: Session, team_id: str, user_id: str, now: datetime) -> Staff:
    """Return the staff row for a Slack user, creating it (and the workspace) when new."""
    staff = session.get(Staff, (team_id, user_id))
    if staff is None:
        ensure_workspace(session, team_id, now)
        staff = Staff(team_id=team_id, user_id=user_id)
        session.add(staff)
        session.flush()
    return staff


def set_digest(
    session: Session,
    team_id: str,
    user_id: str,
    *,
    now: datetime,
    at: time | None = None,
    enabled: bool | None = None,
) -> Staff:
    """Change when (and whether) a person gets the morning digest."""
    staff = ensure_staff(session, team_id, user_id, now)
    if at is not None:
        staff.digest_time = at
    if enabled is not None:
        staff.digest_enabled = enabled
    session.flush()
    return staff


def set_celebration_channel(
    session: Session, team_id: str, channel_id: str | None, *, now: datetime
) -> Workspace:
    """Where `/celebrate` posts (None: the channel it is typed in)."""
    workspace = ensure_workspace(session, team_id, now)
    workspace.celebration_channel = channel_id
    session.flush()
    return workspace


def celebration_channel(session: Session, team_id: str) -> str | None:
    """The workspace's celebration channel, if one is set."""
    workspace = session.get(Workspace, team_id)
    return workspace.celebration_channel if workspace else None
