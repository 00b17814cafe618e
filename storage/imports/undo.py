"""Undoing an applied import (in the caller's transaction): the partners it added are deleted
unless something was recorded on them since, the business contacts it added to partners it
updated are removed, and each field it changed is put back unless someone changed it since.
The restores are kept in the partners' history. In bulk, like the apply."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from storage.imports.apply import IMPORT, chunks, from_json, to_json
from storage.imports.values import Summary
from storage.models import (
    BusinessContact,
    BusySeason,
    CelebrationPrompt,
    ComplianceDocument,
    Engagement,
    FollowUp,
    ImportBatch,
    Interaction,
    OwnershipChange,
    Partner,
    PartnerChange,
    ThankYou,
)
from storage.partners.name_index import names_changed

_RECORDED_ON = (
    Interaction,
    FollowUp,
    Engagement,
    ComplianceDocument,
    BusySeason,
    CelebrationPrompt,
    ThankYou,
)
"""What may be recorded on a partner after it was imported (then Undo keeps it)."""


def _touched(session: Session, ids: list[int], since: datetime) -> set[int]:
    """Which of these partners had anything recorded on them after `since`."""
    found: set[int] = set()
    for model in _RECORDED_ON:
        column = model.partner_id
        found |= set(session.scalars(select(column).where(column.in_(ids)).distinct()))
    for column, at in (
        (PartnerChange.partner_id, PartnerChange.at),
        (OwnershipChange.partner_id, OwnershipChange.changed_at),
        (BusinessContact.partner_id, BusinessContact.created_at),
    ):
        found |= set(session.scalars(select(column).where(column.in_(ids), at > since).distinct()))
    return found


def _remove_added(session: Session, batch: ImportBatch, since: datetime) -> tuple[int, list[str]]:
    """Delete the partners the import added: how many, and the names of those kept. Their
    records go first, all of them, so deleting the partners finds nothing left to cascade."""
    gone: list[int] = []
    kept: list[str] = []
    for chunk in chunks((batch.added or {}).get("partners") or []):
        rows = session.execute(
            select(Partner.id, Partner.name)
            .where(Partner.team_id == batch.team_id, Partner.id.in_(chunk))
            .with_for_update()
        ).all()
        touched = _touched(session, [i for i, _ in rows], since)
        kept += [name for i, name in rows if i in touched]
        gone += [i for i, _ in rows if i not in touched]
    options = {"synchronize_session": False}
    for chunk in chunks(gone):
        for record in (OwnershipChange, PartnerChange, BusinessContact):
            stmt = delete(record).where(record.partner_id.in_(chunk))
            session.execute(stmt, execution_options=options)
    for chunk in chunks(gone):
        stmt = delete(Partner).where(Partner.team_id == batch.team_id, Partner.id.in_(chunk))
        session.execute(stmt, execution_options=options)
    return len(gone), kept


def _restore(session: Session, batch: ImportBatch, by: str, now: datetime) -> tuple[int, list[str]]:
    """Put back what the import changed on the partners it updated: how many were restored
    whole, and the names of those where something changed since (left as it is now)."""
    prior: list[dict[str, Any]] = batch.prior or []
    restored, kept = 0, []
    history: list[dict[str, Any]] = []
    for chunk in chunks(prior):
        ids = [p["partner_id"] for p in chunk]
        found = {
            p.id: p
            for p in session.scalars(
                select(Partner)
                .where(Partner.team_id == batch.team_id, Partner.id.in_(ids))
                .with_for_update()
            )
        }
        added = [c for p in chunk for c in p.get("contacts") or []]
        if added:
            session.execute(
                delete(BusinessContact).where(
                    BusinessContact.team_id == batch.team_id, BusinessContact.id.in_(added)
                )
            )
        for entry in chunk:
            partner = found.get(entry["partner_id"])
            if partner is None:
                continue
            clean = True
            for column, value in (entry.get("after") or {}).items():
                if to_json(column, getattr(partner, column)) != value:
                    clean = False
                    continue
                before = entry["before"].get(column)
                if column == "owner_user_id":
                    session.add(
                        OwnershipChange(
                            team_id=batch.team_id,
                            partner_id=partner.id,
                            from_user_id=partner.owner_user_id,
                            to_user_id=before,
                            changed_by=by,
                            reason=IMPORT,
                            changed_at=now,
                        )
                    )
                setattr(partner, column, from_json(column, before))
            partner.updated_at = now
            history.append(
                {"team_id": batch.team_id, "partner_id": partner.id, "kind": IMPORT,
                 "summary": f"Import #{batch.id} undone: restored what it changed",
                 "by_user_id": by, "at": now}
            )  # fmt: skip
            if clean:
                restored += 1
            else:
                kept.append(partner.name)
    for chunk in chunks(history):
        session.add_all(PartnerChange(**h) for h in chunk)
    return restored, kept


def undo_rows(session: Session, batch: ImportBatch, *, by: str, now: datetime) -> Summary:
    """Undo the applied `batch`; its summary counts what was removed and restored."""
    assert batch.applied_at is not None
    removed, kept = _remove_added(session, batch, batch.applied_at)
    restored, changed = _restore(session, batch, by, now)
    names_changed(session, batch.team_id)
    return Summary(batch.id, added=removed, updated=restored, kept=(*kept, *changed))
