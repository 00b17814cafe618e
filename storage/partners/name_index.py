"""An in-process index of a workspace's partner names, so reading a message never loads every
partner row.

Built from (id, name_key, industry, pathways, archived) only. Each use runs one primary-key read,
correct across processes: the workspace's `partner_names_version`, a random token that every
writer of a partner's name, industry, pathways or archived state renews in its own transaction
(`names_changed`; storage/partners/records.py is the only such writer), must be the one the
index was built at; otherwise it is rebuilt. The version is read before the rows, so an index
can only be older than its label, never newer; one built while the version is unset (no
writer has run since the upgrade) is never reused."""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from uuid import uuid4
from weakref import WeakKeyDictionary

from sqlalchemy import Engine, bindparam, select, update
from sqlalchemy.orm import Session

from storage.models import Partner, Workspace
from storage.partners.wording import MIN_PREFIX, MIN_TYPO_WORD, acronym, industry_words, name_words

NAME, INDUSTRY, PATHWAY = 3, 2, 1  # how much a word counts in search, by where it is


@dataclass
class NameIndex:
    """Who is named by which word, for one workspace."""

    names: dict[int, tuple[str, ...]] = field(default_factory=dict)
    keys: dict[int, str] = field(default_factory=dict)
    by_words: dict[tuple[str, ...], int] = field(default_factory=dict)
    archived: set[int] = field(default_factory=set)
    by_word: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    by_acronym: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    by_industry_word: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    by_first_letter: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    by_prefix: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    described: dict[str, dict[int, int]] = field(default_factory=lambda: defaultdict(dict))
    by_pathway_word: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    version: str | None = None
    _vocabulary: list[str] | None = None

    @property
    def vocabulary(self) -> list[str]:
        """Every word of names, industries and pathways, sorted (for prefix search)."""
        if self._vocabulary is None:
            self._vocabulary = sorted(self.described)
        return self._vocabulary

    def _describe(self, pid: int, found: Iterable[str], weight: int) -> None:
        for word in found:
            held = self.described[word]
            held[pid] = max(held.get(pid, 0), weight)

    def add(
        self, pid: int, key: str, industry: str | None, pathways: Sequence[str], archived: bool
    ) -> None:
        """Index one partner."""
        if archived:
            self.archived.add(pid)
        named = name_words(key)
        self.names[pid] = named
        self.keys[pid] = key
        self.by_words[named] = pid
        for word in named:
            if word not in self.by_word and len(word) >= MIN_TYPO_WORD:
                self.by_first_letter[word[0]].append(word)
                for end in range(MIN_PREFIX, len(word)):
                    self.by_prefix[word[:end]].add(word)
            self.by_word[word].add(pid)
        short = acronym(key)
        if short is not None:
            self.by_acronym[short].add(pid)
        for word in industry_words(industry or ""):
            self.by_industry_word[word].add(pid)
        self._describe(pid, named, NAME)
        self._describe(pid, industry_words(industry or ""), INDUSTRY)
        for pathway in pathways:
            self._describe(pid, industry_words(pathway), PATHWAY)
            for word in industry_words(pathway):
                self.by_pathway_word[word].add(pid)


_CACHE: WeakKeyDictionary[Engine, dict[str, NameIndex]] = WeakKeyDictionary()
_LOCK = threading.Lock()


def _engine(session: Session) -> Engine:
    bind = session.get_bind()
    return bind if isinstance(bind, Engine) else bind.engine


def names_changed(session: Session, team_id: str) -> None:
    """Tell every process's name index that this workspace's partner names changed (in the
    caller's transaction, so it counts only if that commits)."""
    session.execute(
        update(Workspace)
        .where(Workspace.team_id == team_id)
        .values(partner_names_version=uuid4().hex)
    )


def _version(session: Session, team_id: str) -> str | None:
    return session.scalar(_VERSION, {"team_id": team_id})


# Built once: every message read asks it.
_VERSION = select(Workspace.partner_names_version).where(Workspace.team_id == bindparam("team_id"))


def _build(session: Session, team_id: str, version: str | None) -> NameIndex:
    index = NameIndex(version=version)
    rows = session.execute(
        select(
            Partner.id,
            Partner.name_key,
            Partner.industry,
            Partner.pathways,
            Partner.archived_at.is_not(None),
        ).where(Partner.team_id == team_id)
    )
    for pid, key, industry, pathways, archived in rows:
        index.add(pid, key, industry, tuple(pathways or ()), bool(archived))
    return index


def name_index(session: Session, team_id: str) -> NameIndex:
    """The up-to-date name index of a workspace (built on first use, rebuilt on change)."""
    engine = _engine(session)
    version = _version(session, team_id)
    with _LOCK:
        cached = _CACHE.get(engine, {}).get(team_id)
    if cached is not None and version is not None and cached.version == version:
        return cached
    fresh = _build(session, team_id, version)
    with _LOCK:
        _CACHE.setdefault(engine, {})[team_id] = fresh
    return fresh
