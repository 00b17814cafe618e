"""The debrief DM the scheduler sends the school morning after an engagement ends, composed
from the engagements feature's sections. Pure."""

from __future__ import annotations

from handlers.common.blocks import Blocks
from handlers.engagements.sections import debrief_message
from storage.engagements import EngagementView


def render_debrief(engagement: EngagementView) -> tuple[str, Blocks]:
    """How did it go? — with Great / Fine / Problems, each opening the debrief form."""
    return debrief_message(engagement)
