"""The clock that runs due jobs: APScheduler 3 ticking once a minute, inside the bot process or
alone (`partnerbot scheduler`)."""

from __future__ import annotations

import logging
import os
import signal
import threading
from datetime import UTC, datetime
from types import FrameType

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.triggers.interval import IntervalTrigger
from slack_sdk import WebClient

from handlers.common.metrics import SCHEDULER_LAST_SUCCESS
from handlers.common.people import ZoneReader
from scheduler.jobs import KEEP_DAYS, run_due_jobs
from scheduler.sending import DEFAULT_WORKERS
from scheduler.workspaces import Senders
from storage.clock import Clock
from storage.db import SessionFactory

log = logging.getLogger(__name__)

TICK_SECONDS = 60
MISFIRE_GRACE_SECONDS = TICK_SECONDS * 5
JOB_ID = "partnerbot-due-jobs"
TICKING = threading.Lock()
"""Held while this process's tick runs (a stop waits for it)."""


def tick(
    sessions: SessionFactory,
    client: WebClient | Senders,
    clock: Clock,
    zones: ZoneReader,
    workers: int = DEFAULT_WORKERS,
    keep_days: int = KEEP_DAYS,
) -> None:
    """Run whatever is due now; errors are logged, never fatal to the scheduler."""
    try:
        report = run_due_jobs(
            sessions,
            client,
            zones,
            now=clock.now(),
            workers=workers,
            lock=TICKING,
            keep_days=keep_days,
        )
    except Exception:  # keep ticking: the next run retries whatever failed
        log.exception("scheduled run failed")
        return
    if report.overlapped:
        log.warning("scheduled run: %s", report)
        return
    SCHEDULER_LAST_SUCCESS.set(clock.now().timestamp())
    log.info("scheduled run: %s", report)  # one line per run (APScheduler's own are silenced)


def schedule(
    scheduler: BaseScheduler,
    sessions: SessionFactory,
    client: WebClient | Senders,
    clock: Clock,
    zones: ZoneReader,
    workers: int = DEFAULT_WORKERS,
    keep_days: int = KEEP_DAYS,
) -> BaseScheduler:
    """Add the due-jobs tick to `scheduler` (not started)."""
    scheduler.add_job(
        tick,
        IntervalTrigger(seconds=TICK_SECONDS),
        args=(sessions, client, clock, zones, workers, keep_days),
        id=JOB_ID,
        next_run_time=datetime.now(UTC),  # a first run at start-up catches up after downtime
        coalesce=True,  # ticks missed while busy or asleep collapse into one
        max_instances=1,
        misfire_grace_time=MISFIRE_GRACE_SECONDS,  # a tick late by less still runs
        replace_existing=True,
    )
    return scheduler


def start_in_background(
    sessions: SessionFactory,
    client: WebClient | Senders,
    clock: Clock,
    zones: ZoneReader,
    workers: int = DEFAULT_WORKERS,
    keep_days: int = KEEP_DAYS,
) -> BackgroundScheduler:
    """Tick in a daemon thread of this process (the default for `partnerbot` and `serve`)."""
    scheduler = BackgroundScheduler(timezone=UTC, daemon=True)
    schedule(scheduler, sessions, client, clock, zones, workers, keep_days)
    scheduler.start()
    log.info("scheduler ticking every %d s in this process", TICK_SECONDS)
    return scheduler


def run_forever(
    sessions: SessionFactory,
    client: WebClient | Senders,
    clock: Clock,
    zones: ZoneReader,
    workers: int = DEFAULT_WORKERS,
    stop_seconds: float = 20,
    keep_days: int = KEEP_DAYS,
) -> None:
    """Tick in the foreground until SIGTERM or Ctrl-C (`partnerbot scheduler`); then stop
    ticking, let a tick under way finish (at most `stop_seconds`) and return. A tick cut short
    loses nothing: each send was claimed in the send log, and the next run checks it."""
    scheduler = BackgroundScheduler(timezone=UTC)
    schedule(scheduler, sessions, client, clock, zones, workers, keep_days)
    stop = threading.Event()

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        log.info("%s: the scheduler stops after the tick under way", signal.Signals(signum).name)
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    scheduler.start()
    log.info("partnerbot scheduler: ticking every %d s; Ctrl-C to stop", TICK_SECONDS)
    while not stop.wait(1.0):  # a bounded wait, so the signal handler runs promptly
        pass
    scheduler.shutdown(wait=False)
    if not TICKING.acquire(timeout=stop_seconds):
        log.warning("partnerbot scheduler stopped with a tick under way (the next run resumes)")
        logging.shutdown()
        os._exit(0)  # the tick's threads would hold the exit; its sends are in the send log
    TICKING.release()
    log.info("partnerbot scheduler stopped")
