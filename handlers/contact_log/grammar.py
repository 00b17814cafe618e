"""What a `/contact` line means: the kind of contact, the day it happened, an optional
follow-up, and the note to keep. Pure: no Slack, no database; the partner's name is found
elsewhere and given as a span (its words are never read as a date or a kind).

The day it happened comes only from words that say when ("yesterday", "last Thursday",
"on 11/3", "3 days ago", "on the 12th", "Monday"); dates that are the content — a deadline
("by 12/15"), an event ("for the Dec 12 hackathon"), a fraction ("1/2 day"), "24/7" — never do.
A future day, or one more than `MAX_DAYS_BACK` days back, is asked about, not saved."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from handlers.common.dates import DateReader
from handlers.common.mrkdwn import clip
from handlers.contact_log.day_math import month_is_coming
from handlers.contact_log.follow_up_words import (
    DATE_EXAMPLES,
    FollowUpError,
    FollowUpFound,
    find_follow_up,
    follow_up_note,
)
from handlers.contact_log.kinds import infer_kind
from handlers.contact_log.when import DatePhrase, date_phrases
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
# Words before a date that make it the content, not the day it happened.
_CONTENT_BEFORE = {
    "by", "due", "before", "until", "till", "til", "thru", "through", "for", "from", "to",
    "starting", "starts", "start", "begins", "begin", "deadline", "since", "every", "each",
    "the", "a", "an", "our", "their", "his", "her", "its", "your", "my", "of", "is", "are",
    "be", "was", "were", "set", "scheduled", "planned", "booked", "moved", "pushed",
    "rescheduled", "during", "between", "and", "or", "around", "than", "vs", "versus",
    "opens", "ends", "closes", "expires", "asap", "about", "re", "re:", "regarding",
    "upcoming", "held", "happening", "will", "would", "may", "might", "can", "could",
    "should", "after", "averaged", "scored", "score", "rated", "ratio", "got", "passed",
    "went", "out", "over", "per", "like", "only", "all", "by:", "due:",
}  # fmt: skip
# Words after a date that make it the content: "1/2 day", "3/4 of", "the Friday tasting".
_CONTENT_AFTER = {
    "of", "day", "days", "hour", "hours", "hr", "hrs", "time", "shift", "shifts", "schedule",
    "way", "split", "off", "support", "coverage", "access", "mile", "miles", "inch", "cup",
    "price", "rate", "score", "win", "loss", "record", "deadline", "event", "fair",
    "hackathon", "tasting", "meeting", "session", "class", "game", "match", "workshop",
    "tour", "visit", "interview", "interviews", "expo", "showcase", "program", "conference",
    "launch", "opening", "start", "kickoff", "party", "celebration", "presentation", "panel",
    "dinner", "lunch", "breakfast", "ceremony", "banquet", "due", "students", "kids",
    "interns", "seniors", "juniors", "people", "spots", "slots", "openings", "night",
    "crew", "test", "exam", "quiz", "results", "pop-up", "drill", "camp",
}  # fmt: skip
# Event words: "the banquet on 3/20" is when the banquet is, not when the contact was.
_EVENT_NOUNS = {
    "banquet", "fair", "event", "expo", "hackathon", "showcase", "tour", "interview",
    "interviews", "workshop", "ceremony", "party", "game", "match", "test", "exam",
    "deadline", "start", "kickoff", "launch", "opening", "presentation", "conference",
    "session", "camp", "day", "drill", "night", "date", "celebration", "meeting", "it",
    "due", "scrimmage", "contest", "competition", "program", "internship", "interns",
}  # fmt: skip
# After a numeric date that says when it happened: the end, or words like these.
_WHEN_FOLLOWERS = {
    "", "about", "re", "re:", "regarding", "to", "with", "w/", "w", "and", "at", "in", "-",
}  # fmt: skip
# Words of a plan: a future date after them is when the plan is, not a misdated contact.
_PLANS = re.compile(
    r"(?<![\w-])(?:will|wants?|wanted|going\s+to|gonna|plans?|planning|planned|hop(?:e|ing)"
    r"|would|asked|invited|scheduled|hosting|coming|upcoming|needs?|'ll|’ll|expects?|is|are"
    r"|set\s+up|setting\s+up|arranged|booked|confirmed|moved|pushed)"
    r"(?![\w-])",
    re.IGNORECASE,
)
# Forms that name a day on a calendar (not "yesterday", "3 days ago").
_NAMED_DAYS = ("wd", "exact", "ord", "month", "weekof", "early")
_IS = {
    "is", "are", "was", "were", "be", "been", "set", "scheduled", "planned", "booked", "moved",
    "pushed", "rescheduled", "happening", "held", "starts", "begins", "opens", "ends", "closes",
}  # fmt: skip
_TOPIC = re.compile(r"(?<![\w-])(?:about|re:?|regarding)(?![\w-])", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[,;.!?—–()]")
_WORD = re.compile(r"[\w'’/:-]+")


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
    vague = False
    if found is not None and found[0] != now.date():
        happened, vague = found
        too_old = happened < now.date() - timedelta(days=MAX_DAYS_BACK)
        if vague or too_old or happened > now.date():
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
    return ParsedContact(kind, summary, occurred, follow_up, asked, problem, past, vague)


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


def _word_before(text: str, start: int) -> tuple[str, str]:
    """The two words before `start`, folded (nearest first), punctuation trimmed."""
    words = _WORD.findall(text[max(0, start - 40) : start])
    last = words[-1].casefold() if words else ""
    second = words[-2].casefold() if len(words) > 1 else ""
    return last, second


def _clause_before(text: str, start: int) -> str:
    """The words of the clause before `start` (back to a comma, dash or full stop)."""
    head = text[max(0, start - 120) : start]
    breaks = list(_CLAUSE_BREAK.finditer(head))
    return head[breaks[-1].end() :] if breaks else head


def _word_after(text: str, end: int) -> str:
    match = _WORD.search(text, end, end + 30)
    if match is None or text[end : match.start()].strip(" "):
        return ""
    return match.group(0).casefold()


def _is_content(text: str, phrase: DatePhrase, today: date) -> bool:
    """Whether a date is what the words are about (a deadline, an event, a fraction, a
    score), not when the contact happened."""
    if phrase.bare_count or text[max(0, phrase.start - 1) : phrase.start] == "(":
        return True
    words = text[phrase.start : phrase.end].casefold().split()
    lead = words[0] if words else ""
    before, _ = _word_before(text, phrase.start)
    if lead == "after":
        return True
    clause = _clause_before(text, phrase.start)
    ahead = (phrase.day(today, "past") or today) > today
    planned = _PLANS.search(clause) is not None and lead != "last"
    if planned and (ahead or phrase.kind in _NAMED_DAYS):
        return True  # "wants to meet next Tuesday", "will take 2 in June": a plan
    if ahead and (before in _EVENT_NOUNS or infer_kind(clause) is InteractionKind.NOTE):
        return True  # "the taproom tour Fri 11/20", "tasting on 12/3": when that will be
    if lead == "on":  # "the banquet on 3/20", "about the tour on 12/3": when that is
        if before in _IS or _TOPIC.search(clause) is not None:
            return True
        # "the banquet on 3/20" is the banquet's day; "at the expo on Saturday", just gone,
        # is when the contact was.
        return before in _EVENT_NOUNS and phrase.kind != "wd"
    if lead == "last":
        return False
    if before in _CONTENT_BEFORE or before.endswith(("'s", "’s")):
        return True
    after = _word_after(text, phrase.end)
    if phrase.kind in ("wd", "exact", "ord", "month", "weekend") and after in _CONTENT_AFTER:
        return True
    if phrase.kind != "exact":
        return False
    digits = phrase.group("exact_d")
    if "/" not in digits:
        return False
    month, _, day = digits.partition("/")
    if "/" not in day and month.isdigit() and day.isdigit() and int(month) < int(day) <= 8:
        return True  # 1/2, 3/4, 2/3: a fraction
    at_start = not text[: phrase.start].strip(" _\t\"'“”:-")
    return not at_start and after not in _WHEN_FOLLOWERS


def happened_day(
    masked: str, phrases: list[DatePhrase], clause: FollowUpFound | None, today: date
) -> tuple[date, bool] | None:
    """The day the contact happened, from the first words outside the follow-up clause that
    say when, and whether it must be asked about anyway ("in June" names no day); None when
    no words say when."""
    for phrase in phrases:
        if clause is not None and clause.start <= phrase.start < clause.end:
            continue
        if _is_content(masked, phrase, today):
            continue
        day = phrase.day(today, "past")
        if day is None:
            continue
        if phrase.kind == "month" and month_is_coming(day.month, today):
            continue  # "interns in January": what they want, not when it happened
        return day, phrase.kind in ("month", "season")
    return None
