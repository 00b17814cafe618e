"""Does a spotlight name a student? A name right next to a word like student, junior or
intern ("junior Maria Lopez", "Sam, our intern"), or any full name (two capitalised words)
that is no partner, business contact or Slack user the bot knows. A warning, not a verdict: the
poster can edit the text or confirm. Pure."""

from __future__ import annotations

import re
from collections.abc import Iterable

_STUDENT = (
    r"(?i:students?|juniors?|seniors?|sophomores?|freshm[ae]n|first[- ]years?|interns?|"
    r"kids?|pupils?|mentees?|apprentices?|grads?|graduates?|child(?:ren)?|learners?|"
    r"scholars?|trainees?|\d{1,2}(?:st|nd|rd|th)[- ]grade(?:rs?)?|grade \d{1,2}|"
    r"class of \d{2,4})"
)
_WORD = r"[A-Z][a-zA-Z'’-]+"
_ANY_CASE = r"[A-Za-z][a-zA-Z'’-]+"
"""Beside a student word a name is read in any case ("jake miller (10th grade)")."""
_NAME = rf"{_ANY_CASE}(?:\s+{_ANY_CASE})?"
_AFTER = re.compile(rf"\b{_STUDENT}\b[,:]?\s+(?:(?i:named|called)\s+)?({_NAME})")
_BEFORE = re.compile(rf"\b({_NAME})\s*[,(]\s*(?:(?i:a|an|our|the|one of our)\s+)?{_STUDENT}\b")
_RUN = re.compile(rf"{_WORD}(?:\s+{_WORD})+")

_NOT_NAMES = """
    a an the our your their my we i you it this that these those and for to of in on at with
    thank thanks thankyou huge big special many much great warm heartfelt shout shoutout
    congrats congratulations welcome happy kudos hats bravo cheers dear hello hi
    today yesterday tomorrow tonight everyone all team staff school schools high middle
    elementary academy district college university center centre program programs programme
    pathway pathways cte career careers job jobs shadow shadows shadowing day days week weeks
    month months year night fair fairs event events showcase success club class classes
    internship internships mentoring mentor mentors advisory board committee council
    guest speaker speakers visit visits field trip trips mock interview interviews site
    tour tours lab labs workshop workshops expo summit signing ceremony open house
    health healthcare nursing medical hospital clinic auto automotive tech technology
    engineering manufacturing construction culinary business finance bank credit union
    inc llc co corp company group services
    monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    spring summer fall autumn winter semester term quarter
    mr mrs ms dr principal superintendent
    student students junior juniors senior seniors sophomore sophomores freshman freshmen
    intern interns kid kids grade grades grader graders class
    from about into onto over after before during while who which when where what how
    is are was were be been being has have had do does did will would can could should
    hosted hosting host hosts visited visiting met meet joined joining helped helping
    loved enjoyed learned worked working spent took gave showed taught mentored
    some several two three four five six seven eight nine ten twelve dozen
    """
NOT_NAMES = frozenset(_NOT_NAMES.split())
"""Capitalised words that are no part of a person's name."""


def _tokens(text: str) -> list[str]:
    return [t.strip("'’-").casefold() for t in text.split()]


def _known_sequences(known: Iterable[str]) -> list[list[str]]:
    return [tokens for name in known if (tokens := _tokens(name))]


def _contains(seq: list[str], part: list[str]) -> bool:
    n = len(part)
    return any(seq[i : i + n] == part for i in range(len(seq) - n + 1))


def _is_known(name: list[str], known: list[list[str]]) -> bool:
    return any(
        _contains(k, name) or (len(k) >= 2 and _contains(name, k)) or (len(k) == 1 and k == name)
        for k in known
    )


def _person_words(candidate: list[str]) -> list[str]:
    """The words of a candidate that could be a person's name (a stop word cuts it short)."""
    words: list[str] = []
    for word in candidate:
        if word.strip("'’-").casefold() in NOT_NAMES:
            break
        words.append(word)
    return words


def student_names(text: str, *, partners: Iterable[str], people: Iterable[str]) -> list[str]:
    """The names in `text` that may be a student's, in order, each once. A full name is let
    through when it is a partner's or a known person's (`people`: business contacts, Slack
    users); a name right next to a student word only when it is part of a partner's name."""
    partner_tokens = _known_sequences(partners)
    known_tokens = partner_tokens + _known_sequences(people)
    found = _beside_student_words(text, partner_tokens)
    for match in _RUN.finditer(text):
        run: list[str] = []
        for word in [*match.group(0).split(), ""]:
            if word and word.strip("'’-").casefold() not in NOT_NAMES:
                run.append(word)
                continue
            if len(run) >= 2:
                _keep(found, run, known_tokens)
            run = []
    return list(found)


def names_beside_student_words(text: str, *, partners: Iterable[str]) -> list[str]:
    """Only the names right next to a student word ("junior Maria Lopez", "Sam (intern)"),
    unless part of a partner's name: for text full of other people's names (a spreadsheet's
    notes and contacts), where any full name would be too many."""
    return list(_beside_student_words(text, _known_sequences(partners)))


def _beside_student_words(text: str, partner_tokens: list[list[str]]) -> dict[str, None]:
    found: dict[str, None] = {}
    for match in _AFTER.finditer(text):
        _keep(found, _person_words(match.group(1).split()), partner_tokens)
    for match in _BEFORE.finditer(text):
        _keep(found, _person_words(match.group(1).split()[::-1])[::-1], partner_tokens)
    return found


def _keep(found: dict[str, None], words: list[str], allowed: list[list[str]]) -> None:
    if not words or (len(words) < 2 and words[0][:1].islower()):
        return  # one word in lower case beside "students" is no name ("welding students")
    if not _is_known(_tokens(" ".join(words)), allowed):
        found.setdefault(" ".join(words), None)
