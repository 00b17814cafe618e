"""`partnerbot serve` as a real process for tests: started on a free loopback port, sent signed
requests over real HTTP, stopped with a real signal."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path

from bot.console.localslack import LocalSlack
from bot.console.payloads import signed_headers

SECRET = "served-test-secret"
STARTUP_SECONDS = 30


def free_port() -> int:
    """A loopback port nobody listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Served:
    """One `partnerbot serve` process (no scheduler) on `db_url`, talking to `slack`."""

    def __init__(
        self, db_url: str, slack: LocalSlack, workdir: Path, *, stop_seconds: int = 20
    ) -> None:
        self.db_url = db_url
        self.slack = slack
        self.workdir = workdir
        self.stop_seconds = stop_seconds
        self.port = free_port()
        self.lines: list[str] = []
        self.process: subprocess.Popen[str] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Served:
        """Start the process and wait (reading its log, no polling) until it serves."""
        env = {
            **os.environ,
            "SLACK_BOT_TOKEN": "xoxb-served-test",
            "SLACK_SIGNING_SECRET": SECRET,
            "SLACK_API_URL": self.slack.api_url,
            "DATABASE_URL": self.db_url,
            "PARTNERBOT_STOP_SECONDS": str(self.stop_seconds),
        }
        env.pop("SLACK_APP_TOKEN", None)
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "bot",
                "serve",
                "--no-scheduler",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
            ],
            env=env,
            cwd=self.workdir,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line)
            if "Serving on http://" in line:
                threading.Thread(
                    target=self.lines.extend, args=(self.process.stdout,), daemon=True
                ).start()
                return self
        self.process.wait(timeout=STARTUP_SECONDS)
        raise AssertionError("partnerbot serve did not start:\n" + "".join(self.lines))

    def post(self, body: str, *, retry: int = 0) -> tuple[int, str]:
        """POST a signed request to /slack/events: (status, body); status 0 when the server
        could not be reached or hung up."""
        headers = signed_headers(SECRET, body)
        if retry:
            headers["X-Slack-Retry-Num"] = str(retry)
        request = urllib.request.Request(
            self.url + "/slack/events", data=body.encode(), headers=headers, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode()
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return 0, ""

    def get(self, path: str) -> int:
        """The status of GET `path` (0 when unreachable)."""
        try:
            with urllib.request.urlopen(self.url + path, timeout=5) as response:
                return int(response.status)
        except urllib.error.HTTPError as exc:
            return exc.code
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return 0

    def signal(self, signum: signal.Signals) -> None:
        assert self.process is not None
        self.process.send_signal(signum)

    def wait(self, timeout: float = 40) -> int:
        """Wait for the process to end: its exit code."""
        assert self.process is not None
        return self.process.wait(timeout=timeout)

    def log(self) -> str:
        return "".join(self.lines)

    def stop(self) -> None:
        """Make sure the process is gone (after a test, whatever happened)."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
