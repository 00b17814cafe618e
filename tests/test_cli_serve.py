"""`partnerbot serve` and Socket Mode start the in-process scheduler unless told not to, wherever
`--no-scheduler` is written."""

from __future__ import annotations

import socket
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from prometheus_client.parser import text_string_to_metric_families

from bot import cli
from bot.console.localslack import LocalSlack
from storage.migrate import upgrade
from tests.test_http_transport import free_port


@pytest.fixture
def started(
    tmp_path: Path, slack: LocalSlack, monkeypatch: pytest.MonkeyPatch
) -> dict[str, list[Any]]:
    """Run `main()` in-process with the server, the socket and the scheduler replaced by
    recorders; returns what was started."""
    db_url = f"sqlite:///{tmp_path / 'partnerbot.db'}"
    upgrade(db_url)
    monkeypatch.chdir(tmp_path)
    for name, value in {
        "SLACK_BOT_TOKEN": "xoxb-cli-test",
        "SLACK_SIGNING_SECRET": "cli-test-secret",
        "SLACK_APP_TOKEN": "xapp-cli-test",
        "SLACK_API_URL": slack.api_url,
        "DATABASE_URL": db_url,
    }.items():
        monkeypatch.setenv(name, value)
    seen: dict[str, list[Any]] = {"scheduler": [], "http": [], "socket": []}
    monkeypatch.setattr(
        "scheduler.ticker.start_in_background", lambda *a: seen["scheduler"].append(a)
    )
    monkeypatch.setattr("bot.http.serve", lambda *a, **k: seen["http"].append(k))
    monkeypatch.setattr("bot.socket.run_socket_mode", lambda *a, **k: seen["socket"].append(a))
    return seen


@pytest.mark.parametrize(
    ("argv", "scheduler"),
    [
        (["serve"], True),
        (["--no-scheduler", "serve"], False),
        (["serve", "--no-scheduler"], False),
        (["serve", "--port", "3999", "--no-scheduler"], False),
    ],
)
def test_serve_runs_the_scheduler_unless_told_not_to(
    started: dict[str, list[Any]], argv: list[str], scheduler: bool
) -> None:
    cli.main(argv)
    assert len(started["http"]) == 1
    assert bool(started["scheduler"]) is scheduler


@pytest.mark.parametrize(("argv", "scheduler"), [([], True), (["--no-scheduler"], False)])
def test_socket_mode_runs_the_scheduler_unless_told_not_to(
    started: dict[str, list[Any]], argv: list[str], scheduler: bool
) -> None:
    cli.main(argv)
    assert len(started["socket"]) == 1
    assert bool(started["scheduler"]) is scheduler


def test_socket_mode_serves_metrics_on_the_metrics_port(
    started: dict[str, list[Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    port = free_port()
    monkeypatch.setenv("PARTNERBOT_METRICS_PORT", str(port))
    cli.main([])
    assert len(started["socket"]) == 1
    # The server thread is a daemon of this test process; it stops with it.
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as answer:
        text = answer.read().decode()
    names = {family.name for family in text_string_to_metric_families(text)}
    assert {"partnerbot_slack_requests", "partnerbot_inbox_pending"} <= names


def test_a_port_in_use_is_one_clear_line(
    started: dict[str, list[Any]],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        monkeypatch.setenv("PARTNERBOT_METRICS_PORT", str(taken.getsockname()[1]))
        with pytest.raises(SystemExit) as exited:
            cli.main([])
    assert exited.value.code == 2
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith("partnerbot: PARTNERBOT_METRICS_PORT: cannot listen on 127.0.0.1:")
    assert started["socket"] == []
