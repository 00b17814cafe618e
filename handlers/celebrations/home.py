"""The celebrations' part of the App Home: the person's celebrations to post, first."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from handlers.celebrations.sections import IN_HOME, prompt_lines
from handlers.common.home_parts import HomeAdds, HomeFor, HomePart
from storage.celebrations import PromptView, open_prompts

SHOWN = 10


def celebrations_home(prompts: Sequence[PromptView]) -> HomeAdds:
    """Up to SHOWN prompts, each with Post spotlight, above the Home's lists."""
    cheers, left = prompt_lines(list(prompts), IN_HOME, SHOWN + 1)
    return HomeAdds(first=tuple(cheers), not_shown=left)


def read(session: Session, who: HomeFor) -> HomeAdds:
    """The person's open prompts."""
    return celebrations_home(open_prompts(session, who.team_id, who.user_id, now=who.now))


HOME_PART = HomePart(read, rank=60)
