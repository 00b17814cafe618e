"""`partnerbot serve` from the outside: a real process, real HTTP, Slack's signatures.

One server process for the module (starting one takes about a second). The transport does not
depend on the database engine, so it runs on SQLite; storage is covered on both engines by the
Slack-flow tests."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlsplit
from wsgiref.util import setup_testing_defaults

import pytest
from slack_bolt import App
from sqlalchemy import func, select

from bot.console.localslack import LocalSlack
from bot.console.payloads import signed_headers, slash_command_body
from bot.http import wsgi_application
from storage.db import make_engine, make_session_factory
from storage.migrate import upgrade
from storage.models import Partner

SECRET = "http-test-secret"
STARTUP_SECONDS = 30


class Server:
    def __init__(self, url: str, db_url: str) -> None:
        self.url = url
        self.db_url = db_url

    def post(self, body: str, headers: dict[str, str]) -> tuple[int, str, float]:
        request = urllib.request.Request(
            self.url + "/slack/events", data=body.encode(), headers=headers, method="POST"
        )
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, response.read().decode(), time.perf_counter() - started
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode(), time.perf_counter() - started

    def partner_count(self) -> int:
        engine = make_engine(self.db_url)
        try:
            with make_session_factory(engine)() as session:
                return int(session.scalar(select(func.count()).select_from(Partner)) or 0)
        finally:
            engine.dispose()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_serving(process: subprocess.Popen[str]) -> list[str]:
    """Read the server's log until waitress says it is serving (a blocking read: no polling, no
    sleep), then keep draining it in the background; the lines read, for failure messages."""
    assert process.stdout is not None
    lines: list[str] = []
    for line in process.stdout:
        lines.append(line)
        if "Serving on http://" in line:
            threading.Thread(target=lines.extend, args=(process.stdout,), daemon=True).start()
            return lines
    process.wait(timeout=STARTUP_SECONDS)
    pytest.fail("partnerbot serve did not start:\n" + "".join(lines))


@pytest.fixture(scope="module")
def server(slack_server: LocalSlack, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    workdir = tmp_path_factory.mktemp("serve")
    db_url = f"sqlite:///{workdir / 'partnerbot.db'}"
    upgrade(db_url)
    env = {
        **os.environ,
        "SLACK_BOT_TOKEN": "xoxb-http-test",
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": slack_server.api_url,
        "DATABASE_URL": db_url,
    }
    env.pop("SLACK_APP_TOKEN", None)
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        cwd=workdir,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        wait_until_serving(process)
        yield Server(f"http://127.0.0.1:{port}", db_url)
    finally:
        process.terminate()
        process.wait(timeout=10)


def add_body(slack: LocalSlack, response_url: str | None = None) -> str:
    return slash_command_body(
        "/partner",
        "add Acme Health",
        user_id="U0MARIA",
        team_id="T0001",
        response_url=response_url or slack.response_url(),
    )


def test_signed_command_is_answered_and_stored(server: Server, slack: LocalSlack) -> None:
    before = server.partner_count()
    url = slack.response_url()
    body = add_body(slack, url)
    status, text, _ = server.post(body, signed_headers(SECRET, body))
    assert status == 200
    if "Added *Acme Health*" not in text:  # answered after the ack, through the response_url
        [answer] = slack.wait_for("response_url", path=urlsplit(url).path)
        assert "Added *Acme Health*" in json.dumps(answer.body, ensure_ascii=False)
    assert server.partner_count() == before + 1


@pytest.mark.parametrize("problem", ["bad signature", "unsigned", "too old"])
def test_requests_not_from_slack_get_401_and_change_nothing(
    server: Server, slack: LocalSlack, problem: str
) -> None:
    before = server.partner_count()
    body = add_body(slack)
    if problem == "bad signature":
        headers = signed_headers("not-the-secret", body)
    elif problem == "unsigned":
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
    else:
        headers = signed_headers(SECRET, body, timestamp=int(time.time()) - 301)
    status, _, _ = server.post(body, headers)
    assert status == 401
    assert server.partner_count() == before


def test_healthz(server: Server) -> None:
    with urllib.request.urlopen(server.url + "/healthz", timeout=5) as response:
        assert response.status == 200
        assert b"ok" in response.read()


@pytest.mark.parametrize(("healthy", "status"), [(True, "200 OK"), (False, "503 ")])
def test_healthz_answers_503_when_the_database_is_down(healthy: bool, status: str) -> None:
    app = App(signing_secret=SECRET, token="xoxb-unused", token_verification_enabled=False)
    answered: list[str] = []

    def start_response(
        line: str, headers: list[tuple[str, str]], exc_info: Any = None, /
    ) -> Callable[[bytes], object]:
        answered.append(line)
        return lambda data: None

    environ: dict[str, Any] = {"REQUEST_METHOD": "GET", "PATH_INFO": "/healthz"}
    setup_testing_defaults(environ)
    body = b"".join(wsgi_application(app, lambda: healthy)(environ, start_response))
    [line] = answered
    assert line.startswith(status)
    assert body
