"""Engagements through Slack: `/engage` in plain words and the form, bad input, the lists, the
partner card, the App Home, the background-check warning and the day-off flag, and the wins
they propose. On SQLite and PostgreSQL; the clock is Monday 2026-11-23, 08:00 in Chicago."""

from __future__ import annotations

import json
import threading
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.console import payloads
from storage.calendar_entries import NewEntry, add_entries
from storage.compliance import NewDocument, add_document
from storage.db import make_engine, make_session_factory
from storage.engagements import NewEngagement, record_engagement
from storage.models import (
    CalendarKind,
    CelebrationPrompt,
    DocumentKind,
    Engagement,
    EngagementKind,
)
from storage.people.contacts import ContactFields, add_business_contact
from tests.support import records
from tests.support.slackapp import JUAN, MARIA, TEAM_ID, Bot, text_value

NOW = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)


def engagements(bot: Bot) -> list[Engagement]:
    with bot.deps.sessions() as session:
        rows = list(session.scalars(select(Engagement).order_by(Engagement.id)))
        session.expunge_all()
        return rows


def prompts(bot: Bot) -> list[CelebrationPrompt]:
    with bot.deps.sessions() as session:
        rows = list(session.scalars(select(CelebrationPrompt).order_by(CelebrationPrompt.id)))
        session.expunge_all()
        return rows


def count(bot: Bot) -> int:
    with bot.deps.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(Engagement)) or 0)


def contact(bot: Bot, partner_id: int, name: str) -> int:
    with bot.deps.sessions.begin() as session:
        return add_business_contact(
            session, TEAM_ID, partner_id, ContactFields(name=name), by=MARIA, now=NOW
        ).id


def everything(reply: Any) -> str:
    return json.dumps(reply.body, ensure_ascii=False)


@pytest.fixture
def acme(bot: Bot) -> int:
    return records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=JUAN)


@pytest.mark.parametrize(
    ("typed", "kind", "first", "last", "students"),
    [
        ("Acme job shadow Dec 9, 12 students", EngagementKind.JOB_SHADOW, "2026-12-09", None, 12),
        ("Acme shadow day dec 9-11 12 students", EngagementKind.JOB_SHADOW, "2026-12-09",
         "2026-12-11", 12),
        ("Acme internship Jan 12 – Mar 6, 3 students", EngagementKind.INTERNSHIP, "2027-01-12",
         "2027-03-06", 3),
        ("Acme internship Jan 12 to Mar 6 3 students", EngagementKind.INTERNSHIP, "2027-01-12",
         "2027-03-06", 3),
        ("Acme speaker tomorrow 30 students", EngagementKind.GUEST_SPEAKER, "2026-11-24", None,
         30),
        ("Acme field trip Dec 2, 40 students", EngagementKind.SITE_VISIT, "2026-12-02", None, 40),
        ("Acme tour 2026-12-04 15 students", EngagementKind.SITE_VISIT, "2026-12-04", None, 15),
        ("Acme mock interviews Dec 3, students: 20", EngagementKind.MOCK_INTERVIEWS, "2026-12-03",
         None, 20),
        ("Acme sponsorship Nov 20", EngagementKind.DONATION, "2026-11-20", None, None),
        ("Acme advisory board Jan 14", EngagementKind.ADVISORY_BOARD, "2027-01-14", None, None),
        ("Acme job shadow pathway Health Science Dec 9, 12 students", EngagementKind.JOB_SHADOW,
         "2026-12-09", None, 12),
        ("Acme career fair Mar 5, 200 students", EngagementKind.CAREER_FAIR, "2027-03-05", None,
         200),
    ],
)  # fmt: skip
def test_engage_reads_plain_words(
    bot: Bot,
    acme: int,
    typed: str,
    kind: EngagementKind,
    first: str,
    last: str | None,
    students: int | None,
) -> None:
    reply = bot.command("/engage", typed)
    assert "Recorded" in reply.text
    [row] = engagements(bot)
    assert (row.partner_id, row.kind, row.student_count) == (acme, kind, students)
    assert row.starts_on == date.fromisoformat(first)
    assert row.ends_on == date.fromisoformat(last or first)
    assert row.owner_user_id == JUAN  # the partner's owner by default


def test_engage_with_host_owner_pathway_and_other(bot: Bot, acme: int) -> None:
    contact(bot, acme, "Jane Ortiz")
    reply = bot.command(
        "/engage", "Acme job shadow Dec 9, 12 students with Jane <@U0MARIA|maria> pathway Health"
    )
    assert "host Jane Ortiz" in reply.text
    bot.command("/engage", "Acme other: resume workshop Dec 10, 8 students")
    first, second = engagements(bot)
    assert (first.contact_name, first.owner_user_id, first.pathway) == (
        "Jane Ortiz",
        MARIA,
        "Health",
    )
    assert (second.kind, second.label) == (EngagementKind.OTHER, "resume workshop")


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("Acme job shadow Dec 9, students: Ana, Ben and Carla", "never who"),
        ("Acme job shadow Dec 9 with Ana, Ben and Carla", "never who"),
        ("Acme internship Jan 12, intern Ana Lopez", "never who"),
        ("Acme job shadow, 12 students", "couldn't find the date"),
        ("Acme Dec 9, 12 students", "what kind of engagement"),
        ("Acme job shadow Dec 9 with Bob Smith", "not one of"),
        ("Acme internship Mar 6 2027 - Jan 12 2027", "before it starts"),
        ("Acme other Dec 9", "Say what it was"),
        ("Globex job shadow Dec 9", "don't know a partner"),
        ("Acme job shadow Dec 9, 999999 students", "between 0 and"),
    ],
)
def test_bad_input_says_how_and_saves_nothing(bot: Bot, acme: int, typed: str, said: str) -> None:
    reply = bot.command("/engage", typed)
    assert said in reply.text
    assert "Nothing was saved" in reply.text or "don't know" in reply.text
    assert count(bot) == 0


def test_a_retry_or_a_second_send_records_it_once(bot: Bot, acme: int) -> None:
    body = bot.command_body("/engage", "Acme job shadow Dec 9, 12 students")
    first = bot.dispatch(body, payloads.FORM)
    again = bot.dispatch(body, payloads.FORM, extra={"X-Slack-Retry-Num": "1"})
    assert "Recorded" in first.text
    assert (again.ack, len(again.responses)) == ({}, 1)  # the retry is recognised, not run
    assert "Already recorded" in bot.command("/engage", "acme job shadow dec 9 12 students").text
    assert count(bot) == 1


def test_lists_card_and_home(bot: Bot, acme: int) -> None:
    globex = records.partner(bot.deps.sessions, TEAM_ID, "Globex", owner=MARIA)
    bot.command("/engage", "Acme job shadow Dec 9, 12 students <@U0MARIA|maria>")
    bot.command("/engage", "Acme field trip Nov 10, 30 students")
    bot.command("/engage", "Globex guest speaker Nov 30, 25 students")
    upcoming = bot.command("/engage", "list").text
    assert "Job shadow" in upcoming
    assert "Guest speaker" in upcoming
    assert "Site visit" not in upcoming
    past = bot.command("/engage", "list past")
    assert "Site visit" in past.text
    assert "Job shadow" not in past.text
    assert "Write debrief" in everything(past)  # ended, not debriefed
    of_acme = bot.command("/engage", "list Acme").text
    assert "Job shadow" in of_acme
    assert "Site visit" in of_acme
    assert "Globex" not in of_acme
    card = bot.command("/partner", "Acme")
    shown = everything(card)
    assert "Engagements* (2)" in shown
    assert "30 students" in shown
    assert "Record engagement" in shown
    home = bot.open_home(MARIA)
    text = json.dumps(home, ensure_ascii=False)
    assert "Your engagements" in text
    assert "Job shadow" in text
    assert "Guest speaker" in text
    assert globex


def test_the_form_from_the_card_and_from_engage(bot: Bot, acme: int) -> None:
    jane = contact(bot, acme, "Jane Ortiz")
    card = bot.command("/partner", "Acme")
    bot.press(card.body["blocks"], "engage_open")
    form = bot.opened_views()[-1]
    assert form["callback_id"] == "engage_view"
    values: dict[str, dict[str, Any]] = {
        "partner": {
            "engage_partner_pick": payloads.select_state(
                str(acme), text="Acme", kind="external_select"
            )
        },
        "kind": {"value": payloads.select_state("internship")},
        "label": text_value(None),
        "starts_on": {"value": payloads.date_state("2027-01-12")},
        "ends_on": {"value": payloads.date_state("2027-03-06")},
        "students": text_value("Ana and Ben"),
        "contact": {"value": payloads.select_state(str(jane))},
        "owner": {"value": {"type": "users_select", "selected_user": MARIA}},
        "pathway": text_value("Health Science"),
    }
    refused = bot.submit(form, values)
    assert "never their names" in refused.body["errors"]["students"]
    assert count(bot) == 0
    values["students"] = text_value("3")
    assert bot.submit(form, values).body == {}
    [row] = engagements(bot)
    assert (row.kind, row.student_count, row.contact_name) == (
        EngagementKind.INTERNSHIP,
        3,
        "Jane Ortiz",
    )
    assert (row.starts_on, row.ends_on, row.owner_user_id) == (
        date(2027, 1, 12),
        date(2027, 3, 6),
        MARIA,
    )
    told = [c.body for c in bot.slack.calls_to("chat.postEphemeral")]
    assert any("No background check" in json.dumps(t) for t in told)
    bot.command("/engage", "")
    assert bot.opened_views()[-1]["callback_id"] == "engage_view"


def test_mentoring_without_a_valid_check_warns(bot: Bot, acme: int) -> None:
    contact(bot, acme, "Jane Ortiz")
    warned = bot.command("/engage", "Acme mentoring Jan 5 - May 28, 4 students with Jane")
    assert "No background check on file" in warned.text
    assert "Jane Ortiz" in warned.text
    with bot.deps.sessions.begin() as session:
        add_document(
            session,
            TEAM_ID,
            acme,
            NewDocument(DocumentKind.BACKGROUND_CHECK, date(2027, 3, 1), "Jane Ortiz"),
            by=MARIA,
            now=NOW,
        )
    expires_first = bot.command("/engage", "Acme mentoring Jan 6 - May 28, 4 students with Jane")
    assert "No background check on file" in expires_first.text  # it expires before May 28
    covered = bot.command("/engage", "Acme internship Jan 6 - Feb 26, 2 students with Jane")
    assert "No background check" not in covered.text
    shadow = bot.command("/engage", "Acme job shadow Dec 9, 12 students")
    assert "background check" not in shadow.text  # a job shadow needs none


def test_an_engagement_on_a_day_off_is_flagged(bot: Bot, acme: int) -> None:
    with bot.deps.sessions.begin() as session:
        add_entries(
            session,
            TEAM_ID,
            [NewEntry(CalendarKind.BREAK, "Thanksgiving", date(2026, 11, 25), date(2026, 11, 27))],
            source="typed",
            by=MARIA,
            now=NOW,
        )
    flagged = bot.command("/engage", "Acme job shadow Nov 26, 12 students")
    assert "not a school day" in flagged.text
    assert "Thanksgiving" in flagged.text
    weekend = bot.command("/engage", "Acme site visit Dec 5, 12 students")
    assert "not a school day" in weekend.text
    school_day = bot.command("/engage", "Acme job shadow Dec 9, 12 students")
    assert "not a school day" not in school_day.text


def test_wins_proposed_for_what_reads_as_one(bot: Bot, acme: int) -> None:
    bot.command("/engage", "Acme job shadow Dec 9, 12 students")  # still to come: no win yet
    assert prompts(bot) == []
    bot.command("/engage", "Acme job shadow Nov 10, 12 students")  # hosted already
    bot.command("/engage", "Acme donation Nov 20 20 laptops")
    bot.command("/engage", "Acme advisory board Jan 14")
    headlines = [p.headline for p in prompts(bot)]
    assert headlines == [
        "Acme Health hosted 12 students for a job shadow",
        "Acme Health made a donation / sponsorship (20 laptops)",
        "Acme Health joined our advisory board",
    ]
    assert {p.source for p in prompts(bot)} == {"engagement"}
    bot.command("/engage", "Acme job shadow Nov 10, 12 students")  # again: proposed once
    assert len(prompts(bot)) == 3


def test_names_are_escaped(bot: Bot) -> None:
    pid = records.partner(bot.deps.sessions, TEAM_ID, "<!channel> Co", owner=MARIA)
    reply = bot.command("/engage", '"<!channel> Co" job shadow Dec 9, 12 students')
    assert "<!channel>" not in everything(reply)
    assert "&lt;!channel&gt; Co" in reply.text
    assert engagements(bot)[0].partner_id == pid


def test_eight_saves_of_the_same_engagement_at_once_make_one(
    bot: Bot, acme: int, migrated_db_url: str
) -> None:
    engine = make_engine(migrated_db_url, pool_size=8)
    sessions = make_session_factory(engine)
    wanted = NewEngagement(
        EngagementKind.JOB_SHADOW, date(2026, 12, 9), date(2026, 12, 9), 12, MARIA
    )
    start = threading.Barrier(8)
    created: list[bool] = []

    def save() -> None:
        start.wait()
        with sessions.begin() as session:
            created.append(record_engagement(session, TEAM_ID, acme, wanted, by=MARIA, now=NOW)[1])

    threads = [threading.Thread(target=save) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    engine.dispose()
    assert sorted(created) == [False] * 7 + [True]
    assert count(bot) == 1


def test_a_contact_that_reads_like_one_offers_record_as_engagement(bot: Bot, acme: int) -> None:
    talk = bot.command("/contact", "Acme called Jane about internships")
    assert "Record as engagement" not in everything(talk)
    logged = bot.command("/contact", "Acme Gus hosted 4 students for job shadow today")
    assert "reads like a job shadow" in logged.text
    bot.press(logged.body["blocks"], "engage_from_contact")
    form = bot.opened_views()[-1]
    assert form["callback_id"] == "engage_view"
    shown = json.dumps(form)
    assert '"initial_date": "2026-11-23"' in shown
    assert '"initial_value": "4"' in shown
    assert '"value": "job_shadow"' in json.dumps(
        next(b for b in form["blocks"] if b["block_id"] == "kind")["element"]["initial_option"]
    )
    assert count(bot) == 0  # nothing is recorded until the form is saved
