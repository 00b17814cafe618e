"""Sign requests and build request bodies exactly as Slack sends them to an app.

See https://api.slack.com/authentication/verifying-requests-from-slack for the signature,
https://api.slack.com/interactivity/slash-commands for slash command fields,
https://api.slack.com/reference/interaction-payloads for interactivity, and
https://api.slack.com/apis/events-api#callback-field for the event envelope.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import time
from typing import Any
from urllib.parse import urlencode

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"
VERIFICATION_TOKEN = "legacy-verification-token"
API_APP_ID = "A0001"
TEAM_DOMAIN = "partnerbot-local"

_triggers = itertools.count(1)


def signature(secret: str, body: str, timestamp: int) -> str:
    """Slack's `v0=` signature: HMAC-SHA256 hex of `v0:{timestamp}:{body}` keyed by `secret`."""
    base = f"v0:{timestamp}:{body}".encode()
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def signed_headers(
    secret: str, body: str, *, timestamp: int | None = None, content_type: str = FORM
) -> dict[str, str]:
    """Content-Type, X-Slack-Request-Timestamp and X-Slack-Signature for `body`."""
    ts = int(time.time()) if timestamp is None else timestamp
    return {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": str(ts),
        "X-Slack-Signature": signature(secret, body, ts),
    }


def new_trigger_id() -> str:
    """A unique trigger_id shaped like Slack's."""
    return f"{next(_triggers)}.1763900000.0123456789abcdef0123456789abcdef"


def slash_command_body(
    command: str,
    text: str,
    *,
    user_id: str,
    team_id: str,
    channel_id: str = "C0001",
    response_url: str,
    trigger_id: str | None = None,
    user_name: str | None = None,
    channel_name: str = "cte-team",
    team_domain: str = TEAM_DOMAIN,
    api_app_id: str = API_APP_ID,
    token: str = VERIFICATION_TOKEN,
) -> str:
    """The form-encoded body Slack posts for a slash command."""
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
            "trigger_id": trigger_id or new_trigger_id(),
        }
    )


def interactive_body(payload: dict[str, Any]) -> str:
    """The form-encoded body Slack posts for interactivity: `payload=<json>`."""
    return urlencode({"payload": json.dumps(payload, ensure_ascii=False)})


def event_body(
    event: dict[str, Any],
    *,
    team_id: str,
    event_id: str,
    event_time: int | None = None,
    api_app_id: str = API_APP_ID,
    bot_user_id: str = "UBOT",
    token: str = VERIFICATION_TOKEN,
) -> str:
    """The JSON `event_callback` envelope the Events API posts around `event`."""
    when = int(time.time()) if event_time is None else event_time
    return json.dumps(
        {
            "token": token,
            "team_id": team_id,
            "api_app_id": api_app_id,
            "event": event,
            "type": "event_callback",
            "event_id": event_id,
            "event_time": when,
            "authorizations": [
                {
                    "enterprise_id": None,
                    "team_id": team_id,
                    "user_id": bot_user_id,
                    "is_bot": True,
                    "is_enterprise_install": False,
                }
            ],
            "is_ext_shared_channel": False,
            "event_context": f"4-{event_id}",
        },
        ensure_ascii=False,
    )
