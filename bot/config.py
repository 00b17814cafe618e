"""Settings from environment variables and an optional `.env` file."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, NoReturn
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DATABASE_FILE = "partnerbot.db"


def default_data_dir() -> Path:
    """Where partnerbot keeps its SQLite database unless told otherwise: `$XDG_DATA_HOME/
    partnerbot`, else `~/.local/share/partnerbot` — one fixed place, wherever it is started."""
    xdg = os.environ.get("XDG_DATA_HOME", "").strip()
    base = Path(xdg) if xdg else Path.home() / ".local" / "share"
    return base / "partnerbot"


def sqlite_url(path: Path) -> str:
    """The SQLAlchemy URL of a SQLite file."""
    return f"sqlite:///{path}"


class Settings(BaseSettings):
    """Everything an operator can configure. Each field is read from the env var of its name."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False
    )

    slack_bot_token: str | None = Field(default=None, validation_alias="SLACK_BOT_TOKEN")
    slack_signing_secret: str | None = Field(default=None, validation_alias="SLACK_SIGNING_SECRET")
    slack_app_token: str | None = Field(default=None, validation_alias="SLACK_APP_TOKEN")
    slack_api_url: str | None = Field(default=None, validation_alias="SLACK_API_URL")
    partnerbot_data_dir: Path = Field(
        default_factory=default_data_dir, validation_alias="PARTNERBOT_DATA_DIR"
    )
    database_url: str = Field(default="", validation_alias="DATABASE_URL")
    partnerbot_timezone: str = Field(
        default="America/Chicago", validation_alias="PARTNERBOT_TIMEZONE"
    )
    partnerbot_recent_contact_days: int = Field(
        default=14, validation_alias="PARTNERBOT_RECENT_CONTACT_DAYS"
    )
    partnerbot_send_workers: int = Field(default=16, validation_alias="PARTNERBOT_SEND_WORKERS")
    partnerbot_stop_seconds: int = Field(default=20, validation_alias="PARTNERBOT_STOP_SECONDS")
    partnerbot_start_retry_seconds: int = Field(
        default=60, validation_alias="PARTNERBOT_START_RETRY_SECONDS"
    )
    partnerbot_calendar_hosts: Annotated[frozenset[str], NoDecode] = Field(
        default=frozenset(), validation_alias="PARTNERBOT_CALENDAR_HOSTS"
    )
    partnerbot_calendar_dir: Path | None = Field(
        default=None, validation_alias="PARTNERBOT_CALENDAR_DIR"
    )
    # Installing in many workspaces (OAuth): all three set, or none.
    slack_client_id: str | None = Field(default=None, validation_alias="SLACK_CLIENT_ID")
    slack_client_secret: str | None = Field(default=None, validation_alias="SLACK_CLIENT_SECRET")
    slack_state_secret: str | None = Field(default=None, validation_alias="SLACK_STATE_SECRET")
    partnerbot_uninstalled_keep_days: int = Field(
        default=30, ge=0, le=3650, validation_alias="PARTNERBOT_UNINSTALLED_KEEP_DAYS"
    )

    @field_validator("slack_client_id", "slack_client_secret", "slack_state_secret")
    @classmethod
    def _oauth_blank_is_unset(cls, value: str | None) -> str | None:
        return value.strip() or None if value is not None else None

    @model_validator(mode="after")
    def _oauth_all_or_none(self) -> Settings:
        given = [self.slack_client_id, self.slack_client_secret, self.slack_state_secret]
        if any(given) and not all(given):
            raise ValueError(
                "SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET go together: set "
                "all three to install in many workspaces (OAuth), or none"
            )
        if all(given) and self.slack_bot_token:
            raise ValueError(
                "SLACK_BOT_TOKEN is for one workspace; with OAuth (SLACK_CLIENT_ID…) each "
                "workspace's token comes from its install: unset one of them"
            )
        if self.slack_state_secret is not None and len(self.slack_state_secret) < 16:
            raise ValueError("SLACK_STATE_SECRET must be at least 16 characters (random)")
        return self

    @property
    def oauth(self) -> bool:
        """True when workspaces install partnerbot through Slack's OAuth flow."""
        return self.slack_client_id is not None

    partnerbot_metrics_port: int | None = Field(
        default=None, validation_alias="PARTNERBOT_METRICS_PORT"
    )
    partnerbot_metrics_host: str = Field(
        default="127.0.0.1", validation_alias="PARTNERBOT_METRICS_HOST"
    )
    partnerbot_sentry_dsn: str | None = Field(
        default=None, validation_alias="PARTNERBOT_SENTRY_DSN"
    )

    @field_validator("slack_bot_token", "slack_signing_secret", "slack_app_token", "slack_api_url")
    @classmethod
    def _blank_is_unset(cls, value: str | None) -> str | None:
        return value.strip() or None if value is not None else None

    @field_validator("slack_bot_token")
    @classmethod
    def _bot_token_shape(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith("xoxb-"):
            raise ValueError("must be a bot token starting with 'xoxb-'")
        return value

    @field_validator("slack_app_token")
    @classmethod
    def _app_token_shape(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith("xapp-"):
            raise ValueError("must be an app-level token starting with 'xapp-'")
        return value

    @field_validator("slack_api_url")
    @classmethod
    def _api_url_shape(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if not value.startswith(("http://", "https://")):
            raise ValueError("must be an http(s) URL such as http://127.0.0.1:9999/api/")
        return value if value.endswith("/") else value + "/"

    @field_validator("database_url")
    @classmethod
    def _database_url_shape(cls, value: str) -> str:
        value = value.strip()
        if not value:
            return ""  # the SQLite file in the data directory (filled in below)
        if not value.startswith(("sqlite", "postgresql")):
            raise ValueError(
                "must start with sqlite:/// or postgresql+psycopg:// "
                "(e.g. postgresql+psycopg://user:pass@host/partnerbot)"
            )
        if value.startswith(("postgresql://", "postgres://")):
            value = "postgresql+psycopg://" + value.split("://", 1)[1]
        return value

    @field_validator("partnerbot_timezone")
    @classmethod
    def _timezone_exists(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"unknown time zone {value!r}; use an IANA name like America/Chicago"
            ) from None
        return value

    @field_validator("partnerbot_recent_contact_days", mode="before")
    @classmethod
    def _days_in_range(cls, value: object) -> int:
        text = str(value).strip()
        if not text.isdigit() or int(text) > 365:
            raise ValueError(
                f"must be a whole number of days from 0 (no heads-up) to 365, not {text!r}"
            )
        return int(text)

    @field_validator("partnerbot_send_workers", mode="before")
    @classmethod
    def _workers_in_range(cls, value: object) -> int:
        text = str(value).strip()
        if not text.isdigit() or not 1 <= int(text) <= 32:
            raise ValueError(f"must be a whole number of parallel posts from 1 to 32, not {text!r}")
        return int(text)

    @field_validator("partnerbot_stop_seconds", mode="before")
    @classmethod
    def _stop_in_range(cls, value: object) -> int:
        text = str(value).strip()
        if not text.isdigit() or not 1 <= int(text) <= 120:
            raise ValueError(f"must be a whole number of seconds from 1 to 120, not {text!r}")
        return int(text)

    @field_validator("partnerbot_start_retry_seconds", mode="before")
    @classmethod
    def _retry_in_range(cls, value: object) -> int:
        text = str(value).strip()
        if not text.isdigit() or int(text) > 3600:
            raise ValueError(f"must be a whole number of seconds from 0 to 3600, not {text!r}")
        return int(text)

    @field_validator("partnerbot_metrics_port", "partnerbot_sentry_dsn", mode="before")
    @classmethod
    def _blank_means_off(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("partnerbot_metrics_port")
    @classmethod
    def _port_in_range(cls, value: int | None) -> int | None:
        if value is not None and not 1 <= value <= 65535:
            raise ValueError(f"a port from 1 to 65535 (or unset for no metrics port), not {value}")
        return value

    @field_validator("partnerbot_calendar_hosts", mode="before")
    @classmethod
    def _host_names(cls, value: object) -> frozenset[str]:
        """Comma-separated host names, lower-case; blank is none."""
        names = value.split(",") if isinstance(value, str) else value
        if not isinstance(names, list | tuple | set | frozenset):
            raise ValueError("must be comma-separated host names")
        return frozenset(n.strip().lower().rstrip(".") for n in map(str, names) if n.strip())

    @field_validator("partnerbot_data_dir")
    @classmethod
    def _absolute_data_dir(cls, value: Path) -> Path:
        return value.expanduser().absolute()

    @field_validator("partnerbot_calendar_dir", mode="before")
    @classmethod
    def _calendar_dir(cls, value: object) -> Path | None:
        """An existing folder (symlinks resolved); blank is none."""
        if value is None or not str(value).strip():
            return None
        folder = Path(str(value).strip()).expanduser().resolve()
        if not folder.is_dir():
            raise ValueError(f"must be an existing folder, not {str(value)!r}")
        return folder

    @model_validator(mode="after")
    def _default_database(self) -> Settings:
        if not self.database_url:
            self.database_url = sqlite_url(self.partnerbot_data_dir / DATABASE_FILE)
        return self

    @property
    def uses_data_dir(self) -> bool:
        """True when the database is the SQLite file in the data directory."""
        return self.database_url == sqlite_url(self.partnerbot_data_dir / DATABASE_FILE)

    @property
    def has_slack_tokens(self) -> bool:
        """True when the bot can talk to a real workspace (a bot token, or OAuth installs)."""
        return self.slack_bot_token is not None or self.oauth


EXIT_USAGE = 2
"""A bad command line or configuration value, or a refused database command."""
EXIT_SLACK_UNREACHABLE = 3
"""Slack's Web API could not be reached at start-up (after retrying)."""
EXIT_SLACK_TOKEN = 4
"""Slack refused SLACK_BOT_TOKEN (invalid_auth, revoked…)."""
EXIT_DATABASE_UNREACHABLE = 5
"""The database could not be opened (after retrying at start-up)."""
EXIT_SCHEMA_BEHIND = 6
"""The database has no schema yet, or an older one: `partnerbot db upgrade`."""
EXIT_SCHEMA_AHEAD = 7
"""The database was migrated by a newer version than this one."""


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    """Print one clear line to stderr and exit with `code` (by default 2, a usage or
    configuration error)."""
    print(f"partnerbot: {message}", file=sys.stderr)
    raise SystemExit(code)


def load_settings(env_file: Path | None = Path(".env")) -> Settings:
    """Read settings; a bad value exits with one line naming the variable (exit status 2)."""
    try:
        return Settings(_env_file=env_file)
    except ValidationError as exc:
        first = exc.errors()[0]
        name = str(first["loc"][0]).upper() if first["loc"] else "configuration"
        reason = str(first["msg"]).removeprefix("Value error, ")
        fail(f"{name}: {reason}")


def prepare_data_dir(settings: Settings, *, cwd: Path | None = None) -> None:
    """Create the data directory (readable by its owner only) when the database lives there,
    and warn about a database left where older versions kept it (the working directory)."""
    if not settings.uses_data_dir:
        return
    settings.partnerbot_data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    old = (cwd or Path.cwd()) / DATABASE_FILE
    new = settings.partnerbot_data_dir / DATABASE_FILE
    if old.exists() and old.resolve() != new.resolve():
        print(
            f"partnerbot: warning: {old} is not used; the database is {new}. Move it there "
            f"(with its -wal file) or set DATABASE_URL={sqlite_url(old)} to keep using it.",
            file=sys.stderr,
        )
