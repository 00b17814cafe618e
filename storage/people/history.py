"""A partner's history: ownership changes (ownership_changes) and every other change
(partner_changes: stage, backup, business contacts), newest first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import OwnershipChange, PartnerChange

STAGE = "stage"
BACKUP = "backup"
CONTACT = "contact"
OWNER = "owner"


@dataclass(frozen=True)
class HistoryEntry:
    """One change: what kind, a short description, who made it and when. For ownership
    changes, `from_user_id`/`to_user_id` say who owned it before and after."""

    kind: str
    summary: str
    by_user_id: str | None
    at: datetime
    from_user_id: str | None = None
    to_user_id: str | None = None


def record_change(
    session: Session,
    team_id: str,
    partner_id: int,
    kind: str,
    summary: str,
    *,
    by: str | None,
    now: datetime,
) -> None:
    """Keep one change in the partner's history (in the caller's transaction)."""
    session.add(
        PartnerChange(
            team_id=team_id,
            partner_id=partner_id,
            kind=kind,
            summary=summary[:500],
            by_user_id=by,
            at=now,
        )
    )


def partner_history(
    session: Session, team_id: str, partner_id: int, *, limit: int = 40
) -> tuple[list[HistoryEntry], int]:
    """The newest `limit` changes of a partner, and how many there are in all."""
    owners = session.scalars(
        select(OwnershipChange).where(
            OwnershipChange.team_id == team_id, OwnershipChange.partner_id == partner_id
        )
    ).all()
    others = session.scalars(
        select(PartnerChange).where(
            PartnerChange.team_id == team_id, PartnerChange.partner_id == partner_id
        )
    ).all()
    entries = [
        HistoryEntry(
            OWNER, o.reason or "assigned", o.changed_by, o.changed_at, o.from_user_id, o.to_user_id
        )
        for o in owners
    ] + [HistoryEntry(c.kind, c.summary, c.by_user_id, c.at) for c in others]
    entries.sort(key=lambda e: e.at, reverse=True)
    return entries[:limit], len(entries)
