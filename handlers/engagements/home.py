"""The engagements' part of the App Home: those awaiting the person's debrief, then those
running now or coming up."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy.orm import Session

from handlers.common.home_parts import HomeAdds, HomeFor, HomePart
from handlers.engagements.render import home_items
from storage.engagements import EngagementView, home_engagements


def engagements_home(views: Sequence[EngagementView], today: date) -> HomeAdds:
    """*Your engagements*, each with its debrief button when one is awaited."""
    return HomeAdds(sections=(("*🤝 Your engagements*", home_items(views, today)),))


def read(session: Session, who: HomeFor) -> HomeAdds:
    """The person's engagements the Home shows."""
    views = home_engagements(session, who.team_id, who.user_id, today=who.today)
    return engagements_home(views, who.today)


HOME_PART = HomePart(read, rank=30)
