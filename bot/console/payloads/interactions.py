"""Interaction payloads (https://api.slack.com/reference/interaction-payloads): `block_actions`,
`view_submission`, `block_suggestion`, `message_action`, `shortcut`, and their parts."""

from __future__ import annotations

import json
import time
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlencode

from bot.console.payloads.workspace import BOT_USER_ID, Payload, Workspace


def interactive_body(payload: Mapping[str, Any]) -> str:
    """The form-encoded body Slack posts for interactivity: `payload=<json>`."""
    return urlencode({"payload": json.dumps(payload, ensure_ascii=False)})


def ephemeral_container(channel_id: str) -> Payload:
    """The `container` of an element pressed in an ephemeral message (or a command's reply)."""
    return {"type": "message", "message_ts": "0", "channel_id": channel_id, "is_ephemeral": True}


def message_container(channel_id: str, ts: str) -> Payload:
    """The `container` of an element pressed in a message the app posted."""
    return {"type": "message", "message_ts": ts, "channel_id": channel_id, "is_ephemeral": False}


def view_container(view_id: str) -> Payload:
    """The `container` of an element pressed in a modal or the App Home."""
    return {"type": "view", "view_id": view_id}


def find_element(
    blocks: Sequence[Mapping[str, Any]], action_id: str, value: str | None = None
) -> tuple[Payload, str]:
    """The first button or select (in an actions block or as a section's accessory) whose
    action_id starts with `action_id` (and whose value is `value`), with its block_id."""
    for block in blocks:
        candidates = list(block.get("elements") or [])
        if block.get("accessory"):
            candidates.append(block["accessory"])
        for element in candidates:
            if str(element.get("action_id", "")).startswith(action_id) and (
                value is None or element.get("value") == value
            ):
                return dict(element), str(block.get("block_id", ""))
    raise LookupError(f"no element {action_id!r} in {json.dumps(blocks)[:500]}")


def action(
    element: Mapping[str, Any],
    block_id: str,
    *,
    action_ts: str,
    selected_option: Mapping[str, Any] | None = None,
    selected_user: str | None = None,
    selected_date: str | None = None,
) -> Payload:
    """One entry of `block_actions.actions`: what pressing `element` (or picking in it) sends.

    A button sends its text and value; a static/external select or an overflow menu sends
    `selected_option`, a users select `selected_user`, a datepicker `selected_date`."""
    kind = str(element.get("type", ""))
    sent: Payload = {
        "type": kind,
        "action_id": element.get("action_id"),
        "block_id": block_id,
        "action_ts": action_ts,
    }
    if kind == "button":
        sent["text"] = element.get("text")
        if "value" in element:
            sent["value"] = element["value"]
        if "style" in element:
            sent["style"] = element["style"]
    elif kind in ("static_select", "external_select", "overflow", "radio_buttons"):
        sent["selected_option"] = dict(selected_option) if selected_option is not None else None
    elif kind == "users_select":
        sent["selected_user"] = selected_user
    elif kind == "datepicker":
        sent["selected_date"] = selected_date
    return sent


def block_actions(
    workspace: Workspace,
    user_id: str,
    actions: Sequence[Mapping[str, Any]],
    *,
    container: Mapping[str, Any],
    trigger_id: str,
    user_name: str | None = None,
    response_url: str | None = None,
    channel: Mapping[str, Any] | None = None,
    message: Mapping[str, Any] | None = None,
    view: Mapping[str, Any] | None = None,
    state: Mapping[str, Any] | None = None,
) -> Payload:
    """A `block_actions` payload. In a message: `channel`, `response_url`, and for a posted
    (non-ephemeral) message the `message` itself with its `ts`; in a view: the `view`."""
    payload: Payload = {
        "type": "block_actions",
        "user": workspace.user(user_id, user_name),
        "api_app_id": workspace.api_app_id,
        "token": workspace.token,
        "container": dict(container),
        "trigger_id": trigger_id,
        "team": workspace.team,
        "enterprise": None,
        "is_enterprise_install": False,
    }
    if channel is not None:
        payload["channel"] = dict(channel)
    if message is not None:
        payload["message"] = dict(message)
    if view is not None:
        payload["view"] = dict(view)
    payload["state"] = {"values": dict(state or {})}
    if response_url is not None:
        payload["response_url"] = response_url
    payload["actions"] = [dict(a) for a in actions]
    return payload


def posted_message(body: Mapping[str, Any], ts: str, *, bot_user_id: str = BOT_USER_ID) -> Payload:
    """The `message` of a `block_actions` pressed in a message the app posted with `body`."""
    message: Payload = {
        "type": "message",
        "subtype": "bot_message",
        "text": body.get("text") or "",
        "user": bot_user_id,
        "ts": ts,
    }
    for key in ("blocks", "attachments", "metadata", "thread_ts"):
        if body.get(key) is not None:
            message[key] = body[key]
    return message


def view_submission(
    workspace: Workspace,
    user_id: str,
    view: Mapping[str, Any],
    values: Mapping[str, Mapping[str, Any]],
    *,
    trigger_id: str,
    user_name: str | None = None,
) -> Payload:
    """A `view_submission` of `view` with `values` as `view.state.values`
    (`{block_id: {action_id: {"type": …, "value" | "selected_option" | …}}}`)."""
    return {
        "type": "view_submission",
        "team": workspace.team,
        "user": workspace.user(user_id, user_name),
        "api_app_id": workspace.api_app_id,
        "token": workspace.token,
        "trigger_id": trigger_id,
        "view": {
            **view,
            "team_id": workspace.team_id,
            "app_id": workspace.api_app_id,
            "bot_id": view.get("bot_id", "B0001"),
            "state": {"values": {k: dict(v) for k, v in values.items()}},
            "hash": view.get("hash", f"{int(time.time())}.hash"),
            "previous_view_id": view.get("previous_view_id"),
            "root_view_id": view.get("root_view_id", view.get("id")),
        },
        "response_urls": [],
        "is_enterprise_install": False,
        "enterprise": None,
    }


def block_suggestion(
    workspace: Workspace,
    user_id: str,
    view: Mapping[str, Any],
    *,
    action_id: str,
    block_id: str,
    value: str,
    user_name: str | None = None,
) -> Payload:
    """A `block_suggestion`: the person typed `value` in an external select of `view`."""
    return {
        "type": "block_suggestion",
        "user": workspace.user(user_id, user_name),
        "container": view_container(str(view.get("id", ""))),
        "api_app_id": workspace.api_app_id,
        "token": workspace.token,
        "action_id": action_id,
        "block_id": block_id,
        "value": value,
        "team": workspace.team,
        "enterprise": None,
        "is_enterprise_install": False,
        "view": dict(view),
    }


def message_action(
    workspace: Workspace,
    user_id: str,
    callback_id: str,
    *,
    channel: Mapping[str, Any],
    message: Mapping[str, Any],
    trigger_id: str,
    action_ts: str,
    response_url: str,
    user_name: str | None = None,
) -> Payload:
    """A message shortcut (`message_action`) used on `message` in `channel`."""
    return {
        "type": "message_action",
        "token": workspace.token,
        "action_ts": action_ts,
        "team": workspace.team,
        "user": workspace.user(user_id, user_name),
        "channel": dict(channel),
        "is_enterprise_install": False,
        "enterprise": None,
        "callback_id": callback_id,
        "trigger_id": trigger_id,
        "response_url": response_url,
        "message_ts": str(message.get("ts", "")),
        "message": dict(message),
    }


def global_shortcut(
    workspace: Workspace,
    user_id: str,
    callback_id: str,
    *,
    trigger_id: str,
    action_ts: str,
    user_name: str | None = None,
) -> Payload:
    """A global shortcut (`shortcut`), from the search bar or the composer's shortcut menu."""
    user = workspace.user(user_id, user_name)
    del user["name"]
    return {
        "type": "shortcut",
        "token": workspace.token,
        "action_ts": action_ts,
        "team": workspace.team,
        "user": user,
        "is_enterprise_install": False,
        "enterprise": None,
        "callback_id": callback_id,
        "trigger_id": trigger_id,
    }
