"""What a `/contact` line means: the kind of contact (kinds.py), the day it happened
(happened.py), an optional follow-up (follow_up_words.py), and the note to keep. Pure: no
Slack, no database; the partner's name is found elsewhere and given as a span (its words are
never read as a date or a kind). A future day, or one more than `MAX_DAYS_BACK` days back, is
asked about, not saved."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from handlers.common.dates import DateReader
from handlers.common.mrkdwn import clip
from handlers.contact_log.follow_up_words import (
    DATE_EXAMPLES,
    FollowUpError,
    FollowUpFound,
    find_follow_up,
    follow_up_note,
)
from handlers.contact_log.happened import happened_day
from handlers.contact_log.kinds import infer_kind
from handlers.contact_log.when import date_phrases
from handlers.school_year.sections import NotOnCalendar
from storage.models import InteractionKind
from storage.school_year import SchoolCalendar

__all__ = [
    "DATE_EXAMPLES",
    "DateReader",
    "ParsedContact",
    "ParsedFollowUp",
    "infer_kind",
    "parse_contact",
]

MAX_DAYS_BACK = 60
READ_LIMIT = 2000
"""Characters read for the kind, day and follow-up (the note keeps the whole line): a line
says these early, and the work stays bounded whatever its length."""
_NO_CALENDAR = SchoolCalendar(())
_MASK = "_"


@dataclass(frozen=True)
class ParsedFollowUp:
    """The follow-up a contact line asks for."""

    due_date: date
    due_time: time | None
    note: str
    owner_user_id: str | None


@dataclass(frozen=True)
class ParsedContact:
    """A contact line, understood. Before saving, ask about `day_to_ask` (a day the words
    name that is in the future or long ago; `occurred_at` is then now) and about a follow-up
    date in the past (`follow_up_in_past`); `problem` says why the line can't be logged as
    typed (a follow-up whose date can't be read)."""

    kind: InteractionKind
    summary: str
    occurred_at: datetime
    follow_up: ParsedFollowUp | None
    day_to_ask: date | None = None
    problem: str | None = None
    follow_up_in_past: bool = False
    day_is_vague: bool = False
    """`day_to_ask` stands for a time the words name without a day ("in June", "last fall")."""
    day_is_unsure: bool = False
    """`day_to_ask` may be the day of what the contact was about ("about the fair Nov 10")."""


def parse_contact(
    text: str,
    *,
    now_local: datetime,
    parser: DateReader,
    calendar: SchoolCalendar = _NO_CALENDAR,
    names: tuple[tuple[int, int], ...] = (),
    note_from: int = 0,
) -> ParsedContact:
    """Understand a contact line seen from the naive local `now_local`. `names` are the spans
    of partner names (never read as dates or kinds); the note is `text[note_from:]`.
    Bounded work whatever the length: the first `READ_LIMIT` characters are read, and
    dateparser (for the rare date the fast reader doesn't know) within one budget per line."""
    now = now_local.replace(tzinfo=None)
    masked = mask(text, names)[:READ_LIMIT]
    problem = None
    with parser.budget():
        phrases = date_phrases(masked)
        try:
            clause = find_follow_up(masked, phrases, now=now, reader=parser, calendar=calendar)
        except (FollowUpError, NotOnCalendar) as exc:
            clause, problem = None, str(exc)
    kind = infer_kind(_main_part(masked, clause))
    found = happened_day(masked, phrases, clause, now.date())
    summary = note_of(text, note_from)
    occurred = now
    asked = None
    vague = unsure = False
    if found is not None and found[0] != now.date():
        happened, vague, unsure = found
        too_old = happened < now.date() - timedelta(days=MAX_DAYS_BACK)
        if vague or unsure or too_old or happened > now.date():
            asked = happened
        else:
            occurred = datetime.combine(happened, time(12, 0))
    follow_up = None
    if clause is not None:
        before = " ".join(_before_clause(note_of(text[: clause.start], note_from)).split())
        default = clip(f"Follow up: {before}", 150) if before else "Follow up"
        follow_up = ParsedFollowUp(
            due_date=clause.due,
            due_time=clause.at,
            note=follow_up_note(text[:READ_LIMIT], clause) or default,
            owner_user_id=clause.owner,
        )
    past = follow_up is not None and follow_up.due_date < now.date()
    unsure = unsure and asked is not None and not vague and asked <= now.date()
    return ParsedContact(kind, summary, occurred, follow_up, asked, problem, past, vague, unsure)


def mask(text: str, spans: tuple[tuple[int, int], ...]) -> str:
    """The text with each span's characters replaced (same length, no word of it left)."""
    for start, end in spans:
        start, end = max(0, start), min(len(text), end)
        if start < end:
            text = text[:start] + _MASK * (end - start) + text[end:]
    return text


def _main_part(masked: str, clause: FollowUpFound | None) -> str:
    """What happened: the text without its follow-up clause."""
    if clause is None:
        return masked
    return masked[: clause.start] + " " + masked[clause.end :]


_SEPARATORS = " \t,;:.-—–"
_QUOTES = "\"'“”‘’"


def note_of(text: str, note_from: int) -> str:
    """The note: what was typed from `note_from` (after a partner name that led the line,
    with the separator after it), the rest exactly as typed."""
    if note_from <= 0:
        return text.strip()
    return text[note_from:].lstrip(_SEPARATORS + _QUOTES).strip()


_TRAILING_JOINER = re.compile(
    r"(?:^|(?<=\s))(?:and|then|&|i'll|i’ll|i will|will|we'll|need to|should|to|pls|please)$",
    re.IGNORECASE,
)


def _before_clause(head: str) -> str:
    """What happened, before a follow-up clause: without the words leading into it."""
    head = head.rstrip(_SEPARATORS)
    while (joiner := _TRAILING_JOINER.search(head)) is not None:
        head = head[: joiner.start()].rstrip(_SEPARATORS)
    return head
