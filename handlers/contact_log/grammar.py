"""What a `/contact` line means once the partner's name is taken off: the kind of contact, when it
happened, and an optional follow-up clause ("follow up next tue", "f/u in 2 weeks", "remind me
Dec 3", "next step: send the MOU by Friday"). Pure: no Slack, no database."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from handlers.common.dates import DateReader, Found, ReadDate
from handlers.common.mrkdwn import clip, mentioned_users, strip_mentions
from handlers.school_year.sections import NotOnCalendar, find_school_date
from storage.models import InteractionKind
from storage.school_year import SchoolCalendar

__all__ = [
    "ContactParseError",
    "DateReader",
    "FollowUpInPast",
    "ParsedContact",
    "ParsedFollowUp",
    "infer_kind",
    "parse_contact",
]

DATE_EXAMPLES = (
    "`follow up next tue`, `f/u in 2 weeks`, `remind me Dec 3`, `follow up after winter break`"
)
NOTE_LIMIT = 500

# Which words say what kind of contact it was; the earliest one in the text wins.
_KIND_WORDS: tuple[tuple[InteractionKind, str], ...] = (
    (InteractionKind.CALL, r"call(?:ed|ing|s)?|phoned?|rang|voicemail|vm|spoke on the phone"),
    (InteractionKind.EMAIL, r"e-?mail(?:ed|ing|s)?|wrote to|sent (?:an? )?e-?mail"),
    (
        InteractionKind.MEETING,
        r"met|meet(?:ing|s)?|zoom|teams call|lunch|coffee|sat down with",
    ),
    (InteractionKind.VISIT, r"visit(?:ed|ing|s)?|toured?|stopped by|dropped by|site visit"),
    (
        InteractionKind.EVENT,
        r"career fair|job fair|fair|expo|event|conference|open house|presentation|"
        r"presented|guest speak(?:er|ing)|spoke at|mock interviews?",
    ),
)
_KIND_PATTERNS = [
    (kind, re.compile(rf"(?<![\w-])(?:{words})(?![\w-])", re.IGNORECASE))
    for kind, words in _KIND_WORDS
]

_KEYWORD = r"follow[\s-]?ups?|f/u|fu|remind\s+me|next\s+steps?"
# A follow-up clause starts the text, or follows punctuation, "and" or "then"; an optional
# @mention right before it names who owns it.
_STRICT_CLAUSE = re.compile(
    rf"(?:^|[,;.!?—–]\s*|\s-\s*|\s(?:and|then)\s+)"
    rf"(?P<who>(?:<@[UW][A-Z0-9]+(?:\|[^>]*)?>\s*)?)(?P<kw>{_KEYWORD})(?![\w/])",
    re.IGNORECASE,
)
# Elsewhere ("called Jane follow up friday") it counts only when a date comes right after it,
# after "with …" ("follow up with her tomorrow"), or anywhere after "remind me".
_LOOSE_CLAUSE = re.compile(
    rf"(?<=\s)(?P<who>(?:<@[UW][A-Z0-9]+(?:\|[^>]*)?>\s*)?)(?P<kw>{_KEYWORD})(?![\w/])",
    re.IGNORECASE,
)
_NOT_A_CLAUSE_AFTER = {
    "to", "will", "would", "should", "can", "could", "must", "a", "an", "the", "her", "his",
    "their", "our", "my", "your", "for", "no", "any", "i'll", "we'll", "i", "we",
    "about", "on", "of", "with", "re",
}  # fmt: skip
_LOOSE_GAP_AFTER_JOINER = 3

_PAST_PHRASE = re.compile(
    r"(?<![\w-])(?:yesterday|today|this (?:morning|afternoon|evening)|last (?:night|week)"
    r"|(?:on |last )(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?"
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day"
    r"|(?:on )?(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.? "
    r"\d{1,2}(?:st|nd|rd|th)?"
    r"|(?:on )?\d{1,2}/\d{1,2}(?:/\d{2,4})?|\d{1,2} days? ago|an? (?:week|day) ago)(?![\w-])",
    re.IGNORECASE,
)
_TRIM = " \t,;:.-—–"
_NO_CALENDAR = SchoolCalendar(())
# "called Jane and follow up …": the "and"/"then" that leads into the clause is not the summary.
_TRAILING_JOINER = re.compile(r"(?<=\s)(?:and|then)$", re.IGNORECASE)
_NOTE_LEAD = re.compile(r"^(?:to|that|and|then|:)\s+", re.IGNORECASE)
# "follow up fri with @juan about …": the mention names the owner, so "with" goes with it.
_BEFORE_MENTION = re.compile(r"\b(?:with|for)\s+(?=<@)", re.IGNORECASE)


class ContactParseError(ValueError):
    """The text can't be logged as typed; the message says what to change."""


@dataclass(frozen=True)
class ParsedFollowUp:
    """The follow-up a contact line asks for."""

    due_date: date
    due_time: time | None
    note: str
    owner_user_id: str | None


@dataclass(frozen=True)
class ParsedContact:
    """A contact line, understood."""

    kind: InteractionKind
    summary: str
    occurred_at: datetime
    follow_up: ParsedFollowUp | None


class FollowUpInPast(ContactParseError):
    """The follow-up date is before today: ask rather than save."""

    def __init__(self, parsed: ParsedContact, due_date: date) -> None:
        super().__init__(f"The follow-up date, {due_date:%a %b} {due_date.day}, is in the past.")
        self.parsed = parsed
        self.due_date = due_date


def infer_kind(text: str) -> InteractionKind:
    """The kind the words describe (the earliest telling word wins), else a note."""
    best: tuple[int, InteractionKind] | None = None
    for kind, pattern in _KIND_PATTERNS:
        match = pattern.search(text)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), kind)
    return best[1] if best else InteractionKind.NOTE


def parse_contact(
    text: str,
    *,
    now_local: datetime,
    parser: DateReader,
    calendar: SchoolCalendar = _NO_CALENDAR,
) -> ParsedContact:
    """Understand a contact line (partner name already removed), seen from the naive local
    `now_local`; the follow-up date may be one the school `calendar` names ("after winter
    break"). Raises ContactParseError (FollowUpInPast for a past follow-up date).
    Bounded work whatever the length: dates are read within one budget per line."""
    with parser.budget():
        return _parse_contact(text, now_local=now_local, parser=parser, calendar=calendar)


def _parse_contact(
    text: str, *, now_local: datetime, parser: DateReader, calendar: SchoolCalendar
) -> ParsedContact:
    now_local = now_local.replace(tzinfo=None)
    clause = _follow_up_clause(text, now_local, parser, calendar)
    summary_text = _before_clause(text[: clause.start]) if clause else text.strip()
    summary = summary_text.strip()
    occurred = _occurred_at(summary, now_local, parser)
    parsed = ParsedContact(
        kind=infer_kind(summary),
        summary=summary,
        occurred_at=occurred,
        follow_up=None,
    )
    if clause is None:
        return parsed
    follow_up = ParsedFollowUp(
        due_date=clause.when.day,
        due_time=clause.when.at,
        note=clause.note or clip(f"Follow up: {' '.join(summary.split())}", 150),
        owner_user_id=clause.owner,
    )
    parsed = replace(parsed, follow_up=follow_up)
    if follow_up.due_date < now_local.date():
        raise FollowUpInPast(parsed, follow_up.due_date)
    return parsed


def _before_clause(head: str) -> str:
    """What happened: the text before the follow-up clause, without the words leading into it."""
    end = _trimmed_end(head, len(head))
    while (joiner := _TRAILING_JOINER.search(head, max(0, end - 4), end)) is not None:
        end = _trimmed_end(head, joiner.start())
    return head[:end]


def _trimmed_end(text: str, end: int) -> int:
    while end > 0 and text[end - 1] in _TRIM:
        end -= 1
    return end


@dataclass(frozen=True)
class _Clause:
    start: int
    when: ReadDate
    note: str
    owner: str | None


def _follow_up_clause(
    text: str, now: datetime, parser: DateReader, calendar: SchoolCalendar
) -> _Clause | None:
    strict = _STRICT_CLAUSE.search(text)
    if strict is not None:
        return _read_clause(text, strict, now, parser, calendar, strict=True)
    for match in _LOOSE_CLAUSE.finditer(text):
        if parser.exhausted:
            return None
        before = text[max(0, match.start() - 40) : match.start()].split()
        if before and before[-1].casefold() in _NOT_A_CLAUSE_AFTER:
            continue
        clause = _read_clause(text, match, now, parser, calendar, strict=False)
        if clause is not None:
            return clause
    return None


def _read_clause(
    text: str,
    match: re.Match[str],
    now: datetime,
    parser: DateReader,
    calendar: SchoolCalendar,
    *,
    strict: bool,
) -> _Clause | None:
    typed_keyword = match.group("kw")
    words = text[match.end() :].split() if strict else _first_words(text, match.end())
    try:
        found = find_school_date(words, now=now, reader=parser, calendar=calendar)
    except NotOnCalendar as exc:
        if strict or exc.start <= 1 or typed_keyword.casefold().startswith("remind"):
            raise ContactParseError(exc.message) from None
        return None
    if not strict and not _loose_clause_holds(typed_keyword, words, found):
        return None
    if found is None:
        rest = " ".join(words)
        if rest:
            raise ContactParseError(
                f"I couldn't read “{clip(rest, 200)}” (after “{typed_keyword}”) as a date. "
                f"Write the date like {DATE_EXAMPLES}."
            )
        raise ContactParseError(f"“{typed_keyword}” needs a date, like {DATE_EXAMPLES}.")
    note_words = words[: found.start] + words[found.end :]
    note_text = strip_mentions(_BEFORE_MENTION.sub("", " ".join(note_words)))
    note = _NOTE_LEAD.sub("", note_text.strip(_TRIM)).strip(_TRIM)
    if note and note.split()[0].casefold() in _JOINERS:
        note = f"Follow up {note}"
    if note:
        note = clip(note[0].upper() + note[1:], NOTE_LIMIT)
    owners = mentioned_users(match.group("who")) or mentioned_users(text[match.end() :])
    start = match.start("who") if match.group("who") else match.start("kw")
    return _Clause(start=start, when=found.value, note=note, owner=owners[0] if owners else None)


_JOINERS = {"with", "on", "about", "re", "re:", "regarding"}
_LOOSE_WORDS = 40


def _first_words(text: str, start: int) -> list[str]:
    """The first words after `start` (a loose clause's date comes soon after its keyword,
    and copying the whole rest for each of thousands of keywords would not be bounded)."""
    return text[start : start + 20 * _LOOSE_WORDS].split()[:_LOOSE_WORDS]


def _loose_clause_holds(keyword: str, words: list[str], found: Found | None) -> bool:
    """Whether a keyword in mid-sentence is really asking for a follow-up on the date found."""
    if found is None:
        return False
    if found.start <= 1 or keyword.casefold().startswith("remind"):
        return True
    return found.start <= _LOOSE_GAP_AFTER_JOINER and words[0].casefold() in _JOINERS


def _occurred_at(summary: str, now: datetime, parser: DateReader) -> datetime:
    """When the contact happened: a past day named in the text ("yesterday", "on Monday"),
    at noon, or now."""
    for match in _PAST_PHRASE.finditer(summary):
        if parser.exhausted:
            break
        phrase = match.group(0)
        if phrase[:3].casefold() == "on ":
            phrase = phrase[3:]
        found = parser.read(phrase, now=now, prefer="past")
        if found is None:
            continue
        if found.day > now.date():
            raise ContactParseError(
                f"“{phrase}” is in the future — log contacts that already happened "
                "(say `yesterday` or `on Monday`), and put what comes next in a follow-up."
            )
        if found.day == now.date():
            return now
        if found.day < now.date() - timedelta(days=3650):
            continue
        return datetime.combine(found.day, found.at or time(12, 0))
    return now
