"""One access-log line and the request metrics for every request from Slack, whichever
transport brought it: its type, the command, action, view, shortcut or event it names, the
status answered and the milliseconds taken — never what the person typed, never a token.

`ObservedApp` observes each request Bolt dispatches, from either transport; the HTTP transport
records the requests it refuses before Bolt sees them (a bad signature: 401). Bolt's error
handler marks the request it answered with an apology (`mark_failed`), so such a request counts
as an error though Slack got a 200."""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from slack_bolt import App, BoltRequest, BoltResponse

from handlers.common.metrics import ANSWER_SECONDS, REQUESTS

access_log = logging.getLogger("partnerbot.access")

_NAME = re.compile(r"[A-Za-z0-9_:./@-]{1,80}")
"""What an id Slack echoes back may look like in the log (ids are the code's, not typed)."""

_TYPES = {
    "block_actions": "action",
    "interactive_message": "action",
    "view_submission": "view",
    "view_closed": "view",
    "shortcut": "shortcut",
    "message_action": "shortcut",
    "block_suggestion": "options",
    "event_callback": "event",
    "url_verification": "event",
}


@dataclass
class Seen:
    """What a request was: its type and the id it names ("-" when none)."""

    type: str = "unknown"
    name: str = "-"


def _safe(value: Any) -> str:
    return value if isinstance(value, str) and _NAME.fullmatch(value) else "-"


def describe(body: Any) -> Seen:
    """The type of a Slack payload and the id it names: the slash command, the first action's
    id, the view's callback id, the shortcut's callback id or the event's type."""
    if not isinstance(body, dict):
        return Seen()
    if isinstance(body.get("command"), str):
        return Seen("command", _safe(body["command"]))
    kind = _TYPES.get(str(body.get("type")), "unknown")
    if kind == "action" or kind == "options":
        actions = body.get("actions")
        first = actions[0] if isinstance(actions, list) and actions else body
        return Seen(kind, _safe(first.get("action_id") if isinstance(first, dict) else None))
    if kind == "view":
        view = body.get("view")
        return Seen(kind, _safe(view.get("callback_id") if isinstance(view, dict) else None))
    if kind == "shortcut":
        return Seen(kind, _safe(body.get("callback_id")))
    if kind == "event":
        event = body.get("event")
        return Seen(kind, _safe(event.get("type") if isinstance(event, dict) else body["type"]))
    return Seen()


class _Request(threading.local):
    failed = False


_request = _Request()


def mark_failed() -> None:
    """The request being answered on this thread failed; the person was told so."""
    _request.failed = True


def outcome(status: int, failed: bool) -> str:
    """The metrics' outcome of a request answered with `status`."""
    if failed or status >= 500:
        return "error"
    return "rejected" if status >= 400 else "ok"


def record(seen: Seen, status: int, seconds: float, *, failed: bool = False) -> None:
    """Count the request and write its access-log line."""
    result = outcome(status, failed)
    REQUESTS.labels(seen.type, result).inc()
    ANSWER_SECONDS.labels(seen.type).observe(seconds)
    access_log.info(
        "slack %s %s %d %dms",
        seen.type,
        seen.name,
        status,
        round(seconds * 1000),
        extra={
            "request_type": seen.type,
            "request_name": seen.name,
            "status": status,
            "outcome": result,
            "ms": round(seconds * 1000),
        },
    )


@dataclass
class Observation:
    """A request being answered: what it is (once read) and the status answered."""

    seen: Seen
    status: int | None = None


@contextmanager
def observing() -> Iterator[Observation]:
    """Observe the request answered inside the block, from what it sets on the `Observation`
    (a status of 500 when it set none, e.g. the block raised)."""
    began = time.perf_counter()
    _request.failed = False
    answered = Observation(Seen())
    try:
        yield answered
    finally:
        status = 500 if answered.status is None else answered.status
        record(answered.seen, status, time.perf_counter() - began, failed=_request.failed)
        _request.failed = False


class ObservedApp(App):
    """Bolt's App, each request from Slack it dispatches observed (whichever transport, the
    console too); the inbox's re-runs of kept work are not requests and are not counted."""

    def dispatch(self, req: BoltRequest) -> BoltResponse:
        """Bolt's dispatch, counted and logged."""
        if req.lazy_only:
            return super().dispatch(req)
        with observing() as answered:
            answered.seen = describe(req.body)
            response = super().dispatch(req)
            answered.status = response.status
        return response
