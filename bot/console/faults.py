"""What the fake Slack can be told to do wrong: fail the next calls of a method (`Failure`,
`DROP`) or hold them until released (`Hold`)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)

DROP = 0
"""`fail(method, status=DROP)`: do the call, then close the connection without an answer."""


@dataclass
class Failure:
    """A queued failure of the next `remaining` calls of `method` whose body matches `when`."""

    method: str
    status: int
    error: str
    retry_after: int
    remaining: int
    when: Callable[[dict[str, Any]], bool] | None


class Hold:
    """The next calls of a method wait here until `release()`: a slow Slack, with no sleep."""

    def __init__(self, method: str, times: int, timeout: float, path: str | None = None) -> None:
        self.method = method
        self.path = path
        """Only calls to this path (one response_url) are held; None: every call."""
        self.remaining = times
        self.timeout = timeout
        self._arrived = threading.Semaphore(0)
        self._released = threading.Event()

    def _wait(self) -> None:
        self._arrived.release()
        if not self._released.wait(self.timeout):
            log.warning(
                "localslack: %s held for %.0f s and never released", self.method, self.timeout
            )

    def arrived(self, timeout: float = 10.0) -> bool:
        """Wait until a held call has arrived (and is waiting); False after `timeout` seconds."""
        return self._arrived.acquire(timeout=timeout)

    def release(self) -> None:
        """Let the held calls (and any later ones this hold catches) be answered."""
        self._released.set()

    @property
    def released(self) -> bool:
        """True once `release()` was called."""
        return self._released.is_set()
