"""The form-encoded body Slack posts for a slash command
(https://api.slack.com/interactivity/slash-commands)."""

from __future__ import annotations

from urllib.parse import urlencode

from bot.console.payloads.workspace import API_APP_ID, TEAM_DOMAIN, VERIFICATION_TOKEN, Ids

_ids = Ids()


def slash_command_body(
    command: str,
    text: str,
    *,
    user_id: str,
    team_id: str,
    response_url: str,
    channel_id: str = "C0001",
    trigger_id: str | None = None,
    user_name: str | None = None,
    channel_name: str = "cte-team",
    team_domain: str = TEAM_DOMAIN,
    api_app_id: str = API_APP_ID,
    token: str = VERIFICATION_TOKEN,
) -> str:
    """The form-encoded body Slack posts for a slash command (`text` as Slack escapes it, e.g.
    `<@U123|maria>` for a mention)."""
    return urlencode(
        {
            "token": token,
            "team_id": team_id,
            "team_domain": team_domain,
            "channel_id": channel_id,
            "channel_name": channel_name,
            "user_id": user_id,
            "user_name": user_name or user_id.lower(),
            "command": command,
            "text": text,
            "api_app_id": api_app_id,
            "is_enterprise_install": "false",
            "response_url": response_url,
            "trigger_id": trigger_id or _ids.trigger_id(),
        }
    )
