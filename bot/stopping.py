"""A graceful stop: on SIGTERM (or Ctrl-C) take no new work, finish what was acknowledged
within `DRAIN_SECONDS`, then exit 0. Whatever is still unfinished then stays in the inbox, and
the next process runs it."""

from __future__ import annotations

import logging
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Executor
from contextlib import contextmanager
from types import FrameType
from typing import TYPE_CHECKING

from bot.lazywork import DrainableExecutor

if TYPE_CHECKING:
    from apscheduler.schedulers.base import BaseScheduler

log = logging.getLogger(__name__)

DRAIN_SECONDS = 20.0
"""How long a stop waits for acknowledged work (the service units give 30 s before SIGKILL)."""


class Stopping:
    """Whether a stop was asked for, and the requests still being answered."""

    def __init__(self, drain_seconds: float = DRAIN_SECONDS) -> None:
        self.drain_seconds = drain_seconds
        self._asked = threading.Event()
        self._answering = 0
        self._idle = threading.Condition()

    def asked(self) -> bool:
        """True once a stop was asked for: take no new work."""
        return self._asked.is_set()

    @contextmanager
    def answering(self) -> Iterator[None]:
        """Around one request being answered (the stop waits for it)."""
        with self._idle:
            self._answering += 1
        try:
            yield
        finally:
            with self._idle:
                self._answering -= 1
                self._idle.notify_all()

    def wait_answered(self, deadline: float) -> bool:
        """Wait until no request is being answered, or `deadline` (time.monotonic) passes."""
        with self._idle:
            return self._idle.wait_for(
                lambda: self._answering == 0, timeout=max(0.0, deadline - time.monotonic())
            )

    def ask(self) -> None:
        """Ask for a stop (what SIGTERM does)."""
        self._asked.set()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until a stop is asked for."""
        return self._asked.wait(timeout)

    def on_signals(self, then: Callable[[], None]) -> None:
        """On the first SIGTERM or SIGINT: ask for a stop and run `then` in a thread. A second
        one is logged and ignored (the drain is bounded anyway)."""

        def handler(signum: int, _frame: FrameType | None) -> None:
            if self.asked():
                log.warning("already stopping; finishing acknowledged work first")
                return
            log.info("%s: stopping; finishing acknowledged work", signal.Signals(signum).name)
            self.ask()
            threading.Thread(target=then, name="stopping", daemon=True).start()

        def leave(_signum: int, _frame: FrameType | None) -> None:
            raise SystemExit(0)

        signal.signal(signal.SIGTERM, handler)
        signal.signal(signal.SIGINT, handler)
        signal.signal(signal.SIGUSR1, leave)


def drain(executor: Executor, deadline: float) -> bool:
    """Wait for the work after the ack until `deadline` (time.monotonic); True when all ran."""
    left = max(0.0, deadline - time.monotonic())
    if isinstance(executor, DrainableExecutor):
        finished = executor.drain(left)
    else:
        executor.shutdown(wait=True)
        finished = True
    if not finished:
        log.warning("stop: work still running after %.0f s; the inbox keeps it", left)
    return finished


def wake_main_to_exit() -> None:
    """Make the main thread leave a blocking server loop: SIGUSR1 (set up by `on_signals`)
    raises SystemExit there."""
    signal.pthread_kill(threading.main_thread().ident or 0, signal.SIGUSR1)


def stop_scheduler(scheduler: BaseScheduler, deadline: float) -> None:
    """Stop ticking; wait for a tick under way until `deadline` (its sends are claimed in the
    send log, so one cut short is checked, not repeated, by the next run)."""
    waiter = threading.Thread(target=scheduler.shutdown, name="stop-scheduler", daemon=True)
    waiter.start()
    waiter.join(max(0.0, deadline - time.monotonic()))


def leave(drained: bool) -> None:
    """The end of a graceful stop. Work that did not finish in time is still running on its
    threads (waiting on a locked table, or on Slack): the inbox keeps it for the next process,
    so exit now rather than wait for those threads."""
    if drained:
        log.info("partnerbot stopped")
        return
    log.warning("partnerbot stopped; unfinished work stays in the inbox for the next start")
    logging.shutdown()
    os._exit(0)
