"""The follow-ups' part of the morning digest: what came due during the break, overdue, due
today. Pure but for the batch read."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.orm import Session

from handlers.common.digest_parts import DigestBatch, DigestOf, DigestPart, DigestSection
from handlers.follow_ups.sections import digest_item
from storage.digest import DIGEST_FOLLOW_UPS
from storage.open_follow_ups import OwnerDue, due_by_owner


def read(session: Session, batch: DigestBatch) -> Mapping[str, OwnerDue]:
    """Each person's open follow-ups due by the digest's day (the first ones, and the counts)."""
    found = due_by_owner(
        session, batch.team_id, batch.users, due_by=batch.local_date, limit=DIGEST_FOLLOW_UPS
    )
    return {user_id: due for user_id, due in found.items() if due.total}


def render(due: OwnerDue, of: DigestOf) -> DigestSection:
    """Came due during the break, overdue, due today, and the counts of them all."""
    today, away = of.local_date, of.away
    overdue = [f for f in due.items if f.due_date < today]
    due_today = [f for f in due.items if f.due_date == today]
    during = [f for f in overdue if away and away.first <= f.due_date <= away.last]
    overdue_total, today_total = due.before_total, due.total - due.before_total
    summary = []
    if overdue_total:
        summary.append(f"{overdue_total} overdue")
    if today_total:
        summary.append(f"{today_total} due today")
    return DigestSection(
        summary=tuple(summary),
        lists=(
            ("*🏖️ Came due during the break*", [digest_item(f, today) for f in during]),
            ("*⏰ Overdue*", [digest_item(f, today) for f in overdue if f not in during]),
            ("*📅 Due today*", [digest_item(f, today) for f in due_today]),
        ),
        not_read=overdue_total - len(overdue) + today_total - len(due_today),
        after_break=f"{len(during)} came due while school was out" if during else "",
    )


DIGEST_PART = DigestPart("follow_ups", read, render, rank=10, summary_rank=10)
