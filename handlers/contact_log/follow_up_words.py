"""The follow-up a `/contact` line asks for: a follow-up word ("follow up", "f/u", "fu",
"remind me", "next step", "circle back", "touch base", "ping them", "try again", "check in")
and the date that comes with it ("tmrw", "in 2 wks", "the 15th", "after Thursday", "EOW",
"after winter break" when the school calendar has it).

A follow-up word that starts a clause ("…, follow up …", "Next step: …") with no date, or a
word or two that can't be read as one ("follow up blursday"), is refused, saying why; followed
by what to do instead ("follow up with Dana about the MOU") it is only part of the note.
Elsewhere a follow-up word counts only when a date comes soon after it ("I'll follow up with
him next week")."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from handlers.common.dates import DateReader
from handlers.common.mrkdwn import clip, mentioned_users
from handlers.contact_log.when import DatePhrase, time_after
from handlers.school_year.sections import calendar_phrase, find_school_date
from storage.school_year import SchoolCalendar

DATE_EXAMPLES = (
    "`follow up next tue`, `f/u in 2 weeks`, `remind me Dec 3`, `follow up after winter break`"
)

_MENTION = r"(?:<@[UW][A-Z0-9]+(?:\|[^>]*)?>\s*)"
_STRICT_WORDS = r"follow[\s-]*ups?|followup|f/u|f\.u\.|fu|remind\s+me|reminder|next\s+steps?"
_LOOSE_WORDS = (
    r"circle\s+back|touch\s+base|check\s+(?:in|back)|ping\s+(?:them|him|her|again|back)|ping"
    r"|(?:try|call|email|text|ping|buzz)\s+(?:[\w&'’-]+\s+)?(?:again|back)"
    r"|reach\s+(?:out\s+)?(?:again|back)|reconnect|revisit|get\s+back\s+to"
    r"|(?:email|text|call)\s+(?:them|him|her)|reach\s+out(?:\s+to)?"
)
# School-calendar words: a follow-up on them needs the school calendar to name the day.
_SCHOOL_WORDS = re.compile(
    r"(?<![\w-])(?:(?:winter|spring|fall|summer|thanksgiving|holiday|christmas|xmas|mid-?winter"
    r"|february|presidents?)\s+break|break|semester|trimester|term|quarter|finals(?:\s+week)?"
    r"|midterms?|graduation|school\s+year|testing\s+window|state\s+testing|winter\s+recess"
    r"|the\s+holidays)(?![\w-])",
    re.IGNORECASE,
)
# A to-do at the start of a clause: "call Tri-County next Tuesday", "email Gearhart fri".
_TODO_WORDS = r"call|email|e-mail|text|visit|contact|meet\s+with|meet|check\s+on"
_TODO = re.compile(rf"(?:{_TODO_WORDS})$", re.IGNORECASE)
_NOT_A_TODO_AFTER = re.compile(
    r"\s+(?:is|was|set|scheduled|confirmed|planned|booked|went|moved|on\s+hold)(?![\w-])",
    re.IGNORECASE,
)
_TRIGGER = re.compile(
    rf"(?<![\w/-])(?P<who>{_MENTION}?)(?P<kw>{_STRICT_WORDS}|{_LOOSE_WORDS}|{_TODO_WORDS})"
    r"(?![\w/])",
    re.IGNORECASE,
)
_STRICT_KW = re.compile(rf"(?:{_STRICT_WORDS})$", re.IGNORECASE)
_FOLLOW_UP_WORD = re.compile(rf"(?<![\w/-])(?:{_STRICT_WORDS})(?![\w/])", re.IGNORECASE)
# What makes a follow-up word start a clause: the start, punctuation, "and"/"then".
_CLAUSE_LEAD = re.compile(r"(?:^|^_+|[,;.!?:(—–]|\s-|\b(?:and|then|&|also|pls|please))\s*$", re.I)
# "talked about follow up", "the follow up", "a f/u": the word is a noun, not a request.
_NOT_A_REQUEST_AFTER = {
    "a", "an", "the", "about", "no", "any", "for", "of", "re", "our", "my", "your", "their",
    "his", "her", "its", "this", "that", "on", "with", "discussed",
}  # fmt: skip
_WEEKEND_DAY = re.compile(r"\s+(sat|sun)\.?(?![\w/])", re.IGNORECASE)
_DATE_WORDS = 2
# "f/u whenever they're back from vacation": a time that names no day, asked about.
_VAGUE = re.compile(
    r"\s+((?:whenever|someday|eventually|at\s+some\s+point"
    r"|(?:when|once)\s+(?:they|he|she|you)(?:['’]re|['’]s|\s+are|\s+is|\s+get|\s+gets)?\s+back"
    r")(?![\w/]))",
    re.IGNORECASE,
)
_JOINERS_TO_WHAT = {
    "with", "w/", "about", "re", "re:", "regarding", "on", "to", "for", "that", "they", "we",
    "i", "she", "he", "it", "is", "was", "and", "then", "when", "if", "once", "as", "asap",
}  # fmt: skip
_SENTENCE_END = re.compile(r"[.!?;\n](?:\s|$)")
MAX_GAP_WORDS = 6
"""Words allowed between a mid-sentence follow-up word and its date."""
_MAX_TRIGGERS = 12


class FollowUpError(ValueError):
    """A follow-up was asked for, but its date can't be read; the message says how to write it."""


@dataclass(frozen=True)
class FollowUpFound:
    """A follow-up clause: text[start:end] is it, text[date_start:date_end] its date; the
    day, time and owner."""

    start: int
    end: int
    date_start: int
    date_end: int
    due: date
    at: time | None
    owner: str | None
    keyword_start: int
    keyword_end: int
    says_what: bool
    """The follow-up word says what to do ("call Jo back", "circle back"), not only when."""


def has_follow_up_word(text: str) -> bool:
    """Whether `text` holds a follow-up word proper ("F/U", "follow up", "remind me")."""
    return _FOLLOW_UP_WORD.search(text) is not None


def find_follow_up(
    text: str,
    phrases: list[DatePhrase],
    *,
    now: datetime,
    reader: DateReader,
    calendar: SchoolCalendar,
) -> FollowUpFound | None:
    """The follow-up the text asks for (`phrases`: its date phrases), or None.
    Raises FollowUpError for a follow-up word starting a clause with no readable date, or a
    school-calendar phrase the calendar has no entry for."""
    todos: list[re.Match[str]] = []
    for count, match in enumerate(_TRIGGER.finditer(text)):
        if count >= _MAX_TRIGGERS:
            break
        before = text[max(0, match.start() - 40) : match.start()]
        words_before = before.split()
        if words_before and words_before[-1].casefold() in _NOT_A_REQUEST_AFTER:
            continue  # "the follow up", "about follow up": a noun, not a request
        keyword = match.group("kw")
        leads = bool(_CLAUSE_LEAD.search(before))
        if _TODO.match(keyword):
            # "called to check on", "wants to meet", "Heartland visit on the 10th": not a to-do
            if not before.strip() or (leads and before.strip(" _")):
                todos.append(match)
            continue
        strict = bool(_STRICT_KW.match(keyword)) and leads
        if leads and (vague := _VAGUE.match(text, match.end())) is not None:
            words = " ".join(text[vague.start(1) : _sentence_end(text, vague.end())].split())
            raise FollowUpError(f"“{clip(words, 120)}” doesn't say which day.")
        found = _dated(text, match, phrases, now, reader, calendar, strict=strict)
        if found is not None:
            return found
        _refuse_school_words(text, match, strict=strict)
        found = _dated_before(text, match, phrases, now)
        if found is not None:
            return found
        if strict:
            rest = " ".join(text[match.end() :].split())
            if not rest:
                raise FollowUpError(f"“{keyword}” needs a date, like {DATE_EXAMPLES}.")
            if _looks_like_a_date(rest):
                raise FollowUpError(
                    f"I couldn't read “{clip(rest, 200)}” (after “{keyword}”) as a date. "
                    f"Write the date like {DATE_EXAMPLES}."
                )
    for match in todos:
        if _NOT_A_TODO_AFTER.match(text, match.end()):
            continue  # "visit set for 12/1": a plan told, not a to-do
        found = _dated(text, match, phrases, now, reader, calendar, strict=False, gap=2)
        if found is not None and found.due >= now.date():
            return found
    return None


def _looks_like_a_date(rest: str) -> bool:
    """Whether the few words after a follow-up word were meant as its date ("blursday",
    "sometime soonish"), not what to do ("with Dana about the MOU": a note, no follow-up)."""
    words = rest.split()
    first = words[0].casefold().strip(":-,.")
    if first.endswith("day") and first.isalpha():
        return True  # "blursday about the MOU": a day the reader doesn't know
    return len(words) <= _DATE_WORDS and first not in _JOINERS_TO_WHAT


def _refuse_school_words(text: str, match: re.Match[str], *, strict: bool) -> None:
    """A follow-up on a school-calendar day the calendar does not have ("after finals week",
    "over winter break" with no calendar): say so rather than save a follow-up without it."""
    end = len(text) if strict else _sentence_end(text, match.end())
    school = _SCHOOL_WORDS.search(text, match.end(), end)
    if school is None:
        return
    gap = len(text[match.end() : school.start()].split())
    if strict or gap <= MAX_GAP_WORDS:
        words = " ".join(text[match.end() : school.end()].split())
        raise FollowUpError(
            f"“{clip(words, 120)}” is a school-calendar date, and the school calendar doesn't "
            "have it yet — add it with `/partnerbot calendar add Winter break Dec 21 - Jan 1`, "
            f"or write a date like {DATE_EXAMPLES}."
        )


def _dated_before(
    text: str, match: re.Match[str], phrases: list[DatePhrase], now: datetime
) -> FollowUpFound | None:
    """ "tmrw follow up", "2 wks f/u": the date right before the follow-up word."""
    for phrase in phrases:
        if phrase.end <= match.start() and not text[phrase.end : match.start()].strip(" -,"):
            due = phrase.day(now.date(), "future")
            if due is None:
                return None
            found = _clause(text, match, phrase.start, phrase.end, due, None, match.end())
            return replace(found, start=phrase.start, end=match.end())
    return None


_LINK = re.compile(
    r"(?<![\w-])(?:by|on|before|around|for|at|until|till|the|again\s+at\s+the)\s+$", re.I
)


def _with_link(text: str, start: int, floor: int) -> int:
    """Where a follow-up date starts with the word leading into it ("by Friday")."""
    link = _LINK.search(text, max(floor, start - 20), start)
    return link.start() if link is not None and link.end() == start else start


def _sentence_end(text: str, start: int) -> int:
    end = _SENTENCE_END.search(text, start)
    return end.start() if end else len(text)


def _dated(
    text: str,
    match: re.Match[str],
    phrases: list[DatePhrase],
    now: datetime,
    reader: DateReader,
    calendar: SchoolCalendar,
    *,
    strict: bool,
    gap: int = MAX_GAP_WORDS,
) -> FollowUpFound | None:
    after = match.end()
    end = len(text) if strict else _sentence_end(text, after)
    today = now.date()
    calendar_at = _calendar_day(text, after, end, now, reader, calendar)
    for phrase in phrases:
        if phrase.end <= after or phrase.start >= end or phrase.start < match.start():
            continue  # ("circle back in January": the phrase may take the trigger's last word)
        if calendar_at is not None and calendar_at[0] < phrase.start:
            break
        words_between = len(text[after : max(after, phrase.start)].split())
        if not strict and words_between > gap:
            return None
        if (phrase.bare_count and words_between > 2) or phrase.kind == "season":
            continue
        due = phrase.day(today, "future")
        if due is None:
            continue
        start = _with_link(text, max(after, phrase.start), after)
        at = time_after(text, phrase.end, 12)
        date_end = at.end if at else phrase.end
        if at is None:  # "at 2pm Friday", "noon tomorrow": the time first
            at = time_after(text, after, max(0, phrase.start - after))
            if at is not None and at.end <= phrase.start and not text[at.end : start].strip():
                start = at.start
            else:
                at = None
        return _clause(text, match, start, date_end, due, at.at if at else None, end)
    if calendar_at is not None:
        start, stop, due = calendar_at
        return _clause(text, match, start, stop, due, None, end)
    weekend_day = _WEEKEND_DAY.match(text, after)
    if weekend_day is not None:  # "f/u sat": a weekday read only right after the word
        ahead = (5 + (weekend_day.group(1).casefold() == "sun") - today.weekday()) % 7 or 7
        due = today + timedelta(days=ahead)
        return _clause(text, match, weekend_day.start(1), weekend_day.end(1), due, None, end)
    if strict:
        return _dateparser_day(text, match, now, reader, end)
    return None


def _calendar_day(
    text: str, after: int, end: int, now: datetime, reader: DateReader, calendar: SchoolCalendar
) -> tuple[int, int, date] | None:
    """A school-calendar phrase in text[after:end] ("after winter break"): where, and its day.
    Raises FollowUpError when the calendar has no such entry."""
    words, starts = _words(text, after, end)
    if not words:
        return None
    phrase = calendar_phrase(words, calendar, today=now.date())
    if phrase is None:
        return None
    stop = starts[phrase.end - 1] + len(words[phrase.end - 1])
    if phrase.day is None:
        raise FollowUpError(phrase.missing)
    return starts[phrase.start], stop, phrase.day


def _dateparser_day(
    text: str, match: re.Match[str], now: datetime, reader: DateReader, end: int
) -> FollowUpFound | None:
    """Words the fast reader does not know, read by dateparser (a few, within its budget)."""
    words, starts = _words(text, match.end(), end)
    found = find_school_date(words[:12], now=now, reader=reader, calendar=SchoolCalendar(()))
    if found is None:
        return None
    stop = starts[found.end - 1] + len(words[found.end - 1])
    return _clause(text, match, starts[found.start], stop, found.value.day, found.value.at, end)


def _words(text: str, start: int, end: int) -> tuple[list[str], list[int]]:
    words: list[str] = []
    starts: list[int] = []
    for word in re.finditer(r"\S+", text[start:end]):
        words.append(word.group(0))
        starts.append(start + word.start())
    return words, starts


_NOTE_LEAD = re.compile(r"^(?:to|that|and|then|:)\s+", re.IGNORECASE)
_TRIM = " \t,;:.-—–"
_JOINERS = {"with", "on", "about", "re", "re:", "regarding"}
_BEFORE_MENTION = re.compile(r"(?:\bwith|\bfor|(?<![\w/])w/)\s*(?=<@)", re.IGNORECASE)
_BARE_W = re.compile(r"^w/(?:\s+|$)", re.IGNORECASE)  # "w/ Amy Chen": "with Amy Chen"
NOTE_LIMIT = 500


def _clause(
    text: str,
    match: re.Match[str],
    date_start: int,
    date_end: int,
    due: date,
    at: time | None,
    end: int,
) -> FollowUpFound:
    start = match.start("who") if match.group("who") else match.start("kw")
    owners = mentioned_users(match.group("who")) or mentioned_users(text[match.end() : end])
    return FollowUpFound(
        start=start,
        end=max(end, date_end),
        date_start=date_start,
        date_end=date_end,
        due=due,
        at=at,
        owner=owners[0] if owners else None,
        keyword_start=match.start("kw"),
        keyword_end=match.end("kw"),
        says_what=not _STRICT_KW.match(match.group("kw")),
    )


def follow_up_note(typed: str, found: FollowUpFound) -> str:
    """What to do, from the line as typed (`typed`: partner names not masked): the clause's
    words without its date and @mentions ("send the MOU", "Call Jo back"); "" when none."""
    lead = found.keyword_start if found.says_what else found.keyword_end
    rest = typed[lead : found.date_start] + " " + typed[found.date_end : found.end]
    note = " ".join(_MENTION_RE.sub(" ", _BEFORE_MENTION.sub("", rest)).split())
    note = _NOTE_LEAD.sub("", note.strip(_TRIM)).strip(_TRIM)
    if _BARE_W.match(note):  # never a bare joiner: "W/"
        note = _BARE_W.sub("with ", note, count=1).strip()
        note = "" if note.casefold() == "with" else note
    if note and note.split()[0].casefold() in _JOINERS:
        note = f"Follow up {note}"
    return clip(note[0].upper() + note[1:], NOTE_LIMIT) if note else ""


_MENTION_RE = re.compile(_MENTION)
