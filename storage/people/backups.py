"""The school-side backup of a partner: who steps in when the owner is away."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from storage.errors import InvalidInput, NotFound
from storage.models import Partner
from storage.people.history import BACKUP, record_change
from storage.records import PartnerView
from storage.workspaces import ensure_staff


def set_backup(
    session: Session,
    team_id: str,
    partner_id: int,
    backup_user_id: str | None,
    *,
    by: str | None,
    now: datetime,
) -> PartnerView:
    """Make `backup_user_id` the partner's backup (None: no backup); kept in the history."""
    partner = session.get(Partner, partner_id)
    if partner is None or partner.team_id != team_id:
        raise NotFound(f"partner {partner_id}")
    if backup_user_id is not None and backup_user_id == partner.owner_user_id:
        raise InvalidInput("backup", "The owner can't be their own backup — pick someone else.")
    if partner.backup_user_id != backup_user_id:
        before = f"<@{partner.backup_user_id}>" if partner.backup_user_id else "none"
        after = f"<@{backup_user_id}>" if backup_user_id else "none"
        record_change(
            session, team_id, partner.id, BACKUP, f"backup {before} → {after}", by=by, now=now
        )
        partner.backup_user_id = backup_user_id
        partner.updated_at = now
        if backup_user_id is not None:
            ensure_staff(session, team_id, backup_user_id, now)
        session.flush()
    return PartnerView.of(partner)
