"""Issue 19: which partner a `/contact` line names is right, or asked — two organisations
named in one line, numbers in names, archived partners beside active ones. Through the real
Bolt app with signed requests, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import select

from storage.models import Interaction, Partner
from storage.partners.records import set_archived
from tests.support import records
from tests.support.slackapp import TEAM_ID, Bot

WHICH = "Which partner do you mean? Nothing was saved yet."


def logged_to(bot: Bot) -> list[str]:
    with bot.deps.sessions() as session:
        query = select(Partner.name).join(Interaction, Interaction.partner_id == Partner.id)
        return list(session.scalars(query.order_by(Interaction.id)))


def buttons(blocks: list[dict[str, Any]]) -> list[str]:
    return [
        str(e["text"]["text"])
        for b in blocks
        if b.get("type") == "actions"
        for e in b["elements"]
        if e.get("type") == "button"
    ]


def test_two_organisations_in_one_line_are_asked_about_and_nothing_saved(bot: Bot) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Chamber of Commerce")
    records.partner(bot.deps.sessions, TEAM_ID, "Precision Machining")
    for typed in (
        "Chamber luncheon yesterday - met Bob Lee (HR) from Precision Machining about welding",
        "chamber luncheon today (incl precision machining)",
    ):
        reply = bot.command("/contact", typed)
        assert WHICH in reply.text
        assert sorted(buttons(reply.body["blocks"])) == [
            "Chamber of Commerce",
            "Precision Machining",
        ]
        assert logged_to(bot) == []
    update = bot.press(reply.body["blocks"], "contact_pick", value=None)
    assert "Logged" in json.dumps(update.body, ensure_ascii=False)
    assert len(logged_to(bot)) == 1


def test_a_number_in_a_name_must_agree(bot: Bot) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Route 66 Auto")
    reply = bot.command("/contact", "Route 9 Diner called about catering for the banquet")
    assert "Route 66 Auto" not in reply.text
    assert logged_to(bot) == []
    records.partner(bot.deps.sessions, TEAM_ID, "Route 9 Diner")
    bot.command("/contact", "Route 9 called about catering for the banquet")
    bot.command("/contact", "talked to route 66 about the car show")
    assert logged_to(bot) == ["Route 9 Diner", "Route 66 Auto"]


def test_an_archived_partner_never_shadows_an_active_one(bot: Bot) -> None:
    old = records.partner(bot.deps.sessions, TEAM_ID, "Acme Health")
    records.partner(bot.deps.sessions, TEAM_ID, "Acme Health Partners")
    with bot.deps.sessions.begin() as session:
        set_archived(session, TEAM_ID, old, True, now=bot.clock.now())
    reply = bot.command("/contact", "acme health called about internships")
    assert "Restore" not in reply.text
    assert buttons(reply.body["blocks"])[0] == "Acme Health Partners"
    assert logged_to(bot) == []


@pytest.mark.parametrize(
    ("typed", "offered"),
    [
        ("dropped by Big Sky Auto Body to talk about internships", "Big Sky Auto Body"),
        ("called First National Bank re: the student branch", "First National Bank"),
        ("citi fire - Capt Reyes came to talk to the EMT class", "citi fire"),
    ],
)
def test_an_add_offer_names_the_whole_business_never_a_person(
    bot: Bot, typed: str, offered: str
) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Acme Health")
    reply = bot.command("/contact", typed)
    assert buttons(reply.body["blocks"]) == [f"Add “{offered}” as a new partner and log this"]
    assert logged_to(bot) == []


def test_a_school_program_is_never_offered_as_a_partner(bot: Bot) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Acme Health")
    reply = bot.command("/contact", "donated gloves for our HOSA lab")
    assert "HOSA" not in "".join(buttons(reply.body["blocks"]))
    assert logged_to(bot) == []
