"""manifest.yml and the registered listeners describe the same app."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

import handlers
from tests.support.slackapp import Bot

MANIFEST = Path(__file__).resolve().parent.parent / "manifest.yml"

# The manifest does not depend on the database engine.
pytestmark = pytest.mark.databases("sqlite")


def manifest() -> dict[str, Any]:
    loaded = yaml.safe_load(MANIFEST.read_text())
    assert isinstance(loaded, dict)
    return loaded


def test_every_manifest_command_is_handled(bot: Bot) -> None:
    commands = [c["command"] for c in manifest()["features"]["slash_commands"]]
    assert sorted(commands) == sorted(handlers.SLASH_COMMANDS)
    for command in commands:
        reply = bot.command(command, "help")
        assert reply.status == 200, command
        assert reply.body.get("response_type") == "ephemeral", command


def test_shortcuts_and_events_match() -> None:
    features = manifest()["features"]
    callbacks = sorted(s["callback_id"] for s in features.get("shortcuts") or [])
    assert callbacks == sorted(handlers.SHORTCUTS)
    events = sorted(manifest()["settings"]["event_subscriptions"]["bot_events"])
    assert events == sorted(handlers.EVENTS)


def test_manifest_is_ready_for_socket_mode_and_interactivity() -> None:
    settings = manifest()["settings"]
    assert settings["socket_mode_enabled"] is True
    assert settings["interactivity"]["is_enabled"] is True
    scopes = manifest()["oauth_config"]["scopes"]["bot"]
    assert {"commands", "chat:write", "im:write", "users:read"} <= set(scopes)
    for command in manifest()["features"]["slash_commands"]:
        assert command["should_escape"] is True, "mentions must arrive as <@U…|name>"


DISTRIBUTION = MANIFEST.with_name("manifest-distribution.yml")


def test_the_distribution_manifest_is_the_same_app_over_https_with_oauth() -> None:
    from bot.oauth import BOT_SCOPES

    shared = manifest()
    spread = yaml.safe_load(DISTRIBUTION.read_text())
    for part in ("display_information",):
        assert spread[part] == shared[part]
    strip = [
        {k: v for k, v in c.items() if k != "url"} for c in spread["features"]["slash_commands"]
    ]
    assert strip == shared["features"]["slash_commands"]
    assert spread["features"]["shortcuts"] == shared["features"]["shortcuts"]
    assert spread["settings"]["event_subscriptions"]["bot_events"] == sorted(handlers.EVENTS)
    assert spread["oauth_config"]["scopes"] == shared["oauth_config"]["scopes"]
    assert list(BOT_SCOPES) == shared["oauth_config"]["scopes"]["bot"]  # what installs ask for
    settings = spread["settings"]
    assert settings["socket_mode_enabled"] is False
    assert settings["token_rotation_enabled"] is True
    assert settings["org_deploy_enabled"] is True
    urls = [c["url"] for c in spread["features"]["slash_commands"]]
    urls += [
        settings["event_subscriptions"]["request_url"],
        settings["interactivity"]["request_url"],
    ]
    assert {u.rsplit("/", 2)[-2:][0] + "/" + u.rsplit("/", 1)[-1] for u in urls} == {"slack/events"}
    [redirect] = spread["oauth_config"]["redirect_urls"]
    assert redirect.endswith("/slack/oauth_redirect")


HTTP_MANIFEST = MANIFEST.with_name("manifest.http.yml")
PLACEHOLDER_URL = "https://partnerbot.example.org/slack/events"


def http_manifest() -> dict[str, Any]:
    loaded = yaml.safe_load(HTTP_MANIFEST.read_text())
    assert isinstance(loaded, dict)
    return loaded


def _without_urls(value: Any) -> Any:
    """The manifest minus what only HTTP mode has (request URLs) and the transport switch."""
    if isinstance(value, dict):
        return {
            key: _without_urls(item)
            for key, item in value.items()
            if key not in ("url", "request_url", "message_menu_options_url", "socket_mode_enabled")
        }
    if isinstance(value, list):
        return [_without_urls(item) for item in value]
    return value


def test_the_http_manifest_asks_for_the_same_app_as_the_socket_mode_one() -> None:
    # The same commands, shortcuts, events, scopes, Home tab and texts: only the transport differs.
    assert _without_urls(http_manifest()) == _without_urls(manifest())
    features = http_manifest()["features"]
    assert sorted(c["command"] for c in features["slash_commands"]) == sorted(
        handlers.SLASH_COMMANDS
    )
    assert sorted(s["callback_id"] for s in features["shortcuts"]) == sorted(handlers.SHORTCUTS)
    events = http_manifest()["settings"]["event_subscriptions"]["bot_events"]
    assert sorted(events) == sorted(handlers.EVENTS)


def test_the_http_manifest_sends_everything_to_slack_events_on_the_placeholder_host() -> None:
    from bot.http import EVENTS_PATH

    assert PLACEHOLDER_URL.endswith(EVENTS_PATH)
    loaded = http_manifest()
    settings = loaded["settings"]
    assert settings["socket_mode_enabled"] is False
    urls = [c["url"] for c in loaded["features"]["slash_commands"]]
    urls.append(settings["event_subscriptions"]["request_url"])
    # Shortcuts, buttons and forms come through Interactivity's URL.
    urls.append(settings["interactivity"]["request_url"])
    urls.append(settings["interactivity"]["message_menu_options_url"])
    assert urls == [PLACEHOLDER_URL] * (len(handlers.SLASH_COMMANDS) + 3)
    # The header says how to put your own host in, everywhere at once.
    assert "sed 's/partnerbot.example.org/" in HTTP_MANIFEST.read_text()
