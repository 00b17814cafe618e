"""Garbage a client can send, signed: each answered politely (200, or a plain answer), nothing
changed, and logged as at most one warning line — never a traceback (issue 21, finding 8)."""

from __future__ import annotations

import json
import logging
import urllib.parse
from typing import Any

import pytest

from bot.console.payloads import JSON, event_request, signed_headers
from tests.support.slackapp import MARIA, SECRET, TEAM_ID, Bot
from tests.test_hardening import logged, post, signed_post

USER = {"id": MARIA, "team_id": TEAM_ID}
TEAM = {"id": TEAM_ID}
RESPONSE_URL = "RESPONSE-URL"
"""Replaced by the test's fake Slack response_url."""


def payload(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value)
    return "payload=" + urllib.parse.quote(text)


def button(**fields: Any) -> dict[str, Any]:
    return {"type": "block_actions", "user": USER, "team": TEAM, **fields}


GARBAGE = {
    "not JSON": payload("{not json"),
    "truncated JSON": payload('{"type": "block_actions", "user":'),
    "a list": payload("[]"),
    "null": payload("null"),
    "a number": payload("42"),
    "no actions": payload(button(actions=[], response_url=RESPONSE_URL)),
    "an empty action": payload(button(actions=[{}], response_url=RESPONSE_URL)),
    "a button without team": payload(
        {"type": "block_actions", "user": {"id": MARIA}, "actions": [{"action_id": "fu_done"}]}
    ),
    "a button without response_url": payload(
        button(actions=[{"action_id": "fu_done", "value": "1", "block_id": "x"}])
    ),
    "an id of 10^20": payload(
        button(
            actions=[{"action_id": "fu_done", "value": str(10**20), "block_id": "x"}],
            response_url=RESPONSE_URL,
        )
    ),
    "a view that is not an object": payload(
        {"type": "view_submission", "user": USER, "team": TEAM, "view": "hello"}
    ),
    "form fields that are not objects": payload(
        {
            "type": "view_submission",
            "user": USER,
            "team": TEAM,
            "view": {"callback_id": "x", "state": {"values": {"a": "b"}}},
        }
    ),
}


@pytest.mark.databases("sqlite")
@pytest.mark.parametrize("body", list(GARBAGE.values()), ids=list(GARBAGE))
def test_garbage_is_answered_politely_without_a_traceback(
    bot: Bot, body: str, caplog: pytest.LogCaptureFixture
) -> None:
    bot.lazy_errors_ok = True
    body = body.replace(RESPONSE_URL, urllib.parse.quote(bot.slack.response_url(), safe=""))
    with caplog.at_level(logging.WARNING):
        status, _ = signed_post(bot, body)
    assert status.startswith("200")
    assert [r.getMessage() for r in caplog.records if r.exc_info] == []
    assert len([r for r in caplog.records if r.levelno >= logging.WARNING]) <= 1
    assert logged(bot) == []


@pytest.mark.databases("sqlite")
def test_invalid_utf8_is_answered_politely(bot: Bot, caplog: pytest.LogCaptureFixture) -> None:
    raw = b"payload=%ff%fe\xff\xfe"
    headers = signed_headers(SECRET, raw.decode("latin-1"))
    with caplog.at_level(logging.WARNING):
        status, _ = post(bot, raw, headers)
    assert status[:3] in ("200", "401")
    assert [r.getMessage() for r in caplog.records if r.exc_info] == []


@pytest.mark.parametrize(
    "event",
    [
        {"type": "app_home_opened", "tab": "home"},
        {"type": "app_home_opened", "user": "U" + "X" * 300, "tab": "home"},
        {"type": "message", "channel_type": "im", "user": "U" + "1" * 300, "text": "hi"},
    ],
    ids=["home without a person", "home with a 300-character id", "DM from a 300-character id"],
)
def test_events_with_no_readable_person_are_ignored_quietly(
    bot: Bot, event: dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    body = event_request(bot.workspace, event, event_id=bot.ids.event_id())
    with caplog.at_level(logging.WARNING):
        status, _ = signed_post(bot, body, JSON)
    assert status.startswith("200")
    assert [r.getMessage() for r in caplog.records if r.exc_info] == []
    assert bot.slack.calls_to("views.publish") == []
    assert bot.slack.calls_to("chat.postMessage") == []
