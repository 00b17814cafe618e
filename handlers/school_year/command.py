"""`/partnerbot calendar …` and `/partner busy …` (verbs this feature adds to settings' and
partners' commands; they run after the ack) and the busy seasons on a partner's card."""

from __future__ import annotations

from datetime import date
from typing import Any

from handlers.common.blocks import Blocks, text_blocks
from handlers.common.grammar import GrammarError
from handlers.common.mrkdwn import escape, quote
from handlers.common.replies import ephemeral
from handlers.deps import Person
from handlers.partners.sections import not_one_partner
from handlers.people.sections import lead_refusal
from handlers.school_year.grammar import (
    BUSY_USAGE,
    CALENDAR_USAGE,
    AddEntry,
    AddHolidays,
    CalendarHelp,
    ImportCalendar,
    RemoveEntry,
    ShowCalendar,
    leading_range,
    parse_calendar_command,
)
from handlers.school_year.render import (
    added_text,
    calendar_text,
    entry_line,
    season_text,
    span,
)
from handlers.school_year.sections import busy_card_blocks
from storage.calendar_entries import NewEntry
from storage.engagements_requests import NoSinglePartner
from storage.errors import InvalidInput
from storage.models import CalendarKind
from storage.school_year_requests import (
    BusyAsk,
    ClearBusy,
    SetBusy,
    ShowBusy,
    add_calendar_entries,
    busy_request,
    calendar_for,
    card_busy_seasons,
    remove_calendar_entries,
)


def _today(who: Person) -> date:
    return who.local_now()[0].date()


def calendar_verb(who: Person, rest: str, command: dict[str, Any]) -> dict[str, Any]:
    """`/partnerbot calendar [add … | term … | remove … | import … | holidays]`."""
    today = _today(who)
    try:
        parsed = parse_calendar_command(rest, today=today)
    except GrammarError as exc:
        return ephemeral(f"{escape(str(exc))} Nothing changed.\n\n{CALENDAR_USAGE}")
    if not isinstance(parsed, ShowCalendar | CalendarHelp):
        refusal = lead_refusal(
            who.deps, who.client, who.team_id, who.user_id, "change the calendar"
        )
        if refusal:
            return ephemeral(refusal)
    match parsed:
        case ShowCalendar():
            calendar = calendar_for(who.deps.sessions, who.team_id, today=today)
            return ephemeral("The school calendar", _with_usage(calendar_text(calendar, today)))
        case CalendarHelp():
            return ephemeral(CALENDAR_USAGE)
        case AddEntry(name=name, first=first, last=last, term=term):
            kind = (
                CalendarKind.TERM
                if term
                else CalendarKind.HOLIDAY
                if first == last
                else CalendarKind.BREAK
            )
            entry = NewEntry(kind, name, first, last)
            text = _add(who, [entry], "typed", f"*{quote(name, 100)}*")
            if last < today and "Nothing changed" not in text:
                text += (
                    f"\n⚠️ {span(first, last)} is all in the past. "
                    "If you meant next year, remove it and write the year: "
                    f"`/partnerbot calendar {'term' if term else 'add'} {escape(name)} "
                    f"{first:%b} {first.day}, {first.year + 1} - "
                    f"{last:%b} {last.day}, {last.year + 1}`."
                )
            return ephemeral(text)
        case RemoveEntry(name=name):
            removed = remove_calendar_entries(who.deps.sessions, who.team_id, name, today=today)
            if not removed:
                return ephemeral(
                    f"Nothing on the calendar is called “{quote(name, 100)}”. Nothing changed. "
                    "`/partnerbot calendar` shows the names."
                )
            lines = "\n".join(entry_line(e) for e in removed[:25])
            return ephemeral(f"🗑️ Removed from the school calendar:\n{lines}")
        case ImportCalendar(source=source):
            return _import(who, source, today)
        case AddHolidays(state=state):
            try:
                from handlers.school_year import ics  # holidays & icalendar: slow to import

                entries = ics.us_holidays(today=today, state=state)
            except ValueError:
                return ephemeral(
                    f"I don't know the US state “{escape(state or '')}”. Write its two letters, "
                    "e.g. `/partnerbot calendar holidays TX`. Nothing changed."
                )
            return ephemeral(_add(who, entries, "holidays", "those holidays"))


def _with_usage(text: str) -> Blocks:
    return text_blocks(text) + text_blocks(CALENDAR_USAGE)


def _add(who: Person, entries: list[NewEntry], source: str, what: str) -> str:
    """Add the entries; what changed, or why nothing did."""
    try:
        result = add_calendar_entries(
            who.deps.sessions,
            who.team_id,
            entries,
            source=source,
            by=who.user_id,
            now=who.deps.clock.now(),
        )
    except InvalidInput as exc:
        return f"{escape(exc.message)} Nothing changed.\n\n{CALENDAR_USAGE}"
    return added_text(result.added, result.already, what=what, updated=result.updated)


def _import(who: Person, source: str, today: date) -> dict[str, Any]:
    from handlers.school_year import ics  # holidays & icalendar: slow to import

    try:
        read = ics.parse(
            ics.fetch(source, who.deps.calendar_hosts, who.deps.calendar_dir), today=today
        )
    except ics.CalendarFileError as exc:
        return ephemeral(f"{escape(str(exc))} Nothing changed.")
    cut = (
        f"\n_Only the first {ics.MAX_EVENTS} events were read: export a single school year._"
        if read.truncated
        else ""
    )
    if not read.entries:
        return ephemeral(
            f"Nothing in that calendar looked like a term, break or holiday ({read.skipped} "
            "events: only all-day events named like days off or terms are taken). "
            f"Nothing changed.{cut}"
        )
    text = _add(who, list(read.entries), "ics", "its entries")
    if read.skipped:
        text += f"\n_{read.skipped} other events (open houses, early releases…) left out._"
    return ephemeral(text + cut)


class _Refused(Exception):
    """The words after the partner's name cannot be read: the answer saying so."""

    def __init__(self, answer: str) -> None:
        super().__init__(answer)
        self.answer = answer


def _busy_ask(tail: str, today: date) -> BusyAsk:
    """What `/partner busy PARTNER …` asks after the partner's name; _Refused when unreadable."""
    tail_words = tail.split()
    if not tail_words:
        return ShowBusy()
    if tail.casefold() in ("off", "none", "clear", "remove"):
        return ClearBusy()
    try:
        span = leading_range(tail_words, today=today)
    except GrammarError as exc:
        raise _Refused(f"{escape(str(exc))} Nothing changed. {BUSY_USAGE}") from exc
    if span is None:
        raise _Refused(
            f"I couldn't read the dates in “{quote(tail, 100)}”. Nothing changed. {BUSY_USAGE}"
        )
    end, first, last = span
    note = " ".join(tail_words[end:]).strip(" ,;:-–—()") or None
    return SetBusy(first, last, note)


def busy_verb(who: Person, rest: str, command: dict[str, Any]) -> dict[str, Any]:
    """`/partner busy Acme Nov 15 - Dec 31 holiday retail` · `busy Acme` · `busy Acme off`."""
    if not rest.strip():
        return ephemeral(BUSY_USAGE)
    today = _today(who)
    try:
        done = busy_request(
            who.deps.sessions,
            who.team_id,
            rest,
            read=lambda tail: _busy_ask(tail, today),
            by=who.user_id,
            now=who.deps.clock.now(),
        )
    except _Refused as refused:
        return ephemeral(refused.answer)
    except InvalidInput as exc:
        return ephemeral(f"{escape(exc.message)} Nothing changed. {BUSY_USAGE}")
    if isinstance(done, NoSinglePartner):
        words = done.words
        unknown = f"No partner matches “{quote(words or rest, 100)}”. Nothing changed. {BUSY_USAGE}"
        return ephemeral(not_one_partner(words, done.candidates, unknown))
    name = quote(done.partner.name, 100)
    if done.season is not None:
        return ephemeral(
            f"⏳ *{name}* is busy {season_text(done.season)}. Follow-ups planned "
            "then are flagged, and it is not shown as going cold during it."
        )
    if done.cleared is not None:
        return ephemeral(
            f"Cleared {done.cleared} busy season{'s' * (done.cleared != 1)} of *{name}*."
        )
    lines = "\n".join(f"• {season_text(s)}" for s in done.seasons) or "_none recorded_"
    return ephemeral(f"*Busy seasons of {name}*\n{lines}\n{BUSY_USAGE}")


def busy_card_part(who: Person, partner_id: int) -> Blocks:
    """The busy seasons on a partner's card."""
    today = _today(who)
    return busy_card_blocks(card_busy_seasons(who.deps.sessions, who.team_id, partner_id), today)
