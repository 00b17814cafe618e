"""`partnerbot serve` and Socket Mode start the in-process scheduler unless told not to, wherever
`--no-scheduler` is written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot import cli
from bot.console.localslack import LocalSlack
from storage.db import upgrade


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
