"""Dates the school calendar names, as teachers type them: "after winter break", "before
Thanksgiving", "first day back", "next semester", "end of the term". Pure: words and a
`SchoolCalendar` in; the day and where its phrase sits among the words out. Other features
reach this through `handlers.school_year.sections`.

Finding a phrase is one regular-expression pass over the words plus dictionary look-ups of at
most `_MAX_NAME_WORDS` runs after each of the first `_MAX_LEADS` "after"/"before" words: bounded
whatever the length of the text, and no call to dateparser."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from handlers.common.dates import DateReader, Direction, Found, ReadDate
from handlers.common.mrkdwn import clip
from storage.models import CalendarKind
from storage.school_year import CalendarItem, SchoolCalendar, name_key

_PUNCTUATION = ",;:!?()[]\"'“”."
_TERM = r"(?:semester|term|trimester)"
_THE = r"(?:the |this |our )?"
_BACK = "back"
_BEFORE_BREAK = "before_break"
_NEXT_TERM = "next_term"
_TERM_END = "term_end"
_NAMED_AFTER = "after"
_NAMED_BEFORE = "before"
# Phrases that need no name; the first group of each is the phrase.
_FIXED: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        _BACK,
        re.compile(
            r"(?<!\S)((?:on |by )?(?:the )?first (?:day|week) back(?: (?:at|in) school)?"
            r"(?: (?:after|from) (?:the )?(?:break|holidays|vacation))?"
            r"|(?:when|once) (?:we(?: are|'re|re| get)|school(?: is|'s)|(?:students|kids) are) back"
            r"(?: (?:after|from) (?:the )?(?:break|holidays|vacation))?"
            r"|(?:on |by )?when school (?:resumes|starts (?:back|again))"
            r"|(?:after|following|back from) (?:the )?(?:break|holidays|vacation))(?!\S)"
        ),
    ),
    (
        _BEFORE_BREAK,
        re.compile(
            r"(?<!\S)((?:on |by )?(?:before|by) (?:the )?(?:break|holidays|vacation))(?!\S)"
        ),
    ),
    (
        _NEXT_TERM,
        re.compile(
            rf"(?<!\S)((?:on |by |at )?(?:the )?(?:start|beginning|first day) of (?:the )?next "
            rf"{_TERM}|(?:on |by )?(?:the )?(?:next|new) {_TERM}(?: starts)?)(?!\S)"
        ),
    ),
    (
        _TERM_END,
        re.compile(
            rf"(?<!\S)((?:on |by |at |before )?(?:the )?(?:end|last day) of {_THE}{_TERM}"
            rf"|(?:on |by |at |before )?(?:the )?{_TERM}s? end)(?!\S)"
        ),
    ),
)
# "after winter break", "before Thanksgiving", "back from spring break": a name follows.
_NAMED_LEAD = re.compile(
    r"(?<!\S)(?:on |by )?(?:(after|following|back from|(?:when|once) (?:we(?: are|'re|re| get)|"
    r"school(?: is|'s)) back from)|(before|by)) (?:the |this |our )?(?=\S)"
)
_GENERIC = {"break", "vacation", "recess", "holiday", "holidays", "day", "days", "weekend", "off"}
_ABBREVIATIONS = {"dr", "jr", "st", "mr", "mrs", "ms"}
_BREAK_WORDS = {"break", "vacation", "recess", "holidays"}
_HOLIDAYS = (
    r"thanksgiving|christmas|xmas|hanukk?ah|chanukah|kwanzaa|easter|passover|new years?"
    r"|juneteenth|mlk|martin luther king(?: jr)?|presidents?|prez|pres|memorial|labor"
    r"|veterans?|columbus"
    r"|indigenous peoples?|independence|rosh hashanah|yom kippur|eid|diwali|lunar new year"
)
# What reads as the name of a break or holiday, even when the calendar has none by that name.
_NAME_LIKE = re.compile(
    rf"^(?:(?:{_HOLIDAYS})(?: (?:day|break|weekend|holidays?|vacation|recess))?"
    r"|(?:[a-z0-9-]+ ){0,2}(?:break|vacation|recess|holidays?))$"
)
# Common names and abbreviations of holidays, each to one name: "MLK day" finds the calendar's
# "Martin Luther King Jr. Day". Matched against a name's core (no "day", "break" …).
_ALIASES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("mlk", re.compile(r"^(?:mlk|martin luther king|dr\.? (?:martin luther )?king)(?: jr)?$")),
    ("president", re.compile(r"^(?:president|prez|pres?|washington)$")),
    ("christma", re.compile(r"^(?:christma|xma|x-ma)$")),
    ("new year", re.compile(r"^new year$")),
    ("veteran", re.compile(r"^veteran$")),
    ("indigenous", re.compile(r"^(?:indigenous(?: people)?|columbus)$")),
    ("thanksgiving", re.compile(r"^(?:thanksgiving|turkey)$")),
)
_MAX_NAME_WORDS = 4
_MAX_LEADS = 8
_SEARCH_BACK = 60
_EXAMPLE_DATES = {
    "winter": "Dec 21 - Jan 1",
    "christma": "Dec 21 - Jan 1",
    "xma": "Dec 21 - Jan 1",
    "holiday": "Dec 21 - Jan 1",
    "thanksgiving": "Nov 25-27",
    "spring": "Mar 15-19",
    "easter": "Mar 29 - Apr 2",
    "fall": "Oct 12-16",
    "new year": "Jan 1",
}


_NO_BREAK = (
    "There is no break ahead on the school calendar — add one with "
    "`/partnerbot calendar add Winter break Dec 21 - Jan 1`, or write a date."
)


@dataclass(frozen=True)
class CalendarPhrase:
    """A phrase naming a day by the school calendar: `words[start:end]`. `day` is None when
    the calendar has no such entry; `missing` then says so, and how to add it."""

    start: int
    end: int
    day: date | None
    missing: str = ""


class NotOnCalendar(ValueError):
    """The words name a day by the school calendar, which has no such entry."""

    def __init__(self, phrase: CalendarPhrase) -> None:
        super().__init__(phrase.missing)
        self.message = phrase.missing
        self.start = phrase.start
        self.end = phrase.end


def find_school_date(
    words: Sequence[str],
    *,
    now: datetime,
    reader: DateReader,
    calendar: SchoolCalendar,
    prefer: Direction = "future",
) -> Found | None:
    """The first date in `words`: a phrase the school calendar answers ("after winter break"),
    unless the date reader finds a date before it. Raises NotOnCalendar when the first date
    named is a calendar phrase the calendar has no entry for. Reads within the reader's budget."""
    with reader.budget():
        phrase = calendar_phrase(words, calendar, today=now.date())
        if phrase is None:
            return reader.find(words, now=now, prefer=prefer)
        earlier = reader.find(words[: phrase.start], now=now, prefer=prefer)
        if earlier is not None:
            return earlier
        if phrase.day is not None:
            return Found(ReadDate(phrase.day, None), phrase.start, phrase.end)
        # "after lunch break tomorrow": not the calendar's, when a date follows.
        later = reader.find(words[phrase.end :], now=now, prefer=prefer)
        if later is not None:
            return Found(later.value, later.start + phrase.end, later.end + phrase.end)
        raise NotOnCalendar(phrase)


def calendar_phrase(
    words: Sequence[str], calendar: SchoolCalendar, *, today: date
) -> CalendarPhrase | None:
    """The first phrase in `words` that names a day by the school calendar, seen from `today`."""
    bare = [w.strip(_PUNCTUATION).casefold().replace("’", "'") for w in words]
    text = " ".join(bare)
    starts: list[int] = []  # the character offset of each word in `text`
    offset = 0
    for word in bare:
        starts.append(offset)
        offset += len(word) + 1

    def word_at(char: int) -> int:
        low, high = 0, len(starts)
        while low + 1 < high:
            middle = (low + high) // 2
            if starts[middle] <= char:
                low = middle
            else:
                high = middle
        return low

    def word_end(char: int) -> int:
        return word_at(char - 1) + 1 if char > 0 else 0

    found: list[tuple[int, int, CalendarPhrase]] = []
    for rank, (what, pattern) in enumerate(_FIXED):
        match = pattern.search(text)
        if match is not None:
            start, end = word_at(match.start(1)), word_end(match.end(1))
            found.append((start, rank, _fixed(what, start, end, calendar, today)))
    named = _named(words, bare, text, word_at, calendar, today)
    if named is not None:
        found.append((named.start, len(_FIXED), named))
    if not found:
        return None
    return min(found, key=lambda f: (f[0], f[1]))[2]


def _fixed(
    what: str, start: int, end: int, calendar: SchoolCalendar, today: date
) -> CalendarPhrase:
    if what == _BACK:
        # The breaks not yet come back from: on the weekend right after one, that one.
        ahead = [e for e in calendar.entries if e.day_off and calendar.first_day_after(e) >= today]
        current = [e for e in ahead if e.starts_on <= today]
        coming = [e for e in ahead if e.starts_on > today]
        breaks = [e for e in coming if e.kind is CalendarKind.BREAK]
        pick = current or breaks or coming
        if not pick:
            return CalendarPhrase(start, end, None, _NO_BREAK)
        entry = (
            max(pick, key=lambda e: e.ends_on) if current else min(pick, key=lambda e: e.starts_on)
        )
        return CalendarPhrase(start, end, calendar.first_day_after(entry))
    if what == _BEFORE_BREAK:
        coming = [e for e in calendar.entries if e.day_off and e.starts_on > today]
        breaks = [e for e in coming if e.kind is CalendarKind.BREAK] or coming
        if not breaks:
            return CalendarPhrase(start, end, None, _NO_BREAK)
        before = breaks[0].starts_on - timedelta(days=1)
        return CalendarPhrase(start, end, _school_day_by(calendar, before, floor=today))
    if what == _NEXT_TERM:
        term = calendar.next_term(today)
        if term is None:
            return CalendarPhrase(start, end, None, _no_term("next term"))
        return CalendarPhrase(start, end, calendar.next_school_day(term.starts_on))
    term = calendar.current_term(today)
    if term is None:
        return CalendarPhrase(start, end, None, _no_term("current term"))
    return CalendarPhrase(start, end, _school_day_by(calendar, term.ends_on, floor=today))


def _no_term(which: str) -> str:
    return (
        f"There is no {which} on the school calendar — add the terms with "
        "`/partnerbot calendar term Spring Jan 5 - May 28`, or write a date."
    )


def _named(
    words: Sequence[str],
    bare: Sequence[str],
    text: str,
    word_at: Callable[[int], int],
    calendar: SchoolCalendar,
    today: date,
) -> CalendarPhrase | None:
    """The first "after <name>" / "before <name>" whose name is on the calendar, or reads
    like a break's or holiday's name (then missing)."""
    upcoming = [e for e in calendar.entries if e.ends_on >= today]
    by_key: dict[str, list[CalendarItem]] = {}
    by_core: dict[str, list[CalendarItem]] = {}
    for entry in upcoming:
        by_key.setdefault(name_key(entry.name), []).append(entry)
        core = _core(name_key(entry.name))
        if core:
            by_core.setdefault(core, []).append(entry)
    for count, lead in enumerate(_NAMED_LEAD.finditer(text)):
        if count >= _MAX_LEADS:
            break
        first = word_at(lead.end())
        after = lead.group(1) is not None
        runs = _runs(words, bare, first)
        for end in runs:
            if end < len(bare) and bare[end] in _BREAK_WORDS and end + 1 in runs:
                continue  # "before spring break": not the term called Spring
            key = " ".join(bare[first:end])
            entries = by_key.get(key) or _core_matches(by_core, key)
            if entries:
                entry = min(entries, key=lambda e: e.starts_on)
                day = (
                    calendar.first_day_after(entry)
                    if after
                    else _school_day_by(calendar, entry.starts_on - timedelta(days=1), floor=today)
                )
                return CalendarPhrase(word_at(lead.start()), end, day)
        for end in runs:
            key = " ".join(bare[first:end])
            if _NAME_LIKE.match(name_key(key)):
                typed = " ".join(w.strip(_PUNCTUATION) for w in words[first:end])
                return CalendarPhrase(
                    word_at(lead.start()), end, None, _missing(typed, calendar, today)
                )
    return None


def _runs(words: Sequence[str], bare: Sequence[str], first: int) -> list[int]:
    """Ends of the word runs from `first` that could be a name, longest first (a run stops
    after a word ending a clause: "after winter break, then …")."""
    ends: list[int] = []
    for end in range(first + 1, min(len(words), first + _MAX_NAME_WORDS) + 1):
        if not bare[end - 1]:
            break
        ends.append(end)
        if bare[end - 1] in _ABBREVIATIONS:  # "after Dr. King day"
            continue
        if words[end - 1].rstrip("”\"')").endswith((",", ";", ".", "!", "?", ":")):
            break
    return list(reversed(ends))


def _core(key: str) -> str:
    """A name without its generic words: "winter break - no school" → "winter"."""
    key = re.split(r" [-–—] |\(|:|,| no school", key)[0]
    words = [w[:-1] if len(w) > 3 and w.endswith("s") else w for w in key.split()]
    while words and words[0] in ("the", "our", "this"):
        words.pop(0)
    while words and (words[-1] in _GENERIC or words[-1] + "s" in _GENERIC):
        words.pop()
    core = " ".join(w.strip(".") for w in words)
    return next((name for name, pattern in _ALIASES if pattern.match(core)), core)


def _core_matches(by_core: dict[str, list[CalendarItem]], key: str) -> list[CalendarItem]:
    core = _core(name_key(key))
    entries = by_core.get(core, []) if core else []
    if entries and core != name_key(key):  # "spring break": a break, never a term called Spring
        return [e for e in entries if e.day_off]
    return entries


def _school_day_by(calendar: SchoolCalendar, day: date, *, floor: date) -> date:
    """The last school day on or before `day` (not before `floor`), else `day`."""
    for back in range(_SEARCH_BACK):
        candidate = day - timedelta(days=back)
        if candidate < floor:
            break
        if calendar.is_school_day(candidate):
            return candidate
    return day


def _missing(typed: str, calendar: SchoolCalendar, today: date) -> str:
    shown = clip(typed.replace("`", ""), 80)
    core = _core(name_key(typed))
    past = any(_core(name_key(e.name)) == core for e in calendar.entries if e.ends_on < today)
    where = "ahead on the school calendar" if past else "on the school calendar"
    name = shown[:1].upper() + shown[1:]
    example = next((d for k, d in _EXAMPLE_DATES.items() if core.startswith(k)), "Oct 12-16")
    return (
        f"There is no “{shown}” {where} — add it with "
        f"`/partnerbot calendar add {name} {example}`, or write a date."
    )
