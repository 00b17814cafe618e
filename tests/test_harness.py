"""The test harness itself: fake Slack, request signing, network guard and databases."""

from __future__ import annotations

import glob
import json
import re
import shutil
import socket
import threading
import time
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs
from urllib.request import urlopen
from zoneinfo import ZoneInfo

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler
from slack_sdk.signature import SignatureVerifier
from slack_sdk.webhook import WebhookClient
from sqlalchemy import create_engine, inspect, text

from bot.localslack import FakeUser, LocalSlack, SlackCall
from storage.clock import FrozenClock
from tests.support import netguard, postgres
from tests.support.signing import (
    event_body,
    interactive_body,
    signed_headers,
    slash_command_body,
)

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


def test_rate_limit_retry_handler_retries_and_succeeds(slack: LocalSlack) -> None:
    slack.fail("chat.postMessage", retry_after=0)
    web = client(slack)
    web.retry_handlers.append(RateLimitErrorRetryHandler(max_retry_count=1))
    assert web.chat_postMessage(channel="C0001", text="again")["ok"]
    assert [c.failed for c in slack.calls_to("chat.postMessage")] == [True, False]


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
    fixed = signed_headers(secret, "a=b", timestamp=1531420618)
    assert fixed["X-Slack-Request-Timestamp"] == "1531420618"
    assert (
        verifier.generate_signature(timestamp="1531420618", body="a=b")
        == (fixed["X-Slack-Signature"])
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


def test_interactive_and_event_bodies() -> None:
    payload = {"type": "block_actions", "actions": [{"action_id": "a", "value": "ü & ="}]}
    body = interactive_body(payload)
    assert json.loads(parse_qs(body)["payload"][0]) == payload

    event = {"type": "app_home_opened", "user": "U0MARIA", "tab": "home"}
    envelope = json.loads(event_body(event, team_id="T0001", event_id="Ev1"))
    assert envelope["type"] == "event_callback"
    assert (envelope["team_id"], envelope["event_id"], envelope["event"]) == ("T0001", "Ev1", event)
    assert envelope["authorizations"][0]["team_id"] == "T0001"


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


def test_clock(clock: FrozenClock) -> None:
    assert clock.now() == datetime(2026, 11, 23, 14, 0, tzinfo=UTC)


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
