"""Sending at Slack's pace: the pacer's buckets per workspace, method and channel, a 429 holding
back its workspace only, the fake Slack's own limits, and a 429 storm in one workspace that
never delays another's digests. Clocks are fake: nothing sleeps."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import update

from bot.console.installs import Grant
from bot.console.localslack import LocalSlack
from bot.console.ratelimits import Bucket, RateLimiter, SlackLimits
from scheduler.jobs import run_due_jobs
from scheduler.pacing import POST, Limits, Pacer, Rate
from scheduler.workspaces import Senders
from storage.clock import FrozenClock
from storage.models import Staff
from tests.support.installs import install, oauth_bot
from tests.support.slackapp import Bot, close_bot
from tests.test_installs_slack import seed, tokens


class FakeTime:
    """A monotonic clock that only moves when something sleeps on it."""

    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []
        self._lock = threading.Lock()

    def monotonic(self) -> float:
        with self._lock:
            return self.now

    def sleep(self, seconds: float) -> None:
        with self._lock:
            self.slept.append(seconds)
            self.now += seconds


def test_posts_go_in_a_burst_then_at_the_steady_rate_per_workspace() -> None:
    clock = FakeTime()
    pacer = Pacer(Limits(posts=Rate(60, 3)), monotonic=clock.monotonic, sleep=clock.sleep)
    waits = [pacer.reserve("T1", POST, f"D{n}") for n in range(6)]
    assert waits == [0, 0, 0, 1, 2, 3]
    assert pacer.reserve("T2", POST, "D0") == 0  # another workspace: its own bucket
    assert pacer.reserve("T1", "users.info") == 0  # another method: its own tier


def test_one_channel_gets_about_a_post_a_second() -> None:
    clock = FakeTime()
    pacer = Pacer(monotonic=clock.monotonic, sleep=clock.sleep)
    assert [pacer.reserve("T1", POST, "C1") for _ in range(3)] == [0, 1, 2]


def test_a_sender_thread_claims_a_post_only_when_one_may_go_now() -> None:
    clock = FakeTime()
    pacer = Pacer(Limits(posts=Rate(60, 2)), monotonic=clock.monotonic, sleep=clock.sleep)
    assert [pacer.claim("T1"), pacer.claim("T1"), pacer.claim("T1")] == [0, 0, 1]
    assert pacer.claim("T2") == 0  # the other workspace is not held up
    pacer.wait("T2", POST, "D1")  # the claimed post books only its channel: no wait
    assert clock.slept == []


def test_a_429_holds_back_its_workspace_only() -> None:
    clock = FakeTime()
    pacer = Pacer(monotonic=clock.monotonic, sleep=clock.sleep)
    pacer.hold("T1", 30)
    assert pacer.delay("T1") == 30
    assert pacer.delay("T2") == 0
    pacer.wait("T1", POST, "D1")
    assert clock.slept == [30]


def test_the_fake_slack_answers_429_with_retry_after_per_workspace() -> None:
    now = [0.0]
    limiter = RateLimiter(
        SlackLimits({"chat.postMessage": Bucket(60, 2)}, per_channel=None), clock=lambda: now[0]
    )
    assert [limiter.retry_after("T1", POST, None) for _ in range(3)] == [None, None, 1]
    assert limiter.retry_after("T2", POST, None) is None
    now[0] = 1.0
    assert limiter.retry_after("T1", POST, None) is None
    assert limiter.refused == 1


@pytest.fixture
def app(
    migrated_db_url: str, slack: LocalSlack, clock: FrozenClock
) -> Iterator[tuple[Bot, Senders]]:
    bot, senders = oauth_bot(migrated_db_url, slack, clock)
    yield bot, senders
    close_bot(bot)


def test_a_429_storm_in_one_workspace_never_delays_anothers_digests(
    app: tuple[Bot, Senders],
) -> None:
    bot, senders = app
    fake = FakeTime()
    senders.pacer = Pacer(monotonic=fake.monotonic, sleep=fake.sleep)
    install(bot, Grant("T0002"), "code-1")
    install(bot, Grant("T0003"), "code-2")
    staff = [f"U0S{n:03d}" for n in range(5)]
    seed(bot, "T0002", "Acme Health", *staff)
    seed(bot, "T0003", "Zenith Auto", *staff)
    storm = tokens(bot)["T0002"]
    bot.slack.fail(
        "chat.postMessage",
        status=429,
        retry_after=30,
        times=100,
        when=lambda b: "Acme" in json.dumps(b),
    )
    bot.slack.clear()

    report = run_due_jobs(bot.deps.sessions, senders, bot.deps.zones, now=bot.clock.now())
    assert sorted(who for team, who in report.sent if team == "T0003") == staff
    assert [team for team, _ in report.failed] == ["T0002"] * 5  # tried again on a later run
    assert 30 in fake.slept  # T0002's Retry-After was honoured...
    assert senders.pacer.holds >= 1
    zenith = [c for c in bot.slack.calls_to("chat.postMessage") if c.token != storm]
    assert all(not c.failed for c in zenith)  # ...and T0003 never drew a 429


def test_a_rotating_token_about_to_expire_is_refreshed_before_the_digests(
    app: tuple[Bot, Senders],
) -> None:
    bot, senders = app
    install(bot, Grant("T0002", rotating=True, expires_in=600), "code-1")
    first = tokens(bot)["T0002"]
    seed(bot, "T0002", "Acme Health", "U0S000")
    report = run_due_jobs(bot.deps.sessions, senders, bot.deps.zones, now=bot.clock.now())
    assert report.sent == [("T0002", "U0S000")]
    refreshed = [c for c in bot.slack.calls_to("oauth.v2.access") if c.body.get("grant_type")]
    assert len(refreshed) == 1
    fresh = tokens(bot)["T0002"]
    assert fresh != first
    [digest] = [c for c in bot.slack.calls_to("chat.postMessage") if not c.failed]
    assert digest.token == fresh


def test_a_stale_zone_is_used_as_stored_rather_than_wait_for_the_workspaces_pace(
    app: tuple[Bot, Senders],
) -> None:
    bot, senders = app
    fake = FakeTime()
    senders.pacer = Pacer(monotonic=fake.monotonic, sleep=fake.sleep)
    install(bot, Grant("T0002"), "code-1")
    seed(bot, "T0002", "Acme Health", "U0S000", "U0S001")
    with bot.deps.sessions.begin() as session:
        session.execute(
            update(Staff).values(
                timezone="America/Chicago", timezone_checked_at=datetime(2026, 1, 1, tzinfo=UTC)
            )
        )
    while senders.pacer.delay("T0002", "users.info") == 0:  # the workspace's users.info is busy
        senders.pacer.reserve("T0002", "users.info")
    report = run_due_jobs(bot.deps.sessions, senders, bot.deps.zones, now=bot.clock.now())
    assert sorted(report.sent) == [("T0002", "U0S000"), ("T0002", "U0S001")]
    assert bot.slack.calls_to("users.info") == []
    assert fake.slept == []
