"""Undoing an applied import (in the caller's transaction): the partners it added are deleted
unless something was recorded on them since, the business contacts it added to partners it
updated are removed, and each field it changed is put back unless someone changed it since.
The restores are kept in the partners' history."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from storage.imports.apply import IMPORT, _set, to_json
from storage.imports.values import Summary
from storage.models import (
    BusinessContact,
    ImportBatch,
    OwnershipChange,
    Partner,
    PartnerChange,
)
from storage.partners.merge import attached
from storage.partners.name_index import names_changed
from storage.people.history import record_change


def _untouched_since(session: Session, team_id: str, partner_id: int, since: datetime) -> bool:
    """Nothing was recorded on the partner after `since` (the import) but its business
    contacts and the import's own history."""
    found = attached(session, team_id, partner_id)
    if any(
        (
            found.contacts,
            found.follow_ups,
            found.engagements,
            found.documents,
            found.busy_seasons,
            found.prompts,
            found.thank_yous,
        )
    ):
        return False
    later = session.scalar(
        select(func.count()).where(PartnerChange.partner_id == partner_id, PartnerChange.at > since)
    )
    owners = session.scalar(
        select(func.count()).where(
            OwnershipChange.partner_id == partner_id, OwnershipChange.changed_at > since
        )
    )
    return not later and not owners


def _remove_added(session: Session, batch: ImportBatch, since: datetime) -> tuple[int, list[str]]:
    """Delete the partners the import added: how many, and the names of those kept."""
    removed, kept = 0, []
    for partner_id in (batch.added or {}).get("partners") or []:
        partner = session.get(Partner, partner_id, with_for_update=True)
        if partner is None or partner.team_id != batch.team_id:
            continue
        if not _untouched_since(session, batch.team_id, partner_id, since):
            kept.append(partner.name)
            continue
        session.execute(delete(OwnershipChange).where(OwnershipChange.partner_id == partner_id))
        session.execute(delete(PartnerChange).where(PartnerChange.partner_id == partner_id))
        session.execute(delete(BusinessContact).where(BusinessContact.partner_id == partner_id))
        session.execute(delete(Partner).where(Partner.id == partner_id))
        removed += 1
    return removed, kept


def _restore(
    session: Session, batch: ImportBatch, prior: dict[str, Any], by: str, now: datetime
) -> bool:
    """Put back what the import changed on one partner; False when any of it changed since
    (those fields are left as they are now)."""
    partner = session.get(Partner, prior["partner_id"], with_for_update=True)
    if partner is None or partner.team_id != batch.team_id:
        return True
    contact_ids = prior.get("contacts") or []
    if contact_ids:
        session.execute(
            delete(BusinessContact).where(
                BusinessContact.partner_id == partner.id, BusinessContact.id.in_(contact_ids)
            )
        )
    back: dict[str, Any] = {}
    clean = True
    for column, value in (prior.get("after") or {}).items():
        if to_json(column, getattr(partner, column)) == value:
            back[column] = prior["before"].get(column)
        else:
            clean = False
    _set(session, partner, back, by, now)
    if back or contact_ids:
        summary = f"Import #{batch.id} undone: restored what it changed"
        record_change(session, batch.team_id, partner.id, IMPORT, summary, by=by, now=now)
    return clean


def undo_rows(session: Session, batch: ImportBatch, *, by: str, now: datetime) -> Summary:
    """Undo the applied `batch`; its summary counts what was removed and restored."""
    assert batch.applied_at is not None
    removed, kept = _remove_added(session, batch, batch.applied_at)
    restored = 0
    for prior in batch.prior or []:
        if _restore(session, batch, prior, by, now):
            restored += 1
        else:
            kept.append(str(prior.get("name") or ""))
    names_changed(session, batch.team_id)
    return Summary(batch.id, added=removed, updated=restored, kept=tuple(kept))
