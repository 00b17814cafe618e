"""Issue 19: a contact whose follow-up cannot be placed is saved, and its confirmation asks
for the follow-up's day (a date picker, *No follow-up*) — typed work is never thrown away.
Through the real Bolt app with signed requests, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from storage.models import FollowUp, Interaction, InteractionKind
from tests.support import records
from tests.support.slackapp import JUAN, MARIA, TEAM_ID, Bot

ASKED = "The follow-up isn't set yet"


def entries(bot: Bot) -> list[Interaction]:
    with bot.deps.sessions() as session:
        query = select(Interaction).where(Interaction.deleted_at.is_(None))
        return list(session.scalars(query.order_by(Interaction.id)))


def follow_ups(bot: Bot) -> list[FollowUp]:
    with bot.deps.sessions() as session:
        return list(session.scalars(select(FollowUp).order_by(FollowUp.id)))


def shown(body: dict[str, Any]) -> str:
    return json.dumps(body, ensure_ascii=False)


@pytest.fixture
def acme(bot: Bot) -> int:
    return records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)


@pytest.mark.parametrize(
    ("typed", "kind", "why"),
    [
        ("acme called Jane, ping again after break", InteractionKind.CALL, "no break ahead"),
        (
            "acme called Jane, f/u whenever they're back from vacation",
            InteractionKind.CALL,
            "“whenever they're back from vacation” doesn't say which day",
        ),
        (
            "acme follow up blursday about the MOU",
            InteractionKind.NOTE,
            "I couldn't read “blursday about the MOU”",
        ),
        ("acme emailed Jane, follow up blursday", InteractionKind.EMAIL, "“blursday”"),
        ("acme called Jane, follow up", InteractionKind.CALL, "“follow up” needs a date"),
    ],
)
def test_a_follow_up_that_cannot_be_placed_saves_the_contact_and_asks_its_day(
    bot: Bot, acme: int, typed: str, kind: InteractionKind, why: str
) -> None:
    reply = bot.command("/contact", typed)
    assert reply.body["response_type"] == "ephemeral"
    assert "✅ Logged" in reply.text
    assert ASKED in reply.text
    assert why in reply.text
    assert "Nothing was saved" not in reply.text
    [entry] = entries(bot)
    assert (entry.partner_id, entry.kind, entry.summary) == (acme, kind, typed[5:])
    assert follow_ups(bot) == []
    elements = [
        e["type"] for b in reply.body["blocks"] if b["type"] == "actions" for e in b["elements"]
    ]
    assert "datepicker" in elements


def test_picking_a_day_makes_the_follow_up_and_redraws_the_confirmation(
    bot: Bot, acme: int
) -> None:
    reply = bot.command("/contact", "acme called Jane, ping again after break")
    update = bot.press(
        reply.body["blocks"], "contact_follow_up_on", selected_date="2026-12-01"
    ).body
    [entry] = entries(bot)
    [made] = follow_ups(bot)
    assert (made.partner_id, made.owner_user_id, made.due_date) == (acme, MARIA, date(2026, 12, 1))
    assert made.interaction_id == entry.id
    assert update["replace_original"] is True
    assert "follow-up Tue Dec 1 for you" in shown(update)
    assert ASKED not in shown(update)


def test_no_follow_up_keeps_the_contact_and_drops_the_question(bot: Bot, acme: int) -> None:
    reply = bot.command("/contact", "acme called Jane, f/u whenever they're back from vacation")
    update = bot.press(reply.body["blocks"], "contact_no_follow_up").body
    assert len(entries(bot)) == 1
    assert follow_ups(bot) == []
    assert update["replace_original"] is True
    assert "Logged a call with *Acme Health*" in shown(update)
    assert ASKED not in shown(update)


def test_a_day_in_the_past_or_someone_else_changes_nothing(bot: Bot, acme: int) -> None:
    reply = bot.command("/contact", "acme called Jane, follow up blursday")
    past = bot.press(reply.body["blocks"], "contact_follow_up_on", selected_date="2026-11-02")
    assert "in the past" in past.text
    assert past.body.get("replace_original") is not True
    other = bot.press(
        reply.body["blocks"], "contact_follow_up_on", user_id=JUAN, selected_date="2026-12-01"
    )
    assert "Only who logged that contact" in other.text
    assert follow_ups(bot) == []
    assert len(entries(bot)) == 1


def test_a_follow_up_for_a_colleague_is_asked_for_them(bot: Bot, acme: int) -> None:
    reply = bot.command("/contact", f"acme called Jane, <@{JUAN}> follow up blursday")
    bot.press(reply.body["blocks"], "contact_follow_up_on", selected_date="2026-12-02")
    [made] = follow_ups(bot)
    assert (made.owner_user_id, made.due_date) == (JUAN, date(2026, 12, 2))
