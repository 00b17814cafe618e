"""Erasing a workspace: every row of every table that carries its `team_id`, in one
transaction, and nothing of any other workspace. The tables are read from the metadata, so a
table added later is covered without being named here (and one without a `team_id` column
stops the erase before anything is deleted)."""

from __future__ import annotations

from sqlalchemy import Table, delete, func, select
from sqlalchemy.orm import Session

from storage.db import SessionFactory
from storage.models import Base

NOT_PER_WORKSPACE = frozenset({"slack_oauth_states"})
"""Tables without a `team_id` on purpose: an install's state is issued before any workspace
is known, and expires within minutes."""


class NoTeamColumn(Exception):
    """A table has no `team_id` column, so a workspace's rows in it cannot be told apart."""


def workspace_tables() -> tuple[Table, ...]:
    """Every table holding a workspace's rows, children before the tables they refer to (the
    order rows are deleted in)."""
    tables = tuple(reversed(Base.metadata.sorted_tables))
    missing = [t.name for t in tables if "team_id" not in t.c and t.name not in NOT_PER_WORKSPACE]
    if missing:
        raise NoTeamColumn(", ".join(missing))
    return tuple(t for t in tables if "team_id" in t.c)


def delete_rows(session: Session, team_id: str) -> dict[str, int]:
    """Delete every row of the workspace in `session`'s transaction; the rows per table."""
    deleted: dict[str, int] = {}
    for t in workspace_tables():
        result = session.execute(delete(t).where(t.c.team_id == team_id))
        deleted[t.name] = int(getattr(result, "rowcount", 0) or 0)
    return deleted


def workspace_rows(sessions: SessionFactory, team_id: str) -> dict[str, int]:
    """How many rows each table holds for the workspace (every table, zeros included)."""
    tables = workspace_tables()
    with sessions() as session:
        return {
            t.name: int(
                session.execute(
                    select(func.count()).select_from(t).where(t.c.team_id == team_id)
                ).scalar_one()
            )
            for t in tables
        }


def delete_workspace(sessions: SessionFactory, team_id: str) -> dict[str, int]:
    """Delete every row of the workspace, in one transaction; the rows deleted per table."""
    with sessions.begin() as session:
        return delete_rows(session, team_id)
