"""Configuring installs in many workspaces: the three OAuth settings go together, never with a
single workspace's bot token, and how long an uninstalled workspace's data is kept."""

from __future__ import annotations

import pytest

from bot.config import load_settings

OAUTH = {
    "SLACK_CLIENT_ID": "1111.2222",
    "SLACK_CLIENT_SECRET": "client-secret",
    "SLACK_STATE_SECRET": "a-long-random-state-secret",
}


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (*OAUTH, "SLACK_BOT_TOKEN", "PARTNERBOT_UNINSTALLED_KEEP_DAYS"):
        monkeypatch.delenv(name, raising=False)


def test_oauth_is_on_with_all_three_and_keeps_data_30_days(monkeypatch: pytest.MonkeyPatch) -> None:
    assert not load_settings(None).oauth
    for name, value in OAUTH.items():
        monkeypatch.setenv(name, value)
    settings = load_settings(None)
    assert settings.oauth
    assert settings.has_slack_tokens
    assert settings.partnerbot_uninstalled_keep_days == 30
    monkeypatch.setenv("PARTNERBOT_UNINSTALLED_KEEP_DAYS", "7")
    assert load_settings(None).partnerbot_uninstalled_keep_days == 7


@pytest.mark.parametrize(
    ("env", "says"),
    [
        ({"SLACK_CLIENT_ID": "1111.2222"}, "go together"),
        ({**OAUTH, "SLACK_STATE_SECRET": "short"}, "at least 16"),
        ({**OAUTH, "SLACK_BOT_TOKEN": "xoxb-1"}, "unset one of them"),
        ({"PARTNERBOT_UNINSTALLED_KEEP_DAYS": "-1"}, "PARTNERBOT_UNINSTALLED_KEEP_DAYS"),
    ],
)
def test_a_wrong_combination_exits_2_with_one_line(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    env: dict[str, str],
    says: str,
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(SystemExit) as stopped:
        load_settings(None)
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert says in err
    assert len(err.strip().splitlines()) == 1
