"""What people type about the school year: `/partnerbot calendar …`, `/partner busy …` and date
ranges ("Dec 21 - Jan 1", "Nov 25-27", "2026-12-21 to 2027-01-01"). Pure."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from handlers.common.grammar import GrammarError

CALENDAR_USAGE = """*The school calendar* — no digests on days off; dates that know the year.
• `/partnerbot calendar` — the year: terms, breaks and holidays
• `/partnerbot calendar add Winter break Dec 21 - Jan 1` · `… add Thanksgiving Nov 25-27`
• `/partnerbot calendar term Spring Jan 5 - May 28`
• `/partnerbot calendar remove Winter break`
• `/partnerbot calendar import https://district.example.org/calendar.ics` (or a file path)
• `/partnerbot calendar holidays` — add the US public holidays of the coming year \
(`holidays TX` adds a state's too)"""

RANGE_EXAMPLES = "`Dec 21 - Jan 1`, `Nov 25-27`, `Nov 26`, `2026-12-21 to 2027-01-01`"

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_SLASH = re.compile(r"^(\d{1,2})/(\d{1,2})(?:/(\d{2}|\d{4}))?$")
_MONTH_DAY = re.compile(
    rf"^({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?$", re.IGNORECASE
)
_DAY_MONTH = re.compile(rf"^(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH})\.?(?:,?\s+(\d{{4}}))?$", re.I)
_BARE_DAY = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?$")
_SEPARATOR = re.compile(r"\s*(?:–|—|-|\bto\b|\bthrough\b|\bthru\b|\buntil\b)\s*", re.IGNORECASE)
MAX_RANGE_WORDS = 9
# The school year runs from August (FIRST_MONTH) to July; a year-less date typed from July on
# (TURNOVER_MONTH) means the coming school year, and from June on (SUMMER_MONTH, school is out)
# August to December mean the coming fall.
FIRST_MONTH = 8
TURNOVER_MONTH = 7
SUMMER_MONTH = 6
MAX_BREAK_DAYS = 120


@dataclass(frozen=True)
class _Day:
    month: int
    day: int
    year: int | None


def _read_day(text: str) -> _Day | None:
    """One date as written, its year only when given."""
    text = text.strip().strip(",")
    if m := _ISO.match(text):
        return _Day(int(m.group(2)), int(m.group(3)), int(m.group(1)))
    if m := _SLASH.match(text):
        year = m.group(3)
        full = None if year is None else int(year) + (2000 if len(year) == 2 else 0)
        return _Day(int(m.group(1)), int(m.group(2)), full)
    if m := _MONTH_DAY.match(text):
        month = _MONTHS[m.group(1).casefold()]
        return _Day(month, int(m.group(2)), int(m.group(3)) if m.group(3) else None)
    if m := _DAY_MONTH.match(text):
        month = _MONTHS[m.group(2).casefold()]
        return _Day(month, int(m.group(1)), int(m.group(3)) if m.group(3) else None)
    return None


def _real(year: int, d: _Day, written: str) -> date:
    try:
        return date(year, d.month, d.day)
    except ValueError:
        raise GrammarError(f"“{written.strip()}” is not a date.") from None


def _in_school_year(d: _Day, written: str, today: date) -> date:
    """A date written without its year, in the school year it names: the year runs August to
    July, and from July on the coming one is meant ("Jan 5" typed in July is next January).
    Once school is out in June, the fall months are the coming fall ("Dec 21" typed on June 15
    is this December, not last)."""
    if d.month >= FIRST_MONTH:
        year = today.year if today.month >= SUMMER_MONTH else today.year - 1
    else:
        year = today.year + 1 if today.month >= TURNOVER_MONTH else today.year
    return _real(year, d, written)


def _split(text: str) -> list[str]:
    """The two sides of a range ("Dec 21 - Jan 1"), or the one date; ISO dates keep their
    dashes."""
    text = text.strip()
    iso = re.match(r"^(\d{4}-\d{1,2}-\d{1,2})\s*(?:–|—|-|to|through|thru|until)\s*(.+)$", text)
    if iso:
        return [iso.group(1), iso.group(2)]
    if _ISO.match(text):
        return [text]
    return [p for p in _SEPARATOR.split(text, maxsplit=1) if p is not None]


def parse_range(text: str, *, today: date) -> tuple[date, date]:
    """A date range (or one day) as written; without a year, the dates fall in the school
    year of `today` (August to July; from July on the coming one), and an end in an earlier
    month runs into the next year ("Dec 21 - Jan 1"). GrammarError says what was wrong."""
    parts = _split(text)
    first_text = parts[0]
    first = _read_day(first_text)
    if first is None or len(parts) > 2:
        raise GrammarError(f"I couldn't read “{text.strip()}” as dates. Write {RANGE_EXAMPLES}.")
    start = (
        _real(first.year, first, first_text)
        if first.year is not None
        else _in_school_year(first, first_text, today)
    )
    if len(parts) == 1:
        return start, start
    end_text = parts[1]
    end = _read_day(end_text)
    if end is None and (m := _BARE_DAY.match(end_text.strip())):  # "Nov 25-27"
        end = _Day(start.month, int(m.group(1)), int(m.group(2)) if m.group(2) else start.year)
    if end is None:
        raise GrammarError(
            f"I couldn't read “{end_text.strip()}” as a date. Write {RANGE_EXAMPLES}."
        )
    if end.year is not None:
        finish = _real(end.year, end, end_text)
    else:  # the end follows the start, over New Year when it is in an earlier month
        finish = _real(start.year + (end.month < start.month), end, end_text)
    if finish < start:
        raise GrammarError(
            f"That range ends ({finish:%b %d, %Y}) before it starts ({start:%b %d, %Y}). "
            f"Write the first day, then the last: {RANGE_EXAMPLES}."
        )
    return start, finish


def split_name_and_range(text: str, *, today: date) -> tuple[str, date, date]:
    """ "Winter break Dec 21 - Jan 1" → ("Winter break", Dec 21, Jan 1): the longest run of
    final words that reads as dates; the words before it are the name."""
    words = text.split()
    if words and _read_day(_split(text)[0]) is not None:
        raise GrammarError(
            "Give it a name before the dates: "
            "`/partnerbot calendar add Winter break Dec 21 - Jan 1`"
        )
    for start in range(max(1, len(words) - MAX_RANGE_WORDS), len(words)):
        tail = " ".join(words[start:])
        if _read_day(_split(tail)[0]) is None:
            continue
        if _SEPARATOR.fullmatch(f" {words[start - 1]} "):  # "Dec 21 - [Jan 1]": not a name
            continue
        first, last = parse_range(tail, today=today)  # dates start here: right, or say why
        name = " ".join(words[:start]).strip(" ,:;-–—")
        for link in (" from", " on"):
            name = name.removesuffix(link)
        return name, first, last
    raise GrammarError(
        f"I couldn't find the dates in “{' '.join(words)}”. Put them last: "
        "`/partnerbot calendar add Winter break Dec 21 - Jan 1`."
    )


@dataclass(frozen=True)
class ShowCalendar:
    """Show the year."""


@dataclass(frozen=True)
class CalendarHelp:
    """Usage."""


@dataclass(frozen=True)
class AddEntry:
    """A break, holiday (`term` False) or term, with its first and last day."""

    name: str
    first: date
    last: date
    term: bool = False


@dataclass(frozen=True)
class RemoveEntry:
    """Remove entries by name."""

    name: str


@dataclass(frozen=True)
class ImportCalendar:
    """Import an iCalendar file: a URL or a path."""

    source: str


@dataclass(frozen=True)
class AddHolidays:
    """Add the US public holidays (and a state's, when given)."""

    state: str | None


CalendarCommand = (
    ShowCalendar | CalendarHelp | AddEntry | RemoveEntry | ImportCalendar | AddHolidays
)


def parse_calendar_command(text: str, *, today: date) -> CalendarCommand:
    """What followed `/partnerbot calendar`."""
    text = " ".join(text.split())
    verb, _, rest = text.partition(" ")
    verb = verb.casefold()
    if verb in ("", "show", "list", "year"):
        return ShowCalendar()
    if verb in ("help", "?", "-h", "--help"):
        return CalendarHelp()
    if verb in ("add", "term"):
        if not rest:
            raise GrammarError(
                "Say what and when: `/partnerbot calendar add Winter break Dec 21 - Jan 1`"
                if verb == "add"
                else "Say which term and when: `/partnerbot calendar term Spring Jan 5 - May 28`"
            )
        name, first, last = split_name_and_range(rest, today=today)
        if not name:
            raise GrammarError(
                f"Give it a name before the dates: `/partnerbot calendar {verb} "
                + ("Winter break Dec 21 - Jan 1`" if verb == "add" else "Spring Jan 5 - May 28`")
            )
        if verb == "add" and (last - first).days > MAX_BREAK_DAYS:
            raise GrammarError(
                f"A break from {first:%b %d, %Y} to {last:%b %d, %Y} is {(last - first).days + 1} "
                f"days long; check the dates (the first day, then the last: {RANGE_EXAMPLES})."
            )
        return AddEntry(name, first, last, term=verb == "term")
    if verb in ("remove", "delete", "rm"):
        if not rest:
            raise GrammarError("Which one? `/partnerbot calendar remove Winter break`")
        return RemoveEntry(rest)
    if verb == "import":
        if not rest or len(rest.split()) != 1:
            raise GrammarError(
                "Give one address or file: "
                "`/partnerbot calendar import https://district.example.org/calendar.ics`"
            )
        # Slack sends a link as <url> or <url|label>, with &, < and > escaped.
        return ImportCalendar(_slack_unescape(rest.strip("<>").split("|", 1)[0]))
    if verb == "holidays":
        state = rest.strip().upper() or None
        if state is not None and not re.fullmatch(r"[A-Z]{2}", state):
            raise GrammarError(
                "Write a state as its two letters: `/partnerbot calendar holidays TX`."
            )
        return AddHolidays(state)
    raise GrammarError(f"I don't know “{verb}” for the calendar.")


def _slack_unescape(text: str) -> str:
    """Text as typed, from Slack's escaping of &, < and > (&amp; last: "&amp;lt;" is "&lt;")."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


BUSY_USAGE = (
    "Write `/partner busy Acme Nov 15 - Dec 31 holiday retail` (every year; the note is "
    "optional), `/partner busy Acme` to see them, `/partner busy Acme off` to clear them."
)


def leading_range(words: list[str], *, today: date) -> tuple[int, date, date] | None:
    """The date range `words` start with (the longest readable run): where it ends, its first
    and last day; None when they do not start with a date. GrammarError for a range that
    starts with a date but is wrong (ends before it starts)."""
    error: GrammarError | None = None
    for end in range(min(len(words), MAX_RANGE_WORDS), 0, -1):
        try:
            first, last = parse_range(" ".join(words[:end]), today=today)
        except GrammarError as exc:
            error = error or (exc if _read_day(_split(" ".join(words[:end]))[0]) else None)
            continue
        return end, first, last
    if error is not None:
        raise error
    return None
