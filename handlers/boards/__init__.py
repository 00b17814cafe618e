"""Advisory boards, one per pathway: `/partnerbot board …` (members are business contacts,
meetings with minutes and attendance, the state's rule set by leads), the board's card with
what is missing, and due meetings and missing minutes in program leads' digests."""

from __future__ import annotations

from slack_bolt import App

from handlers.boards.command import board_verb
from handlers.boards.digest_part import BOARDS_PART
from handlers.common.feature import Feature, Verb
from handlers.deps import Deps


def register(app: App, deps: Deps) -> None:
    """Nothing to add: the board commands are a verb of /partnerbot."""


FEATURE = Feature(
    name="boards",
    register=register,
    verbs=(
        Verb(
            "/partnerbot",
            "board",
            board_verb,
            "• `/partnerbot board Welding` — an advisory board: members, meetings against the "
            "state's rule, what is missing (`board help`)",
        ),
    ),
    digest_parts=(BOARDS_PART,),
)
