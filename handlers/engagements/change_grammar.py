"""What people type to change an engagement: `/engage edit|cancel|remove|assign PARTNER [kind]
[day] [@owner]`, and which of the partner's engagements those words mean. Pure."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from handlers.common.mrkdwn import mentioned_users, strip_mentions
from handlers.engagements.grammar import _KIND, _MONTH_WORD, KIND_SYNONYMS
from storage.engagements import EngagementView

CHANGE_VERBS = {
    "edit": "edit",
    "cancel": "cancel",
    "remove": "remove",
    "delete": "remove",
    "assign": "assign",
    "reassign": "assign",
}
_MONTH_DAY = re.compile(rf"\b({_MONTH_WORD})\.?\s+(\d{{1,2}})\b", re.IGNORECASE)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


@dataclass(frozen=True)
class ChangeEngagement:
    """`/engage edit|cancel|remove|assign …`: `words` name the engagement (its partner first);
    `to_user` is the new owner (assign)."""

    verb: str
    words: str
    to_user: str | None = None


@dataclass(frozen=True)
class ChangeUsage:
    """A change verb without what it needs: say how to write it."""

    verb: str


def parse_change(text: str) -> ChangeEngagement | ChangeUsage | None:
    """The change the text asks for; None when it does not start with a change verb."""
    verb, _, rest = " ".join(text.split()).partition(" ")
    if verb.casefold() not in CHANGE_VERBS:
        return None
    verb = CHANGE_VERBS[verb.casefold()]
    to_user = None
    if verb == "assign":
        people = mentioned_users(rest)
        to_user = people[-1] if people else None
        rest = " ".join(w for w in strip_mentions(rest).split() if w.casefold() != "to")
    if not rest.strip() or (verb == "assign" and to_user is None):
        return ChangeUsage(verb)
    return ChangeEngagement(verb, rest.strip(), to_user)


def _runs_on(e: EngagementView, month: int, day_: int) -> bool:
    for year in {e.starts_on.year, e.ends_on.year}:
        try:
            if e.starts_on <= date(year, month, day_) <= e.ends_on:
                return True
        except ValueError:
            continue
    return False


def choose_engagements(words: str, views: list[EngagementView]) -> list[EngagementView]:
    """Which of a partner's engagements the words after its name mean: its kind ("job
    shadow"), a day it runs on ("Dec 9"); cancelled ones only when no other is left."""
    chosen = list(views)
    kinds = {KIND_SYNONYMS[m.group(1).casefold()] for m in _KIND.finditer(words)}
    if kinds:
        chosen = [v for v in chosen if v.kind in kinds]
    for m in _MONTH_DAY.finditer(words):
        month = _MONTHS.index(m.group(1).casefold()[:3]) + 1
        chosen = [v for v in chosen if _runs_on(v, month, int(m.group(2)))]
    return [v for v in chosen if not v.cancelled] or chosen
