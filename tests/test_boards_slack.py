"""Advisory boards through Slack: members are business contacts, meetings with minutes and
attendance, the card with what is missing against the state's rule (set by leads only), due
meetings and missing minutes in a lead's digest, and the boards in the report. On SQLite and
PostgreSQL. Today is Mon Nov 23, 2026; the school year (no terms) runs Aug 1 – Jul 31."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import func, select

from scheduler.jobs import run_due_jobs
from storage.boards import BoardCard, Meeting, Rule
from storage.models import BoardMeeting, BoardMember
from storage.partners.records import PartnerFields, add_partner
from storage.people.contacts import ContactFields, add_business_contact
from storage.people.members import set_leads
from tests.support.slackapp import JUAN, MARIA, TEAM_ID, Bot

NOW = datetime(2026, 11, 23, 14, tzinfo=UTC)


def partner(bot: Bot, name: str, industry: str, *people: str) -> int:
    with bot.deps.sessions.begin() as session:
        found = add_partner(
            session, TEAM_ID, PartnerFields(name=name, industry=industry), now=NOW
        ).id
        for person in people:
            add_business_contact(
                session, TEAM_ID, found, ContactFields(name=person), by=MARIA, now=NOW
            )
        return found


@pytest.fixture(autouse=True)
def _team(bot: Bot) -> None:
    with bot.deps.sessions.begin() as session:
        set_leads(session, TEAM_ID, [MARIA], by=MARIA, now=NOW)
    partner(bot, "Acme Fabrication", "Manufacturing", "Jane Ortiz", "Bob Lee")
    partner(bot, "Riverside Builders", "Construction", "Dana Smith")
    partner(bot, "Other Ortiz Co", "Retail", "Jane Ortiz")


def text(reply: Any) -> str:
    return json.dumps(reply.body, ensure_ascii=False)


def count(bot: Bot, model: Any) -> int:
    with bot.deps.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_a_board_is_built_from_business_contacts_and_its_card_says_what_is_missing(
    bot: Bot,
) -> None:
    unclear = bot.command("/partnerbot", "board Welding add Jane Ortiz")
    assert "could be Jane Ortiz (Acme Fabrication), Jane Ortiz (Other Ortiz Co)" in unclear.text
    assert count(bot, BoardMember) == 0
    bot.command("/partnerbot", "board Welding add Jane Ortiz at Acme")
    bot.command("/partnerbot", "board welding add Dana Smith")
    again = bot.command("/partnerbot", "board Welding add Dana Smith")
    assert "already sits on the board" in again.text
    assert count(bot, BoardMember) == 2
    bot.command("/partnerbot", "board Welding industries Manufacturing, Healthcare")
    held = bot.command(
        "/partnerbot",
        "board Welding meeting Sep 20 minutes <https://docs.example.org/m1> attended Jane Ortiz",
    )
    assert "Meeting of Sun Sep 20, 2026 held" in held.text
    bot.command("/partnerbot", "board Welding meeting Oct 18 minutes <https://docs.example.org/m2>")
    bot.command("/partnerbot", "board Welding meeting Feb 3")  # planned
    card = text(bot.command("/partnerbot", "board Welding"))
    assert "Manufacturing: Jane Ortiz (Acme Fabrication)" in card
    assert "Construction: Dana Smith (Riverside Builders)" in card
    assert "2 of 3 held" in card
    assert "1 came" in card
    assert "*Next meeting:* Wed Feb 3" in card
    assert "1 more meeting needed before Jul 31" in card
    assert "3 more members from industry needed (2 of 5)" in card
    assert "no member from Healthcare" in card
    assert "minutes missing" not in card


def test_a_retried_meeting_is_one_meeting_and_unknown_attendees_change_nothing(bot: Bot) -> None:
    bot.command("/partnerbot", "board Welding add Dana Smith")
    words = "board Welding meeting Oct 18 attended Dana Smith"
    bot.command("/partnerbot", words)
    bot.command("/partnerbot", words)
    assert count(bot, BoardMeeting) == 1
    refused = bot.command("/partnerbot", "board Welding meeting Nov 2 attended Bob Lee")
    assert "“Bob Lee” is not a member of the board. Its members: Dana Smith." in refused.text
    assert count(bot, BoardMeeting) == 1
    assert "no advisory board for Nursing" in bot.command(
        "/partnerbot", "board Nursing meeting Oct 1"
    ).text.replace("&amp;", "&")


def test_only_leads_set_the_rule_and_the_industries(bot: Bot) -> None:
    refused = bot.command("/partnerbot", "board rule 2 meetings 3 members", user_id=JUAN)
    assert "Only a program lead can set the advisory boards' rule. Nothing changed." in refused.text
    refused = bot.command("/partnerbot", "board Welding industries Retail", user_id=JUAN)
    assert "Only a program lead" in refused.text
    shown = bot.command("/partnerbot", "board rule", user_id=JUAN).text
    assert "3 meetings* a school year" in shown
    done = bot.command("/partnerbot", "board rule 2 meetings 3 members")
    assert "*2 meetings* a school year and at least *3 members*" in done.text
    bot.command("/partnerbot", "board Welding add Dana Smith", user_id=JUAN)  # anyone may
    card = text(bot.command("/partnerbot", "board Welding", user_id=JUAN))
    assert "2 more members from industry needed (1 of 3)" in card


def test_a_leads_digest_names_the_meeting_due_and_the_missing_minutes(bot: Bot) -> None:
    bot.command("/partnerbot", "board Welding add Dana Smith")
    bot.command("/partnerbot", "board Welding meeting Sep 20 attended Dana Smith")
    bot.command("/partnerbot", "digest off", user_id=JUAN)
    bot.slack.clear()
    run_due_jobs(
        bot.deps.sessions,
        bot.app.client,
        bot.deps.zones,
        now=datetime(2026, 11, 24, 14, tzinfo=UTC),
    )
    [digest] = [
        json.dumps(c.body, ensure_ascii=False)
        for c in bot.slack.calls_to("chat.postMessage")
        if c.body.get("channel") == MARIA
    ]
    assert "Advisory boards" in digest
    assert "*Welding* board: minutes missing for Sep 20" in digest


def card(today: date, meetings: int, *, planned: int = 0) -> BoardCard:
    held = tuple(Meeting(date(2026, 9, 1 + i), "https://m", (), None) for i in range(meetings))
    ahead = tuple(Meeting(date(2027, 2, 1 + i), None, (), None) for i in range(planned))
    return BoardCard(
        1,
        "Welding",
        (),
        (),
        held + ahead,
        Rule(3, 5, set=True),
        date(2026, 8, 1),
        date(2027, 7, 31),
        today,
    )


def test_a_meeting_is_due_once_a_third_of_the_year_begins_without_one() -> None:
    assert card(date(2026, 8, 1), 0).behind  # the first third needs its meeting
    assert not card(date(2026, 11, 23), 1).behind
    assert card(date(2026, 12, 1), 1).behind  # the second third began
    assert not card(date(2026, 12, 1), 1, planned=1).behind  # one is planned
    assert not card(date(2027, 7, 31), 3).behind


def test_the_report_shows_the_boards_and_their_meetings_as_consultation_evidence(
    bot: Bot,
) -> None:
    bot.command("/partnerbot", "board Welding add Dana Smith")
    bot.command(
        "/partnerbot", "board Welding meeting Sep 20 minutes https://docs.example.org/m1 "
        "attended Dana Smith",
    )  # fmt: skip
    bot.slack.clear()
    bot.command("/partnerbot", "report")
    [posted] = [c for c in bot.slack.calls_to("chat.postMessage") if c.body.get("blocks")]
    shown = json.dumps(posted.body["blocks"], ensure_ascii=False)
    assert "*Welding*: 1 of 3 meetings, 1 of 5 members from industry" in shown
    [evidence] = [
        c for c in bot.slack.calls_to("file_upload") if c.body["content"].startswith("employer")
    ]
    assert (
        "Riverside Builders,Construction,2026-09-20,advisory board meeting (Welding),Maria Lopez"
        in evidence.body["content"]
    )
