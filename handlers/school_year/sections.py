"""What other features may show of the school year: a date's day-off and busy-season flags
(with a button to move a follow-up to the next school day), the "back from the break" line of
the digest, a partner's busy seasons on its card, and the dates the calendar names ("after
winter break", "next semester": `find_school_date`, from `calendar_dates`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from slack_sdk.models.blocks import (
    Block,
    ButtonElement,
    ContextBlock,
    MarkdownTextObject,
    SectionBlock,
)
from sqlalchemy.orm import Session

from handlers.common.blocks import Blocks, dicts
from handlers.common.mrkdwn import day, quote
from handlers.school_year import ids
from handlers.school_year.calendar_dates import NotOnCalendar as NotOnCalendar
from handlers.school_year.calendar_dates import calendar_phrase as calendar_phrase
from handlers.school_year.calendar_dates import find_school_date as find_school_date
from handlers.school_year.render import busy_flag, season_text, span
from storage.busy_seasons import Season, busy_on
from storage.school_year import AwaySpan, school_calendar


def date_flags(
    session: Session, team_id: str, partner_id: int, when: date, *, follow_up_id: int | None
) -> Blocks:
    """Flags for something planned with a partner on `when`: a day off in the school calendar
    (with a button moving the follow-up to the next school day) and the partner's busy season."""
    blocks: list[Block] = []
    calendar = school_calendar(session, team_id, today=when)
    off = calendar.day_off(when)
    if off is not None:
        after = calendar.next_school_day(when)
        text = f"🏫 {day(when)} is not a school day ({quote(off.reason, 100)})."
        button = None
        if follow_up_id is not None:
            text += f" The next school day is {day(after)}."
            button = ButtonElement(
                text=f"Move to {day(after)}",
                action_id=ids.MOVE_TO_SCHOOL_DAY,
                value=f"{follow_up_id}:{after.isoformat()}",
            )
        blocks.append(SectionBlock(text=text, accessory=button))
    busy = busy_on(session, team_id, when, [partner_id]).get(partner_id)
    if busy is not None:
        season, last = busy
        blocks.append(
            ContextBlock(elements=[MarkdownTextObject(text=busy_flag(season.partner_name, last))])
        )
    return dicts(blocks)


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
