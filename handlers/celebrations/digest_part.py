"""The celebrations' part of the morning digest: wins the person was asked to thank a partner
for and has not, in the room the other parts leave (they alone send no digest). Pure but for
the batch read."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.orm import Session

from handlers.celebrations.sections import IN_DIGEST, prompt_lines
from handlers.common.digest_parts import DigestBatch, DigestOf, DigestPart, DigestSection
from storage.celebrations import PromptView, open_prompts_by_owner


def read(session: Session, batch: DigestBatch) -> Mapping[str, list[PromptView]]:
    """Each person's open prompts they were asked about."""
    found = open_prompts_by_owner(
        session, batch.team_id, batch.users, now=batch.now, asked_only=True
    )
    return {user_id: prompts for user_id, prompts in found.items() if prompts}


def render(prompts: list[PromptView], of: DigestOf) -> DigestSection:
    """ "Celebrations to post", within the room left."""
    return DigestSection(
        summary=(f"{len(prompts)} to celebrate",),
        fill=lambda room: prompt_lines(list(prompts), IN_DIGEST, room),
    )


DIGEST_PART = DigestPart("celebrations", read, render, rank=90, summary_rank=60, sends=False)
