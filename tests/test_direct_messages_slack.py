"""A direct message to partnerbot is read as a /contact line (the same confirmation, Undo and
Edit, posted in the DM) or answered with help; bot messages, edits and Slack retries change
nothing. Through the real Bolt app with signed requests, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from bot.console.payloads import JSON, event_request
from bot.console.records import SlackCall
from storage.models import Interaction, InteractionKind
from tests.support import records
from tests.support.slackapp import MARIA, TEAM_ID, Bot, Reply

DM = "D0MARIA"


def dm(
    text: str, *, user: str = MARIA, ts: str = "1763906400.000100", **extra: Any
) -> dict[str, Any]:
    """A `message` event in the person's DM with the bot, as the Events API sends it."""
    return {
        "type": "message",
        "channel": DM,
        "channel_type": "im",
        "user": user,
        "text": text,
        "ts": ts,
        "event_ts": ts,
        "team": TEAM_ID,
        **extra,
    }


def entries(bot: Bot) -> list[Interaction]:
    with bot.deps.sessions() as session:
        return list(
            session.scalars(
                select(Interaction).where(Interaction.deleted_at.is_(None)).order_by(Interaction.id)
            )
        )


def posted(bot: Bot) -> list[SlackCall]:
    return bot.slack.calls_to("chat.postMessage")


def said(call: SlackCall) -> str:
    return json.dumps(call.body, ensure_ascii=False)


def test_a_contact_line_sent_as_a_dm_is_logged_and_confirmed_in_the_dm(bot: Bot) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    reply = bot.event(dm("called Jane at Acme Health about summer internships"))
    assert reply.status == 200

    [entry] = entries(bot)
    assert (entry.user_id, entry.kind) == (MARIA, InteractionKind.CALL)
    assert "summer internships" in entry.summary
    [answer] = posted(bot)
    assert answer.body["channel"] == DM
    assert "Acme Health" in said(answer)
    labels = [
        e["text"]["text"]
        for b in answer.body["blocks"]
        for e in b.get("elements") or []
        if e.get("type") == "button"
    ]
    assert {"Undo", "Edit"} <= set(labels)

    undone = bot.press_in(answer, "contact_undo")
    assert undone.status == 200
    assert entries(bot) == []


def test_anything_else_gets_a_short_help_and_saves_nothing(bot: Bot) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    for i, text in enumerate(["hi", "help", "thanks!", "called about the fair", ""]):
        bot.event(dm(text, ts=f"1763906400.00020{i}"))
    answers = posted(bot)
    assert len(answers) == 5
    assert all("/contact help" in said(a) for a in answers)
    assert entries(bot) == []


def test_an_unknown_business_is_offered_to_add(bot: Bot) -> None:
    bot.event(dm("met with Blue Sky Dental about internships"))
    [answer] = posted(bot)
    assert "Blue Sky Dental" in said(answer)
    assert "Add" in said(answer)
    assert entries(bot) == []


def test_bot_messages_edits_and_other_channels_are_ignored(bot: Bot) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    line = "called Acme Health about the tour"
    bot.event(dm(line, bot_id="B0OTHER"))
    bot.event(dm(line, subtype="bot_message"))
    bot.event(
        dm(line, subtype="message_changed", message={"text": line, "user": MARIA, "ts": "1.2"})
    )
    bot.event(dm(line, subtype="message_deleted"))
    bot.event(dm(line, channel_type="channel", channel="C0001"))
    assert posted(bot) == []
    assert entries(bot) == []


def test_a_slack_retry_of_the_same_message_logs_and_answers_once(bot: Bot) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    body = event_request(bot.workspace, dm("emailed Acme Health the MOU"), event_id="Ev0DM1")
    first = bot.dispatch(body, JSON)
    retry: Reply = bot.dispatch(
        body, JSON, extra={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
    )
    assert first.status == retry.status == 200
    assert len(entries(bot)) == 1
    assert len(posted(bot)) == 1


def test_which_partner_is_asked_in_the_dm_and_the_pick_logs_it(bot: Bot) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    auto = records.partner(bot.deps.sessions, TEAM_ID, "Acme Auto Body", owner=MARIA)
    bot.event(dm("acme called about the spring tour"))
    [question] = posted(bot)
    assert "Acme Health" in said(question)
    assert "Acme Auto Body" in said(question)
    assert entries(bot) == []
    bot.press_in(question, f"contact_pick:{auto}")
    [entry] = entries(bot)
    assert entry.partner_id == auto


def test_history_can_be_asked_in_a_dm(bot: Bot) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    bot.event(dm("emailed Acme Health the MOU draft", ts="1763906400.000300"))
    bot.event(dm("history acme", ts="1763906400.000400"))
    answer = posted(bot)[-1]
    assert "MOU draft" in said(answer)
    assert len(entries(bot)) == 1
