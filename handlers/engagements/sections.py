"""What other features may show of engagements: the Home's items (awaiting a debrief, coming
up) and "Record as engagement" under a logged contact that reads like one."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from slack_sdk.models.blocks import Block

from handlers.common.blocks import Blocks
from handlers.engagements.grammar import reads_as_engagement
from handlers.engagements.render import engagement_offer, home_items
from storage.engagements import EngagementView


def home_blocks(views: Sequence[EngagementView], today: date) -> list[list[Block]]:
    """The App Home's *Engagements*: those awaiting the person's debrief (with its button),
    then those running now or coming up (`storage.engagements.home_engagements`)."""
    return home_items(views, today)


def record_as_engagement(summary: str, partner_id: int, on: date) -> Blocks:
    """Under a logged contact that reads like an engagement ("hosted 12 students for a job
    shadow"): a button recording it as one, the form prefilled; nothing otherwise."""
    found = reads_as_engagement(summary)
    if found is None:
        return []
    kind, count = found
    return engagement_offer(partner_id, kind, on, count)
