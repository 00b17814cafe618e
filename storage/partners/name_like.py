"""The phrase of a typed sentence that looks like a business name, for "Add X?" when it names
no partner: a quoted phrase; else capitalised words ("Riverside Regional Hospital", "Hammer &
Beam") that are not a verb, a day or a person ("called Jane", "Karen in HR", "Dr. Patel");
else, in lower case, the words before the verb that starts what happened ("blue sky met w/
Bob"). Never a verb or a common word."""

from __future__ import annotations

import re

from storage.partners.wording import BUSINESS, GENERAL, SHORT_FORMS, VERBS, Word, fold, words

_QUOTED = re.compile(r'"([^"\n]{2,80})"|“([^”\n]{2,80})”')
_CONNECTORS = frozenset({"&", "and", "of", "the", "de", "la"})
_PERSON_AFTER = frozenset({"at", "from", "in", "of", "@", "on"})
_TITLES = frozenset({
    "mr", "mrs", "ms", "dr", "miss", "coach", "capt", "captain", "sgt", "sergeant", "lt",
    "officer", "chief", "prof", "det", "rev", "sheriff", "deputy", "principal", "supt",
})  # fmt: skip
# School programs and student groups, never a business to add ("our HOSA lab").
_PROGRAMS = frozenset({
    "hosa", "ffa", "deca", "fbla", "skillsusa", "fccla", "tsa", "bpa", "jrotc", "nhs", "avid",
    "cte", "stem", "steam", "ap", "ib", "pltw", "ems", "emt", "cna",
})  # fmt: skip
# Capitalised everyday words that still start a business name ("Big Sky Auto Body"), unless
# they say when ("Today Jane called").
_WHEN_WORDS = frozenset({
    "today", "yesterday", "tomorrow", "tonight", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "this", "last", "next", "then", "also", "just", "quick",
})  # fmt: skip
_TO_PERSON = frozenset({"with", "to", "w"})
_ITS_PEOPLE = frozenset(
    {"hr", "team", "office", "folks", "people", "staff", "manager", "owner", "recruiter", "ceo"}
)
MAX_RUN = 6
_BREAK = re.compile(r"[,;:!?()\[\]—–]|\s-\s|\n")
_SLASHED = re.compile(r"(?<![\w/])[^\W\d_]/[^\W\d_]?(?![\w/])")  # F/U, w/, b/c, n/a

Token = tuple[int, int, str, str]  # start, end, as typed, folded


def _tokens(text: str, typed: list[Word]) -> list[Token]:
    """One token per typed word; the letters of "F/U", "w/", "b/c" never read as capitals."""
    slashed = {i for m in _SLASHED.finditer(text) for i in range(m.start(), m.end())}
    seen: dict[int, Token] = {}
    for w in typed:
        shown = w.typed.lower() if w.start in slashed else w.typed
        seen.setdefault(w.start, (w.start, w.end, shown, fold(w.typed)))
    return list(seen.values())


def _capital(token: Token) -> bool:
    typed, folded = token[2], token[3]
    if folded in GENERAL or folded in VERBS:
        return False
    return typed[:1].isupper() or (typed[:1].isdigit() and any(c.isalpha() for c in typed))


def _joined(text: str, left: Token, right: Token) -> bool:
    """No punctuation ends a phrase between two words ("Gus. I'll" is two; "St. Mary's" one)."""
    between = text[left[1] : right[0]]
    if _BREAK.search(between):
        return False
    return "." not in between or len(left[3]) <= 2 or left[3] in SHORT_FORMS


def _runs(text: str, tokens: list[Token]) -> list[tuple[int, int]]:
    """Index ranges [i, j) of capitalised words, connectors allowed inside."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        if not _capital(tokens[i]) and not _starts_a_name(text, tokens, i):
            i += 1
            continue
        j = i + 1
        while j < len(tokens) and j - i < MAX_RUN and _joined(text, tokens[j - 1], tokens[j]):
            if _capital(tokens[j]):
                j += 1
            elif (
                (tokens[j][3] in _CONNECTORS or tokens[j][2].isdigit())  # "Route 9 Diner"
                and j + 1 < len(tokens)
                and _capital(tokens[j + 1])
                and _joined(text, tokens[j], tokens[j + 1])
            ):
                j += 2
            else:
                break
        runs.append((i, j))
        i = j
    return runs


def _starts_a_name(text: str, tokens: list[Token], i: int) -> bool:
    """A capitalised everyday word followed by two capitalised words: "Big Sky Auto Body"."""
    typed, folded = tokens[i][2], tokens[i][3]
    if not typed[:1].isupper() or folded in VERBS or folded in _WHEN_WORDS:
        return False
    following = tokens[i + 1 : i + 3]
    return (
        len(following) == 2
        and all(_capital(t) for t in following)
        and all(_joined(text, a, b) for a, b in zip(tokens[i : i + 2], following, strict=True))
    )


def _a_person(tokens: list[Token], i: int, j: int) -> bool:
    if tokens[i][3].rstrip(".") in _TITLES:  # "Capt Reyes"
        return True
    before = [t[3] for t in tokens[max(0, i - 2) : i]]
    after = tokens[j][3] if j < len(tokens) else ""
    if before and before[-1] in _TITLES:
        return True
    if after in _PERSON_AFTER and j - i <= 2:
        return True
    if after in _ITS_PEOPLE:  # "Initech HR", "the Globex team"
        return False
    if j - i == 1 and before:
        verb = before[-2] if before[-1] in _TO_PERSON and len(before) == 2 else before[-1]
        return verb in VERBS
    return False


def name_like_span(text: str, typed: list[Word] | None = None) -> tuple[int, int] | None:
    """Where in `text` (markup already blanked out; `typed`: its words, when already read) a
    name that is no partner's sits."""
    quoted = _QUOTED.search(text)
    if quoted:
        group = 1 if quoted.group(1) is not None else 2
        return quoted.start(group), quoted.end(group)
    tokens = _tokens(text, words(text) if typed is None else typed)
    found: list[tuple[int, int]] = []
    shouting = not any(c.islower() for c in text)  # capitals then say nothing about names
    for i, j in [] if shouting else _runs(text, tokens):
        run = [t[3] for t in tokens[i:j]]
        if (all(w in BUSINESS for w in run) and len(run) < 3) or _a_person(tokens, i, j):
            continue
        if all(w in _PROGRAMS or w in GENERAL for w in run):
            continue  # "our HOSA lab": a school program
        found.append((i, j))
    if found:
        i, j = max(found, key=lambda r: (r[1] - r[0], -r[0]))
        return tokens[i][0], tokens[j - 1][1]
    cut = _BREAK.search(text)
    lead = [t for t in tokens[:4] if cut is not None and t[1] <= cut.start()]
    plain = lead and not any(t[3] in GENERAL or t[3] in VERBS for t in lead)
    if plain and len(lead) < 4 and not all(t[3] in BUSINESS for t in lead):
        return lead[0][0], lead[-1][1]  # "citi fire - Capt Reyes came …"
    verb_at = next((k for k, t in enumerate(tokens[:4]) if k > 0 and t[3] in VERBS), None)
    if verb_at is None:
        return None
    lead = tokens[:verb_at]
    if any(t[3] in GENERAL for t in lead) or all(t[3] in BUSINESS for t in lead):
        return None
    return lead[0][0], lead[-1][1]
