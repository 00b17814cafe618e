"""Stay-in-touch cadence: how often each partner should hear from us, and who is going cold."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.busy_seasons import busy_on
from storage.errors import InvalidInput, NotFound
from storage.models import Partner, Stage, Workspace
from storage.records import PartnerView
from storage.workspaces import workspace_row

# Days between contacts before a partner is "going cold", per stage. Workspaces may override.
DEFAULT_CADENCE_DAYS: Mapping[Stage, int] = {
    Stage.PROSPECT: 30,
    Stage.CONTACTED: 14,
    Stage.ENGAGED: 21,
    Stage.ACTIVE: 45,
    Stage.PAUSED: 120,
}
MAX_CADENCE_DAYS = 730


@dataclass(frozen=True)
class ColdPartner:
    """A partner past its stay-in-touch interval."""

    partner: PartnerView
    cadence_days: int
    days_since_contact: int
    never_contacted: bool


def _overrides(session: Session, team_id: str) -> Mapping[str, int]:
    workspace = session.get(Workspace, team_id)
    return (workspace.cadence_days if workspace else None) or {}


def stage_cadence(overrides: Mapping[str, int], stage: Stage) -> int:
    """A stage's interval given the workspace's overrides (stage value → days), else the default."""
    value = overrides.get(stage.value)
    return int(value) if value else DEFAULT_CADENCE_DAYS[stage]


def effective_cadence(partner: PartnerView, overrides: Mapping[str, int]) -> int:
    """The partner's own interval when set, else its stage's."""
    return partner.cadence_days or stage_cadence(overrides, partner.stage)


def partner_cadence_days(session: Session, team_id: str, partner_id: int) -> int:
    """How many days this partner may go without a contact before it is going cold."""
    partner = session.get(Partner, partner_id)
    if partner is None or partner.team_id != team_id:
        raise NotFound(f"partner {partner_id}")
    return partner.cadence_days or stage_cadence(_overrides(session, team_id), partner.stage)


def check_cadence_days(days: int) -> int:
    """Validate an interval in days, or raise InvalidInput saying the allowed range."""
    if not 1 <= days <= MAX_CADENCE_DAYS:
        raise InvalidInput("cadence", f"A cadence is 1 to {MAX_CADENCE_DAYS} days.")
    return days


@dataclass(frozen=True)
class StageCadence:
    """A stage's interval in one workspace; `default` when the workspace has not changed it."""

    days: int
    default: bool


def stage_cadences(session: Session, team_id: str) -> dict[Stage, StageCadence]:
    """Every stage's interval in this workspace, in pipeline order."""
    overrides = _overrides(session, team_id)
    return {
        stage: StageCadence(stage_cadence(overrides, stage), not overrides.get(stage.value))
        for stage in Stage
    }


def set_stage_cadence(
    session: Session, team_id: str, stage: Stage, days: int | None, *, now: datetime
) -> dict[Stage, StageCadence]:
    """Set the workspace's interval for one stage (None: back to the built-in default)."""
    workspace = workspace_row(session, team_id, now)
    overrides = dict(workspace.cadence_days or {})
    if days is None:
        overrides.pop(stage.value, None)
    else:
        overrides[stage.value] = check_cadence_days(days)
    workspace.cadence_days = overrides  # a new dict, so the JSON column is seen as changed
    session.flush()
    return stage_cadences(session, team_id)


def set_partner_cadence(
    session: Session, team_id: str, partner_id: int, days: int | None, *, now: datetime
) -> PartnerView:
    """Override one partner's interval (None: back to its stage's default)."""
    partner = session.get(Partner, partner_id)
    if partner is None or partner.team_id != team_id:
        raise NotFound(f"partner {partner_id}")
    partner.cadence_days = check_cadence_days(days) if days is not None else None
    partner.updated_at = now
    session.flush()
    return PartnerView.of(partner)


def going_cold(
    session: Session,
    team_id: str,
    *,
    now: datetime,
    today: date,
    owner_user_id: str | None = None,
) -> list[ColdPartner]:
    """Partners (not archived) whose last contact, or creation when never contacted, is older
    than their interval, except those in a busy season on `today` (the asker's local date):
    going cold pauses then, in the digest, on the App Home and in `/partner list cold` alike.
    Longest-silent first."""
    overrides = _overrides(session, team_id)
    stmt = select(Partner).where(Partner.team_id == team_id, Partner.archived_at.is_(None))
    if owner_user_id is not None:
        stmt = stmt.where(Partner.owner_user_id == owner_user_id)
    cutoff = now - timedelta(days=1)  # no interval is shorter than a day
    stmt = stmt.where(
        ((Partner.last_contact_at.is_not(None)) & (Partner.last_contact_at < cutoff))
        | ((Partner.last_contact_at.is_(None)) & (Partner.created_at < cutoff))
    )
    cold: list[ColdPartner] = []
    for partner in session.scalars(stmt):
        cadence = partner.cadence_days or stage_cadence(overrides, partner.stage)
        since = partner.last_contact_at or partner.created_at
        days = (now - since).days
        if days >= cadence:
            cold.append(
                ColdPartner(
                    partner=PartnerView.of(partner),
                    cadence_days=cadence,
                    days_since_contact=days,
                    never_contacted=partner.last_contact_at is None,
                )
            )
    if cold:
        busy = busy_on(session, team_id, today, [c.partner.id for c in cold])
        cold = [c for c in cold if c.partner.id not in busy]
    cold.sort(key=lambda c: (-(c.days_since_contact - c.cadence_days), c.partner.name.casefold()))
    return cold
