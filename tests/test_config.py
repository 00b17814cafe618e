"""Configuration from the environment: defaults, and one clear line for a bad value."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import Settings, load_settings, prepare_data_dir

VARIABLES = (
    "SLACK_BOT_TOKEN",
    "SLACK_SIGNING_SECRET",
    "SLACK_APP_TOKEN",
    "SLACK_API_URL",
    "DATABASE_URL",
    "PARTNERBOT_TIMEZONE",
    "PARTNERBOT_RECENT_CONTACT_DAYS",
    "PARTNERBOT_SEND_WORKERS",
    "PARTNERBOT_DATA_DIR",
    "XDG_DATA_HOME",
)


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)


def test_defaults() -> None:
    settings = load_settings(None)
    assert settings.database_url == f"sqlite:///{Path.home()}/.local/share/partnerbot/partnerbot.db"
    assert settings.partnerbot_timezone == "America/Chicago"
    assert settings.partnerbot_recent_contact_days == 14
    assert settings.partnerbot_send_workers == 16
    assert not settings.has_slack_tokens


def test_values_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1")
    monkeypatch.setenv("SLACK_API_URL", "http://127.0.0.1:9999/api")
    monkeypatch.setenv("DATABASE_URL", "postgresql://u:p@db/partnerbot")
    monkeypatch.setenv("PARTNERBOT_TIMEZONE", "America/Denver")
    monkeypatch.setenv("PARTNERBOT_RECENT_CONTACT_DAYS", " 30 ")
    monkeypatch.setenv("PARTNERBOT_SEND_WORKERS", "4")
    settings = load_settings(None)
    assert settings.partnerbot_recent_contact_days == 30
    assert settings.partnerbot_send_workers == 4
    assert settings.has_slack_tokens
    assert settings.slack_api_url == "http://127.0.0.1:9999/api/"
    assert settings.database_url == "postgresql+psycopg://u:p@db/partnerbot"
    assert settings.partnerbot_timezone == "America/Denver"


def test_dotenv_file_is_read(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_text("PARTNERBOT_TIMEZONE=Europe/London\n")
    assert load_settings(env).partnerbot_timezone == "Europe/London"


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("PARTNERBOT_TIMEZONE", "Mars/Base", "PARTNERBOT_TIMEZONE: unknown time zone 'Mars/Base'"),
        ("SLACK_BOT_TOKEN", "xoxp-user", "SLACK_BOT_TOKEN: must be a bot token starting with"),
        ("SLACK_APP_TOKEN", "xoxb-1", "SLACK_APP_TOKEN: must be an app-level token"),
        ("SLACK_API_URL", "slack.example", "SLACK_API_URL: must be an http(s) URL"),
        (
            "PARTNERBOT_RECENT_CONTACT_DAYS",
            "two weeks",
            "PARTNERBOT_RECENT_CONTACT_DAYS: must be a whole",
        ),
        ("PARTNERBOT_RECENT_CONTACT_DAYS", "-1", "PARTNERBOT_RECENT_CONTACT_DAYS: must be a whole"),
        (
            "PARTNERBOT_RECENT_CONTACT_DAYS",
            "400",
            "PARTNERBOT_RECENT_CONTACT_DAYS: must be a whole",
        ),
        ("DATABASE_URL", "mysql://x", "DATABASE_URL: must start with sqlite:/// or postgresql"),
        ("PARTNERBOT_SEND_WORKERS", "0", "PARTNERBOT_SEND_WORKERS: must be a whole number"),
        ("PARTNERBOT_SEND_WORKERS", "64", "PARTNERBOT_SEND_WORKERS: must be a whole number"),
        (
            "PARTNERBOT_START_RETRY_SECONDS",
            "soon",
            "PARTNERBOT_START_RETRY_SECONDS: must be a whole number of seconds from 0 to 3600",
        ),
    ],
)
def test_bad_value_exits_2_with_one_line(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    name: str,
    value: str,
    message: str,
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(SystemExit) as exited:
        load_settings(None)
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert err.startswith(f"partnerbot: {message}")


def test_settings_can_be_built_in_code() -> None:
    settings = Settings(SLACK_BOT_TOKEN="xoxb-2", _env_file=None)
    assert settings.slack_bot_token == "xoxb-2"


def test_the_sqlite_file_has_one_place_wherever_partnerbot_starts(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PARTNERBOT_DATA_DIR", str(tmp_path / "data"))
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "partnerbot.db").write_bytes(b"")
    settings = load_settings(None)
    assert settings.database_url == f"sqlite:///{tmp_path}/data/partnerbot.db"
    prepare_data_dir(settings, cwd=tmp_path / "elsewhere")
    assert (tmp_path / "data").is_dir()
    assert f"{tmp_path}/elsewhere/partnerbot.db is not used" in capsys.readouterr().err
    monkeypatch.delenv("PARTNERBOT_DATA_DIR")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert load_settings(None).database_url == f"sqlite:///{tmp_path}/xdg/partnerbot/partnerbot.db"
