"""The follow-ups' part of the App Home: the person's overdue, due today and next 7 days."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from sqlalchemy.orm import Session

from handlers.common.blocks import Blocks
from handlers.common.home_parts import HomeAdds, HomeFor, HomePart
from handlers.follow_ups.sections import home_item
from storage.open_follow_ups import open_follow_ups_with_rest
from storage.records import FollowUpView

DAYS_AHEAD = 7


def follow_ups_home(
    overdue: Sequence[FollowUpView],
    due_today: Sequence[FollowUpView],
    upcoming: Sequence[FollowUpView],
    today: date,
    not_loaded: int = 0,
) -> HomeAdds:
    """Three lists, each follow-up with its buttons; `not_loaded` were not even read."""

    def items(fs: Sequence[FollowUpView]) -> list[Blocks]:
        return [home_item(f, today) for f in fs]

    return HomeAdds(
        sections=(
            ("*⏰ Overdue*", items(overdue)),
            ("*📅 Due today*", items(due_today)),
            ("*🗓️ Next 7 days*", items(upcoming)),
        ),
        not_shown=not_loaded,
    )


def read(session: Session, who: HomeFor) -> HomeAdds:
    """The person's open follow-ups due within DAYS_AHEAD."""
    today = who.today
    mine, not_loaded = open_follow_ups_with_rest(
        session, who.team_id, owner_user_id=who.user_id, due_by=today + timedelta(days=DAYS_AHEAD)
    )
    return follow_ups_home(
        [f for f in mine if f.due_date < today],
        [f for f in mine if f.due_date == today],
        [f for f in mine if f.due_date > today],
        today,
        not_loaded,
    )


HOME_PART = HomePart(read, rank=20)
