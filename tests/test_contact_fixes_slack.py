"""Issue 20, finding 1 (contacts): a contact can be undone or edited wherever it is listed —
`/contact history` entries, the partner card — and `/contact undo` undoes your last entry;
Undo names exactly what it removed; only the author or a program lead may; every undo is kept
in the partner's history. Through the real Bolt app, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from sqlalchemy import select

from storage.models import FollowUp, FollowUpStatus, Interaction
from storage.people.members import set_leads
from tests.support import records
from tests.support.slackapp import JUAN, MARIA, TEAM_ID, Bot, contact_form


def live_summaries(bot: Bot) -> list[str]:
    with bot.deps.sessions() as session:
        rows = session.scalars(
            select(Interaction).where(Interaction.deleted_at.is_(None)).order_by(Interaction.id)
        )
        return [r.summary for r in rows]


def follow_up_states(bot: Bot) -> list[FollowUpStatus]:
    with bot.deps.sessions() as session:
        return [f.status for f in session.scalars(select(FollowUp).order_by(FollowUp.id))]


def shown(reply_body: dict[str, Any]) -> str:
    return json.dumps(reply_body, ensure_ascii=False)


def last_response(bot: Bot) -> dict[str, Any]:
    return bot.slack.calls_to("response_url")[-1].body


def test_contact_undo_undoes_your_last_entry_and_says_exactly_what(bot: Bot) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    records.partner(bot.deps.sessions, TEAM_ID, "Riverside Auto", owner=MARIA)
    bot.command("/contact", "Acme called Jane about internships, follow up next tue")
    bot.clock.advance(timedelta(minutes=2))
    bot.command("/contact", "Riverside emailed the shop manager the MOU draft")
    bot.clock.advance(timedelta(minutes=2))
    bot.command("/contact", "Acme visited the lab", user_id=JUAN)

    first = bot.command("/contact", "undo")
    assert "the email with *Riverside Auto* was removed" in first.text
    assert "follow-up" not in first.text  # it had none: the answer doesn't claim one
    assert live_summaries(bot) == [
        "called Jane about internships, follow up next tue",
        "visited the lab",
    ]

    second = bot.command("/contact", "undo")
    assert "the call with *Acme Health* and its follow-up were removed" in second.text
    assert live_summaries(bot) == ["visited the lab"]  # Juan's entry is his own
    assert follow_up_states(bot) == [FollowUpStatus.CANCELLED]

    third = bot.command("/contact", "undo")
    assert "no logged contact to undo" in third.text
    assert live_summaries(bot) == ["visited the lab"]

    history = bot.command("/partner", "history Acme Health")
    assert "contact log — undid the call" in history.text
    assert "and its follow-up" in history.text
    assert f"<@{MARIA}>" in history.text


def test_undo_on_a_confirmation_without_a_follow_up_does_not_claim_one(bot: Bot) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    reply = bot.command("/contact", "Acme called Jane about internships")
    update = bot.press(reply.body["blocks"], "contact_undo").body
    assert "the call with *Acme Health* was removed" in shown(update)
    assert "follow-up" not in shown(update)
    assert live_summaries(bot) == []


def test_history_entries_have_edit_and_undo_and_undo_changes_only_that_entry(bot: Bot) -> None:
    partner_id = records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    for text in ("Acme called Jane", "Acme emailed the MOU", "Acme met HR at the fair"):
        bot.command("/contact", text)
        bot.clock.advance(timedelta(minutes=2))
    history = bot.command("/contact", "history Acme").body["blocks"]
    undo_buttons = [
        e
        for b in history
        if b.get("type") == "actions"
        for e in b["elements"]
        if e["action_id"] == "contact_history_undo"
    ]
    edit_buttons = [
        e
        for b in history
        if b.get("type") == "actions"
        for e in b["elements"]
        if e["action_id"] == "contact_edit"
    ]
    assert len(undo_buttons) == len(edit_buttons) == 3

    with bot.deps.sessions() as session:
        emailed = session.scalars(
            select(Interaction).where(Interaction.summary == "emailed the MOU")
        ).one()
    refused = bot.press(history, "contact_history_undo", value=f"{emailed.id}:0", user_id=JUAN)
    assert "Only <@U0MARIA> (who logged it) or a program lead" in refused.text
    assert refused.body.get("replace_original") is False
    assert len(live_summaries(bot)) == 3

    pressed = bot.press(history, "contact_history_undo", value=f"{emailed.id}:0")
    page = shown(pressed.body)
    assert pressed.body["replace_original"] is True
    assert "the email with *Acme Health* was removed" in page
    assert "emailed the MOU" not in page
    assert "called Jane" in page
    assert "met HR at the fair" in page
    assert live_summaries(bot) == ["called Jane", "met HR at the fair"]

    bot.press(pressed.body["blocks"], "contact_edit", value=str(_id(bot, "called Jane")))
    [view] = bot.opened_views()
    assert view["title"]["text"] == "Edit contact"
    saved = bot.submit(view, contact_form(partner_id, "called Jane about the MOU", kind="call"))
    assert saved.body == {}
    assert live_summaries(bot) == ["called Jane about the MOU", "met HR at the fair"]
    changes = bot.command("/partner", "history Acme Health").text
    assert "edited the call of Nov 23, 2026" in changes
    assert "undid the email of Nov 23, 2026" in changes


def _id(bot: Bot, summary: str) -> int:
    with bot.deps.sessions() as session:
        return session.scalars(select(Interaction.id).where(Interaction.summary == summary)).one()


def test_a_program_lead_may_undo_a_colleagues_entry_from_history(bot: Bot) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    bot.command("/contact", "Acme called Jane")
    history = bot.command("/contact", "history Acme", user_id=JUAN).body["blocks"]
    with bot.deps.sessions.begin() as session:
        set_leads(session, TEAM_ID, [JUAN], by=MARIA, now=bot.clock.now())
    pressed = bot.press(history, "contact_history_undo", user_id=JUAN)
    assert "was removed" in pressed.text
    assert "No contacts logged yet" in pressed.text
    assert live_summaries(bot) == []
    history_text = bot.command("/partner", "history Acme Health").text
    assert f"by <@{JUAN}>" in history_text


def test_the_partner_card_opens_the_history_with_its_buttons(bot: Bot) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    bot.command("/contact", "Acme called Jane")
    card = bot.command("/partner", "Acme Health").body["blocks"]
    opened = bot.press(card, "contact_history_open")
    assert "Contact history" in opened.text
    assert "called Jane" in opened.text
    assert "contact_history_undo" in opened.text


def test_undoing_the_only_entry_of_the_last_page_shows_the_page_before(bot: Bot) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    for n in range(11):
        bot.command("/contact", f"Acme called Jane about item {n:02d}")
        bot.clock.advance(timedelta(minutes=2))
    first = bot.command("/contact", "history Acme").body["blocks"]
    older = bot.press(first, "contact_history_page:older").body
    assert "Showing 11–11 of 11" in shown(older)
    pressed = bot.press(older["blocks"], "contact_history_undo").body
    page = shown(pressed)
    assert "was removed" in page
    assert "Showing 1–10 of 10" in page
    assert "item 00" not in page
    assert len(live_summaries(bot)) == 10


def test_undo_sent_as_a_direct_message_undoes_your_last_entry(bot: Bot) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    bot.command("/contact", "Acme called Jane about internships")

    def message(text: str, ts: str) -> dict[str, Any]:
        return {
            "type": "message",
            "channel": "D0MARIA",
            "channel_type": "im",
            "user": MARIA,
            "text": text,
            "ts": ts,
            "event_ts": ts,
            "team": TEAM_ID,
        }

    bot.event(message("undo", "1763906400.000100"))
    [answer] = bot.slack.calls_to("chat.postMessage")
    assert "the call with *Acme Health* was removed" in shown(answer.body)
    assert live_summaries(bot) == []
