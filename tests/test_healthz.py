"""`GET /healthz` for load balancers: 200 while the database answers, 503 with a short plain
body when it does not (SQLite file gone, PostgreSQL down)."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from slack_bolt import App

from bot.http import database_ok, wsgi_application
from storage.db import make_engine, make_session_factory
from storage.migrate import upgrade


def get(application: Any, path: str = "/healthz") -> tuple[str, dict[str, str], bytes]:
    seen: dict[str, Any] = {}

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
        seen["status"], seen["headers"] = status, dict(headers)
        return lambda data: None

    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "wsgi.input": None}
    body = b"".join(application(environ, start_response))
    return seen["status"], seen["headers"], body


@pytest.fixture
def app() -> App:
    return App(token="xoxb-healthz", signing_secret="s", token_verification_enabled=False)


def health_of(app: App, url: str) -> Iterator[tuple[str, dict[str, str], bytes]]:
    engine = make_engine(url)
    try:
        yield get(wsgi_application(app, database_ok(make_session_factory(engine))))
    finally:
        engine.dispose()


def test_200_while_the_database_answers(app: App, db_url: str) -> None:
    upgrade(db_url)
    [(status, headers, body)] = list(health_of(app, db_url))
    assert (status, body) == ("200 OK", b"ok\n")
    assert headers["Content-Type"].startswith("text/plain")


def test_503_when_the_sqlite_file_cannot_be_opened(app: App, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'no-such-dir' / 'partnerbot.db'}"
    [(status, headers, body)] = list(health_of(app, url))
    assert (status, body) == ("503 Service Unavailable", b"database unreachable\n")
    assert headers["Content-Length"] == str(len(body))


def test_503_when_nothing_answers_at_the_postgresql_address(app: App) -> None:
    with socket.socket() as probe:  # a loopback port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"postgresql+psycopg://postgres@127.0.0.1:{port}/partnerbot"
    [(status, _, body)] = list(health_of(app, url))
    assert (status, body) == ("503 Service Unavailable", b"database unreachable\n")
