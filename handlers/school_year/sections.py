"""What other features may show of the school year: a date's day-off and busy-season flags
(with a button to move a follow-up to the next school day), the "back from the break" line of
the digest, a partner's busy seasons on its card, and the dates the calendar names ("after
winter break", "next semester": `find_school_date`, from `calendar_dates`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from slack_sdk.models.blocks import (
    SectionBlock,
)
from sqlalchemy.orm import Session

from handlers.common.blocks import Blocks, button, context, dicts, section
from handlers.common.mrkdwn import day, quote
from handlers.school_year import ids
from handlers.school_year.calendar_dates import NotOnCalendar as NotOnCalendar
from handlers.school_year.calendar_dates import calendar_phrase as calendar_phrase
from handlers.school_year.calendar_dates import find_school_date as find_school_date
from handlers.school_year.render import busy_flag, season_text, span
from storage.busy_seasons import DayFacts, Season, day_facts
from storage.school_year import AwaySpan


def date_flags(
    session: Session, team_id: str, partner_id: int, when: date, *, follow_up_id: int | None
) -> Blocks:
    """Flags for something planned with a partner on `when`: a day off in the school calendar
    (with a button moving the follow-up to the next school day) and the partner's busy season."""
    return day_flags(day_facts(session, team_id, partner_id, when), follow_up_id=follow_up_id)


def day_flags(facts: DayFacts, *, follow_up_id: int | None) -> Blocks:
    """`date_flags` from what storage read about the day."""
    blocks: Blocks = []  # plain dicts (handlers.common.blocks): under every follow-up logged
    when, off, after = facts.day, facts.off, facts.next_school_day
    if off is not None:
        text = f"🏫 {day(when)} is not a school day ({quote(off.reason, 100)})."
        move = None
        if follow_up_id is not None:
            text += f" The next school day is {day(after)}."
            move = button(
                f"Move to {day(after)}",
                ids.MOVE_TO_SCHOOL_DAY,
                value=f"{follow_up_id}:{after.isoformat()}",
            )
        blocks.append(section(text, accessory=move))
    if facts.busy is not None:
        season, last = facts.busy
        blocks.append(context(busy_flag(season.partner_name, last)))
    return blocks


def away_line(away: AwaySpan) -> str:
    """The digest's mark after a break: "🏖️ Welcome back from Winter break (…)"."""
    names = ", ".join(quote(n, 80) for n in away.names[:3])
    return f"🏖️ Welcome back from {names} ({span(away.first, away.last)})."


def busy_card_blocks(seasons: Sequence[Season], today: date) -> Blocks:
    """The partner card's busy seasons, the current one marked."""
    if not seasons:
        return []
    lines = []
    for s in seasons:
        now = s.occurrence(today)
        mark = f" — *busy now, until {day(now[1])}*" if now else ""
        lines.append(f"• {season_text(s)}{mark}")
    return dicts([SectionBlock(text="*Busy seasons*\n" + "\n".join(lines))])
