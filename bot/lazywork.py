"""Work that runs after Slack has its answer: an executor for Bolt's lazy listeners that can be
drained (the console prints what they posted before the next prompt, tests see it all, a stop
finishes what was acknowledged), with a lane per person."""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from typing import Any, ParamSpec, TypeVar

from slack_bolt import BoltRequest

log = logging.getLogger(__name__)

P = ParamSpec("P")
T = TypeVar("T")


class DrainableExecutor(ThreadPoolExecutor):
    """A thread pool that remembers what it was given until it is done.

    `drain()` waits for every submitted task, including tasks submitted while it waits (a lazy
    listener may start more work). A task's exception is logged, never re-raised.
    """

    def __init__(self, max_workers: int | None = 4, thread_name_prefix: str = "lazy") -> None:
        super().__init__(max_workers=max_workers, thread_name_prefix=thread_name_prefix)
        self._pending: set[Future[Any]] = set()
        self._pending_lock = threading.Lock()

    def submit(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> Future[T]:
        future = super().submit(fn, *args, **kwargs)
        with self._pending_lock:
            self._pending.add(future)
        future.add_done_callback(self._finished)
        return future

    def _finished(self, future: Future[Any]) -> None:
        with self._pending_lock:
            self._pending.discard(future)
        if future.cancelled():
            return
        error = future.exception()
        if error is not None:
            log.error("lazy work failed", exc_info=(type(error), error, error.__traceback__))

    @property
    def pending(self) -> int:
        """How many submitted tasks have not finished yet."""
        with self._pending_lock:
            return len(self._pending)

    def drain(self, timeout: float | None = 10.0) -> bool:
        """Wait until no submitted task is left; False if `timeout` seconds passed first."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            with self._pending_lock:
                pending = {future for future in self._pending if not future.done()}
            if not pending:
                return True
            left = None if deadline is None else deadline - time.monotonic()
            if left is not None and left <= 0:
                log.warning(
                    "lazy work: %d task(s) still running after %.1f s", len(pending), timeout
                )
                return False
            wait(pending, timeout=left, return_when=FIRST_COMPLETED)


PER_LANE = 2
"""Tasks one person may have running at once; the rest of theirs wait in their lane."""


def lane_of(request: BoltRequest) -> str:
    """A request's lane: its workspace and person (the event's workspace for events)."""
    context = request.context
    return f"{context.team_id or context.enterprise_id}:{context.user_id}"


class LaneExecutor(DrainableExecutor):
    """A drainable pool where each person's work runs in their own lane: at most `per_lane` of
    one lane's tasks run at once, so one person's slow work (a big import, a slow page) never
    holds the threads everyone else's answers need."""

    def __init__(
        self, max_workers: int = 16, per_lane: int = PER_LANE, thread_name_prefix: str = "lazy"
    ) -> None:
        super().__init__(max_workers=max_workers, thread_name_prefix=thread_name_prefix)
        self.per_lane = per_lane
        self._lanes: dict[str, deque[Callable[[], object]]] = {}
        self._running: dict[str, int] = {}
        self._lanes_lock = threading.Lock()

    def submit_in_lane(self, lane: str, fn: Callable[[], object]) -> None:
        """Run `fn` in `lane`: now if the lane has room, else after the lane's earlier work."""
        with self._lanes_lock:
            if self._running.get(lane, 0) >= self.per_lane:
                self._lanes.setdefault(lane, deque()).append(fn)
                return
            self._running[lane] = self._running.get(lane, 0) + 1
        self.submit(self._run_lane, lane, fn)

    def _run_lane(self, lane: str, fn: Callable[[], object]) -> None:
        while True:
            try:
                fn()
            except Exception:
                log.exception("lazy work failed")
            with self._lanes_lock:
                waiting = self._lanes.get(lane)
                if waiting:
                    fn = waiting.popleft()
                    continue
                self._lanes.pop(lane, None)
                self._running[lane] -= 1
                if not self._running[lane]:
                    del self._running[lane]
                return
