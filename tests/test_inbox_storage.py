"""The inbox's operations on SQLite and PostgreSQL: a request is kept once, handed to another
process only when its own stopped (or its lease ran out), never to two at once, and given up
after crashing `MAX_ATTEMPTS` processes."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from storage.db import SessionFactory, make_engine, make_session_factory
from storage.inbox import LEASE, MAX_ATTEMPTS, finish, forget_done, keep, take_over
from storage.models import InboxEntry

NOW = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)


@pytest.fixture
def sessions(migrated_db_url: str) -> Iterator[SessionFactory]:
    factory = make_session_factory(make_engine(migrated_db_url))
    yield factory
    factory.kw["bind"].dispose()


def kept(sessions: SessionFactory, key: str, owner: str = "a", now: datetime = NOW) -> bool:
    with sessions.begin() as session:
        return keep(
            session,
            key=key,
            team_id="T0001",
            user_id="U0MARIA",
            body='{"command": "/contact"}',
            owner=owner,
            now=now,
        )


def taken(
    sessions: SessionFactory, owner: str, now: datetime, stopped: frozenset[str] = frozenset()
) -> list[str]:
    with sessions.begin() as session:
        return [k.key for k in take_over(session, owner=owner, now=now, stopped=stopped)]


def test_a_request_is_kept_once(sessions: SessionFactory) -> None:
    assert kept(sessions, "T0001:cmd:1")
    assert not kept(sessions, "T0001:cmd:1", owner="b")  # Slack's retry of it
    with sessions() as session:
        [row] = session.scalars(select(InboxEntry)).all()
    assert (row.owner, row.attempts, row.done_at) == ("a", 1, None)


def test_done_forgets_what_was_typed_and_is_never_taken_over(sessions: SessionFactory) -> None:
    kept(sessions, "k")
    with sessions.begin() as session:
        finish(session, "k", NOW)
    with sessions() as session:
        row = session.scalars(select(InboxEntry)).one()
    assert row.body is None
    assert taken(sessions, "b", NOW + LEASE * 2, frozenset({"a"})) == []
    assert not kept(sessions, "k")  # a late retry is still recognised


def test_taken_over_when_its_process_stopped_or_its_lease_ran_out(
    sessions: SessionFactory,
) -> None:
    kept(sessions, "k1", owner="a")
    kept(sessions, "k2", owner="c")
    assert taken(sessions, "b", NOW + timedelta(seconds=1)) == []  # both still leased
    assert taken(sessions, "b", NOW + timedelta(seconds=1), frozenset({"a"})) == ["k1"]
    assert taken(sessions, "b", NOW + LEASE + timedelta(seconds=1)) == ["k2"]
    with sessions() as session:
        rows = {r.key: (r.owner, r.attempts) for r in session.scalars(select(InboxEntry))}
    assert rows == {"k1": ("b", 2), "k2": ("b", 2)}


def test_a_process_never_takes_over_its_own_work_and_keeps_its_leases(
    sessions: SessionFactory,
) -> None:
    kept(sessions, "slow", owner="a")
    later = NOW + LEASE + timedelta(seconds=5)
    assert taken(sessions, "a", later) == []  # still running here: renewed, not run twice
    assert taken(sessions, "b", later) == []  # a's lease was renewed at `later`
    assert taken(sessions, "b", later + LEASE + timedelta(seconds=1)) == ["slow"]


def test_given_up_after_crashing_too_many_processes(sessions: SessionFactory) -> None:
    kept(sessions, "poison", owner="p0")
    for n in range(1, MAX_ATTEMPTS):
        assert taken(sessions, f"p{n}", NOW, frozenset({f"p{n - 1}"})) == ["poison"]
    assert taken(sessions, "last", NOW, frozenset({f"p{MAX_ATTEMPTS - 1}"})) == []
    with sessions() as session:
        row = session.scalars(select(InboxEntry)).one()
    assert row.done_at is not None
    assert row.body is None


def test_two_processes_taking_over_at_once_get_each_request_once(
    sessions: SessionFactory,
) -> None:
    for n in range(30):
        kept(sessions, f"k{n}", owner="dead")
    got: dict[str, list[str]] = {}
    start = threading.Barrier(2)

    def claim(owner: str) -> None:
        start.wait()
        for _ in range(3):
            try:
                got.setdefault(owner, []).extend(taken(sessions, owner, NOW, frozenset({"dead"})))
            except Exception:  # SQLite's single writer: the other one is claiming; try again
                continue

    threads = [threading.Thread(target=claim, args=(o,)) for o in ("x", "y")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    claimed = got.get("x", []) + got.get("y", [])
    assert sorted(claimed) == sorted(f"k{n}" for n in range(30))


def test_done_keys_are_forgotten_after_a_day(sessions: SessionFactory) -> None:
    kept(sessions, "old")
    kept(sessions, "open")
    with sessions.begin() as session:
        finish(session, "old", NOW)
    with sessions.begin() as session:
        assert forget_done(session, NOW + timedelta(hours=23)) == 0
        assert forget_done(session, NOW + timedelta(hours=25)) == 1
    with sessions() as session:
        assert session.scalars(select(InboxEntry.key)).all() == ["open"]
