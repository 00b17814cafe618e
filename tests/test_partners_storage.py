"""Partner records on SQLite and PostgreSQL: names, search, workspaces kept apart."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy.orm import Session

from storage.db import make_engine, make_session_factory
from storage.errors import InvalidInput, NotFound
from storage.models import Stage
from storage.partners.lookup import resolve_partner
from storage.partners.records import (
    DuplicatePartner,
    PartnerFields,
    add_partner,
    get_partner,
    list_partners,
    set_archived,
)
from storage.partners.search import find_partners

NOW = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)
T1, T2 = "T0001", "T0002"


@pytest.fixture
def session(migrated_db_url: str) -> Iterator[Session]:
    engine = make_engine(migrated_db_url)
    with make_session_factory(engine)() as s:
        yield s
    engine.dispose()


def add(session: Session, name: str, team: str = T1, **kwargs: object) -> int:
    partner = add_partner(session, team, PartnerFields(name=name, **kwargs), now=NOW)  # type: ignore[arg-type]
    session.commit()
    return partner.id


def test_resolution_exact_prefix_fuzzy(session: Session) -> None:
    acme = add(session, "Acme Health")
    add(session, "Acme Auto Body")
    river = add(session, "Riverside Auto")
    assert resolve_partner(session, T1, "ACME health inc").exact is not None
    assert [p.name for p in resolve_partner(session, T1, "acme").candidates] == [
        "Acme Auto Body",
        "Acme Health",
    ]
    typo = resolve_partner(session, T1, "acme helth")
    assert typo.single is not None
    assert typo.single.id == acme
    assert resolve_partner(session, T1, "riverside").single.id == river  # type: ignore[union-attr]
    assert resolve_partner(session, T1, "zzz qqq").candidates == ()
    assert resolve_partner(session, T1, "!!!").single is None


def test_workspaces_never_see_each_other(session: Session) -> None:
    add(session, "Acme Health", T1)
    other = add(session, "Acme Health", T2)  # the same name is fine in another workspace
    assert [p.team_id for p in list_partners(session, T2)] == [T2]
    assert resolve_partner(session, T2, "acme").single.id == other  # type: ignore[union-attr]
    with pytest.raises(NotFound):
        get_partner(session, T1, other)
    assert find_partners(session, "T0003", "acme") == []


def test_duplicates_include_archived_partners(session: Session) -> None:
    pid = add(session, "Acme Health")
    set_archived(session, T1, pid, True, now=NOW)
    session.commit()
    with pytest.raises(DuplicatePartner) as dup:
        add(session, "acme health llc")
    assert dup.value.existing.archived


def test_validation_changes_nothing(session: Session) -> None:
    with pytest.raises(InvalidInput, match="at least one letter"):
        add(session, "  ...  ")
    with pytest.raises(InvalidInput, match="at most 200"):
        add(session, "x" * 201)
    with pytest.raises(InvalidInput, match="industry"):
        add(session, "Acme", industry="y" * 201)
    session.rollback()
    assert list_partners(session, T1) == []


def test_find_searches_industry_and_pathways(session: Session) -> None:
    add(session, "Valley Medical Center", industry="Healthcare", pathways=["Nursing"])
    add(session, "Riverside Auto", industry="Automotive", pathways=["Automotive Technology"])
    assert [p.name for p in find_partners(session, T1, "nursing")] == ["Valley Medical Center"]
    assert [p.name for p in find_partners(session, T1, "valley medcal")] == [
        "Valley Medical Center"
    ]


def test_stage_and_pathway_filters(session: Session) -> None:
    add(session, "Acme Health", stage=Stage.ACTIVE, pathways=["Nursing"])
    add(session, "Riverside Auto", pathways=["Automotive"])
    assert [p.name for p in list_partners(session, T1, stage=Stage.ACTIVE)] == ["Acme Health"]
    assert [p.name for p in list_partners(session, T1, pathway="automotive")] == ["Riverside Auto"]


def test_a_request_that_fails_after_adding_leaves_no_partner(migrated_db_url: str) -> None:
    engine = make_engine(migrated_db_url)
    sessions = make_session_factory(engine)
    with sessions.begin() as s:  # the workspace exists: the add is the request's first write
        add_partner(s, T1, PartnerFields(name="Riverside Auto"), now=NOW)

    def request() -> None:
        with sessions.begin() as s:
            add_partner(s, T1, PartnerFields(name="Acme Health"), now=NOW)
            raise RuntimeError("a later step of the same request failed")

    with pytest.raises(RuntimeError):
        request()
    with sessions() as s:
        assert [p.name for p in list_partners(s, T1)] == ["Riverside Auto"]
    engine.dispose()
