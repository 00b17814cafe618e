"""Slack's rate limits, as the fake Slack applies them: a token bucket per workspace and method
(and per workspace and channel for `chat.postMessage`); a call over the limit is answered
HTTP 429 with a Retry-After header, as Slack does. Standard library only."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Bucket:
    """`per_minute` calls, bursts of up to `burst`."""

    per_minute: float
    burst: float


@dataclass(frozen=True)
class SlackLimits:
    """Limits per workspace: `methods` by name (others unlimited), `per_channel` for posts."""

    methods: dict[str, Bucket] = field(
        default_factory=lambda: {"chat.postMessage": Bucket(300, 20)}
    )
    per_channel: Bucket | None = Bucket(60, 3)


class RateLimiter:
    """Decides, call by call, whether Slack would answer 429 (and with what Retry-After)."""

    def __init__(
        self, limits: SlackLimits | None = None, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limits = limits or SlackLimits()
        self.clock = clock
        self._lock = threading.Lock()
        self._levels: dict[tuple[str, str], tuple[float, float]] = {}
        self.refused = 0
        """Calls answered 429 so far."""

    def _take(self, key: tuple[str, str], bucket: Bucket, now: float) -> float:
        """Take a token from `key`'s bucket: 0 when there was one, else seconds until one."""
        tokens, since = self._levels.get(key, (bucket.burst, now))
        tokens = min(bucket.burst, tokens + (now - since) * bucket.per_minute / 60)
        if tokens >= 1:
            self._levels[key] = (tokens - 1, now)
            return 0.0
        self._levels[key] = (tokens, now)
        return (1 - tokens) * 60 / bucket.per_minute

    def retry_after(self, team_id: str, method: str, channel: str | None) -> int | None:
        """None when the call may go; else the whole seconds of Retry-After Slack would say."""
        bucket = self.limits.methods.get(method)
        if bucket is None:
            return None
        with self._lock:
            now = self.clock()
            wait = self._take((team_id, method), bucket, now)
            per_channel = self.limits.per_channel
            if not wait and channel and method == "chat.postMessage" and per_channel:
                wait = self._take((team_id, "#" + channel), per_channel, now)
                if wait:  # the workspace's token is given back: the post did not go
                    tokens, since = self._levels[(team_id, method)]
                    self._levels[(team_id, method)] = (tokens + 1, since)
            if not wait:
                return None
            self.refused += 1
            return max(1, math.ceil(wait))
