"""The compliance parts of the morning digest: engagements coming up whose host has no valid
background check, and the documents whose expiry reminder is due or that expired. Pure but
for the batch reads."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.orm import Session

from handlers.common.digest_parts import DigestBatch, DigestOf, DigestPart, DigestSection
from handlers.compliance.sections import is_expired, reminder_blocks, unchecked_blocks
from storage.compliance import Reminder, reminders_due_for
from storage.compliance_risks import UncheckedEngagement, unchecked_engagements_for


def read_unchecked(session: Session, batch: DigestBatch) -> Mapping[str, list[UncheckedEngagement]]:
    """Each person's engagements coming up without a valid background check."""
    found = unchecked_engagements_for(
        session, batch.team_id, batch.users, local_date=batch.local_date
    )
    return {user_id: items for user_id, items in found.items() if items}


def render_unchecked(items: list[UncheckedEngagement], of: DigestOf) -> DigestSection:
    """No background check, one item an engagement."""
    n = len(items)
    return DigestSection(
        summary=(f"{n} engagement{'s' * (n > 1)} without a background check",),
        lists=(("*🛡️ No background check*", [unchecked_blocks(u, of.local_date) for u in items]),),
    )


def read_documents(session: Session, batch: DigestBatch) -> Mapping[str, list[Reminder]]:
    """Each person's expiry reminders due, and expired documents (the reminders are recorded
    as sent: read inside the digest's claim, in a transaction)."""
    found = reminders_due_for(
        session, batch.team_id, batch.users, local_date=batch.local_date, now=batch.now
    )
    return {user_id: items for user_id, items in found.items() if items}


def render_documents(reminders: list[Reminder], of: DigestOf) -> DigestSection:
    """Documents expiring or expired, and their counts."""
    today = of.local_date
    expired = len([r for r in reminders if is_expired(r, today)])
    soon = len(reminders) - expired
    summary = []
    if soon:
        summary.append(f"{soon} document{'s' * (soon > 1)} expiring")
    if expired:
        summary.append(f"{expired} document{'s' * (expired > 1)} expired")
    return DigestSection(
        summary=tuple(summary),
        lists=(
            (
                "*📄 Documents expiring or expired*",
                [reminder_blocks(r, today) for r in reminders],
            ),
        ),
    )


UNCHECKED_PART = DigestPart("unchecked", read_unchecked, render_unchecked, rank=20, summary_rank=50)
DOCUMENTS_PART = DigestPart("documents", read_documents, render_documents, rank=50, summary_rank=40)
