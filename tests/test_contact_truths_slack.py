"""Issue 19: what `/contact` saves is what the line means — the day from words about the
contact (not its subject), follow-up text without a bare joiner and owned by the colleague
it names, and the kind the words say. Through the real Bolt app, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from storage.models import FollowUp, Interaction, InteractionKind
from tests.support import records
from tests.support.slackapp import JUAN, MARIA, TEAM_ID, Bot


def entries(bot: Bot) -> list[Interaction]:
    with bot.deps.sessions() as session:
        return list(session.scalars(select(Interaction).order_by(Interaction.id)))


def follow_ups(bot: Bot) -> list[FollowUp]:
    with bot.deps.sessions() as session:
        return list(session.scalars(select(FollowUp).order_by(FollowUp.id)))


@pytest.fixture
def acme(bot: Bot) -> int:
    return records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)


def test_the_day_is_the_contacts_not_its_subjects(bot: Bot, acme: int) -> None:
    typed = "emailed dr chen at Acme a thank you note for hosting the shadow last week"
    reply = bot.command("/contact", typed)
    assert "Logged an email with *Acme Health* · today" in reply.text
    [entry] = entries(bot)
    assert entry.occurred_at == bot.clock.now()


def test_a_follow_up_with_a_colleague_is_theirs_and_never_says_w(bot: Bot, acme: int) -> None:
    bot.command("/contact", f"acme f/u w/ <@{JUAN}> next tue")
    bot.command("/contact", "acme called Jo, f/u w/ Amy Chen next tue")
    first, second = follow_ups(bot)
    assert (first.owner_user_id, first.note) == (JUAN, "Follow up with Acme Health")
    assert (second.owner_user_id, second.note) == (MARIA, "Follow up with Amy Chen")


@pytest.mark.parametrize(
    ("typed", "kind"),
    [
        ("Facebook Messenger chat with Acme about the fundraiser", InteractionKind.MESSAGE),
        ("talked with the acme foreman on site today", InteractionKind.VISIT),
        ("jobsite tour planned with acme for the spring", InteractionKind.NOTE),
    ],
)
def test_the_kind_is_what_the_words_say(
    bot: Bot, acme: int, typed: str, kind: InteractionKind
) -> None:
    bot.command("/contact", typed)
    [entry] = entries(bot)
    assert entry.kind is kind
