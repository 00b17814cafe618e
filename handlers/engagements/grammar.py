"""What people type to `/engage`: the verbs, and an engagement's details in plain words
("job shadow Dec 9, 12 students with Jane", "internship Jan 12 – Mar 6, 3 students").
Pure, apart from the date reader it is handed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from handlers.common.dates import DateReader, Found
from handlers.common.grammar import GrammarError
from handlers.common.mrkdwn import mentioned_users, strip_mentions
from storage.models import EngagementKind

USAGE = """*Engagements* — what partners do with students, and how it went.
• `/engage Acme job shadow Dec 9, 12 students` — record one (`with Jane` names the host \
contact, `@maria` the school owner, `pathway Health Science` the pathway)
• `/engage Acme internship Jan 12 – Mar 6, 3 students` — a range of dates
• `/engage` — the form
• `/engage list` (upcoming) · `/engage list past` · `/engage list all` · `/engage list Acme`
• `/engage edit Acme job shadow` · `/engage cancel Acme Dec 9` · `/engage assign Acme \
internship @juan` · `/engage remove Acme …` (only one recorded by mistake)
Kinds: internship, job shadow, guest speaker, mentoring, site visit / field trip, mock \
interviews, career fair, advisory board, donation / sponsorship, `other: what it was`.
Students are a *count*, never names."""

EXAMPLE = "`/engage Acme job shadow Dec 9, 12 students`"

KIND_SYNONYMS: dict[str, EngagementKind] = {
    "internship": EngagementKind.INTERNSHIP,
    "internships": EngagementKind.INTERNSHIP,
    "job shadow": EngagementKind.JOB_SHADOW,
    "job shadowing": EngagementKind.JOB_SHADOW,
    "job shadows": EngagementKind.JOB_SHADOW,
    "shadow day": EngagementKind.JOB_SHADOW,
    "shadowing": EngagementKind.JOB_SHADOW,
    "shadow": EngagementKind.JOB_SHADOW,
    "guest speaker": EngagementKind.GUEST_SPEAKER,
    "guest speaking": EngagementKind.GUEST_SPEAKER,
    "speaker": EngagementKind.GUEST_SPEAKER,
    "class talk": EngagementKind.GUEST_SPEAKER,
    "presentation": EngagementKind.GUEST_SPEAKER,
    "mentoring": EngagementKind.MENTORING,
    "mentorship": EngagementKind.MENTORING,
    "mentor": EngagementKind.MENTORING,
    "site visit": EngagementKind.SITE_VISIT,
    "field trip": EngagementKind.SITE_VISIT,
    "workplace tour": EngagementKind.SITE_VISIT,
    "industry tour": EngagementKind.SITE_VISIT,
    "tour": EngagementKind.SITE_VISIT,
    "mock interviews": EngagementKind.MOCK_INTERVIEWS,
    "mock interview": EngagementKind.MOCK_INTERVIEWS,
    "interview practice": EngagementKind.MOCK_INTERVIEWS,
    "career fair": EngagementKind.CAREER_FAIR,
    "job fair": EngagementKind.CAREER_FAIR,
    "career day": EngagementKind.CAREER_FAIR,
    "advisory board": EngagementKind.ADVISORY_BOARD,
    "advisory committee": EngagementKind.ADVISORY_BOARD,
    "donation": EngagementKind.DONATION,
    "donated": EngagementKind.DONATION,
    "sponsorship": EngagementKind.DONATION,
    "sponsored": EngagementKind.DONATION,
    "sponsor": EngagementKind.DONATION,
    "in-kind gift": EngagementKind.DONATION,
    "other": EngagementKind.OTHER,
}
_KIND = re.compile(
    r"(?<![\w-])("
    + "|".join(re.escape(k) for k in sorted(KIND_SYNONYMS, key=len, reverse=True))
    + r")(?![\w-])(\s*:\s*)?",
    re.IGNORECASE,
)
_STUDENT_WORDS = (
    r"students?|kids|learners|juniors|seniors|sophomores|freshmen|interns|participants|pupils"
)
_COUNT = re.compile(rf"(?<![\w-])(\d{{1,6}})\s*(?:{_STUDENT_WORDS})\b", re.IGNORECASE)
_COUNT_AFTER = re.compile(rf"\b(?:{_STUDENT_WORDS})\s*[:=]?\s*(\d{{1,6}})(?![\w-])", re.IGNORECASE)
_NO_STUDENTS = re.compile(rf"\bno\s+(?:{_STUDENT_WORDS})\b", re.IGNORECASE)
_NAME = r"[A-Z][a-z'’-]+"
# A student word followed by what looks like a name: "students: Ana, Ben", "intern Ana Lopez".
_NAMED_AFTER = re.compile(
    rf"\b(?:student|students|kids|juniors|seniors|intern|interns|learners|pupils)\b"
    rf"\s*(?:[:(–—-]|were|are|named|called|incl\w*|like)?\s*({_NAME}(?:\s+{_NAME})?)"
)
# A list of capitalised words: "Ana, Ben and Carla".
_NAME_LIST = re.compile(rf"\b({_NAME})\s*,\s*({_NAME})\s*(?:,|\band\b|&)\s*({_NAME})\b")
_NOT_NAMES = {
    "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun",
    "june", "jul", "july", "aug", "august", "sep", "sept", "september", "oct", "october",
    "nov", "november", "dec", "december", "mon", "monday", "tue", "tues", "tuesday", "wed",
    "wednesday", "thu", "thur", "thurs", "thursday", "fri", "friday", "sat", "saturday",
    "sun", "sunday", "today", "tomorrow", "yesterday", "next", "last", "this", "from", "on",
    "at", "in", "for", "with", "pathway", "host", "and", "the", "a", "an", "to", "through",
}  # fmt: skip
# A title before the host's name is read with it and left out of the name: "with Dr. Amy Chen".
_TITLE = r"(?:Dr|Mr|Mrs|Ms|Mx|Prof|Rev|Coach)\.?\s+"
_CONTACT = re.compile(
    rf"\b(?:with|host(?:ed by)?|contact)\s*:?\s+(?:{_TITLE})?({_NAME}(?:\s+{_NAME}){{0,2}})",
    re.UNICODE,
)
_TITLE_WORD = re.compile(r"(?:dr|mr|mrs|ms|mx|prof|rev)\.?", re.IGNORECASE)
_MONTH_WORD = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
# The pathway's words, up to a comma, a number, a month or "with".
_PATHWAY = re.compile(
    rf"\bpathway\s*:?\s+((?:(?!\b(?:{_MONTH_WORD}|with|on|from)\b)[^,;\d])+)", re.IGNORECASE
)
_OWNER_WORDS = re.compile(r"\b(?:owned by|owner|school lead)\s*:?", re.IGNORECASE)
_MONTHS = {
    "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june",
    "jul", "july", "aug", "august", "sep", "sept", "september", "oct", "october", "nov",
    "november", "dec", "december",
}  # fmt: skip
_SEPARATORS = {"–", "—", "-", "to", "through", "thru", "until", "till"}
_FILLER = {
    "on", "for", "a", "an", "the", "day", "days", "from", "at", "and", "of", "in", "-",
    "with", "w/", "by", "&", "+", "to",
}  # fmt: skip
_ISO_LIKE_DASH = re.compile(r"(?<![\d-])(\d{1,2})\s*-\s*(\d{1,2})(?![\d-])")


@dataclass(frozen=True)
class ListEngagements:
    """`/engage list [upcoming|past|all|PARTNER]`."""

    when: str
    partner: str | None = None


@dataclass(frozen=True)
class OpenForm:
    """`/engage` alone: the form."""


@dataclass(frozen=True)
class EngageHelp:
    """`/engage help`."""


@dataclass(frozen=True)
class Record:
    """`/engage PARTNER …`: the partner and details are read by `parse_details`."""

    text: str


EngageCommand = ListEngagements | OpenForm | EngageHelp | Record


def parse_engage_command(text: str) -> EngageCommand:
    """Which `/engage` verb the text is."""
    words = " ".join(text.split())
    lowered = words.casefold()
    if not words:
        return OpenForm()
    if lowered in ("help", "?"):
        return EngageHelp()
    if lowered == "list" or lowered.startswith("list "):
        rest = words[5:].strip()
        if rest.casefold() in ("", "upcoming", "next", "coming"):
            return ListEngagements("upcoming")
        if rest.casefold() in ("past", "done", "previous"):
            return ListEngagements("past")
        if rest.casefold() in ("all", "everything"):
            return ListEngagements("all")
        return ListEngagements("all", rest)
    return Record(words)


@dataclass(frozen=True)
class Details:
    """An engagement's details as typed (the partner already taken off the front)."""

    kind: EngagementKind
    starts_on: date
    ends_on: date
    students: int | None
    owner_user_id: str | None
    contact: str | None
    pathway: str | None
    label: str | None


def named_students(text: str) -> str | None:
    """What in `text` looks like students' names ("students: Ana, Ben"), if anything."""
    for found in _NAMED_AFTER.finditer(text):
        name = found.group(1)
        if name.split()[0].casefold() not in _NOT_NAMES:
            return name
    for found in _NAME_LIST.finditer(text):
        names = found.groups()
        if not any(n.casefold() in _NOT_NAMES or n.casefold() in KIND_SYNONYMS for n in names):
            return ", ".join(names)
    return None


_HAPPENED = re.compile(
    r"\b(hosted|held|led|ran|gave|visited|toured|spoke|presented|mentored|sponsored|donated)\b",
    re.IGNORECASE,
)


def reads_as_engagement(text: str) -> tuple[EngagementKind, int | None] | None:
    """The kind (and student count) a contact-log line reads as an engagement of ("hosted 12
    students for a job shadow"); None when it only talks about one ("called Jane about
    internships")."""
    kind = _KIND.search(text)
    if kind is None or KIND_SYNONYMS[kind.group(1).casefold()] is EngagementKind.OTHER:
        return None
    count = _COUNT.search(text) or _COUNT_AFTER.search(text)
    if count is None and not _HAPPENED.search(text):
        return None
    return KIND_SYNONYMS[kind.group(1).casefold()], int(count.group(1)) if count else None


def _take(pattern: re.Pattern[str], text: str) -> tuple[re.Match[str] | None, str]:
    found = pattern.search(text)
    if found is None:
        return None, text
    return found, f"{text[: found.start()]} {text[found.end() :]}"


def parse_details(text: str, *, now: datetime, reader: DateReader) -> Details:
    """The details after the partner's name, seen from the naive local time `now`.
    GrammarError says what was wrong and how to write it."""
    owners = mentioned_users(text)
    text = _OWNER_WORDS.sub(" ", strip_mentions(text))
    if (names := named_students(text)) is not None:
        raise GrammarError(
            f"That looks like it names students (“{names}”). partnerbot keeps only how many "
            "students took part, never who — write e.g. `12 students`."
        )
    count, text = _take(_COUNT, text)
    if count is None:
        count, text = _take(_COUNT_AFTER, text)
    students = int(count.group(1)) if count else None
    if students is None:
        none, text = _take(_NO_STUDENTS, text)
        students = 0 if none else None
    pathway, text = _take(_PATHWAY, text)
    contact, text = _take(_CONTACT, text)
    kind_found, text = _take(_KIND, text)
    if kind_found is None:
        raise GrammarError(
            "I couldn't tell what kind of engagement that was. Say one of: internship, job "
            "shadow, guest speaker, mentoring, site visit, field trip, mock interviews, career "
            "fair, advisory board, donation, sponsorship, or `other: what it was` — e.g. "
            f"{EXAMPLE}."
        )
    kind = KIND_SYNONYMS[kind_found.group(1).casefold()]
    starts_on, ends_on, rest = _dates(text, now=now, reader=reader)
    label = _label(rest)
    if kind is EngagementKind.OTHER and label is None:
        raise GrammarError("Say what it was after `other:`, e.g. `other: resume workshop Dec 9`.")
    return Details(
        kind=kind,
        starts_on=starts_on,
        ends_on=ends_on,
        students=students,
        owner_user_id=owners[0] if owners else None,
        contact=contact.group(1).strip() if contact else None,
        pathway=pathway.group(1).strip() if pathway else None,
        label=label,
    )


def _words(text: str) -> list[str]:
    text = text.replace("–", " – ").replace("—", " – ")
    text = _ISO_LIKE_DASH.sub(r"\1 – \2", text)
    text = re.sub(r"(\d)-([A-Za-z])", r"\1 – \2", text)
    return text.split()


def _find_start(words: list[str], *, now: datetime, reader: DateReader) -> Found | None:
    """The first date: a bare number counts only after a month ("Nov 20", not "20 laptops"),
    and the first date stops at a range's separator ("Dec 9 – 11")."""
    masked = [
        "·"
        if w.strip(",;").isdigit()
        and len(w.strip(",;")) < 4  # a year stays
        and (i == 0 or _bare(words[i - 1]) not in _MONTHS)
        else w
        for i, w in enumerate(words)
    ]
    cut = next((i for i, w in enumerate(words) if _bare(w) in _SEPARATORS), len(words))
    return reader.find(masked[:cut], now=now) or reader.find(masked, now=now)


def _bare(word: str) -> str:
    return word.strip(",;.").casefold()


def _nearest(reader: DateReader, phrase: str, now: datetime, first: date) -> date:
    """A year-less date means the nearest one: "Dec 9" typed on Dec 15 is six days ago."""
    past = reader.read(phrase, now=now, prefer="past")
    if past is None:
        return first
    today = now.date()
    return min((first, past.day), key=lambda d: (abs((d - today).days), d < today))


def _dates(text: str, *, now: datetime, reader: DateReader) -> tuple[date, date, list[str]]:
    words = _words(text)
    with reader.budget():
        found = _find_start(words, now=now, reader=reader)
        if found is None:
            raise GrammarError(
                f"I couldn't find the date in “{' '.join(words) or 'nothing'}”. Write it like "
                f"{EXAMPLE}, or a range: `Jan 12 – Mar 6`."
            )
        phrase = " ".join(w.strip(",;") for w in words[found.start : found.end])
        start = _nearest(reader, phrase, now, found.value.day)
        end, stop = _range_end(words, found, start, reader)
    if end < start:
        raise GrammarError(
            f"That range ends ({end:%b %d, %Y}) before it starts ({start:%b %d, %Y}). "
            "Write the first day, then the last: `Jan 12 – Mar 6`."
        )
    return start, end, words[: found.start] + words[stop:]


def _range_end(words: list[str], found: Found, start: date, reader: DateReader) -> tuple[date, int]:
    """The last day when a separator follows the first date ("Jan 12 – Mar 6", "Dec 9-11"),
    and where the dates stop; else the first day again."""
    at = _past_year(words, found.end, start)
    if at >= len(words) or words[at].casefold().strip(",") not in _SEPARATORS:
        return start, at
    after = words[at + 1 : at + 5]
    if after and (bare := after[0].strip(",;")).isdigit() and len(bare) <= 2:
        try:
            return start.replace(day=int(bare)), at + 2
        except ValueError:
            raise GrammarError(f"“{bare}” is not a day of {start:%B}.") from None
    base = datetime.combine(start, datetime.min.time())
    end = reader.find(after, now=base)
    if end is None or end.start != 0:
        raise GrammarError(
            f"I couldn't read the end of the range after “{words[at]}”. Write it like "
            "`Jan 12 – Mar 6` or `Dec 9-11`."
        )
    return end.value.day, _past_year(words, at + 1 + end.end, end.value.day)


def _past_year(words: list[str], at: int, day: date) -> int:
    """Where the date ends, past its year when the reader left the year out ("Mar 6 2027")."""
    if at < len(words) and words[at].strip(",;") == str(day.year):
        return at + 1
    return at


def _label(words: list[str]) -> str | None:
    """What is left once the details are read, when it reads as a phrase: no bare joiner,
    stray punctuation or title left over ("with", ".", "Dr.")."""
    kept = [w.strip(",;:()") for w in words]
    kept = [
        w
        for w in kept
        if (w in ("&", "+") or any(c.isalnum() for c in w)) and not _TITLE_WORD.fullmatch(w)
    ]
    while kept and kept[0].casefold() in _FILLER:
        kept.pop(0)
    while kept and kept[-1].casefold() in _FILLER:
        kept.pop()
    return " ".join(kept) or None
