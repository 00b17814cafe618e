"""Which configuration file partnerbot reads: `--env-file`, else `PARTNERBOT_ENV_FILE`, else
`/etc/partnerbot/partnerbot.env` when present, else `./.env` when present (the first found, and
only that one; variables set in the environment win over its lines)."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from dotenv import dotenv_values
from sqlalchemy import make_url
from sqlalchemy.exc import ArgumentError

from bot.config import fail

SYSTEM_ENV_FILE = Path("/etc/partnerbot/partnerbot.env")
SYSTEM_ENV_FILE_VARIABLE = "PARTNERBOT_SYSTEM_ENV_FILE"
"""Names another system-wide file instead of SYSTEM_ENV_FILE (other layouts, tests)."""
SECRETS = ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET")


@dataclass(frozen=True)
class EnvFile:
    """The file read (None: none found) and every place that was looked at, in order."""

    path: Path | None
    looked_at: tuple[str, ...]

    def describe(self) -> str:
        """One line for the log: which file was read, or where none was found."""
        if self.path is not None:
            return f"configuration read from {self.path}"
        return f"no configuration file ({', '.join(self.looked_at)}): environment only"


def system_env_file() -> Path:
    """The system-wide configuration file's path."""
    return Path(os.environ.get(SYSTEM_ENV_FILE_VARIABLE, "").strip() or SYSTEM_ENV_FILE)


def _readable(path: Path, named_by: str) -> Path:
    if not path.is_file():
        fail(f"{named_by}: {path}: no such file")
    if not os.access(path, os.R_OK):
        fail(f"{named_by}: {path}: not readable by this user (run partnerbot as its owner)")
    return path


def find_env_file(explicit: Path | None = None, *, cwd: Path | None = None) -> EnvFile:
    """The configuration file to read. A file named explicitly must exist and be readable."""
    if explicit is not None:
        return EnvFile(_readable(explicit, "--env-file"), ("--env-file",))
    named = os.environ.get("PARTNERBOT_ENV_FILE", "").strip()
    if named:
        return EnvFile(_readable(Path(named), "PARTNERBOT_ENV_FILE"), ("PARTNERBOT_ENV_FILE",))
    system = system_env_file()
    local = (cwd or Path.cwd()) / ".env"
    looked = ("PARTNERBOT_ENV_FILE", str(system), str(local))
    for path in (system, local):
        if path.is_file():
            return EnvFile(_readable(path, "configuration file"), looked)
    return EnvFile(None, looked)


def exposed_secrets(path: Path) -> list[str]:
    """The secrets `path` holds when its group or others may read it (else none)."""
    if not path.stat().st_mode & (stat.S_IRGRP | stat.S_IROTH):
        return []
    values = dotenv_values(path)
    found = [name for name in SECRETS if (values.get(name) or "").strip()]
    try:
        if make_url(values.get("DATABASE_URL") or "sqlite://").password:
            found.append("DATABASE_URL's password")
    except ArgumentError:
        pass  # a bad URL is reported by the settings
    return found


def permission_warning(path: Path) -> str | None:
    """A warning when `path` holds secrets that others on the machine can read."""
    secrets = exposed_secrets(path)
    if not secrets:
        return None
    mode = stat.S_IMODE(path.stat().st_mode)
    return (
        f"{path} holds {', '.join(secrets)} and is readable by group or others (mode {mode:04o}); "
        f"make it readable by its owner only: chmod 600 {path}"
    )
