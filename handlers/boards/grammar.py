"""The words of `/partnerbot board …`: a board's card, its members, its meetings, and the
lead-only settings (the state's rule, the industries a board should hear from)."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from handlers.common.grammar import GrammarError

USAGE = (
    "`/partnerbot board` lists the advisory boards; `board Welding` shows one; "
    "`board Welding add Jane Ortiz` (or `… add Jane Ortiz at Acme`) seats a business contact; "
    "`board Welding remove Jane Ortiz`; "
    "`board Welding meeting Feb 3 minutes https://… attended Jane Ortiz, Bob Lee` records a "
    "meeting (without minutes or attendance it is a planned one); program leads: "
    "`board rule 3 meetings 5 members`, `board Welding industries Manufacturing, Construction`."
)


class Action(enum.StrEnum):
    """What a board command does."""

    LIST = "list"
    SHOW = "show"
    ADD = "add"
    REMOVE = "remove"
    MEETING = "meeting"
    INDUSTRIES = "industries"
    RULE = "rule"


@dataclass(frozen=True)
class BoardCommand:
    """A board command as typed."""

    action: Action
    pathway: str = ""
    name: str = ""
    employer: str | None = None
    when: str = ""
    minutes_url: str | None = None
    attended: tuple[str, ...] = ()
    industries: tuple[str, ...] = ()
    meetings: int | None = None
    members: int | None = None


_VERB = re.compile(r"\s(add|remove|meeting|industries)(?:\s+|$)", re.IGNORECASE)
_LINK = re.compile(r"<(https?://[^|>\s]+)(?:\|[^>]*)?>|(https?://\S+)", re.IGNORECASE)
_MINUTES = re.compile(r"\s*\bminutes\s+(\S+)", re.IGNORECASE)
_ATTENDED = re.compile(r"\s*\battended\s+(.+)$", re.IGNORECASE)
_RULE_PART = re.compile(r"(\d{1,3})\s+(meetings?|members?)\b", re.IGNORECASE)


def _names(text: str) -> tuple[str, ...]:
    parts = re.split(r",|\band\b", text)
    return tuple(" ".join(p.split()) for p in parts if p.strip())


def _rule(rest: str) -> BoardCommand:
    meetings = members = None
    for number, word in _RULE_PART.findall(rest):
        if word.casefold().startswith("meeting"):
            meetings = int(number)
        else:
            members = int(number)
    if rest.strip() and meetings is None and members is None:
        raise GrammarError(f"Write the rule as `board rule 3 meetings 5 members`. {USAGE}")
    return BoardCommand(Action.RULE, meetings=meetings, members=members)


def _meeting(pathway: str, rest: str) -> BoardCommand:
    attended: tuple[str, ...] = ()
    found = _ATTENDED.search(rest)
    if found:
        attended = _names(found.group(1))
        rest = rest[: found.start()]
    url = None
    found = _MINUTES.search(rest)
    if found:
        link = _LINK.fullmatch(found.group(1))
        if link is None:
            raise GrammarError(f"The minutes must be a link (https://…). {USAGE}")
        url = link.group(1) or link.group(2)
        rest = rest[: found.start()] + rest[found.end() :]
    when = " ".join(rest.split())
    if not when:
        raise GrammarError(f"Say when the meeting is: `board {pathway} meeting Feb 3`. {USAGE}")
    return BoardCommand(Action.MEETING, pathway, when=when, minutes_url=url, attended=attended)


def parse_board(text: str) -> BoardCommand:
    """What the words after "board" ask for; GrammarError with USAGE otherwise."""
    words = " ".join(text.split())
    if not words:
        return BoardCommand(Action.LIST)
    if words.casefold() == "help":
        raise GrammarError(USAGE)
    if words.casefold().split(" ", 1)[0] == "rule":
        return _rule(words[4:])
    found = _VERB.search(" " + words)
    if found is None:
        return BoardCommand(Action.SHOW, words)
    pathway = words[: found.start()].strip()
    verb = Action(found.group(1).casefold())
    rest = words[found.end() - 1 :].strip()
    if not pathway:
        raise GrammarError(f"Name the board's pathway first: `board Welding {verb}`. {USAGE}")
    if verb is Action.MEETING:
        return _meeting(pathway, rest)
    if verb is Action.INDUSTRIES:
        return BoardCommand(Action.INDUSTRIES, pathway, industries=_names(rest))
    if not rest:
        raise GrammarError(f"Name the person: `board {pathway} {verb} Jane Ortiz`. {USAGE}")
    name, _, employer = rest.partition(" at ")
    return BoardCommand(verb, pathway, name=name.strip(), employer=employer.strip() or None)
