"""`/partnerbot`'s settings, one operation per request: a person's digest, the team's
stay-in-touch cadence per stage, the weekly celebration nudge. Each reads and writes in one
transaction and returns plain values."""

from __future__ import annotations

from datetime import datetime, time

from storage.celebration_nudges import Nudge, nudge_setting, set_nudge
from storage.db import SessionFactory
from storage.models import Stage
from storage.partners.cadence import StageCadence, set_stage_cadence, stage_cadences
from storage.records import DigestSetting
from storage.workspaces import set_digest


def change_digest(
    sessions: SessionFactory,
    team_id: str,
    user_id: str,
    *,
    now: datetime,
    at: time | None,
    enabled: bool | None,
) -> DigestSetting:
    """`/partnerbot digest …`: when (and whether) the person gets the digest, after the
    change (none asked: as it is)."""
    with sessions.begin() as session:
        return set_digest(session, team_id, user_id, now=now, at=at, enabled=enabled)


def team_cadences(sessions: SessionFactory, team_id: str) -> dict[Stage, StageCadence]:
    """`/partnerbot cadence`: the team's interval per stage."""
    with sessions() as session:
        return stage_cadences(session, team_id)


def change_team_cadence(
    sessions: SessionFactory, team_id: str, stage: Stage, days: int | None, *, now: datetime
) -> dict[Stage, StageCadence]:
    """`/partnerbot cadence STAGE DAYS|default`: one stage's interval set; every stage's after
    (InvalidInput, nothing saved: days out of range)."""
    with sessions.begin() as session:
        return set_stage_cadence(session, team_id, stage, days, now=now)


def change_nudge(
    sessions: SessionFactory,
    team_id: str,
    *,
    by: str,
    now: datetime,
    weekday: int | None,
    at: time | None,
    timezone: str | None,
    enabled: bool | None,
) -> Nudge:
    """`/partnerbot nudge …`: the weekly nudge's setting after the change (none asked: as it
    is, nothing written)."""
    if weekday is None and at is None and enabled is None:
        with sessions() as session:
            return nudge_setting(session, team_id)
    with sessions.begin() as session:
        return set_nudge(
            session,
            team_id,
            by=by,
            now=now,
            weekday=weekday,
            at=at,
            timezone=timezone,
            enabled=enabled,
        )
