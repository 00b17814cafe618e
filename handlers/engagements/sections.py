"""What other features may show of engagements: the Home's items (awaiting a debrief, coming
up) and "Record as engagement" under a logged contact that reads like one."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date

from slack_sdk.models.blocks import Block, ButtonElement, SectionBlock

from handlers.common.blocks import Blocks, dicts
from handlers.engagements import ids
from handlers.engagements.grammar import reads_as_engagement
from handlers.engagements.render import home_items
from storage.engagements import DEBRIEFED, EngagementView, kind_words
from storage.models import EngagementKind


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


def engagement_offer(partner_id: int, kind: EngagementKind, on: date, count: int | None) -> Blocks:
    """ "Was this an engagement?" with Record as engagement (the form, prefilled)."""
    value = json.dumps({"p": partner_id, "k": kind.value, "d": on.isoformat(), "n": count})
    gets = "shows on the card, gets a debrief" if kind in DEBRIEFED else "shows on the card"
    text = (
        f"🤝 That reads like a {kind_words(kind)}. Record it as an engagement so it {gets} "
        "and counts in the year-end report."
    )
    button = ButtonElement(
        text="Record as engagement", action_id=ids.ENGAGE_FROM_CONTACT, value=value
    )
    return dicts([SectionBlock(text=text, accessory=button)])
