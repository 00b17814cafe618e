"""Digests go out side by side on a bounded pool: a slow or rate-limited DM holds up nobody
else, two runs at once (in one process or two) still send each digest exactly once, and a run
that finds the last one still going leaves nobody out for good."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from datetime import UTC, date, datetime, time

import pytest
from sqlalchemy import select, update

from bot.app import make_client
from bot.console.records import FakeUser
from scheduler.jobs import JobReport, run_due_jobs
from scheduler.sending import SendPool, send_all
from storage.models import SendLog, SendStatus, Staff
from storage.workspaces import ensure_staff
from tests.support import records
from tests.support.slackapp import TEAM_ID, Bot

MONDAY = date(2026, 11, 23)
EIGHT_CHICAGO = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)
PEOPLE = [f"U0P{n:03d}" for n in range(8)]


def setup_people(bot: Bot) -> None:
    """Eight people in Chicago, each with a follow-up due Monday."""
    with bot.deps.sessions.begin() as session:
        for user in PEOPLE:
            ensure_staff(session, TEAM_ID, user, EIGHT_CHICAGO)
    for user in PEOPLE:
        bot.slack.add_user(FakeUser(id=user, name=user.lower(), real_name=f"Person {user}"))
        partner = records.partner(bot.deps.sessions, TEAM_ID, f"Partner {user}", owner=user)
        records.follow_up(bot.deps.sessions, TEAM_ID, partner, user, MONDAY, f"call {user}")
    bot.slack.clear()


def posted(bot: Bot) -> Counter[str]:
    """Digests that went through, by recipient."""
    return Counter(
        str(call.body["channel"])
        for call in bot.slack.calls_to("chat.postMessage")
        if not call.failed
    )


def in_thread(run: Callable[[], JobReport]) -> tuple[threading.Thread, list[JobReport]]:
    reports: list[JobReport] = []
    thread = threading.Thread(target=lambda: reports.append(run()))
    thread.start()
    return thread, reports


def test_a_rate_limited_dm_waits_alone_while_everyone_else_gets_theirs(bot: Bot) -> None:
    setup_people(bot)
    limited = PEOPLE[0]
    bot.slack.fail(
        "chat.postMessage",
        status=429,
        retry_after=30,
        when=lambda body: body.get("channel") == limited,
    )
    waits: list[float] = []
    waiting, go_on = threading.Event(), threading.Event()

    def wait(seconds: float) -> None:  # the client's Retry-After wait, held by the test
        waits.append(seconds)
        waiting.set()
        go_on.wait(10)

    client = make_client(bot.app.client.token, bot.slack.api_url, sleep=wait)
    thread, reports = in_thread(
        lambda: run_due_jobs(
            bot.deps.sessions, client, bot.deps.zones, now=EIGHT_CHICAGO, workers=4
        )
    )
    try:
        assert waiting.wait(10)
        bot.slack.wait_for("chat.postMessage", count=len(PEOPLE))  # the 429 and 7 others
        assert posted(bot) == Counter(PEOPLE[1:])  # nobody waited for the limited one
    finally:
        go_on.set()
        thread.join(10)
    assert [int(w) for w in waits] == [30]
    assert posted(bot) == Counter(PEOPLE)
    assert reports[0].sent == [(TEAM_ID, user) for user in PEOPLE]


def test_a_slow_post_holds_up_nobody_else(bot: Bot) -> None:
    setup_people(bot)
    hold = bot.slack.hold("chat.postMessage")  # the first post hangs until released
    thread, reports = in_thread(
        lambda: run_due_jobs(
            bot.deps.sessions, bot.app.client, bot.deps.zones, now=EIGHT_CHICAGO, workers=4
        )
    )
    try:
        assert hold.arrived()
        bot.slack.wait_for("chat.postMessage", count=len(PEOPLE) - 1)
        assert len(posted(bot)) == len(PEOPLE) - 1
    finally:
        hold.release()
        thread.join(10)
    assert posted(bot) == Counter(PEOPLE)
    assert len(reports[0].sent) == len(PEOPLE)


def test_a_run_while_the_last_is_going_does_nothing_and_the_next_catches_up(bot: Bot) -> None:
    setup_people(bot)
    late = PEOPLE[-1]  # due only from 08:01, while the first run is still going
    with bot.deps.sessions.begin() as session:
        session.execute(update(Staff).where(Staff.user_id == late).values(digest_time=time(8, 1)))
    hold = bot.slack.hold("chat.postMessage", times=len(PEOPLE))
    first, reports = in_thread(
        lambda: run_due_jobs(
            bot.deps.sessions, bot.app.client, bot.deps.zones, now=EIGHT_CHICAGO, workers=2
        )
    )
    try:
        assert hold.arrived()
        overlapping = run_due_jobs(
            bot.deps.sessions,
            bot.app.client,
            bot.deps.zones,
            now=EIGHT_CHICAGO.replace(minute=1),
        )
        assert overlapping.overlapped
        assert "still going" in str(overlapping)
    finally:
        hold.release()
        first.join(10)
    assert reports[0].sent == [(TEAM_ID, user) for user in PEOPLE[:-1]]
    assert posted(bot) == Counter(PEOPLE[:-1])
    after = run_due_jobs(
        bot.deps.sessions, bot.app.client, bot.deps.zones, now=EIGHT_CHICAGO.replace(minute=2)
    )
    assert after.sent == [(TEAM_ID, late)]
    assert posted(bot) == Counter(PEOPLE)


def test_two_schedulers_at_once_send_each_digest_exactly_once(bot: Bot) -> None:
    """Two processes (each its own lock) ticking at the same moment, on SQLite and PostgreSQL:
    the send log's claims decide who posts each digest."""
    setup_people(bot)
    hold = bot.slack.hold("chat.postMessage", times=2)  # both runs are mid-way together
    start = threading.Barrier(2)

    def scheduler() -> JobReport:
        start.wait(10)
        return run_due_jobs(
            bot.deps.sessions,
            bot.app.client,
            bot.deps.zones,
            now=EIGHT_CHICAGO,
            workers=3,
            lock=threading.Lock(),
        )

    one, first = in_thread(scheduler)
    two, second = in_thread(scheduler)
    try:
        assert hold.arrived()
    finally:
        hold.release()
        one.join(20)
        two.join(20)
    assert posted(bot) == Counter(PEOPLE)
    sent = first[0].sent + second[0].sent
    assert sorted(sent) == [(TEAM_ID, user) for user in PEOPLE]
    with bot.deps.sessions() as session:
        rows = session.execute(select(SendLog.status, SendLog.attempts)).all()
    assert sorted(rows) == [(SendStatus.SENT, 1)] * len(PEOPLE)


def test_the_pool_runs_every_job_and_a_failing_one_stops_nobody() -> None:
    done: list[int] = []

    def job(n: int) -> Callable[[], None]:
        def run() -> None:
            if n == 3:
                raise RuntimeError("this one breaks")
            done.append(n)

        return run

    send_all([job(n) for n in range(40)], workers=3)
    assert sorted(done) == [n for n in range(40) if n != 3]
    with pytest.raises(ValueError, match="1 to 32"):
        SendPool(0)
