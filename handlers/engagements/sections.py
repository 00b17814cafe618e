"""What other features may show of engagements: the Home's items (awaiting a debrief, coming
up) and the debrief DM the scheduler sends through the digest composer."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from slack_sdk.models.blocks import Block

from handlers.common.blocks import Blocks
from handlers.engagements.render import debrief_request, home_items
from storage.engagements import EngagementView


def home_blocks(views: Sequence[EngagementView], today: date) -> list[list[Block]]:
    """The App Home's *Engagements*: those awaiting the person's debrief (with its button),
    then those running now or coming up (`storage.engagements.home_engagements`)."""
    return home_items(views, today)


def debrief_message(view: EngagementView) -> tuple[str, Blocks]:
    """The debrief DM: its text and blocks (Great / Fine / Problems open the form)."""
    return debrief_request(view)
