"""Text and Block Kit for the school calendar and busy seasons. Pure."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from handlers.common.mrkdwn import day, quote
from storage.busy_seasons import Season
from storage.models import CalendarKind
from storage.school_year import CalendarItem, SchoolCalendar

MAX_SHOWN = 60
_EMOJI = {CalendarKind.TERM: "📚", CalendarKind.BREAK: "🏖️", CalendarKind.HOLIDAY: "🎌"}


def span(first: date, last: date) -> str:
    """ "Mon Dec 21 – Fri Jan 1, 2027" (one day: "Thu Nov 26, 2026")."""
    if first == last:
        return f"{day(first)}, {first.year}"
    return f"{day(first)} – {day(last)}, {last.year}"


def entry_line(e: CalendarItem) -> str:
    """ "• 🏖️ *Winter break* — Mon Dec 21 – Fri Jan 1, 2027"."""
    return f"• {_EMOJI[e.kind]} *{quote(e.name, 120)}* — {span(e.starts_on, e.ends_on)}"


def calendar_text(calendar: SchoolCalendar, today: date) -> str:
    """The year: terms, then breaks and holidays, from a month back on; today's standing."""
    recent = [e for e in calendar.entries if e.ends_on >= today.replace(day=1)]
    terms = [e for e in recent if e.kind is CalendarKind.TERM]
    off = [e for e in recent if e.kind is not CalendarKind.TERM]
    lines = ["*The school year*"]
    if not recent:
        lines.append(
            "_No terms, breaks or holidays yet: digests go out every weekday._ Add some with "
            "`/partnerbot calendar add Winter break Dec 21 - Jan 1`, import the district's "
            "calendar, or start from `/partnerbot calendar holidays`."
        )
        return "\n".join(lines)
    lines.append("*Terms*")
    lines += [entry_line(e) for e in terms] or ["_none — add one with `calendar term`_"]
    lines.append("*Breaks and holidays* (no digests)")
    lines += [entry_line(e) for e in off[:MAX_SHOWN]] or ["_none_"]
    if len(off) > MAX_SHOWN:
        lines.append(f"_… and {len(off) - MAX_SHOWN} more_")
    today_off = calendar.day_off(today)
    if today_off is not None and not today_off.weekend:
        lines.append(f"Today is a day off ({quote(today_off.reason, 120)}).")
    return "\n".join(lines)


def added_text(
    added: Sequence[CalendarItem],
    already: int,
    *,
    what: str,
    updated: Sequence[tuple[CalendarItem, CalendarItem]] = (),
) -> str:
    """What an add or import changed: entries added, entries whose dates changed."""
    if not added and not updated:
        return f"Nothing new: {what} {'was' if already == 1 else 'were'} already on the calendar."
    lines: list[str] = []
    if added:
        head = f"📅 Added {len(added)} to the school calendar"
        if already:
            head += f" ({already} already there)"
        lines += [head + ":"] + [entry_line(e) for e in added[:25]]
        if len(added) > 25:
            lines.append(f"_… and {len(added) - 25} more — `/partnerbot calendar` shows them all_")
    if updated:
        lines.append(f"✏️ Updated {len(updated)} with new dates:")
        lines += [
            f"{entry_line(new)} (was {span(old.starts_on, old.ends_on)})"
            for old, new in updated[:25]
        ]
        if len(updated) > 25:
            lines.append(f"_… and {len(updated) - 25} more_")
    return "\n".join(lines)


def season_text(s: Season) -> str:
    """ "Nov 15 – Dec 31 every year (holiday retail)"."""
    first, last = date(2000, *s.start), date(2000, *s.end)
    note = f" ({quote(s.note, 150)})" if s.note else ""
    return f"{first:%b} {first.day} – {last:%b} {last.day} every year{note}"


def busy_flag(partner_name: str, last: date) -> str:
    """ "⏳ Acme is in its busy season until Dec 31"."""
    return f"⏳ *{quote(partner_name, 120)}* is in its busy season until {day(last)}."
