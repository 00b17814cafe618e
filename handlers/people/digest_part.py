"""The people's part of the morning digest: for program leads, the partners with no owner or
whose owner left. Pure but for the read, which takes them from what the workspace's digests
share that day."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.orm import Session

from handlers.common.digest_parts import DigestBatch, DigestOf, DigestPart, DigestSection
from handlers.people.owner_blocks import unowned_blocks
from storage.records import PartnerView


def read(session: Session, batch: DigestBatch) -> Mapping[str, tuple[PartnerView, ...]]:
    """The partners needing a new owner, for each lead of the batch."""
    day = batch.day
    if not day.needs_owner:
        return {}
    return {u: day.needs_owner for u in batch.users if u in day.leads}


def render(partners: tuple[PartnerView, ...], of: DigestOf) -> DigestSection:
    """Need a new owner, each with its picker (every owner named there has left)."""
    gone = {p.owner_user_id for p in partners if p.owner_user_id}
    return DigestSection(
        summary=(f"{len(partners)} need a new owner",),
        lists=(("*🧭 Need a new owner*", [[b] for b in unowned_blocks(partners, gone)]),),
    )


DIGEST_PART = DigestPart("needs_owner", read, render, rank=40, summary_rank=30)
