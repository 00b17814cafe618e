"""The App Home drawn from given values rather than the database: each feature's pure part
(what its `HomePart.read` gives back for these values), laid out by `render_home` in the order
the parts' ranks give them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from handlers.celebrations.home import celebrations_home
from handlers.common.home_parts import HomeAdds
from handlers.contact_log import contact_home
from handlers.engagements.home import engagements_home
from handlers.follow_ups.home import follow_ups_home
from handlers.home.render import render_home as lay_out
from handlers.partners.home import partners_home
from handlers.people.home import people_home
from storage.celebrations import PromptView
from storage.engagements import EngagementView
from storage.partners.cadence import ColdPartner
from storage.records import FollowUpView, PartnerView


def render_home(
    *,
    today: date,
    overdue: Sequence[FollowUpView],
    due_today: Sequence[FollowUpView],
    upcoming: Sequence[FollowUpView],
    cold: Sequence[ColdPartner],
    not_loaded: int = 0,
    unowned: Sequence[PartnerView] = (),
    engagements: Sequence[EngagementView] = (),
    celebrations: Sequence[PromptView] = (),
) -> dict[str, Any]:
    """The Home these values give: the contact button, follow-ups, engagements, partners going
    cold, partners that need an owner, celebrations to post (the parts' rank order)."""
    adds: list[HomeAdds] = [
        contact_home(),
        follow_ups_home(overdue, due_today, upcoming, today, not_loaded),
        engagements_home(engagements, today),
        partners_home(cold),
        people_home(unowned),
        celebrations_home(celebrations),
    ]
    return lay_out(adds)
