"""PostgreSQL stopped, or frozen, mid-test: the person is told in plain words, `/healthz`
answers within a second, and once the database is back everything works again.

A PostgreSQL server of this module's own (the session's one is shared by every other test)."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select

from bot.console.localslack import LocalSlack
from bot.http import HEALTH_TIMEOUT, database_ok, within
from storage.clock import FrozenClock
from storage.migrate import upgrade
from storage.models import Interaction
from tests.support import records
from tests.support.postgres import PostgresServer
from tests.support.slackapp import TEAM_ID, Bot, close_bot, make_bot

pytestmark = pytest.mark.databases("postgresql")


@pytest.fixture(scope="module")
def faulty_pg() -> Iterator[PostgresServer]:
    with PostgresServer(database="faults") as server:
        upgrade(server.url)
        yield server


@pytest.fixture
def pg_bot(faulty_pg: PostgresServer, slack: LocalSlack, clock: FrozenClock) -> Iterator[Bot]:
    under_test = make_bot(
        faulty_pg.empty_database("faults"), slack, clock, migrate=False, keep_budget=2.0
    )
    yield under_test
    close_bot(under_test)


def contacts(bot: Bot) -> int:
    with bot.deps.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(Interaction)) or 0)


def test_database_stopped_then_back(pg_bot: Bot, faulty_pg: PostgresServer) -> None:
    records.partner(pg_bot.deps.sessions, TEAM_ID, "Acme Health")
    assert "Logged" in pg_bot.command("/contact", "acme called Jane").text
    pg_bot.lazy_errors_ok = True
    faulty_pg.halt()
    try:
        reply = pg_bot.command("/contact", "acme emailed Jane the MOU")
        assert reply.status == 200
        assert "The database is not answering; nothing was saved" in reply.text
        assert not within(database_ok(pg_bot.deps.sessions))()
    finally:
        faulty_pg.resume()
    assert "Logged an email" in pg_bot.command("/contact", "acme emailed Jane the MOU").text
    assert contacts(pg_bot) == 2


def test_database_frozen(pg_bot: Bot, faulty_pg: PostgresServer) -> None:
    records.partner(pg_bot.deps.sessions, TEAM_ID, "Acme Health")
    assert "Logged" in pg_bot.command("/contact", "acme called Jane").text
    pg_bot.lazy_errors_ok = True
    health = within(database_ok(pg_bot.deps.sessions))
    faulty_pg.freeze()
    try:
        began = time.perf_counter()
        assert not health()
        assert time.perf_counter() - began < HEALTH_TIMEOUT + 0.2
        reply = pg_bot.command("/contact", "acme emailed Jane the MOU", wait=False)
        # The request could not be kept before the ack: the ack itself says nothing was saved,
        # within Slack's three seconds, and no work is left running on the frozen database.
        assert reply.status == 200
        assert "The database is not answering; nothing was saved" in reply.ack["text"]
        assert reply.elapsed < 3
        pg_bot.drain(timeout=1)
    finally:
        faulty_pg.thaw()
    assert "Logged an email" in pg_bot.command("/contact", "acme emailed Jane the MOU").text
