"""Ways a text names a partner besides words of its name in a row: its initials ("RRH"),
"the hospital" (the one partner so named, else in that industry), the whole name of one made
of everyday words ("Career Center"), and two neighbouring words that both name it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from storage.partners.name_index import NameIndex
from storage.partners.wording import COMMON, FILLERS, Word, fold

MAX_SHARED = 5  # partners one such phrase may name before it names none
_LONGEST_KEY_WORDS = 8

GENERIC: dict[tuple[str, ...], frozenset[str]] = {
    ("hospital",): frozenset({"hospital", "health", "healthcare", "medical"}),
    ("clinic",): frozenset({"clinic", "health", "healthcare", "medical"}),
    ("credit", "union"): frozenset({"credit", "banking", "bank", "finance", "financial"}),
    ("bank",): frozenset({"bank", "banking", "finance", "financial"}),
    ("community", "college"): frozenset({"college", "education", "higher"}),
    ("college",): frozenset({"college", "education", "higher"}),
    ("university",): frozenset({"university"}),
    ("library",): frozenset({"library", "libraries"}),
    ("museum",): frozenset({"museum", "museums"}),
    ("dealership",): frozenset({"dealership", "automotive", "auto"}),
    ("plant",): frozenset({"manufacturing"}),
    ("factory",): frozenset({"manufacturing"}),
    ("hotel",): frozenset({"hotel", "hospitality", "lodging"}),
    ("restaurant",): frozenset({"restaurant", "food", "hospitality"}),
    ("pharmacy",): frozenset({"pharmacy", "pharmaceutical"}),
    ("fire", "department"): frozenset({"fire"}),
    ("police", "department"): frozenset({"police", "law"}),
    ("bakery",): frozenset({"bakery", "food"}),
}
_THE = frozenset({"the", "our", "that"})


@dataclass(frozen=True)
class Hit:
    """A partner named at [start, end) of a text, how surely, by how many words."""

    pid: int
    start: int
    end: int
    score: float
    size: int  # words matched, to prefer the longer of two overlapping names


def pairs(index: NameIndex, typed: Sequence[Word], found: Sequence[dict[str, float]]) -> list[int]:
    """Partners two neighbouring typed words both name, even everyday words ("Reach Media")."""
    ids: list[int] = []
    solid = [f for w, f in zip(typed, found, strict=True) if w.text not in FILLERS]
    for left, right in pairwise(solid):
        if not left or not right:
            continue
        both = set().union(*(index.by_word[k] for k in left)) & set().union(
            *(index.by_word[k] for k in right)
        )
        ids += sorted(both - set(ids))[:MAX_SHARED]
    return ids


def whole_names(index: NameIndex, typed: Sequence[Word]) -> list[int]:
    """Partners whose whole name is typed, even one of common words only ("Career Center")."""
    ids: list[int] = []
    solid = [w.text for w in typed if w.text not in FILLERS]
    for i in range(len(solid)):
        for n in range(2, _LONGEST_KEY_WORDS + 1):
            if i + n > len(solid) or solid[i + n - 1] not in index.by_word:
                break
            pid = index.by_words.get(tuple(solid[i : i + n]))
            if pid is not None and pid not in ids:
                ids.append(pid)
    return ids


def initials(index: NameIndex, typed: Sequence[Word]) -> list[Hit]:
    hits: list[Hit] = []
    for word in typed:
        folded = fold(word.typed)
        ids = index.by_acronym.get(folded) if len(folded) >= 3 else None
        if not ids or folded in COMMON or folded in index.by_word:
            continue
        score = 85.0 if len(ids) == 1 else 50.0
        hits += [Hit(pid, word.start, word.end, score, 1) for pid in sorted(ids)[:MAX_SHARED]]
    return hits


def _named_with(index: NameIndex, phrase: tuple[str, ...]) -> set[int]:
    ids = set.intersection(*(index.by_word.get(w, set()) for w in phrase))
    n = len(phrase)
    return {
        pid
        for pid in ids
        if any(index.names[pid][k : k + n] == phrase for k in range(len(index.names[pid])))
    }


def generic(index: NameIndex, typed: Sequence[Word]) -> list[Hit]:
    """ "the hospital", "the credit union": the one partner so named, else in that industry."""
    hits: list[Hit] = []
    for i, word in enumerate(typed[:-1]):
        if word.text not in _THE:
            continue
        for phrase, industry in GENERIC.items():
            n = len(phrase)
            if tuple(w.text for w in typed[i + 1 : i + 1 + n]) != phrase:
                continue
            ids, sure = _named_with(index, phrase), 75.0
            if not ids:
                ids = set().union(*(index.by_industry_word.get(w, set()) for w in industry))
                sure = 70.0
            end = typed[i + n].end
            if len(ids) == 1:
                hits.append(Hit(ids.pop(), word.start, end, sure, n))
            elif len(ids) <= MAX_SHARED:
                hits += [Hit(pid, word.start, end, 50.0, n) for pid in sorted(ids)]
            break
    return hits
