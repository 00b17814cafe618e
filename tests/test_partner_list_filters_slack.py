"""`/partner list` filters through the real app, on both databases: a person's partners
(owned, and backed up marked so), industries as well as pathways, every word a filter, and the
answer naming the filters it used."""

from __future__ import annotations

from datetime import timedelta

from tests.support.slackapp import JUAN, MARIA, Bot

DANA = "U0DANA"


def _team(bot: Bot) -> None:
    bot.command("/partner", "add Acme Health industry: Healthcare pathway: Nursing stage: active")
    bot.command(
        "/partner", "add Midland Welding industry: Manufacturing pathway: Welding", user_id=JUAN
    )
    bot.command("/partner", "add Riverside Clinic industry: Healthcare", user_id=JUAN)
    bot.command("/partner", f"assign Acme Health <@{MARIA}|maria> backup <@{JUAN}|juan>")


def test_list_a_person_shows_their_partners_and_what_they_back_up(bot: Bot) -> None:
    _team(bot)
    listed = bot.command("/partner", f"list <@{JUAN}|juan>")
    assert f"<@{JUAN}>’s partners* (3)" in listed.text
    assert "pathway" not in listed.text
    assert "Midland Welding" in listed.text
    assert "Riverside Clinic" in listed.text
    [acme] = [
        b for b in listed.body["blocks"] if "Acme Health" in b.get("text", {}).get("text", "")
    ]
    assert "backup" in acme["text"]["text"]
    maria = bot.command("/partner", f"list <@{MARIA}|maria>").text
    assert "Acme Health" in maria
    assert "Midland" not in maria


def test_mine_includes_the_partners_i_back_up(bot: Bot) -> None:
    _team(bot)
    mine = bot.command("/partner", "list mine", user_id=JUAN)
    assert "Your partners* (3)" in mine.text
    assert "Acme Health" in mine.text
    assert "_backup_" in mine.text
    assert "backup" not in bot.command("/partner", "list mine").text  # Maria owns Acme


def test_list_an_industry_says_it_is_an_industry(bot: Bot) -> None:
    _team(bot)
    listed = bot.command("/partner", "list healthcare").text
    assert "Partners in the healthcare industry* (2)" in listed
    assert "Acme Health" in listed
    assert "Riverside Clinic" in listed
    assert "Midland" not in listed
    assert "Partners in the welding pathway* (1)" in bot.command("/partner", "list welding").text
    bot.command("/partner", "add Nurses Staffing industry: Nursing")
    nursing = bot.command("/partner", "list nursing").text  # a pathway before an industry
    assert "Partners in the nursing pathway* (1)" in nursing
    assert "Nurses Staffing" not in nursing


def test_every_word_is_a_filter(bot: Bot) -> None:
    _team(bot)
    both = bot.command("/partner", "list mine healthcare", user_id=JUAN).text
    assert "Your partners in the healthcare industry* (2)" in both
    assert "Midland" not in both
    active = bot.command("/partner", "list active healthcare").text
    assert "Partners at stage active in the healthcare industry* (1)" in active
    assert "Acme Health" in active
    assert "Riverside" not in active
    assert "None yet" in bot.command("/partner", "list paused welding").text


def test_cold_and_mine_together(bot: Bot) -> None:
    _team(bot)
    bot.command("/partner", "add Globex Foods")
    bot.clock.advance(timedelta(days=60))
    cold = bot.command("/partner", "list cold mine", user_id=JUAN)
    assert "Your partners going cold* (3)" in cold.text
    assert "Globex" not in cold.text
    assert "no contact logged in" in cold.text
    assert "backup; no contact logged in" in cold.text


def test_a_word_naming_nothing_says_so_and_lists_nothing(bot: Bot) -> None:
    _team(bot)
    reply = bot.command("/partner", "list mine plumbing", user_id=JUAN)
    assert "No partner has a pathway or industry like “plumbing”" in reply.text
    assert "Midland" not in reply.text


def test_two_people_at_once_is_explained(bot: Bot) -> None:
    _team(bot)
    reply = bot.command("/partner", f"list <@{JUAN}|juan> <@{MARIA}|maria>")
    assert "One person at a time" in reply.text
