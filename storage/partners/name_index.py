"""An in-process index of a workspace's partner names, so reading a message never loads every
partner row.

Built from (id, name_key, industry, archived) only. Each use runs one cheap freshness check,
correct across processes: the partner count, and the rows changed since the newest change the
index has seen (less `LOOKBACK`, for transactions that commit late), served by the
(team_id, updated_at) index. When any of those differ from what the index holds, it is rebuilt."""

from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from weakref import WeakKeyDictionary

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from storage.models import Partner
from storage.partners.wording import MIN_PREFIX, MIN_TYPO_WORD, acronym, name_words, words

LOOKBACK = timedelta(minutes=5)

Content = tuple[str, str | None, bool]  # name_key, industry, archived


@dataclass
class NameIndex:
    """Who is named by which word, for one workspace."""

    names: dict[int, tuple[str, ...]] = field(default_factory=dict)
    by_words: dict[tuple[str, ...], int] = field(default_factory=dict)
    archived: set[int] = field(default_factory=set)
    by_word: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    by_acronym: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    by_industry_word: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    by_first_letter: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    by_prefix: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    content: dict[int, Content] = field(default_factory=dict)
    newest: datetime | None = None

    def add(self, pid: int, key: str, industry: str | None, archived: bool) -> None:
        """Index one partner."""
        self.content[pid] = (key, industry, archived)
        if archived:
            self.archived.add(pid)
        named = name_words(key)
        self.names[pid] = named
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
        for w in words(industry or ""):
            self.by_industry_word[w.text].add(pid)
            if len(w.text) > 4 and w.text.endswith("s"):
                self.by_industry_word[w.text[:-1]].add(pid)


_CACHE: WeakKeyDictionary[Engine, dict[str, NameIndex]] = WeakKeyDictionary()
_LOCK = threading.Lock()


def _engine(session: Session) -> Engine:
    bind = session.get_bind()
    return bind if isinstance(bind, Engine) else bind.engine


def _build(session: Session, team_id: str) -> NameIndex:
    index = NameIndex()
    rows = session.execute(
        select(
            Partner.id,
            Partner.name_key,
            Partner.industry,
            Partner.archived_at.is_not(None),
            Partner.updated_at,
        ).where(Partner.team_id == team_id)
    )
    for pid, key, industry, archived, updated in rows:
        index.add(pid, key, industry, bool(archived))
        index.newest = updated if index.newest is None else max(index.newest, updated)
    return index


def _still_fresh(session: Session, team_id: str, index: NameIndex) -> bool:
    """Nothing the index holds has changed; moves its `newest` forward when so."""
    count = session.scalar(select(func.count()).where(Partner.team_id == team_id))
    if count != len(index.content):
        return False
    if index.newest is None:
        return True
    changed = session.execute(
        select(
            Partner.id,
            Partner.name_key,
            Partner.industry,
            Partner.archived_at.is_not(None),
            Partner.updated_at,
        ).where(Partner.team_id == team_id, Partner.updated_at >= index.newest - LOOKBACK)
    ).all()
    newest = index.newest
    for pid, key, industry, archived, updated in changed:
        if index.content.get(pid) != (key, industry, bool(archived)):
            return False
        newest = max(newest, updated)
    index.newest = newest
    return True


def name_index(session: Session, team_id: str) -> NameIndex:
    """The up-to-date name index of a workspace (built on first use, rebuilt on change)."""
    engine = _engine(session)
    with _LOCK:
        cached = _CACHE.get(engine, {}).get(team_id)
    if cached is not None and _still_fresh(session, team_id, cached):
        return cached
    fresh = _build(session, team_id)
    with _LOCK:
        _CACHE.setdefault(engine, {})[team_id] = fresh
    return fresh
