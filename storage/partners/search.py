"""`/partner find`: partners whose name, industry or pathways match every typed word.

A typed word matches a word of a partner that it equals, starts ("nurs" → Nursing, "health" →
Healthcare) or is a typo of (`typo_score`, the word-by-word policy of mentions). A name
that the lookup policy resolves as a whole ("acme helth") comes first; then partners ranked
by where their words matched (name, then industry, then pathway) and how (equal, start,
typo), then by name. Archived partners only when asked. Runs on the in-process name index;
full records are loaded for the results only."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import Partner
from storage.partners.lookup import resolve_partner
from storage.partners.name_index import PATHWAY, NameIndex, name_index
from storage.partners.names import name_key
from storage.partners.wording import FILLERS, TYPO_FLOOR, typo_score, words
from storage.records import PartnerView

EQUAL, START, TYPO = 3, 2, 1
MIN_START = 2  # a typed word this long may start a longer word
MAX_QUERY_WORDS = 6


@dataclass(frozen=True)
class Found:
    """Search results: the first `limit` partners, and how many matched in all."""

    partners: tuple[PartnerView, ...]
    total: int
    archived_left_out: int = 0
    """Archived partners that match too, when they were not asked for."""


def matching_words(index: NameIndex, typed: str) -> dict[str, int]:
    """Words of the index this typed word equals, starts or is a typo of, and how well."""
    found: dict[str, int] = {}
    vocabulary = index.vocabulary
    if len(typed) >= MIN_START:
        at = bisect_left(vocabulary, typed)
        while at < len(vocabulary) and vocabulary[at].startswith(typed):
            found[vocabulary[at]] = EQUAL if vocabulary[at] == typed else START
            at += 1
    elif typed in index.described:
        found[typed] = EQUAL
    near = process.extract(
        typed, vocabulary, scorer=fuzz.ratio, score_cutoff=TYPO_FLOOR, limit=None
    )
    for word, _, _ in near:
        if word not in found and typo_score(typed, word):
            found[word] = TYPO
    return found


def typed_words(query: str) -> list[str]:
    """The words of a query that count (fillers dropped), at most `MAX_QUERY_WORDS`."""
    return [w.text for w in words(query) if w.text not in FILLERS][:MAX_QUERY_WORDS]


def _ranked(
    index: NameIndex, query: str, *, pathways_only: bool = False
) -> list[tuple[int, str, int]]:
    """(-score, name key, partner id) of the partners every query word matches (in a pathway
    only, with `pathways_only`), best first."""
    typed = typed_words(query)
    if not typed:
        return []
    scores: dict[int, int] | None = None
    for word in typed:
        best: dict[int, int] = {}
        for known, how in matching_words(index, word).items():
            for pid, where in index.described[known].items():
                if pathways_only and pid not in index.by_pathway_word.get(known, ()):
                    continue
                best[pid] = max(best.get(pid, 0), how * (PATHWAY if pathways_only else where))
        if scores is not None:
            best = {pid: score + best[pid] for pid, score in scores.items() if pid in best}
        scores = best
    assert scores is not None
    return sorted((-score, index.keys[pid], pid) for pid, score in scores.items())


def _views(session: Session, ids: list[int]) -> list[PartnerView]:
    if not ids:
        return []
    rows = {p.id: p for p in session.scalars(select(Partner).where(Partner.id.in_(ids)))}
    return [PartnerView.of(rows[i]) for i in ids if i in rows]


def search_partners(
    session: Session, team_id: str, query: str, *, include_archived: bool = False, limit: int = 10
) -> Found:
    """Partners matching `query`: the whole name first, then every word in name, industry or
    pathways; archived ones only with `include_archived`."""
    if not name_key(query):
        return Found((), 0)
    whole = resolve_partner(session, team_id, query, include_archived=include_archived)
    first = [whole.exact] if whole.exact else list(whole.candidates)
    index = name_index(session, team_id)
    ranked = [pid for *_, pid in _ranked(index, query)]
    hidden: set[int] = set() if include_archived else index.archived & set(ranked)
    names = {p.id for p in first}
    rest = [pid for pid in ranked if pid not in names and pid not in hidden]
    loaded = _views(session, rest[: max(0, limit - len(first))])
    return Found(tuple(first + loaded)[:limit], len(first) + len(rest), len(hidden))


def pathway_partners(session: Session, team_id: str, pathway: str, *, limit: int = 10) -> Found:
    """Active partners with a pathway matching every word of `pathway` (equal, start or typo:
    "nurs" finds Nursing), by how well, then by name."""
    index = name_index(session, team_id)
    ranked = [
        pid for *_, pid in _ranked(index, pathway, pathways_only=True) if pid not in index.archived
    ]
    return Found(tuple(_views(session, ranked[:limit])), len(ranked))


def find_partners(
    session: Session, team_id: str, query: str, *, include_archived: bool = False, limit: int = 10
) -> list[PartnerView]:
    """The first `limit` partners `search_partners` finds."""
    found = search_partners(session, team_id, query, include_archived=include_archived, limit=limit)
    return list(found.partners)
