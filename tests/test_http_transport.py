"""`partnerbot serve` from the outside: a real process, real HTTP, Slack's signatures."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.localslack import LocalSlack
from storage.db import make_engine, make_session_factory, upgrade
from storage.models import Partner
from tests.support.signing import signed_headers, slash_command_body

SECRET = "http-test-secret"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


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


@pytest.fixture
def server(db_url: str, slack: LocalSlack, tmp_path: Path) -> Iterator[Server]:
    upgrade(db_url)
    port = free_port()
    env = {
        **os.environ,
        "SLACK_BOT_TOKEN": "xoxb-http-test",
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": slack.api_url,
        "DATABASE_URL": db_url,
    }
    env.pop("SLACK_APP_TOKEN", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=1) as response:
                assert response.status == 200
                break
        except (urllib.error.URLError, ConnectionError):
            if process.poll() is not None or time.monotonic() > deadline:
                output = process.stdout.read().decode() if process.stdout else ""
                process.kill()
                pytest.fail(f"partnerbot serve did not start:\n{output}")
            time.sleep(0.1)
    try:
        yield Server(url, db_url)
    finally:
        process.terminate()
        process.wait(timeout=10)


def add_body(slack: LocalSlack) -> str:
    return slash_command_body(
        "/partner",
        "add Acme Health",
        user_id="U0MARIA",
        team_id="T0001",
        response_url=slack.response_url(),
    )


def test_signed_command_is_answered_fast_and_stored(server: Server, slack: LocalSlack) -> None:
    body = add_body(slack)
    status, text, elapsed = server.post(body, signed_headers(SECRET, body))
    assert status == 200
    assert "Added *Acme Health*" in text
    assert elapsed < 3.0
    assert server.partner_count() == 1


@pytest.mark.parametrize("problem", ["bad signature", "unsigned", "too old"])
def test_requests_not_from_slack_get_401_and_change_nothing(
    server: Server, slack: LocalSlack, problem: str
) -> None:
    body = add_body(slack)
    if problem == "bad signature":
        headers = signed_headers("not-the-secret", body)
    elif problem == "unsigned":
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
    else:
        headers = signed_headers(SECRET, body, timestamp=int(time.time()) - 301)
    status, _, _ = server.post(body, headers)
    assert status == 401
    assert server.partner_count() == 0


def test_healthz(server: Server) -> None:
    with urllib.request.urlopen(server.url + "/healthz", timeout=5) as response:
        assert response.status == 200
        assert b'"ok": true' in response.read()
