"""What the console's stand-in Slack keeps between runs: its members (name, admin, left),
its channels and how far its clock was moved, in a small JSON file beside the database
(`partnerbot.console.json` next to `partnerbot.db`). partnerbot's own data stays in the
database; this file only stands in for what a real Slack workspace would remember."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import make_url

from bot.config import Settings
from bot.console.records import FakeUser

WORLD_SUFFIX = ".console.json"


def database_file(settings: Settings) -> Path | None:
    """The SQLite file the settings point at (None for another database)."""
    url = make_url(settings.database_url)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database).resolve()


def world_file(settings: Settings) -> Path:
    """Where the console keeps its workspace: beside the SQLite file, else in the data dir."""
    found = database_file(settings)
    if found is not None:
        return found.with_name(found.stem + WORLD_SUFFIX)
    return settings.partnerbot_data_dir / ("partnerbot" + WORLD_SUFFIX)


def stable_id(prefix: str, name: str) -> str:
    """The same Slack-like id for the same name, run after run."""
    digest = hashlib.sha1(name.encode(), usedforsecurity=False).hexdigest()[:10].upper()
    return prefix + digest


@dataclass
class World:
    """The console workspace's members, channels (name → id) and clock offset."""

    users: list[FakeUser] = field(default_factory=list)
    channels: dict[str, str] = field(default_factory=dict)
    clock_offset_seconds: float = 0.0
    path: Path | None = None

    @classmethod
    def load(cls, path: Path) -> World:
        """The world kept at `path` (an empty one when there is none or it is unreadable)."""
        try:
            raw: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
            users = [FakeUser(**u) for u in raw.get("users") or []]
            channels = {str(k): str(v) for k, v in (raw.get("channels") or {}).items()}
            offset = float(raw.get("clock_offset_seconds") or 0.0)
        except (OSError, ValueError, TypeError):
            return cls(path=path)
        return cls(users, channels, offset, path)

    @property
    def clock_offset(self) -> timedelta:
        """How far the console's clock runs from the real one."""
        return timedelta(seconds=self.clock_offset_seconds)

    def save(self) -> None:
        """Write it (readable by its owner only), replacing the file in one step."""
        if self.path is None:
            return
        data = {
            "users": [asdict(u) for u in self.users],
            "channels": self.channels,
            "clock_offset_seconds": self.clock_offset_seconds,
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_name(self.path.name + ".tmp")
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out, indent=1, ensure_ascii=False)
        partial.replace(self.path)
