"""Events API bodies (https://api.slack.com/apis/events-api#callback-field): the
`event_callback` envelope and the events partnerbot listens to."""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from typing import Any

from bot.console.payloads.workspace import (
    API_APP_ID,
    BOT_USER_ID,
    VERIFICATION_TOKEN,
    Payload,
    Workspace,
)


def event_body(
    event: Mapping[str, Any],
    *,
    team_id: str,
    event_id: str,
    event_time: int | None = None,
    api_app_id: str = API_APP_ID,
    bot_user_id: str = BOT_USER_ID,
    token: str = VERIFICATION_TOKEN,
) -> str:
    """The JSON `event_callback` envelope the Events API posts around `event`."""
    return json.dumps(
        {
            "token": token,
            "team_id": team_id,
            "api_app_id": api_app_id,
            "event": dict(event),
            "type": "event_callback",
            "event_id": event_id,
            "event_time": int(time.time()) if event_time is None else event_time,
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


def app_home_opened(user_id: str, *, event_ts: str, tab: str = "home") -> Payload:
    """The `app_home_opened` event: `user_id` opened the app's Home (or Messages) tab."""
    return {
        "type": "app_home_opened",
        "user": user_id,
        "channel": "D" + user_id[1:],
        "tab": tab,
        "event_ts": event_ts,
    }


def file_shared_in_dm(user_id: str, shared: Mapping[str, Any], *, ts: str) -> Payload:
    """A `message` event of subtype `file_share`: `user_id` sent the bot a file in their DM."""
    return {
        "type": "message",
        "subtype": "file_share",
        "text": "",
        "user": user_id,
        "channel": "D" + user_id,
        "channel_type": "im",
        "ts": ts,
        "event_ts": ts,
        "files": [dict(shared)],
        "upload": False,
    }


def user_change(user: Mapping[str, Any], *, event_ts: str) -> Payload:
    """The `user_change` event: a member's profile changed (or they were deactivated, with
    `"deleted": true`); `user` is the full user object, as users.info returns it."""
    return {
        "type": "user_change",
        "user": dict(user),
        "cache_ts": int(float(event_ts)),
        "event_ts": event_ts,
    }


def event_request(
    workspace: Workspace, event: Mapping[str, Any], *, event_id: str, event_time: int | None = None
) -> str:
    """`event_body` for `workspace`."""
    return event_body(
        event,
        team_id=workspace.team_id,
        event_id=event_id,
        event_time=event_time,
        api_app_id=workspace.api_app_id,
        bot_user_id=workspace.bot_user_id,
        token=workspace.token,
    )
