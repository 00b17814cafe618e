"""HTTP transport: `POST /slack/events` and `GET /healthz`, served by waitress (a production WSGI
server, not Bolt's development server).

Every request to `/slack/events` is checked against the signing secret on its raw bytes before
anything reads it: an unsigned, badly signed or stale request gets 401 whatever its body (Bolt
would parse the body first and answer 500 to garbage). A signed request that still cannot be
read gets a polite answer, never a 500. `/healthz` answers within a second even when the
database hangs."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import threading
import time
from collections.abc import Callable, Iterable
from http import HTTPStatus
from typing import TYPE_CHECKING

from slack_bolt import App, BoltRequest
from sqlalchemy import text

from bot.install_pages import OAUTH_PATHS, oauth_pages
from bot.metrics import metrics_app
from bot.observe import Seen, record
from bot.stopping import Stopping, drain, leave, stop_scheduler, wake_main_to_exit
from bot.wsgi import bolt_answer
from storage.db import SessionFactory

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment
    from apscheduler.schedulers.base import BaseScheduler

    from bot.app import Bot

log = logging.getLogger(__name__)
EVENTS_PATH = "/slack/events"
METRICS_PATH = "/metrics"
MAX_BODY_BYTES = 1_000_000
"""Slack's largest payloads (a modal of 100 blocks) are far smaller."""
MAX_AGE_SECONDS = 300
"""Slack's rule: a request signed more than five minutes ago is refused (replays)."""
HEALTH_TIMEOUT = 0.8
"""Seconds `/healthz` waits for the database before saying it is not answering."""
UNREADABLE = "I could not read that request, so nothing was done. If it came from Slack, try again."


def database_ok(sessions: SessionFactory) -> Callable[[], bool]:
    """A health probe that runs `SELECT 1` on the database."""

    def probe() -> bool:
        try:
            with sessions() as session:
                session.execute(text("SELECT 1"))
        except Exception:  # any failure means unhealthy; the reason goes to the log
            log.exception("health check: database unreachable")
            return False
        return True

    return probe


def within(probe: Callable[[], bool], timeout: float = HEALTH_TIMEOUT) -> Callable[[], bool]:
    """`probe`, answered False when it takes longer than `timeout` seconds. One probe runs at a
    time: while a slow one is still running, the answer is False at once (no pile of threads
    waiting on a hung database)."""
    lock = threading.Lock()
    running: list[threading.Thread] = []

    def bounded() -> bool:
        with lock:
            if running and running[0].is_alive():
                return False
            result: list[bool] = []
            thread = threading.Thread(
                target=lambda: result.append(probe()), name="healthz", daemon=True
            )
            running[:] = [thread]
            thread.start()
        thread.join(timeout)
        return bool(result and result[0])

    return bounded


def signature_ok(
    secret: str, body: bytes, timestamp: str, signature: str, *, now: float | None = None
) -> bool:
    """Slack's v0 request signature over the raw bytes, and a timestamp under five minutes
    old. Anything malformed is simply not OK."""
    if not secret or not timestamp.isdigit() or len(timestamp) > 12:
        return False
    if abs((time.time() if now is None else now) - int(timestamp)) > MAX_AGE_SECONDS:
        return False
    mac = hmac.new(secret.encode(), b"v0:" + timestamp.encode() + b":" + body, hashlib.sha256)
    return hmac.compare_digest("v0=" + mac.hexdigest(), signature)


def _headers(environ: WSGIEnvironment) -> dict[str, str]:
    headers: dict[str, str] = {}
    for key, value in environ.items():
        if key in ("CONTENT_LENGTH", "CONTENT_TYPE"):
            headers[key.lower().replace("_", "-")] = str(value)
        elif key.startswith("HTTP_"):
            headers[key[5:].lower().replace("_", "-")] = str(value)
    return headers


def _answer(
    start_response: StartResponse, status: int, body: str, content_type: str = "text/plain"
) -> list[bytes]:
    data = body.encode("utf-8")
    phrase = HTTPStatus(status).phrase
    start_response(
        f"{status} {phrase}",
        [
            ("Content-Type", f"{content_type}; charset=utf-8"),
            ("Content-Length", str(len(data))),
            ("Cache-Control", "no-store"),
        ],
    )
    return [data]


def _polite(start_response: StartResponse) -> list[bytes]:
    body = json.dumps({"response_type": "ephemeral", "text": UNREADABLE})
    return _answer(start_response, 200, body, "application/json")


_UNREADABLE_ERRORS = (ValueError, TypeError, AttributeError, KeyError, IndexError)


def _readable(raw: bytes, query: str, headers: dict[str, str]) -> BoltRequest | None:
    """The request Bolt reads from `raw`, or None (one warning line, no traceback) when a
    signed body is not a Slack payload: not UTF-8, not JSON, not an object, a shape Bolt's
    reading fails on."""
    try:
        request = BoltRequest(body=raw.decode("utf-8"), query=query, headers=dict(headers))
    except (UnicodeDecodeError, *_UNREADABLE_ERRORS) as error:
        log.warning("a signed request could not be read (%s: %s)", type(error).__name__, error)
        return None
    wrong = shape_problem(request.body)
    if wrong is not None:
        log.warning("a signed request could not be read (%s); answered politely", wrong)
        return None
    return request


def shape_problem(body: object) -> str | None:
    """What Bolt's own reading of a payload would trip over (before any middleware runs):
    not an object, an empty or odd `actions`, a `view` or form state that is not an object."""
    if not isinstance(body, dict):
        return "the payload is not an object"
    for name in ("user", "team", "channel", "container", "message", "event"):
        if body.get(name) is not None and not isinstance(body[name], dict | str):
            return f"`{name}` is neither an object nor a string"
    actions = body.get("actions")
    if "actions" in body and not (
        isinstance(actions, list) and actions and all(isinstance(a, dict) for a in actions)
    ):
        return "`actions` is not a list of objects"
    view = body.get("view")
    if "view" in body and not isinstance(view, dict):
        return "`view` is not an object"
    state = view.get("state") if isinstance(view, dict) else None
    values = state.get("values") if isinstance(state, dict) else None
    if state is not None and not isinstance(state, dict):
        return "the form's state is not an object"
    if values is not None and not (
        isinstance(values, dict)
        and all(
            isinstance(b, dict) and all(isinstance(e, dict) for e in b.values())
            for b in values.values()
        )
    ):
        return "the form's values are not objects"
    return None


def slack_events(app: App, signing_secret: str) -> WSGIApplication:
    """`POST /slack/events`: verified on the raw body, then dispatched through Bolt (which
    counts and logs each request, bot/observe.py); what is refused before Bolt sees it is
    counted and logged here."""

    def application(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        began = time.perf_counter()

        def refused(status: int, text: str) -> list[bytes]:
            record(Seen(), status, time.perf_counter() - began)
            return _answer(start_response, status, text)

        if environ.get("REQUEST_METHOD") != "POST":
            return refused(405, "POST only\n")
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = -1
        if length < 0 or length > MAX_BODY_BYTES:
            return refused(413 if length > 0 else 400, "bad length\n")
        raw = environ["wsgi.input"].read(length) if length else b""
        headers = _headers(environ)
        if not signature_ok(
            signing_secret,
            raw,
            headers.get("x-slack-request-timestamp", ""),
            headers.get("x-slack-signature", ""),
        ):
            return refused(401, "invalid request signature\n")
        request = _readable(raw, str(environ.get("QUERY_STRING") or ""), headers)
        if request is None:
            record(Seen(), 200, time.perf_counter() - began, failed=True)
            return _polite(start_response)
        try:
            response = app.dispatch(request)
        except Exception:  # a signed, readable request that Bolt could not serve: a bug
            log.exception("a signed request could not be handled")
            return _polite(start_response)
        if response.status >= 500:
            log.error("request answered %d; answering politely instead", response.status)
            return _polite(start_response)
        return bolt_answer(start_response, response)

    return application


def wsgi_application(
    app: App,
    healthy: Callable[[], bool],
    *,
    signing_secret: str | None = None,
    stopping: Stopping | None = None,
    metrics: WSGIApplication | None = None,
) -> WSGIApplication:
    """The WSGI app: Slack's requests go to Bolt, `/healthz` answers for load balancers (within
    a second, whatever the database does), `GET /metrics` for Prometheus (when `metrics` is
    given). Once a stop is asked for, the first two answer 503: Slack sends the request again
    (to another replica, or to this service once it is back); `/metrics` keeps answering."""
    secret = signing_secret if signing_secret is not None else str(app._signing_secret)
    slack = slack_events(app, secret)
    health = within(healthy)
    stop = stopping or Stopping()
    pages = oauth_pages(app)

    def application(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO")
        if pages is not None and path in OAUTH_PATHS and not stop.asked():
            return pages(environ, start_response)
        if path == METRICS_PATH and metrics is not None:
            return metrics(environ, start_response)
        if path not in ("/healthz", EVENTS_PATH):
            return _answer(start_response, 404, "not found\n")
        if stop.asked():
            return _answer(start_response, 503, "stopping\n")
        if path == "/healthz":
            ok = health()
            return _answer(
                start_response, 200 if ok else 503, "ok\n" if ok else "database unreachable\n"
            )
        with stop.answering():
            return slack(environ, start_response)

    return application


def serve(
    bot: Bot,
    *,
    host: str,
    port: int,
    threads: int = 8,
    scheduler: BaseScheduler | None = None,
    stopping: Stopping | None = None,
) -> None:
    """Serve until SIGTERM or Ctrl-C, then stop gracefully: 503 to new requests, the requests
    being answered and the work they acknowledged finished (bounded), then return."""
    from waitress.server import create_server

    stop = stopping or Stopping()
    redelivery = bot.redelivery()
    redelivery.start()
    application = wsgi_application(
        bot.app,
        database_ok(bot.deps.sessions),
        stopping=stop,
        metrics=metrics_app(bot.deps.sessions),
    )
    server = create_server(application, host=host, port=port, threads=threads)

    drained: list[bool] = []

    def finish() -> None:
        deadline = time.monotonic() + stop.drain_seconds
        stop.wait_answered(deadline)
        redelivery.stop()
        drained.append(drain(bot.executor, deadline))
        if scheduler is not None:
            stop_scheduler(scheduler, deadline)
        wake_main_to_exit()

    stop.on_signals(finish)
    log.info("partnerbot listening on http://%s:%d%s", host, port, EVENTS_PATH)
    server.print_listen("Serving on http://{}:{}")  # waitress's own line, as `waitress.serve`
    try:
        server.run()
    finally:
        server.close()
    leave(all(drained))
