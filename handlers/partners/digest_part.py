"""The partners' part of the morning digest: the person's partners going cold. Pure but for
the read, which takes them from what the workspace's digests share that day."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.orm import Session

from handlers.common.digest_parts import DigestBatch, DigestOf, DigestPart, DigestSection
from handlers.partners.sections import cold_blocks
from storage.partners.cadence import ColdPartner


def read(session: Session, batch: DigestBatch) -> Mapping[str, tuple[ColdPartner, ...]]:
    """Each person's partners going cold (not those in a busy season), longest-silent first."""
    return {u: batch.day.cold[u] for u in batch.users if batch.day.cold.get(u)}


def render(cold: tuple[ColdPartner, ...], of: DigestOf) -> DigestSection:
    """Going cold, each with its buttons."""
    return DigestSection(
        summary=(f"{len(cold)} going cold",),
        lists=(("*🧊 Going cold*", [cold_blocks(c) for c in cold]),),
    )


DIGEST_PART = DigestPart("going_cold", read, render, rank=30, summary_rank=20)
