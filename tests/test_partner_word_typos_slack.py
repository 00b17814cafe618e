"""A one-word typo in a partner's name finds it in every lookup — the card, `/engage`,
`/celebrate`, `/partner doc` — as `/partner find` does; through the real app, on both
databases."""

from __future__ import annotations

from tests.support import records
from tests.support.slackapp import JUAN, MARIA, TEAM_ID, Bot


def _partners(bot: Bot) -> int:
    riverside = records.partner(bot.deps.sessions, TEAM_ID, "Riverside Auto Body", owner=JUAN)
    records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    return riverside


def test_the_card_finds_a_one_word_typo(bot: Bot) -> None:
    _partners(bot)
    card = bot.command("/partner", "rivrside")
    assert card.body["blocks"][0]["text"]["text"] == "Riverside Auto Body"
    other = bot.command("/partner", "rivreside auto body")
    assert other.body["blocks"][0]["text"]["text"] == "Riverside Auto Body"


def test_a_common_word_alone_is_not_a_name(bot: Bot) -> None:
    _partners(bot)
    reply = bot.command("/partner", "bdy")
    assert "Riverside" not in reply.text


def test_a_typo_shared_by_two_names_asks_which(bot: Bot) -> None:
    _partners(bot)
    records.partner(bot.deps.sessions, TEAM_ID, "Riverside Dental", owner=MARIA)
    reply = bot.command("/partner", "rivrside")
    assert "Which partner did you mean" in reply.text
    assert "Riverside Auto Body" in reply.text
    assert "Riverside Dental" in reply.text


def test_engage_finds_a_one_word_typo(bot: Bot) -> None:
    _partners(bot)
    reply = bot.command("/engage", "rivrside job shadow Dec 9, 12 students")
    assert "Recorded" in reply.text
    assert "Riverside Auto Body" in reply.text


def test_celebrate_finds_a_one_word_typo(bot: Bot) -> None:
    _partners(bot)
    reply = bot.command("/celebrate", "rivrside hosted 12 students for job shadow day")
    assert "Posted a thank-you for *Riverside Auto Body*" in reply.text


def test_a_document_finds_a_one_word_typo(bot: Bot) -> None:
    _partners(bot)
    reply = bot.command("/partner", "doc add rivrside MOU no expiry")
    assert "MOU" in reply.text
    assert "Riverside Auto Body" in bot.command("/partner", "riverside").text
    assert "MOU" in bot.command("/partner", "riverside").text


def test_two_words_of_a_name_typed_as_one(bot: Bot) -> None:
    _partners(bot)
    records.partner(bot.deps.sessions, TEAM_ID, "Tri-County Health Center", owner=MARIA)
    card = bot.command("/partner", "tricounty")
    assert card.body["blocks"][0]["text"]["text"] == "Tri-County Health Center"
