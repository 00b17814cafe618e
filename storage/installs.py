"""Installs and uninstalls: which workspaces may be sent to, and erasing a workspace's data
once it has been uninstalled long enough.

Slack's `app_uninstalled` and `tokens_revoked` mark the workspace uninstalled and drop its
tokens in one transaction: from then on nothing is sent to it (the scheduler reads
`uninstalled_teams`). Its records are kept `keep_days` (PARTNERBOT_UNINSTALLED_KEEP_DAYS) in
case it comes back (a new install clears the mark), then `erase_expired` deletes every row
that carries its team_id, in every table, walking the models' metadata."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update

from storage.db import SessionFactory
from storage.erase import delete_rows
from storage.models import SlackBot, SlackInstallation, Workspace
from storage.workspaces import workspace_row


@dataclass(frozen=True)
class Uninstall:
    """What an uninstall did: the workspaces now marked, the tokens dropped."""

    teams: tuple[str, ...]
    tokens_dropped: int


def mark_uninstalled(
    sessions: SessionFactory, team_id: str | None, enterprise_id: str | None, *, now: datetime
) -> Uninstall:
    """The app was uninstalled from (or its tokens revoked in) `team_id`, or, for an
    org-wide install (`team_id` None), from the Grid org `enterprise_id`: mark the workspace
    (every known workspace of the org) uninstalled, keeping the first date, and drop the
    tokens. Idempotent (Slack's retries change nothing)."""
    with sessions.begin() as session:
        if team_id:
            workspace_row(session, team_id, now)
            teams = [team_id]
        else:  # the org's workspaces, but not those still installed on their own
            org = select(Workspace.team_id).where(Workspace.enterprise_id == enterprise_id)
            own = select(SlackBot.team_id).where(SlackBot.team_id.is_not(None))
            teams = list(session.scalars(org.where(Workspace.team_id.not_in(own))))
        session.execute(
            update(Workspace)
            .where(Workspace.team_id.in_(teams), Workspace.uninstalled_at.is_(None))
            .values(uninstalled_at=now)
        )
        dropped = 0
        for model in (SlackBot, SlackInstallation):
            where = (
                model.team_id == team_id
                if team_id
                else (model.enterprise_id == enterprise_id) & model.team_id.is_(None)
            )
            dropped += int(getattr(session.execute(delete(model).where(where)), "rowcount", 0) or 0)
    return Uninstall(tuple(sorted(str(t) for t in teams)), dropped)


def mark_installed(
    sessions: SessionFactory, team_id: str | None, enterprise_id: str | None, *, now: datetime
) -> tuple[str, ...]:
    """A (re)install of `team_id`, or org-wide of the Grid org `enterprise_id`: sending resumes
    and the data is no longer due for erasing. The workspaces that had been uninstalled."""
    with sessions.begin() as session:
        if team_id:
            workspace_row(session, team_id, now).enterprise_id = enterprise_id
            where = Workspace.team_id == team_id
        elif enterprise_id:
            where = Workspace.enterprise_id == enterprise_id
        else:
            return ()
        back = tuple(
            session.scalars(
                select(Workspace.team_id).where(where, Workspace.uninstalled_at.is_not(None))
            )
        )
        session.execute(update(Workspace).where(where).values(uninstalled_at=None))
    return back


def remember_org(
    sessions: SessionFactory, enterprise_id: str, team_ids: list[str], *, now: datetime
) -> None:
    """The workspaces an org-wide install of `enterprise_id` serves (as Slack's
    auth.teams.list says), so an org uninstall reaches every one of them."""
    with sessions.begin() as session:
        for team_id in team_ids:
            workspace = workspace_row(session, team_id, now)
            if workspace.enterprise_id != enterprise_id:
                workspace.enterprise_id = enterprise_id


def uninstalled_teams(sessions: SessionFactory) -> frozenset[str]:
    """Every workspace marked uninstalled: nothing may be sent to them."""
    with sessions() as session:
        found = session.scalars(
            select(Workspace.team_id).where(Workspace.uninstalled_at.is_not(None))
        )
        return frozenset(found)


def erase_workspace(
    sessions: SessionFactory, team_id: str, *, before: datetime | None = None
) -> int:
    """Delete every row of every table that carries `team_id` (children before parents, the
    workspace itself last), in one transaction; the number of rows deleted. With `before`:
    only when the workspace is still uninstalled since before then (not reinstalled)."""
    with sessions.begin() as session:
        if before is not None:
            since = session.scalar(
                select(Workspace.uninstalled_at).where(Workspace.team_id == team_id)
            )
            if since is None or since > before:
                return 0
        return sum(delete_rows(session, team_id).values())


def erase_expired(sessions: SessionFactory, *, now: datetime, keep_days: int) -> dict[str, int]:
    """Erase every workspace uninstalled `keep_days` ago or longer and not reinstalled since:
    rows deleted per workspace."""
    cutoff = now - timedelta(days=keep_days)
    with sessions() as session:
        due = list(
            session.scalars(select(Workspace.team_id).where(Workspace.uninstalled_at <= cutoff))
        )
    return {team_id: erase_workspace(sessions, team_id, before=cutoff) for team_id in due}


def workspace_orgs(sessions: SessionFactory) -> dict[str, str]:
    """The Grid org of every workspace known to belong to one."""
    with sessions() as session:
        rows = session.execute(
            select(Workspace.team_id, Workspace.enterprise_id).where(
                Workspace.enterprise_id.is_not(None)
            )
        )
        return {str(team): str(org) for team, org in rows}


def org_installs(sessions: SessionFactory, client_id: str) -> list[str]:
    """The Grid orgs where the app `client_id` is installed org-wide."""
    with sessions() as session:
        found = session.scalars(
            select(SlackBot.enterprise_id)
            .distinct()
            .where(
                SlackBot.client_id == client_id,
                SlackBot.is_enterprise_install.is_(True),
                SlackBot.enterprise_id.is_not(None),
            )
        )
        return sorted(str(org) for org in found)
