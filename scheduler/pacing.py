"""Sending at the pace Slack allows, per workspace and per method.

Slack limits each workspace separately: `chat.postMessage` about one message a second per
channel and several hundred a minute per workspace (short bursts allowed); other methods by
tier (Tier 2: 20+/min, Tier 3: 50+/min, Tier 4: 100+/min). The `Pacer` keeps a token bucket
per (workspace, method) and per (workspace, channel) for posts, and books each call a slot
(`reserve`), so posts go out as fast as allowed and rarely draw a 429. A 429's Retry-After
holds back that workspace only (`hold`). Its clock is injectable: tests never sleep."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

POST = "chat.postMessage"


@dataclass(frozen=True)
class Rate:
    """`per_minute` calls, with bursts of up to `burst` at once."""

    per_minute: float
    burst: float = 1.0

    @property
    def interval(self) -> float:
        """Seconds between two calls at the steady rate."""
        return 60.0 / self.per_minute


TIER_2 = Rate(20, 3)
TIER_3 = Rate(50, 5)
TIER_4 = Rate(100, 10)


@dataclass(frozen=True)
class Limits:
    """What one workspace may be sent: posts per workspace and per channel, other methods by
    tier (unknown methods: Tier 3)."""

    posts: Rate = Rate(300, 16)
    """Slack allows a short burst beyond its steady rate; a few posts of it are kept in hand,
    so calls that arrive a little closer together than they left still fit."""
    per_channel: Rate = Rate(60, 1)
    tiers: dict[str, Rate] = field(
        default_factory=lambda: {
            "auth.test": TIER_4,
            "auth.teams.list": TIER_2,
            "users.info": TIER_4,
            "users.list": TIER_2,
            "conversations.open": TIER_3,
            "conversations.history": TIER_3,
            "chat.update": TIER_3,
            "chat.postEphemeral": TIER_4,
            "views.publish": TIER_4,
        }
    )

    def rate(self, method: str) -> Rate:
        """The workspace-wide rate of `method`."""
        return self.posts if method == POST else self.tiers.get(method, TIER_3)


class _Bucket:
    """The generic cell rate algorithm: `due` is when the next call would go at the steady
    rate; a call may go up to (burst - 1) intervals before it (the burst)."""

    def __init__(self, rate: Rate) -> None:
        self.rate = rate
        self.due = float("-inf")

    def earliest(self, now: float) -> float:
        """When a call may go, at the soonest."""
        return max(now, self.due - (self.rate.burst - 1) * self.rate.interval)

    def book(self, at: float) -> None:
        """A call goes at `at`."""
        self.due = max(self.due, at) + self.rate.interval


class Pacer:
    """Token buckets per workspace and method (and per channel for posts), and each
    workspace's Retry-After hold. Thread-safe; `monotonic` and `sleep` are injectable."""

    def __init__(
        self,
        limits: Limits | None = None,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.limits = limits or Limits()
        self.monotonic = monotonic
        self.sleep = sleep
        self._lock = threading.Lock()
        self._buckets: dict[tuple[str, str], _Bucket] = {}
        self._held: dict[str, float] = {}
        self._claimed = threading.local()
        self.holds = 0
        """429s that held a workspace back."""

    def _bucket(self, key: tuple[str, str], rate: Rate) -> _Bucket:
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = self._buckets[key] = _Bucket(rate)
        return bucket

    def delay(self, team_id: str, method: str = POST) -> float:
        """Seconds until `team_id` may be sent a `method` call (0: now), booking nothing."""
        with self._lock:
            now = self.monotonic()
            rate = self.limits.rate(method)
            at = max(
                self._bucket((team_id, method), rate).earliest(now), self._held.get(team_id, 0)
            )
            return max(0.0, at - now)

    def claim(self, team_id: str) -> float:
        """For a sender thread about to post to `team_id`: when a post may go now, book it for
        this thread (its `wait` for the post then books only the channel) and answer 0; else
        the seconds until one may, booking nothing. So threads never queue up behind one
        workspace's pace while another workspace could be sent to."""
        with self._lock:
            now = self.monotonic()
            bucket = self._bucket((team_id, POST), self.limits.posts)
            at = max(bucket.earliest(now), self._held.get(team_id, 0.0))
            if at > now:
                return at - now
            bucket.book(now)
            self._claimed.team = team_id
            return 0.0

    def reserve(self, team_id: str, method: str, channel: str | None = None) -> float:
        """Book the next slot for a `method` call to `team_id` (and `channel`, for posts): the
        seconds to wait before making it."""
        with self._lock:
            now = self.monotonic()
            buckets = [self._bucket((team_id, method), self.limits.rate(method))]
            if method == POST and getattr(self._claimed, "team", None) == team_id:
                self._claimed.team = None  # booked by `claim`
                buckets = []
            if method == POST and channel:
                buckets.append(self._bucket((team_id, "#" + channel), self.limits.per_channel))
            at = max([b.earliest(now) for b in buckets] + [self._held.get(team_id, now), now])
            for bucket in buckets:
                bucket.book(at)
            return max(0.0, at - now)

    def wait(self, team_id: str, method: str, channel: str | None = None) -> None:
        """Wait for (and take) the next slot of a `method` call to `team_id`."""
        seconds = self.reserve(team_id, method, channel)
        if seconds > 0:
            self.sleep(seconds)

    def hold(self, team_id: str, seconds: float) -> None:
        """Slack answered 429 with Retry-After `seconds`: nothing more to `team_id` until then
        (other workspaces go on)."""
        with self._lock:
            until = self.monotonic() + seconds
            self._held[team_id] = max(self._held.get(team_id, 0.0), until)
            self.holds += 1
