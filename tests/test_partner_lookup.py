"""One lookup for every command: the same text means the same partner in /partner, /contact,
/followup and /celebrate; search also reads industries and pathways; and no message reads every
partner's full record."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.orm import Session

from storage.db import make_engine, make_session_factory
from storage.partners.lookup import resolve_partner, resolve_partner_prefix
from storage.partners.records import PartnerFields, add_partner, set_archived
from storage.partners.search import find_partners

NOW = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)
T1 = "T0001"


@pytest.fixture
def statements(migrated_db_url: str) -> Iterator[tuple[Session, list[str]]]:
    """A session on a database with a few partners, and the SQL it runs from then on."""
    engine = make_engine(migrated_db_url)
    seen: list[str] = []
    with make_session_factory(engine)() as session:
        for name, industry, pathways in [
            ("Acme Health", "Healthcare", ["Nursing"]),
            ("Acme Auto Body", "Automotive", ["Collision Repair"]),
            ("Riverside Auto", "Automotive", ["Automotive Technology"]),
            ("Riverside Nursing Home", "Elder care", []),
            ("Valley Medical Center", "Hospitals", ["Allied Health"]),
            ("Sunrise Clinic", "Healthcare", []),
        ]:
            fields = PartnerFields(name=name, industry=industry, pathways=pathways)
            add_partner(session, T1, fields, now=NOW)
        session.commit()

        @event.listens_for(engine, "before_cursor_execute")
        def record(conn: Any, cursor: Any, sql: str, *args: Any) -> None:
            seen.append(" ".join(sql.split()))

        yield session, seen
    engine.dispose()


def names(found: Any) -> list[str]:
    return [p.name for p in found]


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("acme helth", ["Acme Health"]),  # a typo
        ("ACME health, inc.", ["Acme Health"]),  # case, punctuation, legal suffix
        ("acme", ["Acme Auto Body", "Acme Health"]),  # a prefix of two: which one?
        ("riverside nurs", ["Riverside Nursing Home"]),  # a prefix of one
        ("valley medcal center", ["Valley Medical Center"]),
        ("zzz qqq", []),
    ],
)
def test_the_same_words_mean_the_same_partner_alone_and_at_the_start_of_a_message(
    statements: tuple[Session, list[str]], typed: str, meant: list[str]
) -> None:
    session, _ = statements
    alone = resolve_partner(session, T1, typed)
    resolved, rest, words = resolve_partner_prefix(session, T1, f"{typed} called Jane today")
    as_list = [alone.exact] if alone.exact else list(alone.candidates)
    in_text = [resolved.exact] if resolved.exact else list(resolved.candidates)
    assert sorted(names(as_list)) == meant
    assert names(in_text) == names(as_list)
    if meant:
        assert (words, rest) == (typed, "called Jane today")


def test_find_reads_names_word_by_word_industries_and_pathways(
    statements: tuple[Session, list[str]],
) -> None:
    session, _ = statements
    assert names(find_partners(session, T1, "nurs")) == [
        "Riverside Nursing Home",  # a word of its name
        "Acme Health",  # its pathway
    ]
    assert names(find_partners(session, T1, "health")) == [
        "Acme Health",  # its name
        "Sunrise Clinic",  # its industry, Healthcare
        "Valley Medical Center",  # its pathway, Allied Health
    ]
    assert names(find_partners(session, T1, "automotive")) == ["Acme Auto Body", "Riverside Auto"]
    assert find_partners(session, "T0002", "acme") == []


def test_archived_partners_are_not_found_but_still_resolve_when_asked(
    statements: tuple[Session, list[str]],
) -> None:
    session, _ = statements
    river = resolve_partner(session, T1, "riverside auto").single
    assert river is not None
    set_archived(session, T1, river.id, True, now=NOW)
    session.commit()
    assert names(resolve_partner(session, T1, "riverside").candidates) == ["Riverside Nursing Home"]
    back = resolve_partner(session, T1, "riverside auto", include_archived=True)
    assert back.exact is not None
    assert back.exact.id == river.id
    assert "Riverside Auto" not in names(find_partners(session, T1, "automotive"))


def test_no_lookup_reads_every_partner_s_full_record(
    statements: tuple[Session, list[str]],
) -> None:
    session, seen = statements
    resolve_partner(session, T1, "acme helth")
    resolve_partner(session, T1, "acme")
    resolve_partner_prefix(session, T1, "riverside nursng home called Jane about a tour")
    resolve_partner_prefix(session, T1, "nobody we know called")
    find_partners(session, T1, "valley medcal")
    full_reads = [sql for sql in seen if "partners.notes" in sql]
    assert full_reads, "the matches themselves are read in full"
    assert all("partners.id IN" in sql for sql in full_reads), full_reads
