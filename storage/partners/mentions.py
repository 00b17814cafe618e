"""Which partner a free-typed sentence names, wherever in the sentence it is.

A partner is named by its full name, by words of it that fit no other partner ("Riverside"
for Riverside Regional Hospital when no other partner is called Riverside), by its initials
("RRH"), by short forms (CU, CC, Mfg, Co, St, "&" …), by typos of its longer words (the
typo policy of storage/partners/lookup.py, word by word), or as "the hospital" / "the credit
union" when exactly one partner's name, or else industry, fits. Common words and verbs never
name a partner on their own. Archived partners are found too (and marked so). Initials, "the
hospital" and the like are in storage/partners/named_by.py.

The most confident mention wins; when others come within `MARGIN` of it, they are all
`close` and the caller asks. Runs on the in-process name index (storage/partners/name_index.py):
full records are loaded for the mentions returned only."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from storage.models import Partner
from storage.partners import mention_checks as checks
from storage.partners.mention_checks import CONFIDENT, MIN_CLOSE
from storage.partners.name_index import NameIndex, name_index
from storage.partners.name_like import name_like_span
from storage.partners.named_by import Hit, generic, initials, pairs, whole_names
from storage.partners.wording import (
    ACTS,
    BUSINESS,
    COMMON,
    FILLERS,
    GENERAL,
    MIN_PREFIX,
    MIN_TYPO_WORD,
    SHORT_FORMS,
    TYPO_FLOOR,
    Word,
    fold,
    mask_markup,
    possessive,
    typo_score,
    words,
)
from storage.records import PartnerView

MAX_TEXT = 1000  # characters read per message
MAX_WORDS = 80  # words read per message
MAX_SCANNED = 60  # partners scored per message, those named by the rarest words first
MAX_CLOSE = 5
PREFIX_SCORE = 90.0
DOUBTED_WORD = 55.0  # a one-word name its context says is an everyday word: not sure enough
MARGIN = 6.0
_TITLES = frozenset({"mr", "mrs", "ms", "dr", "miss"})
_THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)
_BUSINESS_ENDS = (
    "ics", "tic", "nic", "ery", "ing", "tion", "ware", "works", "tech", "care", "ment",
    "ology", "craft", "ies", "ers", "ors", "ants", "ware", "shop", "mart", "plex",
)  # fmt: skip
"""Endings of business words, never of a first name ("Chiropractic", "Brewery", "Roofing")."""
_BREAK = re.compile(r"[,;:!?()\[\]—–@]|\s-\s|\n")  # "@" as "at": "Kesha @ Summit"


@dataclass(frozen=True)
class Mention:
    """A partner named in a text, where, and how surely."""

    partner: PartnerView
    start: int
    end: int
    score: float


@dataclass(frozen=True)
class Mentions:
    """What a text names: one confident partner, or close ones to ask about, or a name-like
    phrase that names no partner (to offer adding it)."""

    best: Mention | None
    close: tuple[Mention, ...]
    name_like: tuple[int, int] | None


def _known_words(index: NameIndex, word: Word) -> dict[str, float]:
    """Index words this typed word is (100), starts (`PREFIX_SCORE`: "auto" for "automotive")
    or is a typo of (`typo_score`)."""
    found: dict[str, float] = {}
    if word.text.endswith("s") and word.text[:-1] in index.by_word:  # "acmes"
        found[word.text[:-1]] = 100.0
    if possessive(word.typed) and word.text + "s" in index.by_word:  # "St. Mary's"
        found[word.text + "s"] = 100.0
    if word.text in index.by_word:
        found[word.text] = 100.0
    if word.text in GENERAL or word.text in FILLERS or len(word.text) < MIN_PREFIX:
        return found
    for known in index.by_prefix.get(word.text, ()):
        found.setdefault(known, PREFIX_SCORE)
    if len(word.text) >= MIN_TYPO_WORD:
        bucket = index.by_first_letter.get(word.text[0], [])
        near = process.extract(  # fuzz.ratio is never under TYPO_FLOOR where typo_score is not
            word.text, bucket, scorer=fuzz.ratio, score_cutoff=TYPO_FLOOR, limit=3 * MAX_CLOSE
        )
        for known, _, _ in near:
            score = typo_score(word.text, known)
            if score:
                found.setdefault(known, score)
    return found


def _rarest_first(index: NameIndex, seen: dict[str, float], limit: int) -> list[int]:
    ids: list[int] = []
    for known in sorted(seen, key=lambda k: len(index.by_word[k])):
        if known in COMMON:
            continue
        for pid in sorted(index.by_word[known]):
            if pid not in ids:
                ids.append(pid)
        if len(ids) >= limit:
            break
    return ids[:limit]


Found = dict[str, float]  # index words a typed word is (or is a typo of), with scores


def _next_match(named: Sequence[str], found: Found, after: int) -> tuple[int, float] | None:
    for j in range(after + 1, len(named)):
        score = found.get(named[j])
        if score:
            return j, score
    return None


def _telling(got: Sequence[str]) -> bool:
    """Words that can name a partner without its whole name: one uncommon word, or two
    words of its name together ("Reach Media", "7/11") not both everyday words."""
    if any(w not in COMMON and len(w) >= 3 for w in got):
        return True
    return len(set(got)) >= 2 and any(w not in GENERAL for w in got)


def _capital(word: Word) -> bool:
    return word.typed[:1].isupper() or word.typed[:1].isdigit()


def _another_name(word: Word, named: Sequence[str]) -> bool:
    """A capitalised word, not an abbreviation ("PT", "GM"), an everyday word or the start of
    a word of this name ("Vet" for Veterinary): it names something else."""
    return (
        word.typed[:1].isupper()
        and not word.typed[:2].isupper()
        and word.text not in GENERAL
        and word.text not in FILLERS
        and not any(n.startswith(word.text) for n in named)
    )


def _a_person_acting(typed: Sequence[Word], k: int) -> bool:
    """typed[k] reads as a person's first name and the word after it says what they did
    ("Gus hosted", "Dana wants"), not as a business word ("Bank called", "Chiropractic
    called")."""
    word = typed[k]
    if not word.text.isalpha() or word.text in BUSINESS or word.text.endswith(_BUSINESS_ENDS):
        return False
    after = next((w for w in typed[k + 1 :] if w.start != word.start), None)
    if after is None or after.typed[:1].isupper():
        return False
    return after.text in ACTS or (len(after.text) >= 5 and after.text.endswith("ed"))


def _apart(text: str, left: Word, right: Word) -> bool:
    """Punctuation ends a name between two words ("Acme: Gus", "Gearhart. Dana"; not the
    dot of "St. Mary's")."""
    between = text[left.end : right.start]
    if _BREAK.search(between):
        return True
    return "." in between and len(left.text) > 2 and fold(left.typed) not in SHORT_FORMS


def _an_initial(text: str, word: Word) -> bool:
    """A capital letter and a dot, as in "J. Ortiz"."""
    return len(word.typed) == 1 and word.typed.isupper() and text[word.end : word.end + 1] == "."


def _leads_sentence(text: str, typed: Sequence[Word], first: int) -> bool:
    """typed[first] starts the text or a sentence, where its case says little."""
    before = text[: typed[first].start].rstrip(" \t\"'“”‘’*_")
    return not before or before[-1] in ".!?\n"


def _subject(text: str, typed: Sequence[Word], last: int) -> bool:
    """What ends at typed[last] is the subject of what follows ("acme called Jane", "acme:
    Jane wants"), not an everyday word in a phrase ("focus on the FAFSA night")."""
    after = next((w for w in typed[last + 1 :] if w.start != typed[last].start), None)
    return after is None or _apart(text, typed[last], after) or after.text in ACTS


def _doubt(
    text: str,
    typed: Sequence[Word],
    named: Sequence[str],
    matched: Sequence[tuple[int, int, float]],
    caps: bool,
) -> float:
    """How much less sure a partial name is when its context says it names something else:
    a title before it ("Mr. Baker" is a person), a capitalised word right next to it that is
    no part of the name and no person doing something ("Harbor Freight" is not 7/11 Freight
    Lines; "Acme Gus hosted", "Acme: Gus" are Acme), or it is written in lower case by
    someone who capitalises names, other than starting a sentence (a one-word name there
    only as its subject: "focus on the FAFSA night" is no partner Focus)."""
    first, last = matched[0][0], matched[-1][0]
    if first > 0 and (typed[first - 1].text in _TITLES or _an_initial(text, typed[first - 1])):
        return 0.5  # "Dr. Ortiz", "J. Ortiz": a person
    inside = {typed[i].start for i, _, _ in matched}
    before = [k for k in range(max(0, first - 1), first) if typed[k].start not in inside]
    after = [k for k in range(last + 1, min(len(typed), last + 2)) if typed[k].start not in inside]
    nearby = [k for k in before if not _apart(text, typed[k], typed[first])] + [
        k for k in after if not _apart(text, typed[last], typed[k])
    ]
    if any(
        _another_name(typed[k], named) and not (k > last and _a_person_acting(typed, k))
        for k in nearby
    ):
        return 0.6
    lower = not any(_capital(typed[i]) for i, *_ in matched)
    partial = len({j for _, j, _ in matched}) < len(named)
    if (
        caps
        and lower
        and not (_leads_sentence(text, typed, first) and (partial or _subject(text, typed, last)))
    ):
        return 0.7 if len({j for _, j, _ in matched}) == 1 else 0.85
    return 1.0


def capitalises_names(typed: Sequence[Word]) -> bool:
    """The writer capitalises names: some word past the first is capitalised."""
    return any(w.typed[:1].isupper() and w.typed not in ("I", "I'm", "I'll") for w in typed[1:])


def _score(
    index: NameIndex,
    pid: int,
    text: str,
    typed: Sequence[Word],
    matched: list[tuple[int, int, float]],
    capitalised: bool,
) -> Hit | None:
    named = index.names[pid]
    if checks.other_number(typed, named, matched):
        return None
    got = [named[j] for _, j, _ in matched]
    size = len({j for _, j, _ in matched})
    if size == len(named):
        if size == 1 and got[0] in COMMON:
            return None
        doubted = size == 1 and _doubt(text, typed, named, matched, capitalised) < 1.0
        base = DOUBTED_WORD if doubted else 100.0
    else:
        if not _telling(got):
            return None
        sharing = set.intersection(*(index.by_word[w] for w in got))
        if sharing == {pid}:
            base = 72.0 + 18.0 * size / len(named) + (5.0 if matched[0][1] == 0 else 0.0)
        else:
            base = 45.0 + 15.0 * size / len(named)
        base *= _doubt(text, typed, named, matched, capitalised)
    likeness = sum(score for *_, score in matched) / len(matched) / 100.0
    score = base * likeness - (1.0 if pid in index.archived else 0.0)
    return Hit(pid, typed[matched[0][0]].start, typed[matched[-1][0]].end, score, size)


def _short_form(named: Sequence[str], word: Word, after: int) -> list[tuple[int, float]]:
    """Name words past `after` that a typed word right after a matched run is a short form
    of: the start of one ("Vet" of Veterinary, "Ag" of Agricultural) or the initials of some
    in a row ("PT" of Physical Therapy)."""
    short = word.text
    if len(short) < 2 or short in GENERAL or short in FILLERS:
        return []
    for j in range(after + 1, len(named)):
        if named[j].startswith(short) and len(short) < len(named[j]):
            return [(j, PREFIX_SCORE)]
        if "".join(n[0] for n in named[j : j + len(short)]) == short:
            return [(j + n, PREFIX_SCORE) for n in range(len(short))]
    return []


def _best_run(
    index: NameIndex,
    pid: int,
    text: str,
    typed: Sequence[Word],
    found: Sequence[Found],
    caps: bool,
) -> Hit | None:
    """The best run of consecutive typed words naming words of this partner, in order (a
    filler may sit between them; a name word may be left out), with a short form of its
    next words right after it ("Summit PT", "Northside Vet")."""
    named = index.names[pid]
    best: Hit | None = None
    for i in range(len(typed)):
        first = _next_match(named, found[i], -1)
        if first is None or typed[i].text in FILLERS:
            continue
        matched = [(i, first[0], first[1])]
        k, gap = i + 1, 0
        while k < len(typed) and gap <= 1:
            if typed[k].text in FILLERS:
                k, gap = k + 1, gap + 1
                continue
            following = _next_match(named, found[k], matched[-1][1])
            if following is None:
                break
            matched.append((k, following[0], following[1]))
            k, gap = k + 1, 0
        if k < len(typed) and gap == 0 and not _apart(text, typed[k - 1], typed[k]):
            matched += [(k, j, score) for j, score in _short_form(named, typed[k], matched[-1][1])]
        hit = _score(index, pid, text, typed, matched, caps)
        if hit is not None and (best is None or hit.score > best.score):
            best = hit
    return best


def _views(session: Session, ids: Iterable[int]) -> dict[int, PartnerView]:
    wanted = list(ids)
    if not wanted:
        return {}
    rows = session.scalars(_BY_IDS, {"ids": wanted})
    return {p.id: PartnerView.of(p) for p in rows}


# Built once: every message naming a partner loads it.
_BY_IDS = select(Partner).where(Partner.id.in_(bindparam("ids", expanding=True)))


def _ranked(hits: list[Hit]) -> list[Hit]:
    """One hit per partner, the best; none inside a longer one; best first."""
    best: dict[int, Hit] = {}
    for hit in hits:
        if hit.pid not in best or hit.score > best[hit.pid].score:
            best[hit.pid] = hit
    kept = [
        h
        for h in best.values()
        if not any(
            o.size > h.size and o.start <= h.start and h.end <= o.end and o.score >= CONFIDENT
            for o in best.values()
        )
    ]
    return sorted(kept, key=lambda h: (-h.score, -h.size, h.start, h.pid))


def _with_the(text: str, start: int) -> int:
    """Where the name starts, counting a "the" right before it ("The Daily Grind")."""
    the = _THE_BEFORE.search(text, 0, start)
    return the.start() if the else start


def find_mentions(session: Session, team_id: str, text: str) -> Mentions:
    """The partner `text` names anywhere in it (archived partners included), or the close
    ones to ask about, or else the span of a name-like phrase naming no partner."""
    masked = mask_markup(text[:MAX_TEXT])
    typed = words(masked)[:MAX_WORDS]
    index = name_index(session, team_id)
    found = [_known_words(index, w) for w in typed]
    seen: Found = {}
    for f in found:
        seen.update(f)
    scanned = _rarest_first(index, seen, MAX_SCANNED)
    for pid in whole_names(index, typed) + pairs(index, typed, found):
        if pid not in scanned:
            scanned.append(pid)
    caps = capitalises_names(typed)
    hits = [
        h for pid in scanned if (h := _best_run(index, pid, masked, typed, found, caps)) is not None
    ]
    ranked = checks.active_first(
        index, _ranked(hits + initials(index, typed) + generic(index, typed))
    )
    other = checks.another(ranked) if ranked and ranked[0].score >= CONFIDENT else None
    if ranked and ranked[0].score >= MIN_CLOSE:
        top = ranked[0].score
        close = [h for h in ranked if h.score >= top - MARGIN][:MAX_CLOSE]
        close = [ranked[0], other] if other is not None else close  # two organisations: ask
        views = _views(session, (h.pid for h in close))
        mentions = [
            Mention(views[h.pid], _with_the(masked, h.start), h.end, h.score)
            for h in close
            if h.pid in views
        ]
        if len(mentions) == 1 and top >= CONFIDENT:
            return Mentions(mentions[0], (), None)
        if len(mentions) >= 2:
            return Mentions(None, tuple(mentions), None)
    return Mentions(None, (), name_like_span(masked, typed))
