"""The `partnerbot` command run as an administrator runs it: a real process, with only the
configuration a test gives it (no SLACK_*, DATABASE_URL or PARTNERBOT_* from the test run, and
no system-wide configuration file)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from bot.envfiles import SYSTEM_ENV_FILE_VARIABLE

TIMEOUT = 120


def clean_env(workdir: Path, **values: str) -> dict[str, str]:
    """The environment of a partnerbot process: the test run's, less its own settings, with a
    system-wide configuration file that does not exist (unless `values` name one), and
    `values`."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SLACK_", "PARTNERBOT_")) and k != "DATABASE_URL"
    }
    env[SYSTEM_ENV_FILE_VARIABLE] = str(workdir / "no-such-system.env")
    env["PARTNERBOT_DATA_DIR"] = str(workdir / "data")
    env.update(values)
    return env


def partnerbot(
    *args: str,
    env: dict[str, str],
    cwd: Path,
    stdin: str = "",
    umask: int = -1,
) -> subprocess.CompletedProcess[str]:
    """Run `partnerbot ARGS` to its end: its exit code, stdout and stderr."""
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        env=env,
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
        umask=umask,
    )


def started(*args: str, env: dict[str, str], cwd: Path) -> subprocess.Popen[str]:
    """Start `partnerbot ARGS` (stdout and stderr together, line by line)."""
    return subprocess.Popen(
        [sys.executable, "-m", "bot", *args],
        env=env,
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
