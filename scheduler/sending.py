"""Posting many messages at once within Slack's rate limits: a bounded pool of sender threads,
with a lane per workspace.

`chat.postMessage` is rate limited per channel (about one message a second) and per workspace
(several hundred a minute), so posts to different people of a workspace go out side by side
at the pace its `Pacer` allows, and every workspace has its own lane: the threads take jobs
from the lanes in turn, skipping a lane that must wait (its pace, or a 429's Retry-After), so
one workspace's wait or storm never holds a thread another workspace could use. Each job is
one person's whole send (claimed in the send log before, recorded after), so the exactly-once
guarantee is the send log's, whatever order the pool runs them in."""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable, Iterator
from types import TracebackType
from typing import TypeVar

log = logging.getLogger(__name__)
K = TypeVar("K")
T = TypeVar("T")

DEFAULT_WORKERS = 16
MAX_WORKERS = 32
IDLE_WAIT = 0.5
"""Seconds a thread with nothing ready waits before looking again (a submit wakes it)."""

Ready = Callable[[str], float]
"""Seconds until a lane (a workspace) may be sent to again (0: now)."""


def _always(_lane: str) -> float:
    return 0.0


class SendPool:
    """Runs send jobs on up to `workers` threads, one lane per workspace (`submit(lane=…)`),
    taking the lanes in turn and only those `ready` says may go now. Leaving the `with`
    block waits for every job. A job's exception is logged, never raised: each job records its
    own outcome, and one failure stops no one else. `workers=1` posts one after another."""

    def __init__(
        self, workers: int = DEFAULT_WORKERS, *, name: str = "send", ready: Ready | None = None
    ) -> None:
        if not 1 <= workers <= MAX_WORKERS:
            raise ValueError(f"workers must be 1 to {MAX_WORKERS}, not {workers}")
        self.workers = workers
        self._ready = ready or _always
        self._lanes: dict[str, deque[tuple[Callable[[], None], str]]] = {}
        self._turns: deque[str] = deque()
        self._changed = threading.Condition()
        self._closing = False
        self._threads = [
            threading.Thread(target=self._work, name=f"{name}-{n}", daemon=True)
            for n in range(workers)
        ]
        for thread in self._threads:
            thread.start()

    def submit(self, job: Callable[[], None], *, what: str = "send", lane: str = "") -> None:
        """Queue `job` in `lane` (its workspace); `what` names it in the log."""
        with self._changed:
            if self._closing:
                raise RuntimeError("the pool is closed")
            if lane not in self._lanes:
                self._lanes[lane] = deque()
                self._turns.append(lane)
            self._lanes[lane].append((job, what))
            self._changed.notify()

    def _take(self) -> tuple[Callable[[], None], str] | None:
        """The next job of the first lane (in turn) that may go now; None once closed and
        empty."""
        with self._changed:
            while True:
                soonest = IDLE_WAIT
                for _ in range(len(self._turns)):
                    lane = self._turns[0]
                    self._turns.rotate(-1)
                    wait = self._ready(lane)
                    if wait <= 0:
                        queue = self._lanes[lane]
                        item = queue.popleft()
                        if not queue:
                            del self._lanes[lane]
                            self._turns.remove(lane)
                        return item
                    soonest = min(soonest, wait)
                if self._closing and not self._turns:
                    return None
                self._changed.wait(soonest)

    def _work(self) -> None:
        while (item := self._take()) is not None:
            job, what = item
            try:
                job()
            except Exception:
                log.exception("%s failed", what)

    def close(self) -> None:
        """Wait for every queued job, then stop the threads."""
        with self._changed:
            self._closing = True
            self._changed.notify_all()
        for thread in self._threads:
            thread.join()

    def __enter__(self) -> SendPool:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def in_turn(due: dict[K, list[T]], first: int, size: int) -> Iterator[tuple[K, list[T]]]:
    """The batches of every key (a workspace and day) in turn, a small `first` one each, then
    `size` each: every workspace's posts start within the first moments of a run, paced on
    their own, rather than after every other workspace's digests were read."""
    starts = dict.fromkeys(due, 0)
    while starts:
        for key in list(starts):
            start = starts[key]
            step = first if start == 0 else size
            yield key, due[key][start : start + step]
            if start + step >= len(due[key]):
                del starts[key]
            else:
                starts[key] = start + step


def send_all(jobs: list[Callable[[], None]], *, workers: int = DEFAULT_WORKERS) -> None:
    """Run every job on a pool of `workers` threads and wait for them all."""
    with SendPool(workers) as pool:
        for job in jobs:
            pool.submit(job)
