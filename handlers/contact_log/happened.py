"""When a `/contact` line says the contact happened: only words that say when ("yesterday",
"last Thursday", "on 11/3", "3 days ago", "on the 12th", "Monday"), never a date that is the
content — a deadline ("by 12/15"), an event ("for the Dec 12 hackathon", "the banquet on
3/20"), a plan ("wants to meet next Tuesday"), a fraction ("1/2 day"), a score ("8/10"),
"24/7". Pure: reads the date phrases `when.date_phrases` found."""

from __future__ import annotations

import re
from datetime import date

from handlers.contact_log.day_math import month_is_coming
from handlers.contact_log.follow_up_words import FollowUpFound
from handlers.contact_log.kinds import infer_kind
from handlers.contact_log.when import DatePhrase
from storage.models import InteractionKind

# Words before a date that make it the content, not the day it happened.
_CONTENT_BEFORE = {
    "by", "due", "before", "until", "till", "til", "thru", "through", "for", "from", "to",
    "starting", "starts", "start", "begins", "begin", "deadline", "since", "every", "each",
    "the", "a", "an", "our", "their", "his", "her", "its", "your", "my", "of", "is", "are",
    "be", "set", "scheduled", "planned", "booked", "moved", "pushed",
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
# Event words that are no happening: a deadline on a past day is still the content.
_NO_HAPPENING = {"deadline", "due", "date", "it", "start", "test", "exam"}
# Kinds of contact made from afar: an event's past day after them is the content.
_FROM_AFAR = (InteractionKind.CALL, InteractionKind.EMAIL, InteractionKind.MESSAGE)
# After a numeric date that says when it happened: the end, or words like these.
_WHEN_FOLLOWERS = {
    "", "about", "re", "re:", "regarding", "to", "with", "w/", "w", "and", "at", "in", "-",
}  # fmt: skip
# Words of a plan: a future date after them is when the plan is, not a misdated contact.
_PLANS = re.compile(
    r"(?<![\w-])(?:will|wants?|wanted|going\s+to|gonna|plans?|planning|planned|hop(?:e|ing)"
    r"|would|asked|invited|scheduled|hosting|coming|upcoming|needs?|'ll|’ll|expects?|is|are"
    r"|set\s+up|setting\s+up|arranged|booked|confirmed|moved|pushed|can|could|may|might"
    r"|should|offered|available|propos(?:ed?|ing)|suggest(?:ed|ing)?|pitched|floated"
    r"|pencil(?:l?ed)\s+in|agreed\s+(?:on|to)|tentative(?:ly)?|requested)"
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
# What an email or call was about, done on its own day: "thanks for hosting the shadow …".
_FOR_DOING = re.compile(r"(?<![\w-])for\s+(?:[\w'’-]+ing)(?![\w-])", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[,;.!?—–()]")
_WORD = re.compile(r"[\w'’/:-]+")


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
    if ahead and phrase.kind in _NAMED_DAYS and _TOPIC.search(clause) is not None:
        return True  # "met with Riverside about the clinicals Dec 10": when those will be
    if lead == "on":  # "the banquet is on 3/20", "about the tour on 12/3": when that is
        if before in _IS or _TOPIC.search(clause) is not None:
            return True
        # An event gone by ("a demo at the STEM night on 11/12", "at the expo on Saturday")
        # is when the contact was, unless a date names a deadline or the contact was from
        # afar ("emailed the photos from the fair on 11/12").
        if before not in _EVENT_NOUNS or phrase.kind == "wd":
            return False
        return before in _NO_HAPPENING or infer_kind(clause) in _FROM_AFAR
    if _FOR_DOING.search(clause) and infer_kind(clause) in _FROM_AFAR:
        return True  # "emailed a thank-you for hosting the shadow last week": the shadow's day
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


def _maybe_the_subjects(text: str, phrase: DatePhrase) -> bool:
    """A day gone by, typed after what the contact was about ("talked to Jane about the job
    fair Nov 10"): the fair's day or the talk's — asked, never guessed."""
    lead = text[phrase.start : phrase.end].casefold().split()[:1]
    if phrase.kind not in ("exact", "ord", "wd") or lead in (["on"], ["last"]):
        return False
    return _TOPIC.search(_clause_before(text, phrase.start)) is not None


def happened_day(
    masked: str, phrases: list[DatePhrase], clause: FollowUpFound | None, today: date
) -> tuple[date, bool, bool] | None:
    """The day the contact happened, from the first words outside the follow-up clause that
    say when, whether it must be asked about anyway ("in June" names no day), and whether
    it may be the day of what the contact was about (then asked too); None when no words
    say when."""
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
        return day, phrase.kind in ("month", "season"), _maybe_the_subjects(masked, phrase)
    return None
