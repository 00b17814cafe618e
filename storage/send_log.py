"""The send log: each scheduled send is claimed under a unique key (workspace, user, kind, local
date) *before* it is posted, so restarts, late ticks and a second scheduler never send twice,
and a failed post is claimed again on a later tick. A post whose outcome is unknown (Slack's
answer never came) is marked so and never claimed again until someone has checked whether it
arrived. `claim_key` guards one-off posts (a `/celebrate`) the same way."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from storage.db import insert_all_unless_exist, insert_unless_exists
from storage.models import SendLog, SendStatus
from storage.workspaces import ensure_workspace

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


def claim_sends(
    session: Session,
    team_id: str,
    users: Sequence[str],
    kind: str,
    local_date: date,
    *,
    now: datetime,
) -> dict[str, Claim]:
    """`claim_send` for many people at once: one INSERT for all those never claimed, then
    `claim_send` for the others only (a failed or abandoned claim taken back). User id → claim,
    for those claimed. Commit right after, before posting."""
    rows = [
        {
            "team_id": team_id,
            "user_id": user_id,
            "kind": kind,
            "local_date": local_date,
            "status": SendStatus.PENDING,
            "attempts": 1,
            "created_at": now,
            "updated_at": now,
        }
        for user_id in dict.fromkeys(users)
    ]
    new = insert_all_unless_exist(session, SendLog, rows, SendLog.user_id, SendLog.id)
    claims = {str(user_id): Claim(int(claim_id), 1) for user_id, claim_id in new}
    for user_id in dict.fromkeys(users):
        if user_id not in claims:
            again = claim_send(session, team_id, user_id, kind, local_date, now=now)
            if again is not None:
                claims[user_id] = again
    return claims


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


@dataclass(frozen=True)
class UnknownSend:
    """A send whose post may or may not have reached Slack."""

    claim: Claim
    team_id: str
    user_id: str
    local_date: date
    since: datetime


def unknown_sends(session: Session, kind: str, dates: list[date]) -> list[UnknownSend]:
    """Sends of `kind` on these local dates whose outcome is unknown, oldest first."""
    rows = session.execute(
        select(
            SendLog.id,
            SendLog.attempts,
            SendLog.team_id,
            SendLog.user_id,
            SendLog.local_date,
            SendLog.updated_at,
        )
        .where(
            SendLog.kind == kind,
            SendLog.local_date.in_(dates),
            SendLog.status == SendStatus.UNKNOWN,
        )
        .order_by(SendLog.id)
    )
    return [
        UnknownSend(Claim(row.id, row.attempts), row.team_id, row.user_id, row.local_date, since)
        for row in rows
        for since in [row.updated_at]
    ]


def settle_unknown(
    session: Session,
    claim: Claim,
    arrived: bool,
    *,
    now: datetime,
    channel: str | None = None,
    ts: str | None = None,
) -> bool:
    """Record what a check found about an unknown send: it arrived (sent), or it did not
    (failed, so a later tick may post it). False when someone else settled it first."""
    result = session.execute(
        update(SendLog)
        .where(SendLog.id == claim.id, SendLog.status == SendStatus.UNKNOWN)
        .values(
            status=SendStatus.SENT if arrived else SendStatus.FAILED,
            channel=channel,
            ts=ts,
            error=None if arrived else "checked: never arrived",
            updated_at=now - (timedelta(0) if arrived else RETRY_AFTER),
        )
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(result, "rowcount", 0))


def key_kind(prefix: str, key: str) -> str:
    """A send-log `kind` (at most 32 characters) standing for an arbitrary key."""
    digest = hashlib.sha256(key.encode("utf-8", "replace")).hexdigest()
    return f"{prefix}:{digest}"[:32]


def claim_key(
    session: Session,
    team_id: str,
    user_id: str,
    kind: str,
    *,
    now: datetime,
    window: timedelta | None = None,
) -> Claim | None:
    """Claim a one-off send under `kind` (see `key_kind`) for today: None when it was claimed
    before, unless `window` is given and that claim is older than it (a repeat window rather
    than once a day). Commit right after, before posting."""
    ensure_workspace(session, team_id, now)
    claim = claim_send(session, team_id, user_id, kind, now.date(), now=now)
    if claim is not None or window is None:
        return claim
    key = (
        SendLog.team_id == team_id,
        SendLog.user_id == user_id,
        SendLog.kind == kind,
        SendLog.local_date == now.date(),
    )
    existing = session.execute(select(SendLog.id, SendLog.attempts).where(*key)).first()
    if existing is None:
        return None
    result = session.execute(
        update(SendLog)
        .where(
            SendLog.id == existing.id,
            SendLog.attempts == existing.attempts,
            SendLog.updated_at <= now - window,
        )
        .values(status=SendStatus.PENDING, attempts=existing.attempts + 1, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    if not getattr(result, "rowcount", 0):
        return None
    return Claim(existing.id, existing.attempts + 1)


def release_claim(session: Session, claim: Claim) -> None:
    """Forget a claim whose post certainly failed, so the same send can be tried at once."""
    session.execute(delete(SendLog).where(SendLog.id == claim.id))
