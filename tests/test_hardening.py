"""Issue 13: any text, any payload, any fault — a clear answer and nothing lost or doubled.

Each test is one failure of the issue, seen from outside: signed (or unsigned) requests through
the WSGI app or Bolt, a fake Slack that fails on purpose, the real databases."""

from __future__ import annotations

import io
import json
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from slack_sdk import WebClient
from sqlalchemy import func, select

from bot.console import payloads
from bot.console.faults import DROP
from bot.console.payloads import FORM, JSON, signed_headers
from bot.errors import explain
from bot.guard import COMMAND_TEXT_LIMIT, UNREADABLE
from bot.http import wsgi_application
from handlers.common.dates import MAX_READS, DateReader
from handlers.common.mrkdwn import code, code_block
from handlers.contact_log.render import typed_back
from scheduler.jobs import JobReport, run_due_jobs
from storage.models import FollowUp, Interaction, SendLog, SendStatus
from storage.people.members import set_leads
from tests.support import records
from tests.support.slackapp import (
    CHANNEL,
    JUAN,
    MARIA,
    SECRET,
    TEAM_ID,
    Bot,
    contact_form,
)

# -- helpers ---------------------------------------------------------------------------------------


def post(bot: Bot, body: bytes | str, headers: dict[str, str]) -> tuple[str, bytes]:
    """POST `body` to /slack/events through the real WSGI app, in-process."""
    raw = body.encode() if isinstance(body, str) else body
    seen: dict[str, Any] = {}

    def start_response(status: str, _headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
        seen["status"] = status
        return lambda data: None

    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": "/slack/events",
        "CONTENT_LENGTH": str(len(raw)),
        "wsgi.input": io.BytesIO(raw),
        **{"HTTP_" + k.upper().replace("-", "_"): v for k, v in headers.items()},
    }
    environ["CONTENT_TYPE"] = headers.get("Content-Type", FORM)
    application = wsgi_application(bot.app, lambda: True, signing_secret=SECRET)
    answer = b"".join(application(environ, start_response))
    bot.drain()
    return seen["status"], answer


def signed_post(bot: Bot, body: str, content_type: str = FORM) -> tuple[str, bytes]:
    return post(bot, body, signed_headers(SECRET, body, content_type=content_type))


def logged(bot: Bot) -> list[Interaction]:
    with bot.deps.sessions() as session:
        return list(session.scalars(select(Interaction).order_by(Interaction.id)))


def contact_reply(bot: Bot, text: str = "acme called Jane about internships") -> dict[str, Any]:
    reply = bot.command("/contact", text)
    assert "Logged" in reply.text, reply.text
    return reply.body


def action_payload(bot: Bot, blocks: list[dict[str, Any]], action_id: str) -> dict[str, Any]:
    element, block_id = payloads.find_element(blocks, action_id, None)
    return payloads.block_actions(
        bot.workspace,
        MARIA,
        [payloads.action(element, block_id, action_ts=bot.ids.action_ts())],
        container=payloads.ephemeral_container(str(CHANNEL["id"])),
        trigger_id=bot.ids.trigger_id(),
        channel=CHANNEL,
        response_url=bot.slack.response_url(),
    )


def told(bot: Bot, payload: dict[str, Any]) -> str:
    """Everything posted to the payload's response_url."""
    return json.dumps(bot.responses_to(payload["response_url"]), ensure_ascii=False)


# -- 1. bounded date reading -----------------------------------------------------------------------


def test_date_reading_is_bounded_per_message_whatever_its_length(bot: Bot) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Acme Health")
    dates = bot.deps.dates
    for text in (
        "acme called, follow up " + "in " * 13_000,  # 39,000 characters
        "acme called " + "follow up in in in " * 150,  # 3 KB, many clauses
        "acme met " + "tue " * 4_000 + "remind me " * 500,
    ):
        before = dates.reads
        reply = bot.command("/contact", text)
        assert reply.status == 200
        assert dates.reads - before <= MAX_READS  # bounded work, whatever the length


def test_date_reading_stops_at_its_time_budget() -> None:
    ticks = iter(range(1000))
    reader = DateReader(seconds=0.3, monotonic=lambda: next(ticks) * 0.1)
    words = ["in"] * 500
    assert reader.find(words, now=__import__("datetime").datetime(2026, 11, 23, 9)) is None
    assert reader.reads <= 3


# -- 5. unsigned requests: 401 before any parsing --------------------------------------------------


@pytest.mark.databases("sqlite")
@pytest.mark.parametrize(
    ("body", "headers"),
    [
        (b"payload=not-json{", {"Content-Type": FORM}),
        (b"\xff\xfe\xfa payload", {"Content-Type": FORM}),
        (b'{"type": "event_callback"', {"Content-Type": JSON}),
        (
            b"command=%2Fcontact&text=x",
            {
                "Content-Type": FORM,
                "X-Slack-Request-Timestamp": "soon",
                "X-Slack-Signature": "v0=1",
            },
        ),
        (
            b"command=%2Fcontact&text=x",
            {"Content-Type": FORM, "X-Slack-Request-Timestamp": "9" * 40, "X-Slack-Signature": ""},
        ),
    ],
)
def test_unsigned_garbage_gets_401(bot: Bot, body: bytes, headers: dict[str, str]) -> None:
    status, answer = post(bot, body, headers)
    assert status.startswith("401"), (status, answer)
    assert b"Traceback" not in answer


@pytest.mark.databases("sqlite")
def test_signed_but_unreadable_bodies_get_a_polite_answer(bot: Bot) -> None:
    for body in ("payload=not-json{", "payload=%5B1%2C2%5D", "payload=%7B%22user%22%3A5%7D"):
        status, answer = signed_post(bot, body)
        assert status.startswith("200"), (body, status)
        assert b"nothing was done" in answer or answer == b"", (body, answer)


# -- 8. signed but odd payloads --------------------------------------------------------------------


def test_odd_ids_get_a_polite_answer_and_change_nothing(bot: Bot) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Acme Health")
    blocks = contact_reply(bot)["blocks"]
    for value in ("abc", "-1", "99999999999999999999", "1e3", "٣", ""):
        payload = action_payload(bot, blocks, "contact_undo")
        payload["actions"][0]["value"] = value
        status, _ = signed_post(bot, payloads.interactive_body(payload))
        assert status.startswith("200"), value
        assert "no longer exists" in told(bot, payload), value
    assert [row.deleted_at for row in logged(bot)] == [None]


def test_another_workspaces_contact_is_not_found(bot: Bot) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Acme Health")
    blocks = contact_reply(bot)["blocks"]
    intruder = bot.other_team("T0EVIL")
    payload = action_payload(intruder, blocks, "contact_undo")
    status, _ = signed_post(intruder, payloads.interactive_body(payload))
    assert status.startswith("200")
    assert "no longer exists" in told(bot, payload)
    assert [row.deleted_at for row in logged(bot)] == [None]


def test_team_null_from_an_org_wide_install_is_read_from_the_user(bot: Bot) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Acme Health")
    blocks = contact_reply(bot)["blocks"]
    payload = action_payload(bot, blocks, "contact_undo")
    payload["team"] = None
    payload["user"]["team_id"] = TEAM_ID
    status, _ = signed_post(bot, payloads.interactive_body(payload))
    assert status.startswith("200")
    assert "Undone" in told(bot, payload)


@pytest.mark.databases("sqlite")
def test_malformed_people_and_workspaces_get_a_polite_answer(bot: Bot) -> None:
    body = bot.command_body("/contact", "acme called", user_id="U" + "X" * 299)
    status, answer = signed_post(bot, body)
    assert status.startswith("200")
    assert json.loads(answer)["text"] == UNREADABLE
    nothing: dict[str, Any] = {
        "type": "block_actions",
        "team": None,
        "user": {"id": MARIA},
        "actions": [],
    }
    status, answer = signed_post(bot, payloads.interactive_body(nothing))
    assert status.startswith("200")


@pytest.mark.databases("sqlite")
def test_a_command_longer_than_the_cap_is_refused_in_plain_words(bot: Bot) -> None:
    reply = bot.command("/contact", "acme " + "x" * COMMAND_TEXT_LIMIT)
    assert reply.status == 200
    assert "a command can hold 20,000" in reply.text
    assert logged(bot) == []


# -- 7. NUL bytes and lone surrogates --------------------------------------------------------------


def test_nul_bytes_and_lone_surrogates_are_cleaned_on_both_databases(bot: Bot) -> None:
    partner_id = records.partner(bot.deps.sessions, TEAM_ID, "Acme Health")
    reply = bot.command("/contact", "acme called\x00 Jane\x00 about internships")
    assert "Logged a call" in reply.text
    bot.global_shortcut("log_partner_contact_global")
    view = bot.opened_views()[-1]
    submitted = payloads.view_submission(
        bot.workspace,
        MARIA,
        view,
        contact_form(partner_id, "met \ud800 the\x00 manager \udfff"),
        trigger_id=bot.ids.trigger_id(),
    )
    body = urlencode({"payload": json.dumps(submitted)})  # "\ud800" as JSON sends it
    reply = bot.dispatch(body, FORM)
    assert reply.status == 200
    assert reply.ack == {}
    summaries = [row.summary for row in logged(bot)]
    assert summaries == ["called Jane about internships", "met \ufffd the manager \ufffd"]


# -- 6. markup -------------------------------------------------------------------------------------


@given(st.text(alphabet=st.sampled_from("`a <>&!@#|*_~\n"), max_size=60))
def test_code_spans_cannot_be_closed_from_inside(text: str) -> None:
    block = code_block(f"/contact {text}")
    assert block.startswith("```")
    assert block.endswith("```")
    assert "`" not in block[3:-3]
    assert "<" not in block
    assert ">" not in block
    span = code(text)
    assert span == "" or ("`" not in span[1:-1] and "<" not in span)


@pytest.mark.databases("sqlite")
def test_typed_text_cannot_close_the_echoed_command(bot: Bot) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Acme Health")
    reply = bot.command("/contact", "acme called ``` <!channel>, follow up Nov 2 2026")
    assert "Nothing was saved" in reply.text
    shown = "".join(b["text"]["text"] for b in reply.body["blocks"] if b.get("text"))
    assert shown.count("```") == 2
    assert "<!channel>" not in shown  # (button values carry the line, never shown)
    assert typed_back("a ``` b").count("```") == 2


@pytest.mark.databases("sqlite")
def test_celebrate_never_posts_markup_from_a_partner_name(bot: Bot) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "<!subteam^S0EVIL1> Club")
    bot.command("/celebrate", "<!subteam^S0EVIL1> Club hosted us")
    [posted] = bot.slack.calls_to("chat.postMessage")
    assert "<!subteam" not in json.dumps(posted.body)


# -- 7. repeats ------------------------------------------------------------------------------------


def test_celebrate_posts_once_for_a_retry_and_a_double_send(bot: Bot) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Acme Health")
    body = bot.command_body("/celebrate", "acme hosted 12 students")
    bot.dispatch(body, FORM)
    retry = bot.dispatch(body, FORM, extra={"X-Slack-Retry-Num": "1"})
    assert (retry.ack, len(retry.responses)) == ({}, 1)  # recognised before any work
    again = bot.command("/celebrate", "acme hosted 12 students")
    assert "already posted" in again.text
    assert len(bot.slack.calls_to("chat.postMessage")) == 1
    bot.clock.advance(timedelta(minutes=2))
    assert "Posted a thank-you" in bot.command("/celebrate", "acme hosted 12 students").text
    assert len(bot.slack.calls_to("chat.postMessage")) == 2


def test_celebrate_that_slack_refused_can_be_sent_again(bot: Bot) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Acme Health")
    bot.slack.fail("chat.postMessage", status=200, error="not_in_channel")
    assert "Nothing was posted" in bot.command("/celebrate", "acme hosted us").text
    assert "Posted a thank-you" in bot.command("/celebrate", "acme hosted us").text


def test_a_form_refused_for_its_follow_up_saves_nothing_and_the_fix_saves_both(bot: Bot) -> None:
    partner_id = records.partner(bot.deps.sessions, TEAM_ID, "Acme Health")
    bot.global_shortcut("log_partner_contact_global")
    view = bot.opened_views()[-1]
    refused = contact_form(
        partner_id, "met the manager", follow_up_on="2026-12-01", note="n" * 2500
    )
    reply = bot.submit(view, refused)
    assert reply.ack["response_action"] == "errors"
    assert logged(bot) == []
    fixed = contact_form(partner_id, "met the manager", follow_up_on="2026-12-01", note="MOU")
    assert bot.submit(view, fixed).ack == {}
    assert len(logged(bot)) == 1
    with bot.deps.sessions() as session:
        assert session.scalar(select(func.count()).select_from(FollowUp)) == 1


# -- 8. who may undo and edit ----------------------------------------------------------------------


def test_only_the_author_or_a_program_lead_can_undo_or_edit(bot: Bot) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Acme Health")
    blocks = contact_reply(bot)["blocks"]
    juan_undo = bot.press(blocks, "contact_undo", user_id=JUAN)
    assert "Only <@U0MARIA> (who logged it) or a program lead" in juan_undo.text
    bot.press(blocks, "contact_edit", user_id=JUAN)
    assert bot.opened_views() == []
    assert [row.deleted_at for row in logged(bot)] == [None]
    with bot.deps.sessions.begin() as session:
        set_leads(session, TEAM_ID, [JUAN], by=MARIA, now=bot.clock.now())
    assert "Undone" in bot.press(blocks, "contact_undo", user_id=JUAN).text


# -- 3. Slack faults and slowness ------------------------------------------------------------------


def test_the_contact_form_answers_at_once_while_slack_is_slow(bot: Bot) -> None:
    partner_id = records.partner(bot.deps.sessions, TEAM_ID, "Acme Health")
    bot.global_shortcut("log_partner_contact_global")
    view = bot.opened_views()[-1]
    hold = bot.slack.hold("users.info", times=5, timeout=3)
    reply = bot.submit(view, contact_form(partner_id, "met the manager"), user_id=JUAN, wait=False)
    assert (reply.status, reply.ack) == (200, {})
    # Saved and answered while any users.info is still held: the ack step never waited on it.
    assert [c for c in bot.slack.calls_to("users.info") if c.body.get("user") == JUAN] == []
    assert len(logged(bot)) == 1
    hold.release()
    bot.drain()
    assert len(logged(bot)) == 1


@pytest.mark.databases("sqlite")
def test_a_slack_error_after_saving_is_told_as_saved(bot: Bot) -> None:
    def saves_then_updates(client: WebClient, body: dict[str, Any]) -> None:
        records.partner(bot.deps.sessions, TEAM_ID, "Acme Health")
        client.chat_update(channel="C0001", ts="1.0", text="x")

    bot.app.command("/savetest")(ack=lambda ack: ack(), lazy=[saves_then_updates])
    bot.lazy_errors_ok = True
    bot.slack.fail("chat.update", status=200, error="message_not_found")
    reply = bot.command("/savetest", "")
    assert "Saved, but Slack would not let me update that message (message_not_found)" in (
        reply.text
    )


@pytest.mark.databases("sqlite")
def test_a_slack_error_before_saving_says_nothing_changed(bot: Bot) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Acme Health")
    blocks = contact_reply(bot)["blocks"]
    bot.lazy_errors_ok = True
    bot.slack.fail("views.open", status=200, error="expired_trigger_id")
    reply = bot.press(blocks, "contact_edit")
    assert "Slack would not let me open the form (expired_trigger_id); nothing was changed" in (
        reply.text
    )


def test_explanations_name_what_failed() -> None:
    from sqlalchemy.exc import OperationalError

    down = OperationalError("SELECT 1", {}, Exception("connection refused"))
    assert "The database is not answering; nothing was saved" in explain(down, saved=False)
    assert "nothing was saved" not in explain(down, saved=True)
    assert explain(ValueError("x"), saved=True).startswith("⚠️ Saved, but")


# -- 3. sends that cannot double -------------------------------------------------------------------


def _digest_run(bot: Bot, minutes: int = 0) -> JobReport:
    now = bot.clock.now() + timedelta(minutes=minutes)
    return run_due_jobs(bot.deps.sessions, bot.app.client, bot.deps.zones, now=now)


def _due_follow_up(bot: Bot) -> None:
    acme = records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    records.follow_up(bot.deps.sessions, TEAM_ID, acme, MARIA, bot.clock.now().date(), "call Jane")


def _digests(bot: Bot) -> list[Any]:
    return [c for c in bot.slack.calls_to("chat.postMessage") if c.body["channel"] == MARIA]


def test_a_digest_post_without_an_answer_is_checked_not_sent_again(bot: Bot) -> None:
    _due_follow_up(bot)
    bot.slack.fail("chat.postMessage", status=DROP)
    first = _digest_run(bot)
    assert first.unknown == [(TEAM_ID, MARIA)]
    assert first.sent == []
    assert _digest_run(bot).sent == []  # too soon to look: nothing posted
    checked = _digest_run(bot, minutes=3)
    assert checked.sent == [(TEAM_ID, MARIA)]
    assert len(_digests(bot)) == 1
    with bot.deps.sessions() as session:
        assert session.scalar(select(SendLog.status)) == SendStatus.SENT


def test_a_digest_that_never_arrived_is_sent_once_after_the_check(bot: Bot) -> None:
    _due_follow_up(bot)
    bot.slack.fail("chat.postMessage", status=200, error="x")  # recorded, not delivered
    _digest_run(bot)
    with bot.deps.sessions.begin() as session:
        row = session.scalars(select(SendLog)).one()
        row.status = SendStatus.UNKNOWN
    _digest_run(bot, minutes=3)
    assert len([c for c in _digests(bot) if not c.failed]) == 1


def test_a_digest_with_an_unreadable_history_stays_unsent(bot: Bot) -> None:
    _due_follow_up(bot)
    bot.slack.fail("chat.postMessage", status=DROP)
    _digest_run(bot)
    bot.slack.fail("conversations.history", status=200, error="missing_scope", times=3)
    assert _digest_run(bot, minutes=3).unknown == [(TEAM_ID, MARIA)]
    assert len(_digests(bot)) == 1


# -- hypothesis: whatever a signed command carries, a polite answer --------------------------------


@pytest.mark.databases("sqlite")
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    text=st.lists(
        st.one_of(
            st.sampled_from(["acme", " ", "follow up", "<!channel>", "`", "\x00", "&", "in"]),
            st.characters(codec="utf-8"),
        ),
        max_size=40,
    ).map("".join)
)
def test_any_command_text_gets_an_answer(bot: Bot, text: str) -> None:
    bot.lazy_errors_ok = False
    for command in ("/contact", "/celebrate", "/followup", "/partner"):
        status, answer = signed_post(bot, bot.command_body(command, "acme " + text))
        assert status.startswith("200"), (command, text)
        assert b"<!channel>" not in answer
