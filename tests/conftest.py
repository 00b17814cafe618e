"""Shared fixtures: network guard, fake Slack, a real PostgreSQL, a frozen clock, databases."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.localslack import FakeUser, LocalSlack
from storage.clock import FrozenClock
from tests.support import netguard
from tests.support.postgres import PostgresServer
from tests.support.slackapp import Bot, make_bot

DATABASES = ["sqlite", "postgresql"]
_database_numbers = itertools.count(1)


@pytest.fixture(autouse=True, scope="session")
def _network_guard() -> Iterator[None]:
    """No test may reach anything but loopback."""
    netguard.install()
    yield
    netguard.uninstall()


@pytest.fixture
def slack() -> Iterator[LocalSlack]:
    """A running fake Slack with two members, Maria (Chicago) and Juan (New York)."""
    local = LocalSlack(team_id="T0001")
    local.add_user(FakeUser(id="U0MARIA", name="maria", real_name="Maria Lopez"))
    local.add_user(
        FakeUser(id="U0JUAN", name="juan", real_name="Juan Perez", tz="America/New_York")
    )
    with local:
        yield local


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    """One real PostgreSQL for the whole session (started on first use)."""
    with PostgresServer() as server:
        yield server


@pytest.fixture
def clock() -> FrozenClock:
    """Monday 2026-11-23 14:00 UTC (08:00 in Chicago)."""
    return FrozenClock(datetime(2026, 11, 23, 14, 0, tzinfo=UTC))


@pytest.fixture(params=DATABASES)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database URL per test: SQLite file, then PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'partnerbot.db'}"
        return
    server: PostgresServer = request.getfixturevalue("pg_server")
    name = f"test_{next(_database_numbers)}"
    yield server.create_database(name)
    server.drop_database(name)


@pytest.fixture
def bot(db_url: str, slack: LocalSlack, clock: FrozenClock) -> Iterator[Bot]:
    """The real Bolt app on a migrated database, talking to the fake Slack."""
    under_test = make_bot(db_url, slack, clock)
    yield under_test
    under_test.deps.sessions.kw["bind"].dispose()
