"""HTTP transport: `POST /slack/events` and `GET /healthz`, served by waitress (a production WSGI
server, not Bolt's development server)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from sqlalchemy import text

from storage.db import SessionFactory

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

log = logging.getLogger(__name__)
EVENTS_PATH = "/slack/events"


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


def wsgi_application(app: App, healthy: Callable[[], bool]) -> WSGIApplication:
    """The WSGI app: Slack's requests go to Bolt, `/healthz` answers for load balancers."""
    slack = SlackRequestHandler(app, path=EVENTS_PATH)

    def application(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == "/healthz":
            ok = healthy()
            body = b"ok\n" if ok else b"database unreachable\n"
            start_response(
                "200 OK" if ok else "503 Service Unavailable",
                [
                    ("Content-Type", "text/plain; charset=utf-8"),
                    ("Content-Length", str(len(body))),
                    ("Cache-Control", "no-store"),
                ],
            )
            return [body]
        return slack(environ, start_response)

    return application


def serve(app: App, sessions: SessionFactory, *, host: str, port: int, threads: int = 8) -> None:
    """Serve until interrupted."""
    import waitress

    log.info("partnerbot listening on http://%s:%d%s", host, port, EVENTS_PATH)
    waitress.serve(
        wsgi_application(app, database_ok(sessions)), host=host, port=port, threads=threads
    )
