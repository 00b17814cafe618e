"""The person's answer goes out first: Home redraws and DMs to others wait until it is out, so
a slow Slack (views.publish or chat.postMessage answering late) never delays a confirmation
(issue 21, finding 4). Slack is held, never slept on. On SQLite and PostgreSQL."""

from __future__ import annotations

import json
from collections.abc import Callable

from bot.console.records import SlackCall
from tests.support import records
from tests.support.slackapp import JUAN, MARIA, TEAM_ID, Bot

ANSWER_WAIT = 5.0
"""Seconds the answer may take while Slack holds the other call (held for 30)."""


def answered_while_held(
    bot: Bot, method: str, send: Callable[[], object], *, times: int = 1
) -> tuple[SlackCall, list[SlackCall]]:
    """Hold `method`, `send` a request: its answer (to its response_url), which must arrive
    while the held call still waits; then the held calls, once released."""
    before = len(bot.slack.calls_to("response_url"))
    held = bot.slack.hold(method, times=times, timeout=30)
    try:
        send()
        answers = bot.slack.wait_for("response_url", count=before + 1, timeout=ANSWER_WAIT)
        assert held.arrived()  # the other call was made, after the answer, and still waits
    finally:
        held.release()
    bot.drain()
    return answers[-1], bot.slack.calls_to(method)


def test_followup_confirmation_does_not_wait_for_the_home_redraw(bot: Bot) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    answer, published = answered_while_held(
        bot,
        "views.publish",
        lambda: bot.command("/followup", "Acme fri send the thank-you letter", wait=False),
    )
    assert "send the thank-you letter" in json.dumps(answer.body)
    assert [c.body["user_id"] for c in published] == [MARIA]


def test_engage_answer_does_not_wait_for_the_home_redraw(bot: Bot) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    answer, published = answered_while_held(
        bot,
        "views.publish",
        lambda: bot.command("/engage", "Acme job shadow Dec 9, 12 students", wait=False),
    )
    assert "Recorded" in json.dumps(answer.body)
    assert published


def test_contact_answer_does_not_wait_for_the_dm_to_whoever_gets_the_follow_up(bot: Bot) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    answer, posted = answered_while_held(
        bot,
        "chat.postMessage",
        lambda: bot.command(
            "/contact", f"Acme called Jane, follow up fri with <@{JUAN}|juan>", wait=False
        ),
    )
    assert "Logged a call with *Acme Health*" in json.dumps(answer.body)
    assert [c.body["channel"] for c in posted] == [JUAN]


def test_assign_answer_does_not_wait_for_the_new_owners_dm(bot: Bot) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    answer, posted = answered_while_held(
        bot,
        "chat.postMessage",
        lambda: bot.command("/partner", f"assign Acme Health <@{JUAN}|juan>", wait=False),
    )
    assert "now owns *Acme Health*" in json.dumps(answer.body)
    assert [c.body["channel"] for c in posted] == [JUAN]


def test_handoff_confirm_answers_before_the_dm_and_the_home_redraws(bot: Bot) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    preview = bot.command("/partner", f"handoff <@{MARIA}|maria> <@{JUAN}|juan>")
    assert "*1 partner*" in preview.text
    answer, published = answered_while_held(
        bot,
        "views.publish",
        lambda: bot.press(preview.body["blocks"], "people_handoff_confirm", wait=False),
        times=2,
    )
    assert "Handed over 1 partner" in json.dumps(answer.body)
    assert {c.body["user_id"] for c in published} == {MARIA, JUAN}
    assert [c.body["channel"] for c in bot.slack.calls_to("chat.postMessage")] == [JUAN]
