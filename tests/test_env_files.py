"""Where partnerbot finds its configuration, wherever it is started from (cron, systemd, a
shell in another folder): --env-file, PARTNERBOT_ENV_FILE, the system-wide file, ./.env."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.console.localslack import LocalSlack
from tests.support.cli import clean_env, partnerbot

pytestmark = pytest.mark.databases("sqlite")


def write_env(path: Path, db_url: str, slack: LocalSlack, *, mode: int = 0o600) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "SLACK_BOT_TOKEN=xoxb-from-file\n"
        "SLACK_SIGNING_SECRET=file-secret\n"
        f"SLACK_API_URL={slack.api_url}\n"
        f"DATABASE_URL={db_url}\n"
        "PARTNERBOT_START_RETRY_SECONDS=0\n"
    )
    path.chmod(mode)
    return path


def jobs_run(env: dict[str, str], cwd: Path, *args: str) -> tuple[int, str]:
    result = partnerbot(*args, "jobs", "run", env=env, cwd=cwd)
    return result.returncode, result.stdout + result.stderr


def test_the_system_file_is_read_from_any_folder(
    migrated_db_url: str, slack: LocalSlack, tmp_path: Path
) -> None:
    system = write_env(tmp_path / "etc" / "partnerbot.env", migrated_db_url, slack)
    env = clean_env(tmp_path, PARTNERBOT_SYSTEM_ENV_FILE=str(system))
    code, out = jobs_run(env, Path("/"))
    assert code == 0, out
    assert f"configuration read from {system}" in out
    assert "partnerbot: digests: 0 sent" in out
    assert {c.token for c in slack.calls_to("auth.test")} == {"xoxb-from-file"}
    assert "readable by group or others" not in out


def test_an_explicit_file_wins_over_the_others(
    migrated_db_url: str, slack: LocalSlack, tmp_path: Path
) -> None:
    system = write_env(tmp_path / "etc" / "partnerbot.env", "sqlite:////nowhere/x.db", slack)
    write_env(tmp_path / ".env", "sqlite:////nowhere/y.db", slack)
    chosen = write_env(tmp_path / "chosen.env", migrated_db_url, slack)
    env = clean_env(tmp_path, PARTNERBOT_SYSTEM_ENV_FILE=str(system))
    code, out = jobs_run(env, tmp_path, "--env-file", str(chosen))
    assert code == 0, out
    assert f"configuration read from {chosen}" in out
    env["PARTNERBOT_ENV_FILE"] = str(chosen)
    code, out = jobs_run(env, tmp_path)
    assert code == 0, out
    assert f"configuration read from {chosen}" in out


def test_the_system_file_wins_over_dot_env_and_dot_env_is_last(
    migrated_db_url: str, slack: LocalSlack, tmp_path: Path
) -> None:
    system = write_env(tmp_path / "etc" / "partnerbot.env", migrated_db_url, slack)
    local = write_env(tmp_path / ".env", "sqlite:////nowhere/y.db", slack)
    env = clean_env(tmp_path, PARTNERBOT_SYSTEM_ENV_FILE=str(system))
    code, out = jobs_run(env, tmp_path)
    assert (code, f"configuration read from {system}" in out) == (0, True), out
    system.unlink()
    write_env(local, migrated_db_url, slack)
    code, out = jobs_run(env, tmp_path)
    assert (code, f"configuration read from {local}" in out) == (0, True), out


def test_a_missing_explicit_file_is_one_line(tmp_path: Path) -> None:
    env = clean_env(tmp_path)
    result = partnerbot(
        "--env-file", str(tmp_path / "nope.env"), "jobs", "run", env=env, cwd=tmp_path
    )
    assert (result.returncode, result.stderr.strip()) == (
        2,
        f"partnerbot: --env-file: {tmp_path / 'nope.env'}: no such file",
    )
    env["PARTNERBOT_ENV_FILE"] = str(tmp_path / "gone.env")
    result = partnerbot("jobs", "run", env=env, cwd=tmp_path)
    assert (result.returncode, result.stderr.strip()) == (
        2,
        f"partnerbot: PARTNERBOT_ENV_FILE: {tmp_path / 'gone.env'}: no such file",
    )


def test_a_file_with_tokens_that_others_can_read_is_warned_about(
    migrated_db_url: str, slack: LocalSlack, tmp_path: Path
) -> None:
    loose = write_env(tmp_path / "loose.env", migrated_db_url, slack, mode=0o644)
    code, out = jobs_run(clean_env(tmp_path), tmp_path, "--env-file", str(loose))
    assert code == 0, out
    assert (
        f"WARNING partnerbot: {loose} holds SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET and is "
        f"readable by group or others (mode 0644); make it readable by its owner only: "
        f"chmod 600 {loose}"
    ) in out
    assert "xoxb-from-file" not in out
    harmless = tmp_path / "harmless.env"
    harmless.write_text("PARTNERBOT_TIMEZONE=America/Denver\n")
    harmless.chmod(0o644)
    result = partnerbot(
        "--env-file", str(harmless), "db", "current", env=clean_env(tmp_path), cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert "readable by group or others" not in result.stderr


def test_no_configuration_anywhere_starts_the_console_and_says_so(tmp_path: Path) -> None:
    env = clean_env(tmp_path, USER="casey")
    result = partnerbot(env=env, cwd=tmp_path, stdin="/partner add Acme Health\n")
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[0] == (
        "partnerbot: no configuration found (looked for PARTNERBOT_ENV_FILE, "
        f"{tmp_path / 'no-such-system.env'}, {tmp_path / '.env'} and SLACK_BOT_TOKEN): "
        "starting the local console"
    )
    assert "Added *Acme Health*" in result.stdout


def test_a_configuration_file_without_a_bot_token_does_not_open_the_console(
    tmp_path: Path,
) -> None:
    (tmp_path / ".env").write_text("PARTNERBOT_TIMEZONE=America/Denver\n")
    result = partnerbot(env=clean_env(tmp_path), cwd=tmp_path, stdin="/partner add Acme\n")
    assert (result.returncode, result.stderr.strip()) == (
        2,
        f"partnerbot: {tmp_path / '.env'} sets no SLACK_BOT_TOKEN; set it to connect to Slack, "
        "or run `partnerbot console` to try partnerbot locally",
    )
    assert "Added" not in result.stdout
    asked = partnerbot(
        "console", env=clean_env(tmp_path, USER="casey"), cwd=tmp_path, stdin="/partner add Acme\n"
    )
    assert asked.returncode == 0, asked.stderr
    assert "Added *Acme*" in asked.stdout
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    half = partnerbot(env=clean_env(elsewhere, SLACK_APP_TOKEN="xapp-1"), cwd=elsewhere)
    assert (half.returncode, half.stderr.strip()) == (
        2,
        "partnerbot: the environment sets no SLACK_BOT_TOKEN; set it to connect to Slack, "
        "or run `partnerbot console` to try partnerbot locally",
    )
