"""The send log under failure: a digest that keeps failing is given up after 5 attempts (and
said so), and a claim left pending by a process that died is taken over after 30 minutes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from scheduler.jobs import JobReport, run_due_jobs
from storage.db import make_engine, make_session_factory
from storage.models import SendLog, SendStatus
from storage.send_log import (
    MAX_ATTEMPTS,
    RETRY_AFTER,
    STALE_PENDING,
    Claim,
    claim_send,
    claim_sends,
    finish_send,
    settled_sends,
)
from storage.workspaces import ensure_staff
from tests.support import records
from tests.support.slackapp import JUAN, MARIA, TEAM_ID, Bot

MONDAY = date(2026, 11, 23)
NINE_CHICAGO = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)


@pytest.fixture
def session(migrated_db_url: str) -> Iterator[Session]:
    engine = make_engine(migrated_db_url)
    with make_session_factory(engine)() as s:
        ensure_staff(s, TEAM_ID, MARIA, NINE_CHICAGO)
        s.commit()
        yield s
    engine.dispose()


def test_a_failing_send_is_claimed_five_times_then_never_again(session: Session) -> None:
    now = NINE_CHICAGO
    attempts = []
    for _ in range(MAX_ATTEMPTS):
        claim = claim_send(session, TEAM_ID, MARIA, "digest", MONDAY, now=now)
        assert claim is not None
        attempts.append(claim.attempt)
        # Too soon after a failure: nobody may claim it yet.
        finish_send(session, claim, SendStatus.FAILED, now=now, error="internal_error")
        session.commit()
        assert claim_send(session, TEAM_ID, MARIA, "digest", MONDAY, now=now) is None
        now += RETRY_AFTER
    assert attempts == [1, 2, 3, 4, 5]
    next_week = now + timedelta(days=7)
    assert claim_send(session, TEAM_ID, MARIA, "digest", MONDAY, now=next_week) is None
    assert settled_sends(session, "digest", [MONDAY]) == {(TEAM_ID, MARIA, MONDAY)}
    # Tomorrow is another send.
    assert claim_send(session, TEAM_ID, MARIA, "digest", MONDAY + timedelta(days=1), now=now)


def test_a_pending_claim_is_taken_over_after_thirty_minutes_not_before(session: Session) -> None:
    first = claim_send(session, TEAM_ID, MARIA, "digest", MONDAY, now=NINE_CHICAGO)
    session.commit()
    assert first is not None  # ... and the process dies before posting or finishing
    almost = NINE_CHICAGO + STALE_PENDING - timedelta(seconds=1)
    assert claim_send(session, TEAM_ID, MARIA, "digest", MONDAY, now=almost) is None
    stale = NINE_CHICAGO + STALE_PENDING
    later = claim_send(session, TEAM_ID, MARIA, "digest", MONDAY, now=stale)
    session.commit()
    assert later is not None
    assert (later.id, later.attempt) == (first.id, 2)
    # Only one taker.
    assert claim_send(session, TEAM_ID, MARIA, "digest", MONDAY, now=stale) is None
    assert timedelta(minutes=30) == STALE_PENDING


def test_claiming_many_at_once_claims_each_new_one_and_takes_back_only_a_failed_one(
    session: Session,
) -> None:
    sent = claim_send(session, TEAM_ID, MARIA, "digest", MONDAY, now=NINE_CHICAGO)
    failed = claim_send(session, TEAM_ID, JUAN, "digest", MONDAY, now=NINE_CHICAGO)
    assert sent is not None
    assert failed is not None
    finish_send(session, sent, SendStatus.SENT, now=NINE_CHICAGO)
    finish_send(session, failed, SendStatus.FAILED, now=NINE_CHICAGO)
    session.commit()
    later = NINE_CHICAGO + RETRY_AFTER
    people = [MARIA, JUAN, "U0NEW1", "U0NEW2", "U0NEW1"]
    claims = claim_sends(session, TEAM_ID, people, "digest", MONDAY, now=later)
    session.commit()
    assert sorted(claims) == sorted([JUAN, "U0NEW1", "U0NEW2"])
    assert claims[JUAN] == Claim(failed.id, 2)
    assert claims["U0NEW1"].attempt == claims["U0NEW2"].attempt == 1
    # Claimed now: nobody is claimed twice.
    assert claim_sends(session, TEAM_ID, people, "digest", MONDAY, now=later) == {}
    rows = session.execute(select(SendLog.user_id, SendLog.attempts)).all()
    assert sorted(rows) == sorted([(MARIA, 1), (JUAN, 2), ("U0NEW1", 1), ("U0NEW2", 1)])


def setup_due(bot: Bot) -> None:
    acme = records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    river = records.partner(bot.deps.sessions, TEAM_ID, "Riverside Auto", owner=JUAN)
    records.follow_up(bot.deps.sessions, TEAM_ID, acme, MARIA, MONDAY, "send the MOU draft")
    records.follow_up(bot.deps.sessions, TEAM_ID, river, JUAN, MONDAY, "call the shop manager")
    bot.command("/contact", "Acme called Jane about internships")
    bot.command("/contact", "Riverside emailed the shop manager", user_id=JUAN)
    bot.slack.clear()


def run(bot: Bot, now: datetime) -> JobReport:
    return run_due_jobs(bot.deps.sessions, bot.app.client, bot.deps.zones, now=now)


def posts_to(bot: Bot, user_id: str) -> list[bool]:
    """Each chat.postMessage to `user_id`: True when it went through."""
    return [
        not call.failed
        for call in bot.slack.calls_to("chat.postMessage")
        if call.body.get("channel") == user_id
    ]


def test_the_scheduler_gives_up_after_five_failures_and_says_so(bot: Bot) -> None:
    setup_due(bot)
    bot.slack.fail(
        "chat.postMessage",
        status=200,
        error="internal_error",
        times=50,
        when=lambda body: body.get("channel") == MARIA,
    )
    reports = [run(bot, NINE_CHICAGO + n * timedelta(minutes=2)) for n in range(MAX_ATTEMPTS + 3)]
    assert posts_to(bot, MARIA) == [False] * MAX_ATTEMPTS  # never a sixth try
    assert posts_to(bot, JUAN) == [True]
    assert [r.failed for r in reports[: MAX_ATTEMPTS - 1]] == [[(TEAM_ID, MARIA)]] * 4
    assert reports[MAX_ATTEMPTS - 1].given_up == [(TEAM_ID, MARIA)]
    assert reports[MAX_ATTEMPTS - 1].failed == []
    assert f"1 given up after 5 attempts ({TEAM_ID}/{MARIA})" in str(reports[MAX_ATTEMPTS - 1])
    assert all(not r.failed and not r.given_up for r in reports[MAX_ATTEMPTS:])
    with bot.deps.sessions() as s:
        row = s.scalars(select(SendLog).where(SendLog.user_id == MARIA)).one()
    assert (row.status, row.attempts, row.error) == (SendStatus.FAILED, 5, "internal_error")


def test_a_digest_claimed_by_a_dead_process_goes_out_thirty_minutes_later(bot: Bot) -> None:
    setup_due(bot)
    with bot.deps.sessions.begin() as s:  # another scheduler claimed Maria's, then died
        assert claim_send(s, TEAM_ID, MARIA, "digest", MONDAY, now=NINE_CHICAGO)
    run(bot, NINE_CHICAGO)
    run(bot, NINE_CHICAGO + timedelta(minutes=29))
    assert posts_to(bot, MARIA) == []
    assert posts_to(bot, JUAN) == [True]
    run(bot, NINE_CHICAGO + timedelta(minutes=30))
    run(bot, NINE_CHICAGO + timedelta(minutes=31))
    assert posts_to(bot, MARIA) == [True]
