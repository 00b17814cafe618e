"""The test harness itself: fake Slack, Slack's payloads and signatures, lazy work and Reply,
injected retry waits, network guard and databases."""

from __future__ import annotations

import glob
import json
import re
import shutil
import socket
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs
from urllib.request import urlopen
from zoneinfo import ZoneInfo

import pytest
from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.signature import SignatureVerifier
from slack_sdk.webhook import WebhookClient
from sqlalchemy import create_engine, inspect, text

from bot.app import RateLimitRetry, make_client
from bot.console import payloads
from bot.console.localslack import LocalSlack
from bot.console.payloads import (
    event_body,
    interactive_body,
    signed_headers,
    slash_command_body,
)
from bot.console.records import FakeUser, SlackCall
from bot.lazywork import DrainableExecutor
from storage.clock import FrozenClock
from tests.support import netguard, postgres
from tests.support.slackapp import JUAN, MARIA, TEAM_ID, Bot, RetrySleeps

# The harness's mechanics (payloads, Reply, lazy work, the fake Slack) do not depend on the
# database engine: SQLite only, but for the test that PostgreSQL itself answers.
pytestmark = pytest.mark.databases("sqlite")
TOKEN = "xoxb-test-token"
TS = re.compile(r"^\d{10}\.\d{6}$")
BLOCKS = [{"type": "section", "text": {"type": "mrkdwn", "text": "*hi*"}}]


def client(slack: LocalSlack, **kwargs: Any) -> WebClient:
    return WebClient(token=TOKEN, base_url=slack.api_url, retry_handlers=[], **kwargs)


def offset_now(tz: str) -> int:
    offset = datetime.now(UTC).astimezone(ZoneInfo(tz)).utcoffset()
    assert offset is not None
    return int(offset.total_seconds())


# -- LocalSlack answers as documented -------------------------------------------------------


def test_post_message_as_json_is_answered_and_recorded(slack: LocalSlack) -> None:
    web = client(slack)
    first = web.chat_postMessage(channel="C0001", text="hi", blocks=BLOCKS)
    second = web.chat_postMessage(channel="U0MARIA", text="psst")

    assert first["ok"] is True
    assert first["channel"] == "C0001"
    assert TS.match(first["ts"])
    assert first["message"]["text"] == "hi"
    assert first["message"]["blocks"] == BLOCKS
    assert first["message"]["user"] == "UBOT"
    assert first["message"]["ts"] == first["ts"]
    assert second["channel"] == "DU0MARIA"
    assert float(second["ts"]) > float(first["ts"])

    [call, _] = slack.calls_to("chat.postMessage")
    assert call.token == TOKEN
    assert call.headers["content-type"].startswith("application/json")
    assert call.path == "/api/chat.postMessage"
    assert call.body == {"channel": "C0001", "text": "hi", "blocks": BLOCKS}
    assert call.failed is False
    assert call.response["ts"] == first["ts"]


def test_users_info_over_get_and_users_list(slack: LocalSlack) -> None:
    web = client(slack)
    juan = web.users_info(user="U0JUAN")["user"]
    assert juan["id"] == "U0JUAN"
    assert juan["team_id"] == "T0001"
    assert juan["name"] == "juan"
    assert juan["real_name"] == "Juan Perez"
    assert juan["tz"] == "America/New_York"
    assert juan["tz_offset"] == offset_now("America/New_York")
    assert juan["tz_label"]
    assert (juan["deleted"], juan["is_admin"]) == (False, False)
    assert juan["profile"] == {"real_name": "Juan Perez", "display_name": "juan"}
    assert web.users_info(user="U0MARIA")["user"]["tz_offset"] == offset_now("America/Chicago")

    with pytest.raises(SlackApiError) as missing:
        web.users_info(user="U0NOBODY")
    assert missing.value.response["error"] == "user_not_found"

    members = web.users_list()["members"]
    assert {m["id"] for m in members} == {"U0MARIA", "U0JUAN"}

    call = slack.calls_to("users.info")[0]
    assert call.token == TOKEN
    assert call.body == {"user": "U0JUAN"}


def test_form_fields_holding_json_are_decoded(slack: LocalSlack) -> None:
    web = client(slack)
    updated = web.api_call(
        "chat.update",
        data={
            "channel": "C0001",
            "ts": "1763900000.000100",
            "text": "new",
            "blocks": json.dumps(BLOCKS),
            "token": "xoxb-form-token",
        },
    )
    assert updated["ts"] == "1763900000.000100"
    assert updated["text"] == "new"
    assert updated["message"]["blocks"] == BLOCKS

    web_no_header = WebClient(base_url=slack.api_url, retry_handlers=[])
    web_no_header.api_call("chat.delete", data={"token": "xoxb-form", "channel": "C1", "ts": "1.2"})

    [update] = slack.calls_to("chat.update")
    assert update.headers["content-type"].startswith("application/x-www-form-urlencoded")
    assert update.body["blocks"] == BLOCKS
    assert update.token == TOKEN  # the Authorization header wins over the form field
    assert slack.calls_to("chat.delete")[0].token == "xoxb-form"


def test_other_methods(slack: LocalSlack) -> None:
    web = client(slack)
    auth = web.auth_test()
    assert auth["user_id"] == "UBOT"
    assert auth["team_id"] == "T0001"
    assert auth["url"] == "https://partnerbot-local.slack.com/"
    assert auth["is_enterprise_install"] is False

    view = {
        "type": "modal",
        "callback_id": "add",
        "title": {"type": "plain_text", "text": "Add"},
        "blocks": [],
    }
    opened = web.views_open(trigger_id="1.2.3", view=view)["view"]
    assert opened["callback_id"] == "add"
    assert opened["id"].startswith("V")
    assert opened["hash"]
    assert opened["state"] == {"values": {}}
    updated = web.views_update(view_id=opened["id"], view=view)["view"]
    assert updated["id"] == opened["id"]
    pushed = web.views_push(trigger_id="1.2.4", view=view)["view"]
    assert pushed["id"] != opened["id"]
    assert web.views_publish(user_id="U0MARIA", view={"type": "home", "blocks": []})["ok"]
    assert slack.calls_to("views.open")[0].body["view"] == view

    link = web.chat_getPermalink(channel="C0001", message_ts="1763900000.000100")
    assert (
        link["permalink"] == "https://partnerbot-local.slack.com/archives/C0001/p1763900000000100"
    )
    assert TS.match(web.chat_postEphemeral(channel="C0001", user="U0JUAN", text="x")["message_ts"])
    assert web.conversations_open(users="U0JUAN")["channel"]["id"] == "DU0JUAN"
    assert web.api_call("reactions.add", json={"name": "tada"}).data == {"ok": True}


# -- failures -------------------------------------------------------------------------------


def test_queued_429_raises_without_a_retry_handler_then_recovers(slack: LocalSlack) -> None:
    slack.fail("chat.postMessage", retry_after=0)
    web = client(slack)
    with pytest.raises(SlackApiError) as limited:
        web.chat_postMessage(channel="C0001", text="one")
    assert limited.value.response.status_code == 429
    assert limited.value.response["error"] == "ratelimited"
    assert limited.value.response.headers["retry-after"] in ("0", ["0"])

    assert web.chat_postMessage(channel="C0001", text="two")["ok"]
    calls = slack.calls_to("chat.postMessage")
    assert [(c.body["text"], c.failed, c.status) for c in calls] == [
        ("one", True, 429),
        ("two", False, 200),
    ]


def test_rate_limit_retry_waits_retry_after_through_the_injected_sleep(slack: LocalSlack) -> None:
    slack.fail("chat.postMessage", retry_after=30)
    sleeps = RetrySleeps()
    web = client(slack)
    web.retry_handlers.append(RateLimitRetry(max_retry_count=1, sleep=sleeps))
    assert web.chat_postMessage(channel="C0001", text="again")["ok"]
    assert [c.failed for c in slack.calls_to("chat.postMessage")] == [True, False]
    assert sleeps.whole_seconds == [30]  # Retry-After: 30, plus slack_sdk's jitter under 1 s
    assert 30 <= sleeps.waits[0] < 31


def test_make_client_retries_429_twice_then_gives_up_without_sleeping(slack: LocalSlack) -> None:
    sleeps = RetrySleeps()
    web = make_client("xoxb-test-token", slack.api_url, sleep=sleeps)
    slack.fail("chat.postMessage", retry_after=7, times=3)
    with pytest.raises(SlackApiError) as limited:
        web.chat_postMessage(channel="C0001", text="x")
    assert limited.value.response.status_code == 429
    assert sleeps.whole_seconds == [7, 7]
    assert len(slack.calls_to("chat.postMessage")) == 3


def test_make_client_backs_off_connection_errors_through_the_injected_sleep() -> None:
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]  # nothing listens here once closed
    sleeps = RetrySleeps()
    web = make_client("xoxb-test-token", f"http://127.0.0.1:{port}/api/", sleep=sleeps)
    with pytest.raises(OSError, match=r"Connection refused|Errno"):
        web.auth_test()
    assert len(sleeps.waits) == 2


def test_failures_match_when_count_times_and_can_be_api_errors(slack: LocalSlack) -> None:
    slack.fail(
        "chat.postMessage",
        status=200,
        error="channel_not_found",
        times=2,
        when=lambda body: body.get("channel") == "C0GONE",
    )
    web = client(slack)
    assert web.chat_postMessage(channel="C0001", text="fine")["ok"]
    for _ in range(2):
        with pytest.raises(SlackApiError) as gone:
            web.chat_postMessage(channel="C0GONE", text="x")
        assert gone.value.response.status_code == 200
        assert gone.value.response["error"] == "channel_not_found"
    assert web.chat_postMessage(channel="C0GONE", text="x")["ok"]
    assert [c.failed for c in slack.calls_to("chat.postMessage")] == [False, True, True, False]


def test_on_call_sees_every_call_and_its_errors_do_not_break_the_server() -> None:
    seen: list[SlackCall] = []

    def record_then_explode(call: SlackCall) -> None:
        seen.append(call)
        raise ValueError("boom")

    with LocalSlack(team_id="T9", team_domain="other", on_call=record_then_explode) as local:
        web = client(local)
        assert web.auth_test()["team_id"] == "T9"
        assert web.chat_postMessage(channel="C1", text="hi")["ok"]
    assert [c.method for c in seen] == ["auth.test", "chat.postMessage"]


def test_concurrent_calls_get_unique_timestamps(slack: LocalSlack) -> None:
    web = client(slack)
    stamps: list[str] = []

    def post() -> None:
        for _ in range(10):
            stamps.append(web.chat_postMessage(channel="C0001", text="x")["ts"])

    threads = [threading.Thread(target=post) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(stamps)) == 40
    assert len(slack.calls_to("chat.postMessage")) == 40
    slack.clear()
    assert slack.calls == []


def test_response_url_posts_are_recorded(slack: LocalSlack) -> None:
    url = slack.response_url("abc")
    assert url == f"http://127.0.0.1:{slack.port}/response/abc"
    assert slack.response_url() != slack.response_url()

    sent = WebhookClient(url).send(text="done", replace_original=True, blocks=BLOCKS)
    assert (sent.status_code, sent.body) == (200, "ok")
    [call] = slack.calls_to("response_url")
    assert call.path == "/response/abc"
    assert call.body == {"text": "done", "replace_original": True, "blocks": BLOCKS}


def test_users_can_be_added(slack: LocalSlack) -> None:
    slack.add_user(FakeUser(id="W0ANA", name="ana", real_name="Ana", tz="UTC", is_admin=True))
    ana = client(slack).users_info(user="W0ANA")["user"]
    assert (ana["tz_offset"], ana["is_admin"]) == (0, True)
    assert set(slack.users) == {"U0MARIA", "U0JUAN", "W0ANA"}


# -- signing and payloads -------------------------------------------------------------------


def test_signed_headers_verify_with_slack_sdk() -> None:
    secret = "s3cr3t"
    body = slash_command_body(
        "/partner",
        "add Acme & Co",
        user_id="U0MARIA",
        team_id="T0001",
        response_url="http://127.0.0.1:1/response/1",
        trigger_id="1.2.3",
    )
    headers = signed_headers(secret, body)
    assert headers["Content-Type"] == "application/x-www-form-urlencoded"
    verifier = SignatureVerifier(secret)
    assert verifier.is_valid_request(body, headers)
    assert not SignatureVerifier("other").is_valid_request(body, headers)
    assert not verifier.is_valid_request(body + "x", headers)

    stale = signed_headers(secret, body, timestamp=int(time.time()) - 3600)
    assert not verifier.is_valid_request(body, stale)
    # Slack's worked example (api.slack.com/authentication/verifying-requests-from-slack)
    example_body = (
        "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&"
        "channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&"
        "command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2F"
        "commands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&"
        "trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c"
    )
    slack_example = signed_headers(
        "8f742231b10e8888abcd99yyyzzz85a5", example_body, timestamp=1531420618
    )
    assert slack_example["X-Slack-Signature"] == (
        "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"
    )

    fields = {k: v[0] for k, v in parse_qs(body, keep_blank_values=True).items()}
    assert fields["command"] == "/partner"
    assert fields["text"] == "add Acme & Co"
    assert {
        "token",
        "team_id",
        "team_domain",
        "channel_id",
        "channel_name",
        "user_id",
        "user_name",
        "api_app_id",
        "is_enterprise_install",
        "response_url",
        "trigger_id",
    } <= fields.keys()
    assert payloads.response_url_of(body, payloads.FORM) == "http://127.0.0.1:1/response/1"


def test_interactive_and_event_bodies() -> None:
    payload = {"type": "block_actions", "actions": [{"action_id": "a", "value": "ü & ="}]}
    body = interactive_body(payload)
    assert json.loads(parse_qs(body)["payload"][0]) == payload

    event = {"type": "app_home_opened", "user": "U0MARIA", "tab": "home"}
    envelope = json.loads(event_body(event, team_id="T0001", event_id="Ev1"))
    assert envelope["type"] == "event_callback"
    assert (envelope["team_id"], envelope["event_id"], envelope["event"]) == ("T0001", "Ev1", event)
    assert envelope["authorizations"][0]["team_id"] == "T0001"


def test_ids_are_unique_and_shaped_like_slack_s() -> None:
    ids = payloads.Ids(now=lambda: 1763900000.5)
    triggers = {ids.trigger_id() for _ in range(50)}
    assert len(triggers) == 50
    assert all(re.fullmatch(r"\d+\.1763900000\.[0-9a-f]{32}", t) for t in triggers)
    assert TS.match(ids.action_ts())
    assert ids.event_id() != ids.event_id()


BUTTONS: list[dict[str, Any]] = [
    {
        "type": "actions",
        "block_id": "row",
        "elements": [
            {
                "type": "button",
                "action_id": "done_1",
                "text": {"type": "plain_text", "text": "Done"},
                "value": "7",
            },
            {
                "type": "users_select",
                "action_id": "reassign_1",
                "placeholder": {"type": "plain_text", "text": "Reassign"},
            },
        ],
    },
    {
        "type": "section",
        "block_id": "when",
        "text": {"type": "mrkdwn", "text": "When?"},
        "accessory": {"type": "datepicker", "action_id": "pick_date"},
    },
]


def payload_app(slack: LocalSlack) -> tuple[App, list[tuple[str, dict[str, Any]]]]:
    """A bare Bolt app whose listeners record what Bolt handed them, to show that each
    payload reaches the listener Slack's would (routing by type, callback_id, action_id)."""
    app = App(
        signing_secret=SECRET,
        client=client(slack),
        process_before_response=True,
        listener_executor=DrainableExecutor(),
    )
    seen: list[tuple[str, dict[str, Any]]] = []

    def record(kind: str) -> Callable[..., None]:
        def listener(ack: Ack, body: dict[str, Any]) -> None:
            ack()
            seen.append((kind, body))

        return listener

    app.command("/partner")(record("command"))
    app.action("done_1")(record("button"))
    app.action("reassign_1")(record("users_select"))
    app.action("pick_date")(record("datepicker"))
    app.view("form")(record("view_submission"))
    app.options("pick_partner")(record("block_suggestion"))
    app.shortcut("log_message")(record("message_action"))
    app.shortcut("log_global")(record("shortcut"))
    app.event("app_home_opened")(record("app_home_opened"))
    app.event("user_change")(record("user_change"))
    return app, seen


SECRET = "payload-secret"


def test_every_payload_reaches_the_listener_slack_s_would(slack: LocalSlack) -> None:
    app, seen = payload_app(slack)
    team = payloads.Workspace(team_id=TEAM_ID)
    ids = payloads.Ids()

    def send(body: str, content_type: str = payloads.FORM) -> int:
        return app.dispatch(payloads.bolt_request(SECRET, body, content_type)).status

    def interact(payload: dict[str, Any]) -> int:
        return send(interactive_body(payload))

    url = "http://127.0.0.1:1/response/9"
    assert (
        send(slash_command_body("/partner", "x", user_id=MARIA, team_id=TEAM_ID, response_url=url))
        == 200
    )
    done, block_id = payloads.find_element(BUTTONS, "done")
    pressed = payloads.block_actions(
        team,
        MARIA,
        [payloads.action(done, block_id, action_ts=ids.action_ts())],
        container=payloads.ephemeral_container("C0001"),
        trigger_id=ids.trigger_id(),
        channel={"id": "C0001", "name": "cte-team"},
        response_url=url,
    )
    assert interact(pressed) == 200
    picker, block_id = payloads.find_element(BUTTONS, "reassign")
    posted = payloads.posted_message({"text": "digest", "blocks": BUTTONS}, "1763900000.000100")
    assert (
        interact(
            payloads.block_actions(
                team,
                MARIA,
                [payloads.action(picker, block_id, action_ts=ids.action_ts(), selected_user=JUAN)],
                container=payloads.message_container("DU0MARIA", "1763900000.000100"),
                trigger_id=ids.trigger_id(),
                channel={"id": "DU0MARIA", "name": "directmessage"},
                message=posted,
                response_url=url,
            )
        )
        == 200
    )
    date, block_id = payloads.find_element(BUTTONS, "pick_date")
    home = {"id": "VHOME", "type": "home", "blocks": BUTTONS}
    assert (
        interact(
            payloads.block_actions(
                team,
                MARIA,
                [
                    payloads.action(
                        date, block_id, action_ts=ids.action_ts(), selected_date="2026-12-01"
                    )
                ],
                container=payloads.view_container("VHOME"),
                trigger_id=ids.trigger_id(),
                view=home,
            )
        )
        == 200
    )
    modal = {"id": "V1", "type": "modal", "callback_id": "form", "blocks": []}
    values = {"name": {"value": payloads.text_state("Acme")}}
    assert (
        interact(payloads.view_submission(team, MARIA, modal, values, trigger_id=ids.trigger_id()))
        == 200
    )
    assert (
        interact(
            payloads.block_suggestion(
                team, MARIA, modal, action_id="pick_partner", block_id="p", value="ac"
            )
        )
        == 200
    )
    message = {"type": "message", "user": JUAN, "ts": "1700000000.000100", "text": "hi"}
    assert (
        interact(
            payloads.message_action(
                team,
                MARIA,
                "log_message",
                channel={"id": "C0001", "name": "cte-team"},
                message=message,
                trigger_id=ids.trigger_id(),
                action_ts=ids.action_ts(),
                response_url=url,
            )
        )
        == 200
    )
    assert (
        interact(
            payloads.global_shortcut(
                team, MARIA, "log_global", trigger_id=ids.trigger_id(), action_ts=ids.action_ts()
            )
        )
        == 200
    )
    home_event = payloads.app_home_opened(MARIA, event_ts=ids.action_ts())
    changed = payloads.user_change(
        {"id": JUAN, "team_id": TEAM_ID, "deleted": True}, event_ts="1763900000.000200"
    )
    for event in (home_event, changed):
        assert (
            send(payloads.event_request(team, event, event_id=ids.event_id()), payloads.JSON) == 200
        )

    kinds = dict(seen)
    assert [kind for kind, _ in seen] == [
        "command", "button", "users_select", "datepicker", "view_submission",
        "block_suggestion", "message_action", "shortcut", "app_home_opened", "user_change",
    ]  # fmt: skip
    assert kinds["command"]["response_url"] == url
    button = kinds["button"]
    assert button["container"] == {
        "type": "message", "message_ts": "0", "channel_id": "C0001", "is_ephemeral": True
    }  # fmt: skip
    assert "message" not in button
    assert button["actions"][0] | {"action_ts": "-"} == {
        "type": "button", "action_id": "done_1", "block_id": "row", "value": "7",
        "text": {"type": "plain_text", "text": "Done"}, "action_ts": "-",
    }  # fmt: skip
    assert button["user"] == {
        "id": MARIA, "username": "u0maria", "name": "u0maria", "team_id": TEAM_ID
    }  # fmt: skip
    in_dm = kinds["users_select"]
    assert in_dm["actions"][0]["selected_user"] == JUAN
    assert in_dm["message"]["ts"] == in_dm["container"]["message_ts"] == "1763900000.000100"
    assert in_dm["message"]["blocks"] == BUTTONS
    assert kinds["datepicker"]["view"]["id"] == "VHOME"
    assert kinds["datepicker"]["actions"][0]["selected_date"] == "2026-12-01"
    submitted = kinds["view_submission"]["view"]
    assert submitted["state"] == {
        "values": {"name": {"value": {"type": "plain_text_input", "value": "Acme"}}}
    }
    assert (submitted["team_id"], submitted["root_view_id"]) == (TEAM_ID, "V1")
    assert kinds["block_suggestion"]["value"] == "ac"
    assert kinds["message_action"]["message_ts"] == "1700000000.000100"
    assert kinds["message_action"]["message"] == message
    assert "response_url" not in kinds["shortcut"]
    assert kinds["user_change"]["event"]["user"]["deleted"] is True
    assert kinds["app_home_opened"]["event"]["tab"] == "home"


def test_a_forged_signature_is_refused_by_bolt(slack: LocalSlack) -> None:
    app, seen = payload_app(slack)
    body = slash_command_body("/partner", "x", user_id=MARIA, team_id=TEAM_ID, response_url="u")
    assert app.dispatch(payloads.bolt_request("not-the-secret", body, payloads.FORM)).status == 401
    assert seen == []


# -- the Bot: lazy work, Reply, failures -----------------------------------------------------


def add_lazy_command(bot: Bot, name: str, *lazy: Callable[..., None]) -> None:
    """A command on the real app that acks with nothing and does its work lazily."""

    def ack_only(ack: Ack) -> None:
        ack()

    bot.app.command(name)(ack=ack_only, lazy=list(lazy))


def test_reply_is_the_ack_when_it_says_something(bot: Bot) -> None:
    def answer(ack: Ack) -> None:
        ack(text="Added *Acme*")

    bot.app.command("/acktest")(answer)
    reply = bot.command("/acktest", "")
    assert reply.status == 200
    assert reply.ack == {"text": "Added *Acme*"}
    assert reply.body == reply.ack
    assert reply.responses == []
    assert "Added *Acme*" in reply.text


def test_reply_is_the_last_response_url_message_after_an_empty_ack(bot: Bot) -> None:
    def later(respond: Respond) -> None:
        respond(text="working on it")
        respond(text="done: *Acme*")

    add_lazy_command(bot, "/lazytest", later)
    reply = bot.command("/lazytest", "")
    assert (reply.status, reply.ack) == (200, {})
    assert [r["text"] for r in reply.responses] == ["working on it", "done: *Acme*"]
    assert reply.body["text"] == "done: *Acme*"
    assert "done: *Acme*" in reply.text
    add_lazy_command(bot, "/quiet")
    quiet = bot.command("/quiet", "")
    assert (quiet.ack, quiet.responses, quiet.body) == ({}, [], {})  # only its own response_url


def test_lazy_work_is_drained_including_work_it_starts(bot: Bot) -> None:
    def publish(client: WebClient, body: dict[str, Any]) -> None:
        bot.executor.submit(client.chat_postMessage, channel=body["user_id"], text="second")
        client.views_publish(user_id=body["user_id"], view={"type": "home", "blocks": []})

    add_lazy_command(bot, "/lazytest", publish)
    bot.command("/lazytest", "")
    assert len(bot.slack.calls_to("views.publish")) == 1
    assert len(bot.slack.calls_to("chat.postMessage")) == 1


def test_the_ack_does_not_wait_for_slow_slack_calls_after_it(bot: Bot) -> None:
    def publish(client: WebClient, body: dict[str, Any]) -> None:
        client.views_publish(user_id=body["user_id"], view={"type": "home", "blocks": []})

    add_lazy_command(bot, "/lazytest", publish)
    held = bot.slack.hold("views.publish")
    reply = bot.command("/lazytest", "", wait=False)
    assert reply.status == 200
    assert held.arrived()  # the lazy listener is inside views.publish, still unanswered
    assert bot.slack.calls_to("views.publish") == []
    held.release()
    bot.drain()
    assert len(bot.slack.calls_to("views.publish")) == 1


def test_a_429_in_lazy_work_waits_retry_after_without_sleeping(bot: Bot) -> None:
    def post(client: WebClient, body: dict[str, Any]) -> None:
        client.chat_postMessage(channel=body["channel_id"], text="celebrate")

    add_lazy_command(bot, "/lazytest", post)
    bot.slack.fail("chat.postMessage", retry_after=30)
    reply = bot.command("/lazytest", "")
    assert reply.status == 200
    assert bot.sleeps.whole_seconds == [30]
    assert [c.failed for c in bot.slack.calls_to("chat.postMessage")] == [True, False]


def test_a_failing_lazy_listener_fails_the_test(bot: Bot) -> None:
    def broken() -> None:
        raise RuntimeError("boom")

    add_lazy_command(bot, "/lazytest", broken)
    with pytest.raises(AssertionError, match=r"a lazy listener failed: .*boom") as failed:
        bot.command("/lazytest", "")
    assert 'raise RuntimeError("boom")' in str(failed.value)  # with its traceback
    bot.lazy_errors_ok = True
    bot.command("/lazytest", "")  # reported once drained: the fixture's teardown stays quiet
    assert bot.lazy_errors == []


def test_drainable_executor_logs_errors_and_times_out(caplog: pytest.LogCaptureFixture) -> None:
    executor = DrainableExecutor(max_workers=2)
    release = threading.Event()
    try:
        executor.submit(lambda: 1 / 0)
        assert executor.drain(5)
        assert "lazy work failed" in caplog.text
        executor.submit(release.wait)
        assert executor.pending == 1
        assert executor.drain(0.05) is False
        release.set()
        assert executor.drain(5)
        assert executor.pending == 0
    finally:
        release.set()
        executor.shutdown(wait=True)


def test_another_workspace_sends_its_own_team_id(bot: Bot) -> None:
    other = bot.other_team("T0OTHER")
    seen: list[str] = []

    def record(ack: Ack, body: dict[str, Any]) -> None:
        ack()
        seen.append(body["team_id"])

    bot.app.command("/lazytest")(record)
    other.command("/lazytest", "")
    bot.command("/lazytest", "")
    assert seen == ["T0OTHER", TEAM_ID]


def test_user_change_updates_the_fake_slack_and_sends_the_event(bot: Bot) -> None:
    from storage.models import HandledEvent, Staff

    assert bot.user_change(JUAN, deleted=True).status == 200
    assert bot.slack.users[JUAN].deleted
    with bot.deps.sessions() as session:  # the app's user_change listener got it
        [handled] = session.query(HandledEvent).all()
        assert handled.kind == "user_change"
        juan = session.get(Staff, (TEAM_ID, JUAN))
        assert juan is not None
        assert juan.deactivated_at is not None


def test_the_fake_slack_is_reset_between_tests_part_one(slack: LocalSlack) -> None:
    slack.add_user(FakeUser(id="U0TEMP", name="temp", real_name="Temp"))
    slack.fail("auth.test", status=200, error="invalid_auth")
    slack.hold("users.info")
    client(slack).chat_postMessage(channel="C0001", text="x")
    assert slack.calls


def test_the_fake_slack_is_reset_between_tests_part_two(slack: LocalSlack) -> None:
    assert slack.calls == []
    assert set(slack.users) == {MARIA, JUAN}
    assert client(slack).auth_test()["ok"]  # the failure queued by part one is gone
    assert client(slack).users_info(user=MARIA)["ok"]  # so is the hold
    posted = client(slack).chat_postMessage(channel="C0001", text="x")
    assert posted["ts"] == "1763900000.000100"  # timestamps counted from the start again


# -- network guard --------------------------------------------------------------------------


def test_network_guard_refuses_outside_addresses() -> None:
    assert netguard.installed()
    with pytest.raises(netguard.NetworkBlockedError, match=r"10\.255\.255\.1:80"):
        socket.create_connection(("10.255.255.1", 80), timeout=1)
    with pytest.raises(netguard.NetworkBlockedError, match=r"10\.255\.255\.1"):
        urlopen("http://10.255.255.1/", timeout=1)
    with (
        socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock,
        pytest.raises(netguard.NetworkBlockedError),
    ):
        sock.connect_ex(("192.0.2.1", 443))


def test_network_guard_allows_loopback(slack: LocalSlack) -> None:
    with socket.create_connection(("127.0.0.1", slack.port), timeout=5):
        pass
    with urlopen(f"http://localhost:{slack.port}/api/auth.test", timeout=5) as answer:
        assert json.load(answer)["ok"] is True
    assert netguard.is_loopback("127.8.9.10")
    assert netguard.is_loopback("::1")
    assert netguard.is_loopback("::ffff:127.0.0.1")
    assert not netguard.is_loopback("10.0.0.1")
    assert not netguard.is_loopback("example.com")


# -- clock and databases --------------------------------------------------------------------


def test_the_app_reads_time_from_the_frozen_clock(bot: Bot, clock: FrozenClock) -> None:
    assert bot.deps.clock is clock
    before = clock.now()
    clock.advance(timedelta(days=2, hours=3))
    assert bot.deps.clock.now() - before == timedelta(days=2, hours=3)
    assert bot.deps.clock.now().tzinfo is not None


@pytest.mark.databases("sqlite", "postgresql")
def test_database_answers(db_url: str) -> None:
    engine = create_engine(db_url)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("select 1")).scalar_one() == 1
            if engine.dialect.name == "postgresql":
                assert conn.execute(text("show server_encoding")).scalar_one() == "UTF8"
        assert inspect(engine).get_table_names() == []
    finally:
        engine.dispose()


def test_missing_postgresql_is_an_error_not_a_skip(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(postgres.ENV_BINDIR, raising=False)
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    monkeypatch.setattr(glob, "glob", lambda _pattern: [])
    with pytest.raises(postgres.PostgresNotInstalledError, match="apt-get install postgresql"):
        postgres.PostgresServer().start()


def test_the_fake_slack_answers_a_burst_of_posts_without_resetting_any(slack: LocalSlack) -> None:
    """Two schedulers post with 16 threads each; real Slack answers them all, so the fake must
    too (a listen backlog of 5 reset most of a burst: a digest then looked unanswered)."""
    senders = 200
    start = threading.Barrier(senders)
    errors: list[str] = []

    def post(n: int) -> None:
        client = WebClient(token="xoxb-test-token", base_url=slack.api_url)
        client.retry_handlers = []
        start.wait()
        try:
            client.chat_postMessage(channel=f"U0BURST{n:03d}", text="digest")
        except Exception as exc:
            errors.append(type(exc).__name__)

    threads = [threading.Thread(target=post, args=(n,)) for n in range(senders)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(slack.calls_to("chat.postMessage")) == senders
