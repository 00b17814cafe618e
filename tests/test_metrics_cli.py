"""`partnerbot --log-format json scheduler` with PARTNERBOT_METRICS_PORT, from the outside: the
scheduler alone serves `/metrics` on its own port and logs one JSON object per line."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

from prometheus_client.parser import text_string_to_metric_families

from bot.console.localslack import LocalSlack
from storage.migrate import upgrade
from tests.test_http_transport import free_port
from tests.test_jobs_cli import env_for

STARTUP_LINES = 50


def test_the_scheduler_alone_serves_metrics_and_logs_json(
    tmp_path: Path, slack: LocalSlack
) -> None:
    db_url = f"sqlite:///{tmp_path / 'partnerbot.db'}"
    upgrade(db_url)
    port = free_port()
    env = env_for(db_url, slack)
    env["PARTNERBOT_METRICS_PORT"] = str(port)
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "--log-format", "json", "scheduler"],
        env=env,
        cwd=tmp_path,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    try:
        lines = []
        for line in process.stderr:  # a blocking read until it says where its metrics are
            lines.append(json.loads(line))
            if "metrics on" in lines[-1]["message"] or len(lines) > STARTUP_LINES:
                break
        assert lines[-1]["message"] == f"metrics on http://127.0.0.1:{port}/metrics"
        assert {"time", "level", "logger", "message"} <= set(lines[-1])
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as answer:
            names = {f.name for f in text_string_to_metric_families(answer.read().decode())}
        assert {
            "partnerbot_scheduled_sends",
            "partnerbot_scheduler_last_success_timestamp_seconds",
            "partnerbot_inbox_pending",
            "partnerbot_database_up",
            "partnerbot_slack_api_rate_limited",
        } <= names
    finally:
        process.send_signal(signal.SIGTERM)
        _, rest = process.communicate(timeout=30)
    assert process.returncode == 0
    for line in rest.splitlines():
        json.loads(line)  # every line after too
