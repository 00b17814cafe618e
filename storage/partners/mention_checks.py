"""Checks on the partners a line names (storage/partners/mentions.py): numbers in a name must
agree, archived partners never shadow active ones, and a second organisation named surely
elsewhere in the line is asked about."""

from __future__ import annotations

from collections.abc import Sequence

from storage.partners.name_index import NameIndex
from storage.partners.named_by import Hit
from storage.partners.wording import Word

CONFIDENT = 60.0  # a single mention this sure is the partner meant
MIN_CLOSE = 45.0  # mentions less sure are not even offered
SECOND = 75.0  # a second partner named this surely, elsewhere in the line: ask which


def _numbered(word: str) -> bool:
    return any(c.isdigit() for c in word)


def other_number(
    typed: Sequence[Word], named: Sequence[str], matched: Sequence[tuple[int, int, float]]
) -> bool:
    """Numbers in a name must agree: a number typed right next to (or among) the words that
    name a partner whose name holds a number, and not that number, names another business
    ("Route 9 Diner" is not Route 66 Auto)."""
    numbers = {w for w in named if _numbered(w)}
    if not numbers:
        return False
    first, last = matched[0][0], matched[-1][0]
    inside = {i for i, _, _ in matched}
    near = [k for k in range(max(0, first - 1), min(len(typed), last + 2)) if k not in inside]
    return any(
        _numbered(typed[k].text)
        and typed[k].text not in numbers
        and typed[k].start not in {typed[i].start for i in inside}
        for k in near
    )


def active_first(index: NameIndex, ranked: list[Hit]) -> list[Hit]:
    """Archived partners never shadow an active one: an active partner named surely wins
    over them; one only close comes first among those asked about; archived ones alone are
    offered only when no active one fits."""
    active = [h for h in ranked if h.pid not in index.archived]
    if not active or active[0].score < MIN_CLOSE:
        return ranked
    if active[0].score >= CONFIDENT:
        return active
    return active + [h for h in ranked if h.pid in index.archived]


def another(ranked: list[Hit]) -> Hit | None:
    """A second partner named surely on its own, in other words of the line than the best
    one ("Chamber luncheon … met Bob from Precision Machining"): the line names two
    organisations, and which one it is about is asked."""
    top = ranked[0]
    for hit in ranked[1:]:
        if hit.score < SECOND:
            break
        if hit.end <= top.start or hit.start >= top.end:
            return hit
    return None
