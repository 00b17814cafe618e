"""The first global middleware: every signed request is checked for shape before a listener
sees it. Text is cleaned (NUL bytes and lone surrogates, which no database stores), workspace,
person and channel ids must look like Slack's, text fields have a length cap, and an
org-wide install's `team: null` is filled in from the person's workspace. A request that fails
gets a polite answer, never an HTTP 500."""

from __future__ import annotations

import re
from collections.abc import Callable
from concurrent.futures import Executor
from typing import Any

from slack_bolt import BoltContext, BoltRequest, BoltResponse

from bot.errors import begin_work, polite_response, tell

ID = re.compile(r"^[A-Z0-9][A-Z0-9_-]{1,31}$")
"""A Slack id (team, enterprise, user, channel): upper-case letters and digits, at most 32."""
USER_ID = re.compile(r"^[UWB][A-Z0-9]{1,31}$")
COMMAND_TEXT_LIMIT = 20_000
"""Characters a slash command may carry (as many as a logged contact holds)."""
FIELD_LIMIT = 3000
"""Characters a form field or button value may carry (Slack's own limits are 3,000 / 2,000)."""
_INTERACTIVE = {
    "block_actions",
    "block_suggestion",
    "view_submission",
    "view_closed",
    "shortcut",
    "message_action",
}
_SURROGATE = re.compile("[\ud800-\udfff]")
_HUGE_NUMBER = re.compile(r"\d{19,}")
"""A number longer than any stored id (64-bit) can be: no record has it."""
_EVENTS_WITH_A_PERSON = frozenset({"app_home_opened", "user_change"})

GONE = "That item no longer exists, so nothing was done."
"""For a button whose id is larger than any record's (forged, or from another system)."""
UNREADABLE = (
    "I could not read that request (its workspace, person or channel is missing or not a "
    "Slack id), so nothing was done."
)


def clean(value: Any) -> Any:
    """`value` with NUL bytes removed and lone surrogates replaced in every string, in place
    for dicts and lists."""
    if isinstance(value, str):
        if "\x00" in value:
            value = value.replace("\x00", "")
        if _SURROGATE.search(value):
            value = _SURROGATE.sub("\ufffd", value)
        return value
    if isinstance(value, dict):
        for key, item in value.items():
            value[key] = clean(item)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            value[i] = clean(item)
    return value


def _id(value: Any, pattern: re.Pattern[str] = ID) -> str | None:
    return value if isinstance(value, str) and pattern.match(value) else None


def problem(body: dict[str, Any], context: BoltContext) -> str | None:
    """What is wrong with a request's shape (in words for the person), or None. Fills in
    `team` when Slack sent `team: null` (org-wide installs)."""
    if "command" in body:
        return _command_problem(body)
    kind = body.get("type")
    if kind == "event_callback":
        return _event_problem(body)
    if kind not in _INTERACTIVE:
        return None
    user = body.get("user")
    if not isinstance(user, dict) or not _id(user.get("id"), USER_ID):
        return UNREADABLE
    team = body.get("team")
    team_id = team.get("id") if isinstance(team, dict) else None
    if team_id is None:
        team_id = user.get("team_id") or context.team_id
        if not _id(team_id):
            return UNREADABLE
        body["team"] = {"id": team_id, **(team if isinstance(team, dict) else {})}
    elif not _id(team_id):
        return UNREADABLE
    channel = body.get("channel")
    if channel is not None and not (isinstance(channel, dict) and _id(channel.get("id"))):
        return UNREADABLE
    if kind == "block_actions":
        return _actions_problem(body)
    if kind in ("view_submission", "view_closed") and not _view_ok(body.get("view")):
        return UNREADABLE
    return None


def _command_problem(body: dict[str, Any]) -> str | None:
    if not _id(body.get("team_id")) or not _id(body.get("user_id"), USER_ID):
        return UNREADABLE
    if body.get("channel_id") is not None and not _id(body.get("channel_id")):
        return UNREADABLE
    text = body.get("text")
    if isinstance(text, str) and len(text) > COMMAND_TEXT_LIMIT:
        return (
            f"That is {len(text):,} characters; a command can hold "
            f"{COMMAND_TEXT_LIMIT:,}. Nothing was saved — shorten it, or use the form "
            "(the *Log partner contact* shortcut) for long notes."
        )
    return None


def _event_problem(body: dict[str, Any]) -> str | None:
    """An event with no readable workspace, or a person who is not a Slack id, is ignored."""
    event = body.get("event")
    if not _id(body.get("team_id")) or not isinstance(event, dict):
        return UNREADABLE
    user = event.get("user")
    if isinstance(user, dict):
        user = user.get("id")
    if event.get("type") in _EVENTS_WITH_A_PERSON and not _id(user, USER_ID):
        return UNREADABLE
    if user is not None and not _id(user, USER_ID):
        return UNREADABLE
    return None


def _actions_problem(body: dict[str, Any]) -> str | None:
    """Buttons and menus: each an object with an action id, each value of a size and with no
    number too large for any record's id; pressed on a message (response_url) or a view."""
    actions = body.get("actions")
    if not isinstance(actions, list) or not actions:
        return UNREADABLE
    if not isinstance(body.get("response_url"), str) and not isinstance(body.get("view"), dict):
        return UNREADABLE
    for action in actions:
        if not isinstance(action, dict) or not isinstance(action.get("action_id"), str):
            return UNREADABLE
        selected = action.get("selected_option")
        values = [
            action.get("value"),
            selected.get("value") if isinstance(selected, dict) else None,
        ]
        for value in values:
            if not isinstance(value, str):
                continue
            if len(value) > FIELD_LIMIT:
                return "That button carried more than Slack allows, so nothing was done."
            if _HUGE_NUMBER.search(value):
                return GONE
    return None


def _view_ok(view: Any) -> bool:
    if not isinstance(view, dict):
        return False
    state = view.get("state")
    if state is None:
        return True
    values = state.get("values") if isinstance(state, dict) else None
    if values is None:
        return isinstance(state, dict)
    return isinstance(values, dict) and all(
        isinstance(block, dict) and all(isinstance(e, dict) for e in block.values())
        for block in values.values()
    )


def prepare(request: BoltRequest) -> None:
    """What the guard did to a request, again, for a copy of it (a lazy listener's): text
    cleaned, `team` filled in."""
    if isinstance(request.body, dict):
        clean(request.body)
        problem(request.body, request.context)


def too_long_fields(body: dict[str, Any]) -> dict[str, str]:
    """A submitted form's text fields over the cap: block id → what to tell the person."""
    view = body.get("view")
    state = (view.get("state") or {}).get("values") if isinstance(view, dict) else None
    errors: dict[str, str] = {}
    if not isinstance(state, dict):
        return errors
    for block_id, elements in state.items():
        for element in (elements or {}).values() if isinstance(elements, dict) else ():
            value = element.get("value") if isinstance(element, dict) else None
            if isinstance(value, str) and len(value) > FIELD_LIMIT:
                errors[str(block_id)] = (
                    f"That is {len(value):,} characters; keep it under {FIELD_LIMIT:,}."
                )
    return errors


def guard(executor: Executor) -> Callable[..., BoltResponse | None]:
    """The middleware; `executor` tells the person when Slack shows nothing of the answer."""

    def check_request(
        request: BoltRequest,
        body: dict[str, Any],
        context: BoltContext,
        next: Callable[[], None],
    ) -> BoltResponse | None:
        begin_work()
        if not isinstance(body, dict):
            return BoltResponse(status=200, body="")
        clean(body)
        wrong = problem(body, context)
        if wrong is None and body.get("type") == "view_submission":
            errors = too_long_fields(body)
            if errors:
                return BoltResponse(
                    status=200,
                    body={"response_action": "errors", "errors": errors},
                )
        if wrong is None:
            if body.get("type") == "block_suggestion" and len(str(body.get("value"))) > 200:
                return BoltResponse(status=200, body={"options": []})
            next()
            return None
        answer = polite_response(body, wrong)
        if not answer.body and body.get("type") != "event_callback":
            executor.submit(tell, request, wrong)
        return answer

    return check_request
