"""Every request Slack sends an app, built as Slack builds it, and signed as Slack signs it.

One module for the console, the tests and the benchmarks. The shapes follow Slack's documented
examples: slash commands (https://api.slack.com/interactivity/slash-commands), interaction
payloads (https://api.slack.com/reference/interaction-payloads: `block_actions`,
`view_submission`, `block_suggestion`, `message_action`, `shortcut`) and the Events API envelope
(https://api.slack.com/apis/events-api#callback-field). Signatures come from slack_sdk's own
`SignatureVerifier` (https://api.slack.com/authentication/verifying-requests-from-slack).

Pure functions returning dicts and strings; nothing here talks to Slack or to the app.
"""

from __future__ import annotations

import itertools
import json
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlencode

from slack_bolt import BoltRequest
from slack_sdk.signature import SignatureVerifier

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"
VERIFICATION_TOKEN = "legacy-verification-token"  # noqa: S105 (a fake, as in Slack's examples)
API_APP_ID = "A0001"
TEAM_DOMAIN = "partnerbot-local"
BOT_USER_ID = "UBOT"

Payload = dict[str, Any]


# -- who sends ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Workspace:
    """The workspace and app a request comes from: what Slack puts in every payload."""

    team_id: str
    team_domain: str = TEAM_DOMAIN
    api_app_id: str = API_APP_ID
    token: str = VERIFICATION_TOKEN
    bot_user_id: str = BOT_USER_ID

    @property
    def team(self) -> Payload:
        """The `team` object of interaction payloads."""
        return {"id": self.team_id, "domain": self.team_domain}

    def user(self, user_id: str, name: str | None = None) -> Payload:
        """The `user` object of interaction payloads."""
        name = name or user_id.lower()
        return {"id": user_id, "username": name, "name": name, "team_id": self.team_id}


@dataclass
class Ids:
    """Fresh trigger ids, action timestamps and event ids, shaped like Slack's."""

    now: Callable[[], float] = time.time
    _numbers: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def _next(self) -> int:
        return next(self._numbers)

    def trigger_id(self) -> str:
        """Like `13345224609.738474920.8088930838d88f008e0`."""
        return f"{self._next()}.{int(self.now())}.{self._next():032x}"

    def action_ts(self) -> str:
        """Like `1763900123.000042`: seconds, then a unique six-digit part."""
        return f"{int(self.now())}.{self._next() % 1_000_000:06d}"

    def event_id(self) -> str:
        """Like `Ev0123ABCD`."""
        return f"Ev{self._next():08X}"


_ids = Ids()


# -- signing -----------------------------------------------------------------------------------


def signed_headers(
    secret: str, body: str, *, timestamp: int | None = None, content_type: str = FORM
) -> dict[str, str]:
    """Content-Type, X-Slack-Request-Timestamp and X-Slack-Signature for `body`, signed by
    slack_sdk's `SignatureVerifier` exactly as Slack signs requests."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    signature = SignatureVerifier(secret).generate_signature(timestamp=ts, body=body)
    if signature is None:
        raise ValueError("slack_sdk could not sign the request")
    return {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": signature,
    }


def bolt_request(
    secret: str,
    body: str,
    content_type: str,
    *,
    timestamp: int | None = None,
    extra: Mapping[str, str] | None = None,
) -> BoltRequest:
    """`body` signed and wrapped for `App.dispatch`, as an HTTP adapter would hand it to Bolt;
    `extra` adds headers such as `X-Slack-Retry-Num`."""
    headers = {
        **signed_headers(secret, body, timestamp=timestamp, content_type=content_type),
        **(extra or {}),
    }
    return BoltRequest(body=body, headers={k.lower(): [v] for k, v in headers.items()})


def response_url_of(body: str, content_type: str) -> str | None:
    """The response_url a request carries (slash commands, block_actions, message shortcuts)."""
    if content_type.split(";")[0].strip() != FORM:
        return None
    fields = parse_qs(body, keep_blank_values=True)
    if "payload" in fields:
        try:
            payload = json.loads(fields["payload"][0])
        except ValueError:
            return None
        url = payload.get("response_url") if isinstance(payload, dict) else None
        return url if isinstance(url, str) and url else None
    url = fields.get("response_url", [""])[0]
    return url or None


# -- slash commands ----------------------------------------------------------------------------


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


# -- interactivity -----------------------------------------------------------------------------


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


# -- view state values ---------------------------------------------------------------------------


def text_state(value: str | None) -> Payload:
    """A plain_text_input's entry in view.state.values."""
    return {"type": "plain_text_input", "value": value}


def option(value: str, text: str | None = None) -> Payload:
    """An option object as Slack sends it back."""
    return {"text": {"type": "plain_text", "text": text or value, "emoji": True}, "value": value}


def select_state(
    value: str | None, *, text: str | None = None, kind: str = "static_select"
) -> Payload:
    """A static or external select's entry in view.state.values (`None`: nothing chosen)."""
    return {"type": kind, "selected_option": None if value is None else option(value, text)}


def date_state(value: str | None) -> Payload:
    """A datepicker's entry in view.state.values (YYYY-MM-DD)."""
    return {"type": "datepicker", "selected_date": value}


def users_state(user_id: str | None) -> Payload:
    """A users_select's entry in view.state.values."""
    return {"type": "users_select", "selected_user": user_id}


# -- events ------------------------------------------------------------------------------------


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
