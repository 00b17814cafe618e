"""Many requests at once for something new: the first sight of a workspace or a person, two
people adding the same partner. One row each, no error a person would see."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import TypeVar

import pytest
from sqlalchemy import func, select

from storage.db import SessionFactory, make_engine, make_session_factory
from storage.models import Partner, Staff, Workspace
from storage.partners.records import DuplicatePartner, PartnerFields, add_partner
from storage.records import PartnerView
from storage.workspaces import ensure_staff, ensure_workspace

NOW = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)
THREADS = 16
T = TypeVar("T")


@pytest.fixture
def sessions(migrated_db_url: str) -> Iterator[SessionFactory]:
    engine = make_engine(migrated_db_url, pool_size=THREADS)
    yield make_session_factory(engine)
    engine.dispose()


def at_once(count: int, work: Callable[[], T]) -> list[T | BaseException]:
    """Run `work` in `count` threads released together; each one's result or exception."""
    start = threading.Barrier(count)
    results: list[T | BaseException] = [RuntimeError("did not finish")] * count

    def run(n: int) -> None:
        start.wait()
        try:
            results[n] = work()
        except BaseException as exc:  # collected for the assertion
            results[n] = exc

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def count(sessions: SessionFactory, model: type[Workspace | Staff | Partner]) -> int:
    with sessions() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_sixteen_first_requests_from_a_new_workspace_make_one_row(
    sessions: SessionFactory,
) -> None:
    def first_request() -> None:
        with sessions.begin() as session:
            ensure_workspace(session, "TNEW", NOW)

    results = at_once(THREADS, first_request)
    assert [r for r in results if r is not None] == []
    assert count(sessions, Workspace) == 1


def test_sixteen_first_requests_from_a_new_person_make_one_row(sessions: SessionFactory) -> None:
    def first_request() -> None:
        with sessions.begin() as session:
            ensure_staff(session, "TNEW", "UNEW", NOW)

    results = at_once(THREADS, first_request)
    assert [r for r in results if r is not None] == []
    assert (count(sessions, Workspace), count(sessions, Staff)) == (1, 1)
    with sessions() as session:
        staff = session.get(Staff, ("TNEW", "UNEW"))
        assert staff is not None
        assert (staff.digest_enabled, staff.digest_time.hour) == (True, 8)


def test_two_people_adding_the_same_partner_at_once_get_one_partner(
    sessions: SessionFactory,
) -> None:
    with sessions.begin() as session:
        ensure_staff(session, "T0001", "U0MARIA", NOW)

    def add(name: str) -> Callable[[], PartnerView]:
        def run() -> PartnerView:
            with sessions.begin() as session:
                return add_partner(session, "T0001", PartnerFields(name=name), now=NOW)

        return run

    names = iter(["Acme Health", "acme health, inc."] * (THREADS // 2))
    lock = threading.Lock()

    def one() -> PartnerView:
        with lock:
            name = next(names)
        return add(name)()

    results = at_once(THREADS, one)
    added = [r for r in results if isinstance(r, PartnerView)]
    duplicates = [r for r in results if isinstance(r, DuplicatePartner)]
    assert len(added) == 1, results
    assert len(duplicates) == THREADS - 1, results
    assert {d.existing.id for d in duplicates} == {added[0].id}
    assert count(sessions, Partner) == 1
