"""`/metrics` after scripted traffic, parsed with prometheus_client's own parser: requests by
type and outcome, answer times, scheduled sends by outcome, Slack's 429s and the retries they
cost, the inbox, the database pool and the scheduler's last good run. Counters are global to
the process, so each test compares a scrape after its traffic with one before."""

from __future__ import annotations

import io
import urllib.request
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from typing import Any
from wsgiref.util import setup_testing_defaults

import pytest
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import select

from bot.console.payloads import signed_headers, slash_command_body
from bot.http import wsgi_application
from bot.metrics import metrics_app, serve_metrics
from scheduler.jobs import run_due_jobs
from scheduler.ticker import tick
from storage.inbox import keep
from tests.support import records
from tests.support.slackapp import JUAN, MARIA, SECRET, TEAM_ID, Bot

Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]
MONDAY = date(2026, 11, 23)


def _call(
    application: Callable[..., Any], method: str, path: str, body: bytes, headers: dict[str, str]
) -> tuple[int, bytes]:
    answered: list[str] = []

    def start_response(
        line: str, _headers: list[tuple[str, str]], _exc_info: Any = None, /
    ) -> Callable[[bytes], object]:
        answered.append(line)
        return lambda data: None

    environ: dict[str, Any] = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.input": io.BytesIO(body),
    }
    for name, value in headers.items():
        key = name.upper().replace("-", "_")
        environ[key if key == "CONTENT_TYPE" else f"HTTP_{key}"] = value
    setup_testing_defaults(environ)
    data = b"".join(application(environ, start_response))
    return int(answered[0].split()[0]), data


def web(bot: Bot) -> Callable[..., Any]:
    """The HTTP transport's WSGI app around the bot under test, with its /metrics."""
    return wsgi_application(
        bot.app, lambda: True, signing_secret=SECRET, metrics=metrics_app(bot.deps.sessions)
    )


def parse(text: str) -> Samples:
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def scrape(bot: Bot) -> Samples:
    status, data = _call(web(bot), "GET", "/metrics", b"", {})
    assert status == 200
    return parse(data.decode())


def value(samples: Samples, name: str, **labels: str) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


def grew(before: Samples, after: Samples, name: str, **labels: str) -> float:
    return value(after, name, **labels) - value(before, name, **labels)


def first_button(blocks: list[dict[str, Any]]) -> str:
    return next(
        str(element["action_id"])
        for block in blocks
        if block.get("type") == "actions"
        for element in block["elements"]
        if element.get("type") == "button"
    )


STRAY_BUTTON = [
    {
        "type": "actions",
        "block_id": "stray",
        "elements": [
            {
                "type": "button",
                "action_id": "no_such_action",
                "text": {"type": "plain_text", "text": "Stray"},
                "value": "1",
            }
        ],
    }
]


def test_requests_are_counted_by_type_and_outcome_with_their_answer_times(bot: Bot) -> None:
    before = scrape(bot)
    bot.command("/partner", "add Acme Health")
    bot.command("/contact", "Acme called Jane about internships")
    card = bot.command("/partner", "Acme")
    bot.press(card.body["blocks"], first_button(card.body["blocks"]))
    bot.open_home()
    stray = bot.press(STRAY_BUTTON, "no_such_action")
    body = slash_command_body(
        "/partner",
        "add Globex",
        user_id=MARIA,
        team_id=TEAM_ID,
        response_url=bot.slack.response_url(),
    )
    status, _ = _call(
        web(bot), "POST", "/slack/events", body.encode(), signed_headers("nope", body)
    )
    after = scrape(bot)

    assert (stray.status, status) == (404, 401)
    counted = "partnerbot_slack_requests_total"
    assert grew(before, after, counted, type="command", outcome="ok") == 3
    assert grew(before, after, counted, type="action", outcome="ok") == 1
    assert grew(before, after, counted, type="event", outcome="ok") == 1
    assert grew(before, after, counted, type="action", outcome="rejected") == 1
    assert grew(before, after, counted, type="unknown", outcome="rejected") == 1  # bad signature
    assert grew(before, after, counted, type="command", outcome="error") == 0
    timed = "partnerbot_slack_answer_seconds_count"
    assert grew(before, after, timed, type="command") == 3
    assert (
        grew(before, after, "partnerbot_slack_answer_seconds_bucket", type="command", le="+Inf")
        == 3
    )


def _digest_setup(bot: Bot) -> None:
    acme = records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    river = records.partner(bot.deps.sessions, TEAM_ID, "Riverside Auto", owner=JUAN)
    records.follow_up(bot.deps.sessions, TEAM_ID, acme, MARIA, MONDAY, "send the MOU draft")
    records.follow_up(bot.deps.sessions, TEAM_ID, river, JUAN, MONDAY, "call the shop manager")
    bot.slack.clear()


def test_digests_sent_and_failed_and_slack_s_429s_are_counted(bot: Bot) -> None:
    _digest_setup(bot)
    bot.slack.fail(
        "chat.postMessage",
        status=429,
        retry_after=0,
        times=3,  # the first try and both of the client's retries
        when=lambda body: body.get("channel") == JUAN,
    )
    before = scrape(bot)
    first = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
    run_due_jobs(bot.deps.sessions, bot.app.client, bot.deps.zones, now=first)
    middle = scrape(bot)
    later = datetime(2026, 11, 23, 15, 5, tzinfo=UTC)
    run_due_jobs(bot.deps.sessions, bot.app.client, bot.deps.zones, now=later)
    after = scrape(bot)

    sends = "partnerbot_scheduled_sends_total"
    assert grew(before, middle, sends, kind="digest", outcome="sent") == 1  # Maria's
    assert grew(before, middle, sends, kind="digest", outcome="failed") == 1  # Juan's, 429
    assert grew(middle, after, sends, kind="digest", outcome="sent") == 1  # Juan's, later
    assert grew(before, after, sends, kind="digest", outcome="unknown") == 0
    limited = "partnerbot_slack_api_rate_limited_total"
    assert grew(before, after, limited, method="chat.postMessage") == 3
    retried = "partnerbot_slack_api_retries_total"
    assert grew(before, after, retried, reason="rate_limited") == 2
    assert len(bot.sleeps.whole_seconds) == 2  # the retries waited (recorded, not slept)
    # Every kind is there from the start, so a rate over nothing is 0, not missing.
    assert (
        "partnerbot_scheduled_sends_total",
        frozenset({("kind", "nudge"), ("outcome", "sent")}),
    ) in after


def test_the_scheduler_s_last_good_run_is_the_time_it_finished(bot: Bot) -> None:
    tick(bot.deps.sessions, bot.app.client, bot.clock, bot.deps.zones)
    samples = scrape(bot)
    assert value(samples, "partnerbot_scheduler_last_success_timestamp_seconds") == (
        bot.clock.now().timestamp()
    )


def test_pending_acknowledged_work_and_the_pool_are_read_when_scraped(bot: Bot) -> None:
    samples = scrape(bot)
    assert value(samples, "partnerbot_database_up") == 1
    assert value(samples, "partnerbot_inbox_pending") == 0
    assert value(samples, "partnerbot_db_pool_checked_out") == 0
    assert value(samples, "partnerbot_db_pool_size") >= 1
    with bot.deps.sessions.begin() as session:
        kept = keep(
            session,
            key="trigger:1",
            team_id=TEAM_ID,
            user_id=MARIA,
            body="{}",
            owner="elsewhere:1",
            now=bot.clock.now(),
        )
    assert kept
    with bot.deps.sessions() as session:  # one connection held while scraping
        session.execute(select(1))
        samples = scrape(bot)
    assert value(samples, "partnerbot_inbox_pending") == 1
    assert value(samples, "partnerbot_db_pool_checked_out") == 1


@pytest.fixture
def metrics_port(bot: Bot) -> Iterator[int]:
    server, thread = serve_metrics(bot.deps.sessions, host="127.0.0.1", port=0)
    yield int(server.server_port)
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.mark.databases("sqlite")
def test_socket_mode_and_the_scheduler_serve_the_same_metrics_on_a_port_of_their_own(
    bot: Bot, metrics_port: int
) -> None:
    bot.command("/partner", "add Acme Health")
    url = f"http://127.0.0.1:{metrics_port}/metrics"
    with urllib.request.urlopen(url, timeout=5) as response:
        assert response.status == 200
        samples = parse(response.read().decode())
    assert value(samples, "partnerbot_slack_requests_total", type="command", outcome="ok") >= 1
    assert value(samples, "partnerbot_inbox_pending") == 0
    assert value(samples, "partnerbot_database_up") == 1
