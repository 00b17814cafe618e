"""The one way typed text becomes a partner, for every command.

Policy, the same for `/partner NAME`, `/contact NAME did …`, `/followup NAME …`, `/celebrate` and
`/partner find`: compare name keys (case, spacing, punctuation and "Inc." ignored)

1. exact: the key equals a partner's key (indexed SQL);
2. near-identical: a typo such as "acme helth" — rapidfuzz's ratio over the whole key, at least
   `TYPO_CUTOFF`; names within `TIE_MARGIN` of the best are all offered;
3. prefix: the key starts a partner's key (indexed SQL), or starts one of its words
   ("riverside" → "Riverside Auto", "auto" → "Acme Auto Body");
4. word by word, as `/partner find` and `/contact` read words: every typed word equals, starts
   or is a typo of (`typo_score`) a word of the name, one of them not a common word ("rivrside"
   → "Riverside Auto Body", "acme helth" → "Acme Health Systems"), or two of its words typed
   as one ("tricounty" → "Tri-County Health").

Typos come before prefixes because the cutoff is high enough that only a misspelt *whole* name
passes it; otherwise "acme helth called Jane" would stop at the ambiguous prefix "acme".
Exact and prefix matches are answered by SQL over the (team_id, name_key) index; the typo and
word checks read only (id, name_key) pairs, and full records are loaded for the matches only."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from rapidfuzz import fuzz, process
from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from storage.models import Partner
from storage.partners.name_index import NameIndex, name_index
from storage.partners.names import name_key
from storage.partners.wording import (
    COMMON,
    MIN_PREFIX,
    TYPO_CUTOFF,  # rapidfuzz ratio (0-100), as word typos
    TYPO_FLOOR,
    name_words,
    typo_score,
)
from storage.records import PartnerView

MAX_NAME_WORDS = 6  # a name at the start of a longer text is at most this many words
MAX_CANDIDATES = 5
TIE_MARGIN = 5.0
MIN_TYPO_KEY = 4  # shorter keys are too short to call a typo
MIN_PREFIX_KEY = 3  # in a longer text, a prefix must be at least this long

_QUOTED = re.compile(r'^\s*(?:"([^"]+)"|“([^”]+)”|\'([^\']+)\')\s*(.*)$', re.DOTALL)
# Words that usually start what happened, so an unknown name ends before them.
_VERBS = {
    "called", "emailed", "e-mailed", "met", "visited", "toured", "phoned", "talked", "spoke",
    "sent", "left", "had", "got", "reached", "followed", "asked", "discussed", "hosted",
    "stopped", "dropped", "invited", "confirmed", "agreed", "signed", "wrote", "texted",
    "attended", "presented", "scheduled", "call", "email", "meeting", "visit", "note",
}  # fmt: skip


@dataclass(frozen=True)
class Resolution:
    """What a typed partner name points at: one exact match, or candidates, or nothing."""

    exact: PartnerView | None
    candidates: tuple[PartnerView, ...]

    @property
    def single(self) -> PartnerView | None:
        """The one partner meant, when that is unambiguous."""
        if self.exact is not None:
            return self.exact
        return self.candidates[0] if len(self.candidates) == 1 else None


NOTHING = Resolution(None, ())


def _scope(team_id: str, include_archived: bool) -> list[ColumnElement[bool]]:
    where = [Partner.team_id == team_id]
    if not include_archived:
        where.append(Partner.archived_at.is_(None))
    return where


def _starts_with(session: Session, key: str) -> ColumnElement[bool]:
    """`name_key` starts with `key`, written so the (team_id, name_key) index serves it."""
    if session.get_bind().dialect.name == "sqlite":
        glob = re.sub(r"([*?\[])", r"[\1]", key)  # GLOB is case-sensitive: keys are casefolded
        return Partner.name_key.op("GLOB")(glob + "*")
    return Partner.name_key.startswith(key, autoescape=True)


def _views(session: Session, ids: Sequence[int]) -> list[PartnerView]:
    """Full records for these ids, in the order given."""
    if not ids:
        return []
    rows = {p.id: p for p in session.scalars(select(Partner).where(Partner.id.in_(ids)))}
    return [PartnerView.of(rows[i]) for i in ids if i in rows]


class _Keys:
    """The (id, name_key) pairs of a workspace, read once per lookup and only when needed."""

    def __init__(self, session: Session, team_id: str, include_archived: bool) -> None:
        self._stmt = select(Partner.id, Partner.name_key).where(*_scope(team_id, include_archived))
        self._session = session
        self._pairs: list[tuple[int, str]] | None = None

    @property
    def pairs(self) -> list[tuple[int, str]]:
        if self._pairs is None:
            self._pairs = [(i, k) for i, k in self._session.execute(self._stmt)]
        return self._pairs


def _exact(
    session: Session, team_id: str, keys: Iterable[str], include_archived: bool
) -> dict[str, int]:
    wanted = [k for k in keys if k]
    if not wanted:
        return {}
    rows = session.execute(
        select(Partner.name_key, Partner.id).where(
            *_scope(team_id, include_archived), Partner.name_key.in_(wanted)
        )
    )
    return dict(rows.all())


def _typos(key: str, keys: _Keys) -> tuple[float, list[int]]:
    """The best near-identical score and the ids within the tie margin of it, best first."""
    if len(key) < MIN_TYPO_KEY:
        return 0.0, []
    scored = [(fuzz.ratio(key, k), k, i) for i, k in keys.pairs]
    scored = [s for s in scored if s[0] >= TYPO_CUTOFF]
    if not scored:
        return 0.0, []
    scored.sort(key=lambda s: (-s[0], s[1]))
    top = scored[0][0]
    return top, [i for score, _, i in scored if score >= top - TIE_MARGIN][:MAX_CANDIDATES]


def _prefixed(
    session: Session, team_id: str, key: str, keys: _Keys, include_archived: bool, limit: int
) -> list[int]:
    """Ids whose key starts with `key` (SQL), then those with a later word starting with it."""
    starts = list(
        session.execute(
            select(Partner.id, Partner.name_key)
            .where(*_scope(team_id, include_archived), _starts_with(session, key))
            .order_by(Partner.name_key)
            .limit(limit)
        )
    )
    found = [i for i, _ in starts]
    if len(found) < limit:
        inner = sorted((k, i) for i, k in keys.pairs if f" {key}" in k)
        found += [i for _, i in inner if i not in found][: limit - len(found)]
    return found


def _like(index: NameIndex, word: str, seen: dict[str, set[int]]) -> set[int]:
    """Partners with a name word that `word` equals, starts or is a typo of, else two name
    words it writes as one (remembered in `seen` for the other spans of one lookup)."""
    if word in seen:
        return seen[word]
    vocabulary = index.vocabulary
    known: set[str] = {word} if word in index.by_word else set()
    if len(word) >= MIN_PREFIX:
        at = bisect_left(vocabulary, word)
        while at < len(vocabulary) and vocabulary[at].startswith(word):
            known.add(vocabulary[at])
            at += 1
    near = process.extract(word, vocabulary, scorer=fuzz.ratio, score_cutoff=TYPO_FLOOR, limit=None)
    known |= {w for w, _, _ in near if typo_score(word, w)}
    ids: set[int] = set()
    for w in known:
        ids |= index.by_word.get(w, set())
    if not ids and len(word) >= MIN_PREFIX:  # "tricounty" → "Tri-County Health"
        ids = {
            pid
            for pid, named in index.names.items()
            if any(word == a + b or typo_score(word, a + b) for a, b in pairwise(named))
        }
    seen[word] = ids
    return ids


def _word_matches(
    session: Session,
    team_id: str,
    key: str,
    include_archived: bool,
    limit: int,
    seen: dict[str, set[int]] | None = None,
) -> list[int]:
    """Ids of partners every word of `key` names (equal, start or typo of a name word), at
    least one of those words not a common one; by name."""
    typed = name_words(key)
    if not typed or all(w in COMMON for w in typed):
        return []
    index = name_index(session, team_id)
    found: set[int] | None = None
    for word in typed:
        ids = _like(index, word, {} if seen is None else seen)
        found = set(ids) if found is None else found & ids
        if not found:
            return []
    assert found is not None
    if not include_archived:
        found -= index.archived
    return sorted(found, key=lambda i: index.keys[i])[:limit]


def _resolve_key(
    session: Session, team_id: str, key: str, *, include_archived: bool, limit: int
) -> Resolution:
    if not key:
        return NOTHING
    exact = _exact(session, team_id, [key], include_archived)
    if key in exact:
        return Resolution(_views(session, [exact[key]])[0], ())
    keys = _Keys(session, team_id, include_archived)
    _, near = _typos(key, keys)
    if near:
        return Resolution(None, tuple(_views(session, near[:limit])))
    found = _prefixed(session, team_id, key, keys, include_archived, limit)
    if not found:
        found = _word_matches(session, team_id, key, include_archived, limit)
    return Resolution(None, tuple(_views(session, found)))


def resolve_partner(
    session: Session,
    team_id: str,
    query: str,
    *,
    include_archived: bool = False,
    limit: int = MAX_CANDIDATES,
) -> Resolution:
    """What a typed name (the whole `query`) means: exact, else near-identical, else prefix."""
    return _resolve_key(
        session, team_id, name_key(query), include_archived=include_archived, limit=limit
    )


def resolve_partner_prefix(
    session: Session, team_id: str, text: str
) -> tuple[Resolution, str, str]:
    """The partner named at the start of `text`, the rest of the text, and the words taken as
    the name (for "which one?" and "add it?" questions). The same policy as `resolve_partner`,
    trying the first 1 to 6 words as the name: the longest exact name wins, else the best typo,
    else the longest prefix. A quoted name ("Acme Auto" called …) is taken whole."""
    quoted = _QUOTED.match(text)
    if quoted:
        name = next(g for g in quoted.groups()[:3] if g is not None)
        return resolve_partner(session, team_id, name), quoted.group(4).strip(), name.strip()
    words = text.split()
    if not words:
        return NOTHING, "", ""
    spans = range(min(MAX_NAME_WORDS, len(words)), 0, -1)  # longest first
    keys_of = {n: name_key(" ".join(words[:n])) for n in spans}

    def answer(resolution: Resolution, n: int) -> tuple[Resolution, str, str]:
        return resolution, " ".join(words[n:]), " ".join(words[:n])

    exact = _exact(session, team_id, keys_of.values(), include_archived=False)
    for n in spans:
        if keys_of[n] in exact:
            return answer(Resolution(_views(session, [exact[keys_of[n]]])[0], ()), n)

    keys = _Keys(session, team_id, include_archived=False)
    best: tuple[float, int, list[int]] | None = None
    for n in spans:
        top, near = _typos(keys_of[n], keys)
        if near and (best is None or top > best[0]):
            best = (top, n, near)
    if best is not None:
        return answer(Resolution(None, tuple(_views(session, best[2]))), best[1])

    for n in spans:
        if len(keys_of[n]) < MIN_PREFIX_KEY:
            continue
        found = _prefixed(session, team_id, keys_of[n], keys, False, MAX_CANDIDATES)
        if found:
            return answer(Resolution(None, tuple(_views(session, found))), n)

    seen: dict[str, set[int]] = {}
    for n in spans:
        found = _word_matches(session, team_id, keys_of[n], False, MAX_CANDIDATES, seen)
        if found:
            return answer(Resolution(None, tuple(_views(session, found))), n)

    n = next((i for i, w in enumerate(words[:4]) if i > 0 and w.casefold() in _VERBS), 1)
    return answer(NOTHING, n)
