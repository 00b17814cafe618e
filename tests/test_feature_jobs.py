"""The scheduler runs the jobs features declare (`Feature.jobs`): after the digests, in the
features' order, inside its lock and on its send pool; one that raises stops none of the others."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

from slack_bolt import App

from handlers import FEATURES
from handlers.common.feature import Feature, Job
from handlers.common.people import ZoneReader
from handlers.common.posting import Pool
from handlers.common.workspaces import Slack
from handlers.deps import Deps
from scheduler.jobs import run_due_jobs
from storage.db import SessionFactory
from tests.support.slackapp import Bot

NOW = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)


def no_listeners(app: App, deps: Deps) -> None:
    """A throwaway feature's `register`: nothing to listen for."""


def test_the_jobs_features_declare_run_in_order_inside_the_lock_on_the_pool(bot: Bot) -> None:
    lock = threading.Lock()
    ran: list[tuple[str, bool, datetime]] = []
    posted: list[str] = []

    def job(name: str) -> Job:
        def run(
            sessions: SessionFactory,
            client: Slack,
            zones: ZoneReader,
            *,
            now: datetime,
            pool: Pool | None = None,
        ) -> None:
            ran.append((name, lock.locked(), now))  # asserted outside: the runner logs errors
            assert pool is not None
            pool.submit(lambda: posted.append(threading.current_thread().name), what=name)

        return run

    def broken(
        sessions: SessionFactory,
        client: Slack,
        zones: ZoneReader,
        *,
        now: datetime,
        pool: Pool | None = None,
    ) -> None:
        ran.append(("broken", lock.locked(), now))
        raise RuntimeError("a job's own bug")

    features = (
        Feature(name="first", register=no_listeners, jobs=(job("a"), broken)),
        Feature(name="quiet", register=no_listeners),
        Feature(name="second", register=no_listeners, jobs=(job("b"),)),
    )
    report = run_due_jobs(
        bot.deps.sessions, bot.app.client, bot.deps.zones, now=NOW, lock=lock, features=features
    )
    assert ran == [("a", True, NOW), ("broken", True, NOW), ("b", True, NOW)]
    assert len(posted) == 2  # on the send pool's threads
    assert all(name.startswith("send") for name in posted)
    assert not report.overlapped
    assert not lock.locked()


def test_a_run_that_finds_the_last_one_going_runs_no_job(bot: Bot) -> None:
    lock = threading.Lock()
    ran: list[str] = []

    def job(
        sessions: SessionFactory,
        client: Slack,
        zones: ZoneReader,
        *,
        now: datetime,
        pool: Pool | None = None,
    ) -> None:
        ran.append("job")

    features = (Feature(name="f", register=no_listeners, jobs=(job,)),)
    with lock:
        report = run_due_jobs(
            bot.deps.sessions, bot.app.client, bot.deps.zones, now=NOW, lock=lock, features=features
        )
    assert report.overlapped
    assert ran == []


def test_the_scheduled_work_is_the_features_own() -> None:
    declared = {f.name: [job.__module__ for job in f.jobs] for f in FEATURES if f.jobs}
    assert declared == {
        "celebrations": ["handlers.celebrations.prompts", "handlers.celebrations.nudges"],
        "engagements": ["handlers.engagements.debriefs"],
    }
