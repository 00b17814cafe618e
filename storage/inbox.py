"""The inbox's operations: keep a request before Slack hears back, mark it done, and hand out
the ones whose process stopped before finishing them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select, text, update
from sqlalchemy.orm import Session

from storage.db import SQLITE_BUSY_SECONDS, insert_unless_exists
from storage.models import InboxEntry

LEASE = timedelta(seconds=60)
"""How long a process holds a request before another may take it over."""
BUDGET_MS = 2000
"""How long keeping a request may wait for the database before it gives up (Slack waits 3 s)."""
KEEP_DONE = timedelta(days=1)
"""How long a done request's key is kept, so a late retry of it is recognised."""
MAX_ATTEMPTS = 5
"""Processes that may start a request before it is given up (one that crashes its process)."""


@dataclass(frozen=True)
class Kept:
    """A request to work on again: its key, payload and how many times it was started."""

    key: str
    body: str
    attempts: int


def _budget(session: Session) -> None:
    """Wait for locks at most `BUDGET_MS` in this transaction."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text(f"SET LOCAL statement_timeout = {BUDGET_MS}"))
        session.execute(text(f"SET LOCAL lock_timeout = {BUDGET_MS}"))
    else:
        session.execute(text(f"PRAGMA busy_timeout = {BUDGET_MS}"))


def _unbudget(session: Session) -> None:
    if session.get_bind().dialect.name != "postgresql":
        session.execute(text(f"PRAGMA busy_timeout = {SQLITE_BUSY_SECONDS * 1000}"))


def keep(
    session: Session,
    *,
    key: str,
    team_id: str,
    user_id: str | None,
    body: str,
    owner: str,
    now: datetime,
) -> bool:
    """Keep a request for `owner` (in this transaction, within the budget): False when one with
    the same key is already kept (a retry of it)."""
    _budget(session)
    try:
        inserted = insert_unless_exists(
            session,
            InboxEntry,
            {
                "key": key,
                "team_id": team_id,
                "user_id": user_id,
                "body": body,
                "owner": owner,
                "attempts": 1,
                "received_at": now,
                "lease_until": now + LEASE,
            },
        )
    finally:
        _unbudget(session)
    return inserted is not None


def finish(session: Session, key: str, now: datetime) -> None:
    """The request's work is done: forget its payload, keep its key for a while."""
    session.execute(
        update(InboxEntry)
        .where(InboxEntry.key == key, InboxEntry.done_at.is_(None))
        .values(done_at=now, body=None)
    )


def count_waiting(session: Session) -> int:
    """How many acknowledged requests, of every process, are not done yet."""
    found = session.scalar(select(func.count()).where(InboxEntry.done_at.is_(None)))
    return int(found or 0)


def owners_waiting(session: Session) -> list[str]:
    """The processes holding requests not done yet."""
    found = session.scalars(select(InboxEntry.owner).where(InboxEntry.done_at.is_(None)).distinct())
    return list(found)


def take_over(
    session: Session,
    *,
    owner: str,
    now: datetime,
    stopped: frozenset[str] = frozenset(),
    limit: int = 50,
) -> list[Kept]:
    """Renew `owner`'s own leases, then claim for it up to `limit` requests of other processes
    not done whose lease ran out or whose process is known to have `stopped`, oldest first.
    One started `MAX_ATTEMPTS` times already is given up (marked done) instead. Another
    process claiming the same request at once gets none."""
    waiting = InboxEntry.done_at.is_(None)
    renew(session, owner=owner, now=now)
    if stopped:
        due = waiting & ((InboxEntry.lease_until < now) | InboxEntry.owner.in_(stopped))
    else:
        due = waiting & (InboxEntry.lease_until < now)
    rows = session.execute(
        select(InboxEntry.key, InboxEntry.body, InboxEntry.attempts, InboxEntry.owner)
        .where(due, InboxEntry.owner != owner)
        .order_by(InboxEntry.received_at)
        .limit(limit)
    ).all()
    taken: list[Kept] = []
    for key, body, attempts, was_owner in rows:
        same = (InboxEntry.key == key) & (InboxEntry.owner == was_owner) & waiting
        if attempts >= MAX_ATTEMPTS or body is None:
            session.execute(update(InboxEntry).where(same).values(done_at=now, body=None))
            continue
        claimed = session.execute(
            update(InboxEntry)
            .where(same, InboxEntry.attempts == attempts)
            .values(owner=owner, attempts=attempts + 1, lease_until=now + LEASE)
        )
        if getattr(claimed, "rowcount", 0) == 1:
            taken.append(Kept(key, body, attempts + 1))
    return taken


def renew(session: Session, *, owner: str, now: datetime) -> None:
    """`owner` is alive: extend the lease of every request it holds (slow work is not taken
    over while its process still works on it)."""
    session.execute(
        update(InboxEntry)
        .where(InboxEntry.owner == owner, InboxEntry.done_at.is_(None))
        .values(lease_until=now + LEASE)
    )


def forget_done(session: Session, now: datetime) -> int:
    """Delete done requests older than `KEEP_DONE`; how many."""
    result = session.execute(
        delete(InboxEntry).where(
            InboxEntry.done_at.is_not(None), InboxEntry.done_at < now - KEEP_DONE
        )
    )
    return int(getattr(result, "rowcount", 0))
