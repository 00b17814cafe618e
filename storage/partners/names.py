"""Partner names: cleaning for display and a key that ignores case, spacing and legal suffixes."""

from __future__ import annotations

import re
import unicodedata

MAX_NAME_LENGTH = 200

LEGAL_SUFFIXES = frozenset(
    {
        "inc",
        "incorporated",
        "llc",
        "ltd",
        "limited",
        "co",
        "corp",
        "corporation",
        "company",
        "pc",
        "pllc",
        "lp",
        "llp",
        "plc",
        "gmbh",
    }
)
_NON_WORD = re.compile(r"[^\w]+")


def clean_name(name: str) -> str:
    """Trim and collapse whitespace, keeping the user's capitalisation."""
    return " ".join(name.split())


def name_key(name: str) -> str:
    """The comparison key: "Acme Health, Inc." and "acme  health" both give "acme health"."""
    text = unicodedata.normalize("NFKC", name).casefold().replace("&", " and ").replace(".", "")
    words = [w for w in _NON_WORD.sub(" ", text).split() if w]
    while len(words) > 1 and words[-1] in LEGAL_SUFFIXES:
        words.pop()
    return " ".join(words)
