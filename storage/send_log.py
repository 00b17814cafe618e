"""The send log: each scheduled send is claimed under a unique key (workspace, user, kind, local
date) *before* it is posted, so restarts, late ticks and a second scheduler never send twice,
and a failed post is claimed again on a later tick."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from storage.db import insert_unless_exists
from storage.models import SendLog, SendStatus

MAX_ATTEMPTS = 5
RETRY_AFTER = timedelta(minutes=1)
# A claim still pending after this long belongs to a process that died before posting.
STALE_PENDING = timedelta(minutes=30)


@dataclass(frozen=True)
class Claim:
    """The right to make one send; `attempt` counts from 1."""

    id: int
    attempt: int


def claim_send(
    session: Session, team_id: str, user_id: str, kind: str, local_date: date, *, now: datetime
) -> Claim | None:
    """Claim the send, or None when it was made, is being made, or has failed too often.
    Commit right after, before posting, so other schedulers see the claim."""
    claimed = insert_unless_exists(
        session,
        SendLog,
        {
            "team_id": team_id,
            "user_id": user_id,
            "kind": kind,
            "local_date": local_date,
            "status": SendStatus.PENDING,
            "attempts": 1,
            "created_at": now,
            "updated_at": now,
        },
    )
    if claimed is not None:
        return Claim(claimed, 1)
    key = (
        SendLog.team_id == team_id,
        SendLog.user_id == user_id,
        SendLog.kind == kind,
        SendLog.local_date == local_date,
    )
    existing = session.execute(select(SendLog.id, SendLog.attempts).where(*key)).first()
    if existing is None or existing.attempts >= MAX_ATTEMPTS:
        return None
    # Atomic: only one scheduler can turn a failed (or abandoned) claim back into its own.
    result = session.execute(
        update(SendLog)
        .where(
            SendLog.id == existing.id,
            SendLog.attempts == existing.attempts,
            or_(
                (SendLog.status == SendStatus.FAILED) & (SendLog.updated_at <= now - RETRY_AFTER),
                (SendLog.status == SendStatus.PENDING)
                & (SendLog.updated_at <= now - STALE_PENDING),
            ),
        )
        .values(status=SendStatus.PENDING, attempts=existing.attempts + 1, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    if not getattr(result, "rowcount", 0):
        return None
    return Claim(existing.id, existing.attempts + 1)


def finish_send(
    session: Session,
    claim: Claim,
    status: SendStatus,
    *,
    now: datetime,
    channel: str | None = None,
    ts: str | None = None,
    error: str | None = None,
) -> None:
    """Record how a claimed send ended: sent (with where), skipped (nothing to say) or failed."""
    session.execute(
        update(SendLog)
        .where(SendLog.id == claim.id)
        .values(
            status=status,
            channel=channel,
            ts=ts,
            error=(error or None) and error[:200],
            updated_at=now,
        )
        .execution_options(synchronize_session=False)
    )


def settled_sends(session: Session, kind: str, dates: list[date]) -> set[tuple[str, str, date]]:
    """Keys of sends on these local dates that need nothing more (sent, skipped, given up)."""
    rows = session.execute(
        select(
            SendLog.team_id, SendLog.user_id, SendLog.local_date, SendLog.status, SendLog.attempts
        ).where(SendLog.kind == kind, SendLog.local_date.in_(dates))
    )
    return {
        (t, u, d)
        for t, u, d, status, attempts in rows
        if status in (SendStatus.SENT, SendStatus.SKIPPED) or attempts >= MAX_ATTEMPTS
    }
