"""Sorting import rows for the preview: new, matching a partner exactly, matching one nearly,
or with problems; rows that cannot be saved are refused. Matching follows the lookup's policy
(storage/partners/lookup.py) for many names at once: the same name key is exact; a whole-name
typo (rapidfuzz ratio at least TYPO_CUTOFF) or one name starting the other at a word is near,
the way `/partner add` finds duplicates. Archived partners match too."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.imports.values import EXACT, NEAR, NEW, PROBLEM, REFUSED, ImportRow, Sorted
from storage.models import Partner
from storage.partners.lookup import MIN_PREFIX_KEY, MIN_TYPO_KEY
from storage.partners.names import name_key
from storage.partners.wording import TYPO_CUTOFF


@dataclass
class _Known:
    """The workspace's partner names, read once: by key, and the keys sorted."""

    by_key: dict[str, tuple[int, str]]
    keys: list[str]

    @classmethod
    def read(cls, session: Session, team_id: str) -> _Known:
        rows = session.execute(
            select(Partner.id, Partner.name_key, Partner.name).where(Partner.team_id == team_id)
        )
        by_key = {k: (i, n) for i, k, n in rows}
        return cls(by_key, sorted(by_key))

    def near(self, key: str) -> tuple[int, str] | None:
        """The partner this key nearly names: a typo of its whole name, else a name that
        starts this one (or that this one starts) at a word boundary."""
        if len(key) >= MIN_TYPO_KEY and self.keys:
            best = process.extractOne(key, self.keys, scorer=fuzz.ratio, score_cutoff=TYPO_CUTOFF)
            if best is not None:
                return self.by_key[best[0]]
        words = key.split()
        for n in range(len(words) - 1, 0, -1):  # "riverside auto group" ⊃ "riverside auto"
            shorter = " ".join(words[:n])
            if len(shorter) >= MIN_PREFIX_KEY and shorter in self.by_key:
                return self.by_key[shorter]
        if len(key) >= MIN_PREFIX_KEY:  # "riverside" ⊂ "riverside auto"
            at = bisect_left(self.keys, key + " ")
            if at < len(self.keys) and self.keys[at].startswith(key + " "):
                return self.by_key[self.keys[at]]
        return None


def sort_rows(session: Session, team_id: str, rows: Sequence[ImportRow]) -> list[Sorted]:
    """Each row with its group and the partner it matches."""
    known = _Known.read(session, team_id)
    found: list[Sorted] = []
    for row in rows:
        if row.refused:
            found.append(Sorted(row, REFUSED))
            continue
        key = name_key(row.name)
        exact = known.by_key.get(key)
        match = exact if row.problems else exact or known.near(key)
        if row.problems:  # saved without its bad cells: a match only when exact
            group = PROBLEM
        elif exact is not None:
            group = EXACT
        else:
            group = NEAR if match is not None else NEW
        found.append(Sorted(row, group, match[0] if match else None, match[1] if match else None))
    return found
