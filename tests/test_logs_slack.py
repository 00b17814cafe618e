"""The logs: one access line per Slack request (type, id, status, milliseconds), in text or as
one JSON object per line, and never a token, the signing secret or what someone typed — when
things go well and when they fail."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest
from sqlalchemy import text

from bot.console.payloads import signed_headers, slash_command_body
from bot.logs import TEXT_FORMAT, JsonFormatter
from tests.support import records
from tests.support.slackapp import MARIA, SECRET, TEAM_ID, Bot
from tests.test_metrics_slack import _call, grew, scrape, web

TOKEN = "xoxb-test-token"  # the bot fixture's bot token
REFUSE = {
    "sqlite": "CREATE TRIGGER refuse BEFORE INSERT ON interactions "
    "BEGIN SELECT RAISE(ABORT, 'refused'); END",
    # PostgreSQL's DETAIL would say "Failing row contains (…)", the typed line among it.
    "postgresql": "ALTER TABLE interactions ADD CONSTRAINT refuse CHECK (false) NOT VALID",
}
ALLOW = {
    "sqlite": "DROP TRIGGER refuse",
    "postgresql": "ALTER TABLE interactions DROP CONSTRAINT refuse",
}
TYPED = ("zebra-quartz", "quokka-violet", "walrus-amber")


class Captured:
    def __init__(self) -> None:
        self.json = io.StringIO()
        self.text = io.StringIO()

    def json_lines(self) -> list[dict[str, object]]:
        return [json.loads(line) for line in self.json.getvalue().splitlines()]


@pytest.fixture
def logs() -> Iterator[Captured]:
    """Everything logged at INFO and above, as production logs it, in both formats."""
    captured = Captured()
    as_json = logging.StreamHandler(captured.json)
    as_json.setFormatter(JsonFormatter())
    as_text = logging.StreamHandler(captured.text)
    as_text.setFormatter(logging.Formatter(TEXT_FORMAT))
    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.INFO)
    root.addHandler(as_json)
    root.addHandler(as_text)
    try:
        yield captured
    finally:
        root.removeHandler(as_json)
        root.removeHandler(as_text)
        root.setLevel(level)


def test_access_lines_and_no_secrets_or_typed_text_on_success_and_error(
    bot: Bot, logs: Captured
) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    before = scrape(bot)
    ok = bot.command("/contact", f"Acme called Jane about the {TYPED[0]} internship")
    assert "Logged" in ok.text
    # The database refuses the next one as it is written: the person is told, the log says
    # what failed and where, without the values that were being written (the typed line).
    engine = bot.deps.sessions.kw["bind"].dialect.name
    with bot.deps.sessions.begin() as session:
        session.execute(text(REFUSE[engine]))
    bot.lazy_errors_ok = True
    try:
        failed = bot.command("/contact", f"Acme emailed Jane the {TYPED[1]} MOU")
    finally:  # a PostgreSQL test database is emptied for the next test, not made anew
        with bot.deps.sessions.begin() as session:
            session.execute(text(ALLOW[engine]))
    assert "nothing was saved" in failed.text
    body = slash_command_body(
        "/contact",
        f"Acme visited, {TYPED[2]}",
        user_id=MARIA,
        team_id=TEAM_ID,
        response_url=bot.slack.response_url(),
    )
    status, _ = _call(web(bot), "POST", "/slack/events", body.encode(), signed_headers("no", body))
    assert status == 401

    failures = "partnerbot_slack_work_failures_total"
    assert grew(before, scrape(bot), failures, type="command") == 1
    lines = logs.json_lines()
    access = [line for line in lines if line["logger"] == "partnerbot.access"]
    assert [(a["request_type"], a["request_name"], a["status"], a["outcome"]) for a in access] == [
        ("command", "/contact", 200, "ok"),
        ("command", "/contact", 200, "ok"),  # acknowledged; the work after it failed
        ("unknown", "-", 401, "rejected"),
    ]
    assert all(isinstance(a["ms"], int) for a in access)
    assert access[0]["message"] == f"slack command /contact 200 {access[0]['ms']}ms"
    assert any(line["level"] == "ERROR" and "exception" in line for line in lines)
    assert "slack command /contact 200" in logs.text.getvalue()
    for written in (logs.json.getvalue(), logs.text.getvalue()):
        for secret in (TOKEN, SECRET, *TYPED):
            assert secret not in written
