"""Posting many messages at once within Slack's rate limits: a bounded pool of sender threads.

`chat.postMessage` is rate limited per channel (about one message a second, Slack's "special"
tier) and each person's DM is its own channel, so posts to different people may go out side by
side; a workspace-wide burst limit still applies, hence a bounded pool (`DEFAULT_WORKERS`, the
`PARTNERBOT_SEND_WORKERS` setting). A 429 is waited out (its Retry-After) by the Web API
client's retry handler on the one thread posting to that person, so it holds up nobody else.
Each job is one person's whole send (claimed in the send log before, recorded after), so the
exactly-once guarantee is the send log's, whatever the order the pool runs them in."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from types import TracebackType

log = logging.getLogger(__name__)

DEFAULT_WORKERS = 16
MAX_WORKERS = 32
QUEUED_PER_WORKER = 4
"""Jobs waiting per worker before `submit` blocks: what is built ahead of the posts."""


class SendPool:
    """Runs send jobs on up to `workers` threads; `submit` blocks while enough are queued, so
    a caller building messages ahead never holds more than a few per worker. Leaving the `with`
    block waits for every job. A job's exception is logged, never raised: each job records its
    own outcome, and one failure stops no one else. `workers=1` posts one after another."""

    def __init__(self, workers: int = DEFAULT_WORKERS, *, name: str = "send") -> None:
        if not 1 <= workers <= MAX_WORKERS:
            raise ValueError(f"workers must be 1 to {MAX_WORKERS}, not {workers}")
        self.workers = workers
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix=name)
        self._slots = threading.BoundedSemaphore(workers * QUEUED_PER_WORKER)

    def submit(self, job: Callable[[], None], *, what: str = "send") -> None:
        """Queue `job` (waiting while the queue is full); `what` names it in the log."""
        self._slots.acquire()
        try:
            future = self._executor.submit(job)
        except BaseException:
            self._slots.release()
            raise
        future.add_done_callback(lambda done: self._finished(done, what))

    def _finished(self, future: Future[None], what: str) -> None:
        self._slots.release()
        error = future.exception()
        if error is not None:
            log.error("%s failed", what, exc_info=error)

    def close(self) -> None:
        """Wait for every queued job, then stop the threads."""
        self._executor.shutdown(wait=True)

    def __enter__(self) -> SendPool:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def send_all(jobs: list[Callable[[], None]], *, workers: int = DEFAULT_WORKERS) -> None:
    """Run every job on a pool of `workers` threads and wait for them all."""
    with SendPool(workers) as pool:
        for job in jobs:
            pool.submit(job)
