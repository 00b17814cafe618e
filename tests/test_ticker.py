"""The ticker as an operator relies on it: once a minute, a run at start-up to catch up, missed
ticks collapsed into one, never two runs at once, and a failing run that does not stop it."""

from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from slack_sdk import WebClient

from scheduler import ticker
from scheduler.jobs import JobReport
from storage.clock import FrozenClock

NOW = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)


class NoZones:
    def of(self, client: WebClient, team_id: str, user_id: str) -> Any:
        raise AssertionError("not used")


def test_the_real_job_runs_at_start_up_every_minute_coalesced_one_at_a_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ran = threading.Event()
    calls: list[datetime] = []

    def fake_run(
        sessions: Any,
        client: Any,
        zones: Any,
        *,
        now: datetime,
        workers: int,
        lock: Any = None,
        keep_days: int = 0,
    ) -> JobReport:
        calls.append(now)
        assert workers == 16  # the default pool: PARTNERBOT_SEND_WORKERS
        assert keep_days == 30  # the default: PARTNERBOT_UNINSTALLED_KEEP_DAYS
        ran.set()
        return JobReport()

    monkeypatch.setattr(ticker, "run_due_jobs", fake_run)
    scheduler = ticker.start_in_background(
        None,  # type: ignore[arg-type]
        WebClient(),
        FrozenClock(NOW),
        NoZones(),
    )
    try:
        assert ran.wait(timeout=10), "no run at start-up"
        job = scheduler.get_job(ticker.JOB_ID)
        assert job.coalesce is True
        assert job.max_instances == 1
        assert job.misfire_grace_time == 300  # explicit: APScheduler's default is 1 s
        assert job.trigger.interval == timedelta(seconds=60)
        assert scheduler.timezone == UTC
        assert calls == [NOW]  # the run asks the clock it was given
    finally:
        scheduler.shutdown(wait=True)


def test_a_failing_run_is_logged_not_raised_into_the_scheduler(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*args: Any, **kwargs: Any) -> JobReport:
        raise RuntimeError("database went away")

    monkeypatch.setattr(ticker, "run_due_jobs", broken)
    with caplog.at_level(logging.ERROR, logger="scheduler.ticker"):
        ticker.tick(None, WebClient(), FrozenClock(NOW), NoZones())  # type: ignore[arg-type]
    assert "scheduled run failed" in caplog.text
    assert "database went away" in caplog.text
