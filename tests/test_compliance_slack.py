"""Compliance documents through Slack: recorded, on the card with their status, listed when
expiring, and reminded in the owner's digest 30 and 7 days before — exactly once."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.console.records import FakeUser
from scheduler.jobs import run_due_jobs
from storage.compliance import REMINDER_LIMIT, NewDocument, add_document
from storage.models import ComplianceDocument, DocumentKind
from tests.support import records
from tests.support.slackapp import JUAN, MARIA, TEAM_ID, Bot


@pytest.fixture(autouse=True)
def _maria_is_an_admin(bot: Bot) -> None:
    """Changing when owners are reminded is for program leads: with none named, admins."""
    bot.slack.add_user(FakeUser(id=MARIA, name="maria", real_name="Maria Lopez", is_admin=True))


def utc(y: int, m: int, d: int, h: int, minute: int = 0) -> datetime:
    return datetime(y, m, d, h, minute, tzinfo=UTC)


def run(bot: Bot, now: datetime) -> Any:
    return run_due_jobs(bot.deps.sessions, bot.app.client, bot.deps.zones, now=now)


def dms(bot: Bot) -> list[str]:
    return [
        json.dumps(c.body, ensure_ascii=False)
        for c in bot.slack.calls_to("chat.postMessage")
        if not c.failed and c.body.get("channel") == MARIA
    ]


def documents(bot: Bot) -> int:
    with bot.deps.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(ComplianceDocument)) or 0)


def test_add_show_on_the_card_and_list_expiring(bot: Bot) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    reply = bot.command(
        "/partner", "doc add Acme background check expires 2027-06-30 for Jane Ortiz"
    )
    assert "Background check — Jane Ortiz" in reply.text
    assert "valid until" in reply.text
    bot.command(
        "/partner",
        "doc add Acme insurance certificate expires 12/10/2026 <https://drive.example.org/coi>",
    )
    bot.command("/partner", "doc add Acme MOU no expiry")
    bot.command("/partner", "doc add Acme safety training expires 2026-11-01")
    card = bot.command("/partner", "Acme").text
    assert "Documents" in card
    assert "expires in 17 days" in card  # Dec 10, seen on Nov 23
    assert "expired" in card
    assert "valid (no expiry)" in card
    assert "https://drive.example.org/coi" in card
    listed = bot.command("/partner", "list expiring").text
    assert "Insurance certificate" in listed
    assert "Safety training" in listed
    assert "Background check" not in listed
    renewed = bot.command("/partner", "doc add Acme safety training expires 2027-11-01")
    assert "Updated" in renewed.text
    assert documents(bot) == 4
    assert "Safety training" not in bot.command("/partner", "list expiring").text
    gone = bot.command("/partner", "doc remove Acme MOU")
    assert "Removed" in gone.text
    assert documents(bot) == 3


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("doc add Acme background check", "When does it expire"),
        ("doc add Acme background check expires someday", "couldn't read the expiry date"),
        ("doc add Acme passport expires 2027-01-01", "What kind of document"),
        ("doc add Nobody Inc background check expires 2027-01-01", "No partner matches"),
        ("doc add Acme other expires 2027-01-01", "Say what the document is"),
        ("doc add Acme background check expires 2027-02-30", "not a date"),
    ],
)
def test_bad_documents_change_nothing(bot: Bot, typed: str, said: str) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    assert said in bot.command("/partner", typed).text
    assert documents(bot) == 0


def test_reminded_30_and_7_days_before_exactly_once(bot: Bot) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    bot.command("/partner", "cadence Acme 365d")  # never going cold in this test
    bot.command("/partnerbot", "digest off", user_id=JUAN)
    bot.command("/partner", "doc add Acme background check expires 2027-01-29 for Jane Ortiz")
    bot.slack.clear()
    run(bot, utc(2026, 12, 29, 14))  # 31 days before: nothing to say
    assert dms(bot) == []
    bot.slack.fail("chat.postMessage", status=429, retry_after=0, times=3)
    run(bot, utc(2026, 12, 30, 14))  # 30 days before: the post fails…
    assert dms(bot) == []
    run(bot, utc(2026, 12, 30, 14, 5))  # …and is retried: the reminder is in it
    run(bot, utc(2026, 12, 30, 14, 6))  # a second scheduler's tick: nothing more
    [first] = dms(bot)
    assert "Documents expiring" in first
    assert "expires in 30 days" in first
    bot.slack.clear()
    for day in (4, 5, 6, 7, 8, 11, 12, 13, 14, 15, 18, 19, 20, 21):
        run(bot, utc(2027, 1, day, 14))
    assert dms(bot) == []  # nothing between the reminders
    run(bot, utc(2027, 1, 22, 14))  # 7 days before
    run(bot, utc(2027, 1, 22, 15))
    [second] = dms(bot)
    assert "expires in 7 days" in second
    bot.slack.clear()
    run(bot, utc(2027, 1, 25, 14))
    assert dms(bot) == []
    bot.command("/partner", "doc remind 60 14")
    assert "60 and 14" in bot.command("/partner", "doc remind").text


def test_workspaces_do_not_see_each_other_s_documents(bot: Bot) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    bot.command("/partner", "doc add Acme insurance expires 2026-12-01")
    other = bot.other_team("T0OTHER")
    records.partner(bot.deps.sessions, "T0OTHER", "Acme Health", owner=MARIA)
    assert "Insurance" not in other.command("/partner", "list expiring").text


def test_only_program_leads_change_when_owners_are_reminded(bot: Bot) -> None:
    refused = bot.command("/partner", "doc remind 60 14", user_id=JUAN)
    assert "can change when owners are reminded. Nothing changed." in refused.text
    assert "30 and 7 days" in bot.command("/partner", "doc remind", user_id=JUAN).text


def test_many_old_expired_documents_do_not_hide_a_new_one(bot: Bot) -> None:
    acme = records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    bot.command("/partner", "cadence Acme 365d")
    bot.command("/partnerbot", "digest off", user_id=JUAN)
    with bot.deps.sessions.begin() as session:
        for i in range(REMINDER_LIMIT + 5):
            old = NewDocument(DocumentKind.OTHER, date(2026, 10, 1), label=f"Permit {i}")
            add_document(session, TEAM_ID, acme, old, by=MARIA, now=bot.clock.now())
    bot.slack.clear()
    run(bot, utc(2026, 11, 24, 14))  # the old ones are reminded, up to the limit
    assert len(dms(bot)) == 1
    run(bot, utc(2026, 11, 25, 14))  # the rest of them the next day
    bot.command("/partner", "doc add Acme insurance certificate expires 2026-12-26")
    bot.slack.clear()
    run(bot, utc(2026, 11, 26, 14))  # 30 days before
    [digest] = dms(bot)
    assert "Insurance certificate" in digest
    assert "expires in 30 days" in digest
    assert "*expired* Thu Oct 1, 2026" in digest  # the old ones stay, after the new one
    assert digest.index("Insurance certificate") < digest.index("Permit")


def test_a_link_is_a_plain_web_address_and_shown_escaped(bot: Bot) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    # Slack escapes & < > in what it sends.
    kept = bot.command(
        "/partner",
        "doc add Acme insurance expires 2027-06-30 https://files.example.org/coi?id=7&amp;v=2",
    )
    assert "<https://files.example.org/coi?id=7&amp;v=2|where it is kept>" in kept.text
    with bot.deps.sessions() as session:
        [link] = session.scalars(select(ComplianceDocument.link)).all()
    assert link == "https://files.example.org/coi?id=7&v=2"
    for typed in (
        "doc add Acme MOU no expiry https://evil.example/&lt;!channel&gt;",
        "doc add Acme MOU no expiry https://evil.example/a&gt;b",
    ):
        refused = bot.command("/partner", typed)
        assert "is not a plain web address" in refused.text
        assert "Nothing changed" in refused.text
        assert "<!channel>" not in refused.text
    assert documents(bot) == 1
    # A link Slack made (<url|label>) keeps only its address.
    labelled = bot.command(
        "/partner", "doc add Acme MOU no expiry <https://drive.example.org/mou|drive: the MOU>"
    )
    assert "<https://drive.example.org/mou|where it is kept>" in labelled.text
    assert "drive: the MOU" not in bot.command("/partner", "doc Acme").text


@pytest.mark.parametrize("typed", ["30 days 7 days", "30d, 7d", "30 and 7 days", "30 7"])
def test_remind_days_as_people_write_them(bot: Bot, typed: str) -> None:
    bot.command("/partner", "doc remind 60 14")
    reply = bot.command("/partner", f"doc remind {typed}")
    assert "Nothing changed" not in reply.text
    assert "30 and 7" in bot.command("/partner", "doc remind").text


def test_no_expiry_in_capitals(bot: Bot) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    reply = bot.command("/partner", "doc add Acme MOU No Expiry")
    assert "valid (no expiry)" in reply.text
    assert documents(bot) == 1
