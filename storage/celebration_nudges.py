"""The weekly celebration nudge: when it goes out (per workspace, set by a lead), and what it
lists — this week's wins not yet celebrated and active partners nobody thanked lately."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from storage.celebrations import PromptView
from storage.db import SessionFactory, insert_unless_exists
from storage.models import (
    CelebrationPrompt,
    NudgeSettings,
    Partner,
    PromptStatus,
    Stage,
    Workspace,
)
from storage.records import PartnerView
from storage.workspaces import ensure_workspace

DEFAULT_WEEKDAY = 4  # Friday
DEFAULT_AT = time(13, 0)
UNTHANKED_DAYS = 90
"""An active partner nobody thanked for this long is listed in the nudge."""


@dataclass(frozen=True)
class Nudge:
    """A workspace's nudge setting: the weekday (0 Monday), local time, its zone (None: the
    app's default) and whether it is on; `channel` is where it goes (None: nowhere yet)."""

    team_id: str
    weekday: int
    at: time
    timezone: str | None
    enabled: bool
    channel: str | None


def _nudge(team_id: str, row: NudgeSettings | None, channel: str | None) -> Nudge:
    if row is None:
        return Nudge(team_id, DEFAULT_WEEKDAY, DEFAULT_AT, None, True, channel)
    return Nudge(team_id, row.weekday, row.at, row.timezone, row.enabled, channel)


def nudge_setting(session: Session, team_id: str) -> Nudge:
    """The workspace's nudge setting (the defaults until a lead changes them)."""
    workspace = session.get(Workspace, team_id)
    channel = workspace.celebration_channel if workspace else None
    return _nudge(team_id, session.get(NudgeSettings, team_id), channel)


def set_nudge(
    session: Session,
    team_id: str,
    *,
    by: str,
    now: datetime,
    weekday: int | None = None,
    at: time | None = None,
    timezone: str | None = None,
    enabled: bool | None = None,
) -> Nudge:
    """Change the nudge's day, time (read in `timezone`) or whether it is on."""
    ensure_workspace(session, team_id, now)
    insert_unless_exists(
        session,
        NudgeSettings,
        {
            "team_id": team_id,
            "weekday": DEFAULT_WEEKDAY,
            "at": DEFAULT_AT,
            "timezone": timezone,
            "enabled": True,
            "updated_by": by,
            "updated_at": now,
        },
    )
    row = session.get(NudgeSettings, team_id)
    assert row is not None
    if weekday is not None:
        row.weekday = weekday
    if at is not None:
        row.at = at
    if timezone is not None:
        row.timezone = timezone
    if enabled is not None:
        row.enabled = enabled
    row.updated_by, row.updated_at = by, now
    session.flush()
    return nudge_setting(session, team_id)


def nudges_on(session: Session) -> list[Nudge]:
    """Every workspace whose nudge is on and that has a celebration channel."""
    rows = session.execute(
        select(Workspace.team_id, Workspace.celebration_channel, NudgeSettings)
        .outerjoin(NudgeSettings, NudgeSettings.team_id == Workspace.team_id)
        .where(Workspace.celebration_channel.is_not(None))
        .order_by(Workspace.team_id)
    )
    found = [_nudge(team_id, row, channel) for team_id, channel, row in rows]
    return [n for n in found if n.enabled]


def week_wins(
    session: Session, team_id: str, *, week_start: date, since: datetime, limit: int
) -> tuple[list[PromptView], int]:
    """Open wins of the week (happened on or after `week_start`, or proposed since `since`),
    the first `limit` of them, and how many there are."""
    where = (
        CelebrationPrompt.team_id == team_id,
        CelebrationPrompt.status == PromptStatus.OPEN,
        or_(CelebrationPrompt.happened_on >= week_start, CelebrationPrompt.created_at >= since),
        Partner.archived_at.is_(None),
    )
    rows = session.execute(
        select(CelebrationPrompt, Partner.name)
        .join(Partner, Partner.id == CelebrationPrompt.partner_id)
        .where(*where)
        .order_by(CelebrationPrompt.happened_on, CelebrationPrompt.id)
        .limit(limit)
    )
    wins = [PromptView.of(p, name) for p, name in rows]
    total = session.scalar(
        select(func.count())
        .select_from(CelebrationPrompt)
        .join(Partner, Partner.id == CelebrationPrompt.partner_id)
        .where(*where)
    )
    return wins, int(total or 0)


def unthanked_partners(
    session: Session,
    team_id: str,
    *,
    now: datetime,
    days: int = UNTHANKED_DAYS,
    stage: Stage | None = Stage.ACTIVE,
    limit: int = 40,
) -> tuple[list[PartnerView], int]:
    """Partners (active ones by default; every stage with `stage=None`) not archived and not
    thanked in `days` days, never-thanked first then longest ago; the first `limit` of them and
    how many there are."""
    where = [
        Partner.team_id == team_id,
        Partner.archived_at.is_(None),
        or_(Partner.last_thanked_at.is_(None), Partner.last_thanked_at < now - timedelta(days)),
    ]
    if stage is not None:
        where.append(Partner.stage == stage)
    rows = session.scalars(
        select(Partner)
        .where(*where)
        .order_by(Partner.last_thanked_at.is_not(None), Partner.last_thanked_at, Partner.name_key)
        .limit(limit)
    )
    partners = [PartnerView.of(p) for p in rows]
    total = session.scalar(select(func.count()).select_from(Partner).where(*where))
    return partners, int(total or 0)


@dataclass(frozen=True)
class NudgeContent:
    """What one weekly nudge lists (the first items of each kind, and how many there are)."""

    wins: tuple[PromptView, ...]
    wins_total: int
    unthanked: tuple[PartnerView, ...]
    unthanked_total: int

    @property
    def empty(self) -> bool:
        """Nothing to nudge about: no nudge is posted."""
        return not (self.wins or self.unthanked)


def nudge_content(
    session: Session,
    team_id: str,
    *,
    week_start: date,
    since: datetime,
    now: datetime,
    limit: int = 20,
) -> NudgeContent:
    """This week's open wins and the active partners nobody thanked in 90 days."""
    wins, wins_total = week_wins(session, team_id, week_start=week_start, since=since, limit=limit)
    partners, partners_total = unthanked_partners(session, team_id, now=now, limit=limit)
    return NudgeContent(tuple(wins), wins_total, tuple(partners), partners_total)


def list_unthanked(
    sessions: SessionFactory, team_id: str, *, now: datetime, limit: int
) -> tuple[list[PartnerView], int]:
    """`/partner list unthanked`: partners of every stage nobody thanked in public lately,
    the first `limit` and how many there are, in one read."""
    with sessions() as session:
        return unthanked_partners(session, team_id, now=now, stage=None, limit=limit)
