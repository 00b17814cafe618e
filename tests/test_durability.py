"""Nothing acknowledged is lost: `partnerbot serve` as a real process, many signed `/contact`
in flight, stopped by SIGTERM or killed by SIGKILL at a moment chosen by the test, with the
database or Slack held. Every request Slack got a 200 for is saved exactly once and answered;
every other one is saved once Slack sends it again, as Slack does."""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import uuid
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import select

from bot.console.localslack import LocalSlack
from bot.console.payloads import slash_command_body
from storage.db import make_engine, make_session_factory
from storage.models import InboxEntry, Interaction
from tests.support import records
from tests.support.served import Served

TEAM_ID = "T0001"
MARIA = "U0MARIA"
REQUESTS = 40
IN_FLIGHT = 8
STOP_AFTER = 12
"""Acknowledgements seen before the signal is sent."""


@pytest.fixture
def database(migrated_db_url: str) -> str:
    sessions = make_session_factory(make_engine(migrated_db_url))
    records.partner(sessions, TEAM_ID, "Acme Health")
    sessions.kw["bind"].dispose()
    return migrated_db_url


@pytest.fixture
def servers(database: str, slack: LocalSlack, tmp_path: Path) -> Iterator[list[Served]]:
    """The processes a test starts; all gone afterwards."""
    started: list[Served] = []
    yield started
    for served in started:
        served.stop()


def start(
    servers: list[Served], database: str, slack: LocalSlack, tmp_path: Path, **kw: int
) -> Served:
    served = Served(database, slack, tmp_path, **kw).start()
    servers.append(served)
    return served


def body(slack: LocalSlack, n: int) -> str:
    return slash_command_body(
        "/contact",
        f"Acme called Jane about shadow day {n}",
        user_id=MARIA,
        team_id=TEAM_ID,
        response_url=slack.response_url(f"c{n}"),
        trigger_id=f"{n}.1763900000.{uuid.uuid4().hex}",
    )


def saved(db_url: str) -> Counter[int]:
    """How many entries each request number has."""
    engine = make_engine(db_url)
    try:
        with make_session_factory(engine)() as session:
            summaries = session.scalars(select(Interaction.summary)).all()
    finally:
        engine.dispose()
    found: Counter[int] = Counter()
    for summary in summaries:
        match = re.search(r"shadow day (\d+)", summary)
        if match:
            found[int(match.group(1))] += 1
    return found


def unfinished(db_url: str) -> int:
    engine = make_engine(db_url)
    try:
        with make_session_factory(engine)() as session:
            rows = session.scalars(select(InboxEntry.key).where(InboxEntry.done_at.is_(None)))
            return len(rows.all())
    finally:
        engine.dispose()


def answered(slack: LocalSlack, n: int) -> list[str]:
    return [
        str(call.body.get("text", ""))
        for call in slack.calls_to("response_url")
        if call.path == f"/response/c{n}"
    ]


def send_all_and_stop(
    served: Served, bodies: dict[int, str], signum: signal.Signals
) -> dict[int, int]:
    """Send every request, IN_FLIGHT at a time; after STOP_AFTER acknowledgements send
    `signum` to the server. The HTTP status each request got (0: no answer)."""
    statuses: dict[int, int] = {}
    acked = 0
    lock = threading.Lock()

    def send(n: int) -> None:
        nonlocal acked
        status, _ = served.post(bodies[n])
        with lock:
            statuses[n] = status
            acked += status == 200
            if acked == STOP_AFTER and status == 200:
                served.signal(signum)

    with ThreadPoolExecutor(IN_FLIGHT) as pool:
        list(pool.map(send, bodies))
    return statuses


def slack_sends_again(served: Served, bodies: dict[int, str], statuses: dict[int, int]) -> None:
    """What Slack does with a request that got no 200: send it again (same body); then wait
    until every request has been answered."""
    for n, status in statuses.items():
        if status != 200:
            assert served.post(bodies[n], retry=1)[0] == 200
    for n in bodies:
        [*_, last] = served.slack.wait_for("response_url", path=f"/response/c{n}", timeout=30)
        assert "logged" in str(last.body.get("text", "")).casefold(), n


def stopped_cleanly(served: Served) -> None:
    """SIGTERM, and the process exits 0 once what it acknowledged is done."""
    served.signal(signal.SIGTERM)
    assert served.wait() == 0, served.log()


def test_sigterm_finishes_what_was_acknowledged(
    database: str, slack: LocalSlack, servers: list[Served], tmp_path: Path
) -> None:
    served = start(servers, database, slack, tmp_path)
    bodies = {n: body(slack, n) for n in range(REQUESTS)}
    statuses = send_all_and_stop(served, bodies, signal.SIGTERM)

    assert served.wait() == 0, served.log()
    acked = [n for n, status in statuses.items() if status == 200]
    refused = [n for n, status in statuses.items() if status != 200]
    assert len(acked) >= STOP_AFTER
    rows = saved(database)
    for n in acked:  # saved once and answered before the process exited
        assert rows[n] == 1, n
        assert any("Logged" in text for text in answered(slack, n)), n
    for n in refused:  # never acknowledged: nothing saved, nothing said
        assert rows[n] == 0, n
        assert answered(slack, n) == []
    assert set(statuses.values()) <= {200, 503, 0}
    assert unfinished(database) == 0

    again = start(servers, database, slack, tmp_path)
    slack_sends_again(again, bodies, statuses)
    assert saved(database) == Counter(dict.fromkeys(range(REQUESTS), 1))


def test_sigkill_loses_nothing_acknowledged(
    database: str, slack: LocalSlack, servers: list[Served], tmp_path: Path
) -> None:
    served = start(servers, database, slack, tmp_path)
    bodies = {n: body(slack, n) for n in range(REQUESTS)}
    statuses = send_all_and_stop(served, bodies, signal.SIGKILL)
    assert served.wait() == -signal.SIGKILL

    # The next process takes over what the killed one acknowledged but did not finish, and
    # Slack sends again what it got no 200 for: each request is saved once, and answered.
    again = start(servers, database, slack, tmp_path)
    slack_sends_again(again, bodies, statuses)
    assert saved(database) == Counter(dict.fromkeys(range(REQUESTS), 1))
    stopped_cleanly(again)  # its work all finished and marked done
    assert unfinished(database) == 0


def test_a_held_database_then_sigterm_saves_it_after_the_restart(
    database: str, slack: LocalSlack, servers: list[Served], tmp_path: Path
) -> None:
    if not database.startswith("postgresql"):
        pytest.skip("a lock on one table while others stay writable is PostgreSQL's")
    served = start(servers, database, slack, tmp_path, stop_seconds=2)
    with psycopg.connect(database.replace("postgresql+psycopg", "postgresql")) as locker:
        locker.execute("LOCK TABLE interactions IN EXCLUSIVE MODE")
        status, _ = served.post(body(slack, 7))
        assert status == 200  # kept before the ack, though the work waits on the lock
        served.signal(signal.SIGTERM)
        assert served.wait() == 0, served.log()
        assert unfinished(database) == 1
        locker.rollback()
    assert saved(database)[7] == 0
    assert answered(slack, 7) == []

    last = start(servers, database, slack, tmp_path)
    [answer] = slack.wait_for("response_url", path="/response/c7", timeout=30)
    assert "Logged a call with *Acme Health*" in str(answer.body)
    assert saved(database)[7] == 1
    stopped_cleanly(last)  # its work all finished and marked done
    assert unfinished(database) == 0


def test_a_locked_sqlite_database_says_nothing_was_saved(
    database: str, slack: LocalSlack, servers: list[Served], tmp_path: Path
) -> None:
    if not database.startswith("sqlite"):
        pytest.skip("SQLite's one writer at a time")
    served = start(servers, database, slack, tmp_path)
    locker = sqlite3.connect(database.removeprefix("sqlite:///"), isolation_level=None)
    try:
        locker.execute("BEGIN IMMEDIATE")
        status, text = served.post(body(slack, 3))
    finally:
        locker.execute("ROLLBACK")
        locker.close()
    assert status == 200
    assert "nothing was saved" in text  # in the ack itself, within Slack's 3 seconds
    served.signal(signal.SIGTERM)
    assert served.wait() == 0
    assert saved(database)[3] == 0
    assert unfinished(database) == 0


def test_held_slack_then_sigterm_answers_after_the_restart(
    database: str, slack: LocalSlack, servers: list[Served], tmp_path: Path
) -> None:
    served = start(servers, database, slack, tmp_path, stop_seconds=2)
    hold = slack.hold("response_url", timeout=30)
    assert served.post(body(slack, 5))[0] == 200
    served.signal(signal.SIGTERM)
    assert served.get("/healthz") in (503, 0)  # stopping: no new work here
    assert served.wait() == 0, served.log()
    assert saved(database)[5] == 1  # saved before Slack was asked anything
    assert unfinished(database) == 1  # but its answer never reached the person
    hold.release()

    last = start(servers, database, slack, tmp_path)
    answers = slack.wait_for("response_url", path="/response/c5", count=2, timeout=30)
    assert "logged" in str(answers[-1].body.get("text", "")).casefold()
    assert saved(database)[5] == 1
    stopped_cleanly(last)  # its work all finished and marked done
    assert unfinished(database) == 0


def test_the_scheduler_stops_cleanly_on_sigterm(
    database: str, slack: LocalSlack, tmp_path: Path
) -> None:
    env = {
        **os.environ,
        "SLACK_BOT_TOKEN": "xoxb-served-test",
        "SLACK_SIGNING_SECRET": "s",
        "SLACK_API_URL": slack.api_url,
        "DATABASE_URL": database,
    }
    env.pop("SLACK_APP_TOKEN", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "scheduler"],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert process.stdout is not None
        for line in process.stdout:
            if "ticking every" in line:
                break
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()


def test_a_replica_killed_beside_another_is_taken_over_without_waiting_for_its_lease(
    database: str, slack: LocalSlack, servers: list[Served], tmp_path: Path
) -> None:
    if not database.startswith("sqlite"):
        pytest.skip("the take-over does not depend on the database")
    killed = start(servers, database, slack, tmp_path)
    alive = start(servers, database, slack, tmp_path)
    hold = slack.hold("response_url", timeout=30, path="/response/c11")
    assert killed.post(body(slack, 11))[0] == 200
    assert hold.arrived()  # saved, and its answer on its way when the process dies
    killed.signal(signal.SIGKILL)
    assert killed.wait() == -signal.SIGKILL
    hold.release()
    # The other replica sees a stopped process of its own host at its next sweep (10 s),
    # not a minute later when the lease would run out.
    answers = slack.wait_for("response_url", path="/response/c11", count=2, timeout=25)
    assert "logged" in str(answers[-1].body.get("text", "")).casefold()
    stopped_cleanly(alive)
    assert saved(database)[11] == 1
    assert unfinished(database) == 0
