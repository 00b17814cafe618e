"""Digests built by hand, for tests that render one without the database: what each part
(`Feature.digest_parts`, by name) found for the person, as its reader would give it."""

from __future__ import annotations

from datetime import date
from typing import Any

from handlers import FEATURES
from handlers.common.digest_parts import Digest
from storage.school_year import AwaySpan

PARTS = {part.name: part for feature in FEATURES for part in feature.digest_parts}


def digest_of(local_date: date, away: AwaySpan | None = None, **found: Any) -> Digest:
    """User U1's digest in T1 on `local_date`: part name → what it found (empty: nothing)."""
    chosen = [(PARTS[name], got) for name, got in found.items() if got]
    ranked = sorted(chosen, key=lambda pair: pair[0].rank)
    return Digest("T1", "U1", local_date, found=tuple(ranked), away=away)
