"""The boards' part of a program lead's morning digest: boards with a meeting due and
meetings whose minutes are missing."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.orm import Session

from handlers.boards.render import attention_line
from handlers.common.blocks import SECTION_TEXT_LIMIT, section
from handlers.common.digest_parts import DigestBatch, DigestOf, DigestPart, DigestSection
from handlers.common.mrkdwn import clip
from storage.boards import BoardCard, boards_needing_attention
from storage.people.members import digest_leads


def read_boards(session: Session, batch: DigestBatch) -> Mapping[str, list[BoardCard]]:
    """The boards needing attention, for each lead of the batch (read once for them all)."""
    leads = digest_leads(session, batch.team_id) & set(batch.users)
    if not leads:
        return {}
    boards = boards_needing_attention(session, batch.team_id, batch.local_date)
    return dict.fromkeys(leads, boards) if boards else {}


def render_boards(boards: list[BoardCard], of: DigestOf) -> DigestSection:
    """One line per board: the meeting due, the minutes missing."""
    n = len(boards)
    return DigestSection(
        summary=(f"{n} advisory board{'s' * (n > 1)} to see to",),
        lists=(
            (
                "*🏛 Advisory boards*",
                [[section(clip(attention_line(b), SECTION_TEXT_LIMIT))] for b in boards],
            ),
        ),
    )


BOARDS_PART = DigestPart("boards", read_boards, render_boards, rank=70, summary_rank=70)
