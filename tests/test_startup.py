"""What an administrator sees when partnerbot cannot start (one line, an exit code, no
traceback; transient failures tried again with backoff first), and the quiet log of one that
does."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.config import Settings
from bot.console.localslack import LocalSlack
from bot.preflight import backoff, check_database, check_slack
from storage.migrate import known_revisions, upgrade
from tests.support.cli import clean_env, partnerbot, started
from tests.support.served import free_port

HEAD = known_revisions()[-1]
TOKENS = {"SLACK_BOT_TOKEN": "xoxb-startup-secret-token", "SLACK_SIGNING_SECRET": "shh-signing"}


def slack_env(tmp_path: Path, db_url: str, api_url: str, **extra: str) -> dict[str, str]:
    return clean_env(
        tmp_path,
        **TOKENS,
        SLACK_API_URL=api_url,
        DATABASE_URL=db_url,
        PARTNERBOT_START_RETRY_SECONDS="0",
        **extra,
    )


def one_line_failure(args: tuple[str, ...], env: dict[str, str], cwd: Path) -> tuple[int, str]:
    """Run partnerbot expecting it to refuse to start: (exit code, its one error line)."""
    result = partnerbot(*args, env=env, cwd=cwd)
    errors = [line for line in result.stderr.splitlines() if line.startswith("partnerbot: ")]
    assert len(errors) == 1, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    for secret in TOKENS.values():
        assert secret not in result.stderr + result.stdout
    return result.returncode, errors[0]


@pytest.mark.databases("sqlite")
@pytest.mark.parametrize("args", [("serve",), ("scheduler",), ("jobs", "run")])
def test_slack_unreachable(args: tuple[str, ...], migrated_db_url: str, tmp_path: Path) -> None:
    api_url = f"http://127.0.0.1:{free_port()}/api/"
    code, line = one_line_failure(args, slack_env(tmp_path, migrated_db_url, api_url), tmp_path)
    assert code == 3
    assert line.startswith(f"partnerbot: cannot reach Slack at {api_url} (")
    assert line.endswith(
        "check this machine's network, DNS, proxy and firewall (outgoing HTTPS to slack.com), "
        "then start partnerbot again"
    )


@pytest.mark.databases("sqlite")
def test_bad_app_token_in_socket_mode(
    migrated_db_url: str, slack: LocalSlack, tmp_path: Path
) -> None:
    slack.fail("apps.connections.open", status=200, error="invalid_auth")
    env = slack_env(tmp_path, migrated_db_url, slack.api_url, SLACK_APP_TOKEN="xapp-1-revoked")
    code, line = one_line_failure((), env, tmp_path)
    assert (code, line) == (
        4,
        "partnerbot: SLACK_APP_TOKEN: Slack refused it (invalid_auth); generate an app-level "
        "token (xapp-…) with the connections:write scope on your app's Basic Information page",
    )
    [opened] = slack.calls_to("apps.connections.open")
    assert opened.token == "xapp-1-revoked"


@pytest.mark.databases("sqlite")
def test_bad_token(migrated_db_url: str, slack: LocalSlack, tmp_path: Path) -> None:
    slack.fail("auth.test", status=200, error="invalid_auth")
    env = slack_env(tmp_path, migrated_db_url, slack.api_url, SLACK_APP_TOKEN="xapp-1")
    code, line = one_line_failure((), env, tmp_path)
    assert (code, line) == (
        4,
        "partnerbot: SLACK_BOT_TOKEN: Slack refused it (invalid_auth); copy the Bot User OAuth "
        "Token (xoxb-…) again from your app's Install App page",
    )


def test_database_unreachable(tmp_path: Path, slack: LocalSlack) -> None:
    for db_url in (
        f"postgresql+psycopg://postgres:pw-secret@127.0.0.1:{free_port()}/partnerbot",
        f"sqlite:///{tmp_path / 'no-such-folder' / 'partnerbot.db'}",
    ):
        env = slack_env(tmp_path, db_url, slack.api_url)
        code, line = one_line_failure(("serve",), env, tmp_path)
        assert code == 5
        assert line.startswith("partnerbot: DATABASE_URL: cannot open the database ")
        assert line.endswith("check that it is running and reachable from here")
        assert "pw-secret" not in line
    assert slack.calls_to("auth.test") == []


def test_schema_behind_or_empty(db_url: str, slack: LocalSlack, tmp_path: Path) -> None:
    env = slack_env(tmp_path, db_url, slack.api_url)
    code, line = one_line_failure(("scheduler",), env, tmp_path)
    assert code == 6
    assert line.endswith("has no schema yet; run `partnerbot db upgrade` first")
    upgrade(db_url, "0008")
    code, line = one_line_failure(("serve",), env, tmp_path)
    assert (code, line) == (
        6,
        f"partnerbot: the database is at revision 0008, behind this partnerbot's {HEAD}; back "
        "it up (`partnerbot db backup PATH`), then run `partnerbot db upgrade`",
    )


@pytest.mark.databases("sqlite")
def test_schema_ahead(migrated_db_url: str, slack: LocalSlack, tmp_path: Path) -> None:
    from tests.test_db_cli import set_revision

    set_revision(migrated_db_url, "0099_newer")
    env = slack_env(tmp_path, migrated_db_url, slack.api_url)
    code, line = one_line_failure(("jobs", "run"), env, tmp_path)
    assert code == 7
    assert line.startswith("partnerbot: the database is at revision 0099_newer, newer than this")
    assert f"`partnerbot db downgrade {HEAD}` using the newer version first" in line


def test_backoff_waits_double_up_to_thirty_seconds_within_the_budget() -> None:
    assert list(backoff(0)) == []
    assert list(backoff(7)) == [1, 2, 4]
    assert list(backoff(120)) == [1, 2, 4, 8, 16, 30, 30]


def settings(**values: str) -> Settings:
    return Settings(_env_file=None, **values)  # type: ignore[arg-type]


@pytest.mark.databases("sqlite")
def test_slack_is_tried_again_while_it_answers_503(migrated_db_url: str, slack: LocalSlack) -> None:
    slack.fail("auth.test", status=503, times=2)
    waits: list[float] = []
    given = settings(
        SLACK_BOT_TOKEN="xoxb-1",
        SLACK_API_URL=slack.api_url,
        DATABASE_URL=migrated_db_url,
        PARTNERBOT_START_RETRY_SECONDS="60",
    )
    workspace = check_slack(given, sleep=waits.append)
    assert waits == [1, 2]
    assert workspace.team_id == slack.team_id
    assert len(slack.calls_to("auth.test")) == 3


def test_an_unreachable_database_is_tried_again_then_given_up(
    capsys: pytest.CaptureFixture[str],
) -> None:
    waits: list[float] = []
    given = settings(
        DATABASE_URL=f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/partnerbot",
        PARTNERBOT_START_RETRY_SECONDS="10",
    )
    with pytest.raises(SystemExit) as exited:
        check_database(given, sleep=waits.append)
    assert exited.value.code == 5
    assert waits == [1, 2, 4]
    assert capsys.readouterr().err.startswith("partnerbot: DATABASE_URL: cannot open")


def test_the_log_is_quiet_and_says_what_started(
    migrated_db_url: str, slack: LocalSlack, tmp_path: Path
) -> None:
    env = slack_env(tmp_path, migrated_db_url, slack.api_url)
    process = started("scheduler", env=env, cwd=tmp_path)
    lines: list[str] = []
    try:
        assert process.stdout is not None
        for line in process.stdout:
            lines.append(line)
            if "scheduled run:" in line:
                break
    finally:
        process.terminate()
        process.wait(timeout=30)
    log = "".join(lines)
    assert "apscheduler" not in log
    assert "will be unused" not in log
    for secret in TOKENS.values():
        assert secret not in log
    [summary] = [line for line in lines if " started: " in line]
    kind = "SQLite" if migrated_db_url.startswith("sqlite") else "PostgreSQL postgres@127.0.0.1"
    assert re.search(
        rf"partnerbot \S+ started: scheduler only; {kind}\S* .*\(schema {HEAD}\); "
        rf"workspace \S+ \({slack.team_id}\) as @partnerbot; scheduler in this process; "
        "features: partners, imports, contact_log, ",
        summary,
    ), summary
    assert "no configuration file (" in log
    [run] = [line for line in lines if "scheduled run:" in line]
    assert run.rstrip().endswith(
        "scheduled run: digests: 0 sent, 0 empty (not sent), 0 failed (retried on a later run)"
    )


@pytest.mark.databases("sqlite")
def test_the_console_on_a_newer_schema_is_one_line(migrated_db_url: str, tmp_path: Path) -> None:
    from tests.test_db_cli import set_revision

    set_revision(migrated_db_url, "0099_newer")
    env = clean_env(tmp_path, DATABASE_URL=migrated_db_url, USER="casey")
    code, line = one_line_failure(("console",), env, tmp_path)
    assert code == 7
    assert line.startswith("partnerbot: the database is at revision 0099_newer, newer than this")
