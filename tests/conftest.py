"""Shared fixtures: network guard, fake Slack, a real PostgreSQL, a frozen clock, databases.

Which database a test runs on: a test using `db_url` (or `bot`, `migrated_db_url`) runs once on
SQLite and once on PostgreSQL. A module (or test) whose outcome cannot depend on the database
engine (rendering, grammar, the transports, the console) narrows that with

    pytestmark = pytest.mark.databases("sqlite")
"""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.console.localslack import LocalSlack
from storage.clock import FrozenClock
from storage.migrate import upgrade
from tests.support import netguard
from tests.support.postgres import PostgresServer
from tests.support.slackapp import TEAM_ID, Bot, close_bot, make_bot, members

DATABASES = ["sqlite", "postgresql"]
_database_numbers = itertools.count(1)
PG_MIGRATED = "partnerbot_migrated"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "databases(*kinds): run on these of 'sqlite', 'postgresql' (default: both)"
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run each test that needs a database on every engine its `databases` mark allows."""
    if "db_url" not in metafunc.fixturenames:
        return
    for mark in metafunc.definition.iter_markers("parametrize"):
        names = mark.args[0]
        if "db_url" in (names if isinstance(names, list | tuple) else names.split(",")):
            return  # the test chose its databases itself
    chosen = metafunc.definition.get_closest_marker("databases")
    kinds = list(chosen.args) if chosen is not None else DATABASES
    unknown = set(kinds) - set(DATABASES)
    if unknown:
        raise ValueError(f"unknown databases {sorted(unknown)}; choose from {DATABASES}")
    metafunc.parametrize("db_url", kinds, indirect=True)


@pytest.fixture(autouse=True, scope="session")
def _network_guard() -> Iterator[None]:
    """No test may reach anything but loopback."""
    netguard.install()
    yield
    netguard.uninstall()


@pytest.fixture(scope="module")
def slack_server() -> Iterator[LocalSlack]:
    """One fake Slack HTTP server per test module (see `slack` for a clean one per test)."""
    with LocalSlack(team_id=TEAM_ID) as local:
        yield local


@pytest.fixture
def slack(slack_server: LocalSlack) -> Iterator[LocalSlack]:
    """The module's fake Slack, reset for this test: no recorded calls, queued failures or
    holds, and two members, Maria (Chicago) and Juan (New York)."""
    slack_server.reset(members())
    slack_server.on_call = None
    yield slack_server
    slack_server.reset()


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    """One real PostgreSQL for the whole session (started on first use)."""
    with PostgresServer() as server:
        yield server


@pytest.fixture
def clock() -> FrozenClock:
    """Monday 2026-11-23 14:00 UTC (08:00 in Chicago)."""
    return FrozenClock(datetime(2026, 11, 23, 14, 0, tzinfo=UTC))


@pytest.fixture
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh database URL per test: SQLite file, then PostgreSQL. Empty, unless the test
    asks for `migrated_db_url` (or `bot`): then already migrated, much cheaper than migrating
    each time: on SQLite a copy of a file migrated once per session; on PostgreSQL the one
    database migrated once per session, emptied (TRUNCATE) for this test."""
    migrated = "migrated_db_url" in request.fixturenames
    if request.param == "sqlite":
        path = tmp_path / "partnerbot.db"
        if migrated:
            shutil.copyfile(request.getfixturevalue("_migrated_sqlite"), path)
        yield f"sqlite:///{path}"
        return
    server: PostgresServer = request.getfixturevalue("pg_server")
    if migrated:
        yield server.empty_database(request.getfixturevalue("_migrated_postgres"))
        return
    name = f"test_{next(_database_numbers)}"
    yield server.create_database(name)
    server.drop_database(name)


@pytest.fixture(scope="session")
def _migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated to the newest revision once per session."""
    path = tmp_path_factory.mktemp("template") / "migrated.db"
    upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def _migrated_postgres(pg_server: PostgresServer) -> str:
    """The PostgreSQL database migrated once per session, emptied before each test using it."""
    upgrade(pg_server.create_database(PG_MIGRATED))
    return PG_MIGRATED


@pytest.fixture
def migrated_db_url(db_url: str) -> str:
    """`db_url`, already migrated to the newest revision."""
    return db_url


@pytest.fixture
def bot(migrated_db_url: str, slack: LocalSlack, clock: FrozenClock) -> Iterator[Bot]:
    """The real Bolt app on a migrated database, talking to the fake Slack."""
    under_test = make_bot(migrated_db_url, slack, clock, migrate=False)
    yield under_test
    close_bot(under_test)
