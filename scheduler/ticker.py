"""The clock that runs due jobs: APScheduler 3 ticking once a minute, inside the bot process or
alone (`partnerbot scheduler`)."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.interval import IntervalTrigger
from slack_sdk import WebClient

from handlers.deps import Deps
from scheduler.jobs import run_due_jobs

log = logging.getLogger(__name__)

TICK_SECONDS = 60
JOB_ID = "partnerbot-due-jobs"


def tick(deps: Deps, client: WebClient) -> None:
    """Run whatever is due now; errors are logged, never fatal to the scheduler."""
    try:
        report = run_due_jobs(deps, client, now=deps.clock.now())
    except Exception:  # keep ticking: the next run retries whatever failed
        log.exception("scheduled run failed")
        return
    if report.sent or report.failed:
        log.info("scheduled run: %s", report)


def _schedule(scheduler: BaseScheduler, deps: Deps, client: WebClient) -> BaseScheduler:
    scheduler.add_job(
        tick,
        IntervalTrigger(seconds=TICK_SECONDS),
        args=(deps, client),
        id=JOB_ID,
        next_run_time=datetime.now(UTC),  # a first run at start-up catches up after downtime
        coalesce=True,  # ticks missed while busy or asleep collapse into one
        max_instances=1,
        misfire_grace_time=TICK_SECONDS * 5,
        replace_existing=True,
    )
    return scheduler


def start_in_background(deps: Deps, client: WebClient) -> BackgroundScheduler:
    """Tick in a daemon thread of this process (the default for `partnerbot` and `serve`)."""
    scheduler = BackgroundScheduler(timezone=UTC, daemon=True)
    _schedule(scheduler, deps, client)
    scheduler.start()
    log.info("scheduler ticking every %d s in this process", TICK_SECONDS)
    return scheduler


def run_forever(deps: Deps, client: WebClient) -> None:
    """Tick in the foreground until interrupted (`partnerbot scheduler`)."""
    scheduler = BlockingScheduler(timezone=UTC)
    _schedule(scheduler, deps, client)
    log.info("partnerbot scheduler: ticking every %d s; Ctrl-C to stop", TICK_SECONDS)
    try:
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        log.info("partnerbot scheduler stopped")
