"""`/partner list` filters: whose partners (owned or backed up), a stage, going cold, and words
naming a pathway or an industry, all applied together.

Words are read like `/partner find` reads them (equal, start or typo of a word: "nurs" →
Nursing). A word that names a pathway is read as the pathway, else as an industry: pathways are
what a CTE team plans by, so "Health" lists the Health Science pathway even when an industry is
"Healthcare". Typed words are first read together ("health science"), then one by one."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from storage.models import Partner, Stage
from storage.partners.name_index import NameIndex
from storage.partners.search import matching_words, typed_words

PATHWAY, INDUSTRY = "pathway", "industry"


@dataclass(frozen=True)
class Described:
    """Typed words and what they were read as: PATHWAY, INDUSTRY, or None (nothing matches)."""

    typed: str
    field: str | None
    ids: frozenset[int]


def _matching(index: NameIndex, text: str, where: dict[str, set[int]]) -> set[int]:
    """Partners (not archived) with a word in `where` for every typed word of `text`."""
    found: set[int] | None = None
    for word in typed_words(text):
        ids: set[int] = set()
        for known in matching_words(index, word):
            ids |= where.get(known, set())
        found = ids if found is None else found & ids
        if not found:
            return set()
    return (found or set()) - index.archived


def _described(index: NameIndex, text: str) -> Described:
    for field, where in ((PATHWAY, index.by_pathway_word), (INDUSTRY, index.by_industry_word)):
        ids = _matching(index, text, where)
        if ids:
            return Described(text, field, frozenset(ids))
    return Described(text, None, frozenset())


def describe(index: NameIndex, words: Sequence[str]) -> list[Described]:
    """What the typed words name: all together when they do, else each on its own."""
    if not words:
        return []
    whole = _described(index, " ".join(words))
    if whole.field is not None or len(words) == 1:
        return [whole]
    return [_described(index, w) for w in words]


def listed_ids(
    session: Session,
    team_id: str,
    *,
    person: str | None,
    stage: Stage | None,
    within: Iterable[frozenset[int]],
    order: Sequence[int] | None,
) -> tuple[list[int], set[int]]:
    """Ids of active partners passing every filter (by name, or in `order` when given: only
    those in it), and those of them `person` backs up without owning."""
    stmt = select(Partner.id, Partner.owner_user_id).where(
        Partner.team_id == team_id, Partner.archived_at.is_(None)
    )
    if person is not None:
        stmt = stmt.where(or_(Partner.owner_user_id == person, Partner.backup_user_id == person))
    if stage is not None:
        stmt = stmt.where(Partner.stage == stage)
    rows = list(session.execute(stmt.order_by(Partner.name_key)))
    backups = {i for i, owner in rows if person is not None and owner != person}
    ids = [i for i, _ in rows]
    for allowed in within:
        ids = [i for i in ids if i in allowed]
    if order is not None:
        kept = set(ids)
        ids = [i for i in order if i in kept]
    return ids, backups & set(ids)
