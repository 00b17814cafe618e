"""Which partner a line of text starts with: "Acme called Jane …", "acme helth met …",
"\"Riverside Auto\" emailed …". Exact names first, then typo-tolerant, then prefixes."""

from __future__ import annotations

import re

from rapidfuzz import fuzz
from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import Partner
from storage.names import name_key
from storage.partners import Resolution, resolve_partner
from storage.views import PartnerView

MAX_NAME_WORDS = 6
TYPO_CUTOFF = 85.0
TIE_MARGIN = 5.0
_QUOTED = re.compile(r'^\s*(?:"([^"]+)"|“([^”]+)”|\'([^\']+)\')\s*(.*)$', re.DOTALL)
# Words that usually start what happened, so an unknown name ends before them.
_VERBS = {
    "called", "emailed", "e-mailed", "met", "visited", "toured", "phoned", "talked", "spoke",
    "sent", "left", "had", "got", "reached", "followed", "asked", "discussed", "hosted",
    "stopped", "dropped", "invited", "confirmed", "agreed", "signed", "wrote", "texted",
    "attended", "presented", "scheduled", "call", "email", "meeting", "visit", "note",
}  # fmt: skip


def resolve_partner_prefix(
    session: Session, team_id: str, text: str
) -> tuple[Resolution, str, str]:
    """The partner named at the start of `text`, the rest of the text, and the words taken as
    the name (for "which one?" and "add it?" questions)."""
    quoted = _QUOTED.match(text)
    if quoted:
        name = next(g for g in quoted.groups()[:3] if g is not None)
        return resolve_partner(session, team_id, name), quoted.group(4).strip(), name.strip()
    words = text.split()
    if not words:
        return Resolution(None, ()), "", ""
    rows = list(
        session.scalars(
            select(Partner).where(Partner.team_id == team_id, Partner.archived_at.is_(None))
        )
    )
    spans = range(min(MAX_NAME_WORDS, len(words)), 0, -1)
    keys = {n: name_key(" ".join(words[:n])) for n in spans}

    def rest(n: int) -> str:
        return " ".join(words[n:])

    def typed(n: int) -> str:
        return " ".join(words[:n])

    for n in spans:
        exact = [r for r in rows if keys[n] and r.name_key == keys[n]]
        if exact:
            return Resolution(PartnerView.of(exact[0]), ()), rest(n), typed(n)

    best: tuple[float, int, list[Partner]] | None = None
    for n in spans:
        if len(keys[n]) < 4:
            continue
        scored = [(fuzz.ratio(keys[n], r.name_key), r) for r in rows]
        top = max((s for s, _ in scored), default=0.0)
        if top >= TYPO_CUTOFF and (best is None or top > best[0]):
            near = [r for s, r in sorted(scored, key=lambda x: -x[0]) if s >= top - TIE_MARGIN]
            best = (top, n, near)
    if best is not None:
        _, n, near = best
        return Resolution(None, tuple(PartnerView.of(r) for r in near[:5])), rest(n), typed(n)

    for n in spans:
        key = keys[n]
        if len(key) < 3:
            continue
        starts = [r for r in rows if r.name_key.startswith(key)]
        if starts:
            starts.sort(key=lambda r: r.name_key)
            return Resolution(None, tuple(PartnerView.of(r) for r in starts[:5])), rest(n), typed(n)

    n = next((i for i, w in enumerate(words[:4]) if i > 0 and w.casefold() in _VERBS), 1)
    return Resolution(None, ()), rest(n), typed(n)
