"""Reading wins in what people log: "hosted 12 students for a job shadow", "donated 3
laptops", "hired two of our graduates", "signed the MOU", "joined the advisory board". Pure."""

from __future__ import annotations

import re

MAX_WIN = 200

_WIN = re.compile(
    r"\b(?:"
    r"hosted|donated|sponsored|funded|hired|"
    r"signed\b[^.;!?]{0,40}?\b(?:mou|agreement|partnership|contract|memorandum)|"
    r"joined\b[^.;!?]{0,30}?\b(?:advisory|board|committee|council)"
    r")\b",
    re.IGNORECASE,
)
_NOT_DONE = re.compile(
    r"\b(?:not|never|no|will|would|could|might|may|to|plans?|planning|hopes?|hoping|wants?|"
    r"going|wo|didn't|didnt|won't|wont|can't|cannot|if|once|before|cancel\w*)\W*$",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(
    r"[.;!?\n]|,?\s+\b(?:follow[ -]?up|f/u|remind me|next step|todo|to do)\b", re.IGNORECASE
)


def reads_as_win(text: str) -> str | None:
    """The part of `text` that tells a win, from its verb to the end of the clause ("hosted
    12 students for a job shadow today"), or None when nothing in it reads as one (a plan, a
    negation, a question or a cancellation is no win)."""
    for match in _WIN.finditer(text):
        before = text[max(0, match.start() - 40) : match.start()]
        if _NOT_DONE.search(before.split(",")[-1]):
            continue
        rest = text[match.start() :]
        end = _CLAUSE_END.search(rest)
        clause = " ".join((rest[: end.start()] if end else rest).split()).rstrip(",:- ")
        if clause.endswith("?"):
            continue
        return clause[:MAX_WIN]
    return None
