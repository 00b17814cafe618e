"""The debrief: the school morning after an engagement ends, its owner gets one DM — at their
local digest time, on school days only, once under Slack retries, two schedulers at the same
tick and a retried post — and answering it keeps the answers on the engagement, closes its
follow-up, proposes a win and updates the DM in place. On SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select

from bot.console import payloads
from bot.console.records import SlackCall
from handlers.engagements.debriefs import send_debriefs
from scheduler.jobs import run_due_jobs
from storage.calendar_entries import NewEntry, add_entries
from storage.models import (
    CalendarKind,
    CelebrationPrompt,
    DebriefOutcome,
    Engagement,
    FollowUp,
    FollowUpStatus,
)
from storage.people.members import set_leads
from tests.support import records
from tests.support.schedulers import two_at_once
from tests.support.slackapp import JUAN, MARIA, TEAM_ID, Bot, text_value


def utc(y: int, m: int, d: int, h: int, minute: int = 0) -> datetime:
    return datetime(y, m, d, h, minute, tzinfo=UTC)


def run(bot: Bot, now: datetime) -> Any:
    return run_due_jobs(bot.deps.sessions, bot.app.client, bot.deps.zones, now=now)


def debriefs(bot: Bot) -> list[SlackCall]:
    return [
        c
        for c in bot.slack.calls_to("chat.postMessage")
        if not c.failed
        and c.body.get("channel") == MARIA
        and "How did the" in str(c.body.get("text"))
    ]


def engagement(bot: Bot) -> Engagement:
    """The first engagement recorded."""
    with bot.deps.sessions() as session:
        row = session.scalars(select(Engagement).order_by(Engagement.id).limit(1)).one()
        session.expunge(row)
        return row


def follow_up(bot: Bot, follow_up_id: int | None) -> FollowUp:
    assert follow_up_id is not None
    return records.follow_up_row(bot.deps.sessions, follow_up_id)


def prompts(bot: Bot) -> list[CelebrationPrompt]:
    with bot.deps.sessions() as session:
        rows = list(session.scalars(select(CelebrationPrompt).order_by(CelebrationPrompt.id)))
        session.expunge_all()
        return rows


def record(bot: Bot, typed: str) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    assert "Recorded" in bot.command("/engage", typed).text


def test_sent_once_the_school_morning_after_at_the_owners_digest_time(bot: Bot) -> None:
    record(bot, "Acme job shadow Nov 23, 12 students")  # today, Monday
    bot.command("/engage", "Acme donation Nov 23 20 laptops")  # no students: no debrief
    run(bot, utc(2026, 11, 23, 22))  # the same evening: not yet
    run(bot, utc(2026, 11, 24, 13, 59))  # Tuesday 07:59 in Chicago
    assert debriefs(bot) == []
    run(bot, utc(2026, 11, 24, 14))  # 08:00
    run(bot, utc(2026, 11, 24, 14, 1))
    run(bot, utc(2026, 11, 25, 14))
    [dm] = debriefs(bot)
    assert "job shadow with Acme Health" in dm.body["text"]
    assert "12 students planned" in json.dumps(dm.body)
    row = engagement(bot)
    assert row.debrief_sent_at == utc(2026, 11, 24, 14)
    todo = follow_up(bot, row.debrief_follow_up_id)
    assert todo.status is FollowUpStatus.OPEN
    assert todo.owner_user_id == MARIA
    assert todo.note.startswith("Debrief the job shadow with Acme Health")
    assert todo.due_date == date(2026, 11, 24)
    # It stays a follow-up: Wednesday's digest lists it.
    digest = [c for c in bot.slack.calls_to("chat.postMessage") if "Debrief the" in str(c.body)]
    assert digest


def test_not_on_weekends_or_days_off(bot: Bot) -> None:
    with bot.deps.sessions.begin() as session:
        add_entries(
            session,
            TEAM_ID,
            [NewEntry(CalendarKind.BREAK, "Thanksgiving", date(2026, 11, 25), date(2026, 11, 27))],
            source="typed",
            by=MARIA,
            now=utc(2026, 11, 23, 14),
        )
    record(bot, "Acme internship Nov 2 - Nov 24, 3 students")  # ends Tuesday
    for day in (25, 26, 27, 28, 29):  # Thanksgiving break, then the weekend
        run(bot, utc(2026, 11, day, 15))
    assert debriefs(bot) == []
    run(bot, utc(2026, 11, 30, 14))  # Monday, back at school
    assert len(debriefs(bot)) == 1


def test_two_schedulers_at_the_same_tick_send_it_once(bot: Bot, migrated_db_url: str) -> None:
    record(bot, "Acme job shadow Nov 20, 12 students")  # last Friday
    two_at_once(
        migrated_db_url,
        lambda sessions: send_debriefs(
            sessions, bot.app.client, bot.deps.zones, now=utc(2026, 11, 23, 14)
        ),
    )
    run(bot, utc(2026, 11, 23, 14, 1))  # and a restart's first tick
    assert len(debriefs(bot)) == 1
    with bot.deps.sessions() as session:
        assert len(list(session.scalars(select(FollowUp)))) == 1


def test_a_failed_post_is_retried_once_later(bot: Bot) -> None:
    record(bot, "Acme job shadow Nov 20, 12 students")
    bot.slack.fail(
        "chat.postMessage", status=200, error="fatal_error", when=lambda b: "How did" in str(b)
    )
    report = send_debriefs(
        bot.deps.sessions, bot.app.client, bot.deps.zones, now=utc(2026, 11, 23, 14)
    )
    assert report.failed == [engagement(bot).id]
    assert debriefs(bot) == []
    run(
        bot,
        utc(
            2026,
            11,
            23,
            14,
            0,
        ),
    )  # too soon to retry
    assert debriefs(bot) == []
    run(bot, utc(2026, 11, 23, 14, 2))
    run(bot, utc(2026, 11, 23, 14, 5))
    assert len(debriefs(bot)) == 1
    with bot.deps.sessions() as session:
        assert len(list(session.scalars(select(FollowUp)))) == 1


def answer(bot: Bot, dm: SlackCall, button: str, **values: str | None) -> Any:
    bot.press_in(dm, f"debrief_open:{button}")
    form = bot.opened_views()[-1]
    assert form["callback_id"] == "debrief_view"
    state: dict[str, dict[str, Any]] = {
        "outcome": {"value": payloads.select_state(values.get("outcome", button))},
        "students": text_value(values.get("students")),
        "feedback": text_value(values.get("feedback")),
        "change": text_value(values.get("change")),
    }
    return bot.submit(form, state)


def test_answering_saves_closes_the_follow_up_and_proposes_a_win(bot: Bot) -> None:
    record(bot, "Acme job shadow Nov 23, 12 students")  # today: no win until it has happened
    assert prompts(bot) == []
    run(bot, utc(2026, 11, 24, 14))
    [dm] = debriefs(bot)
    refused = answer(bot, dm, "great", students="Ana, Ben and Carla")
    assert "never their names" in refused.body["errors"]["students"]
    assert engagement(bot).debrief_outcome is None
    saved = answer(
        bot, dm, "great", students="11", feedback="Loved the questions", change="Start earlier"
    )
    assert saved.body == {}
    row = engagement(bot)
    assert (row.debrief_outcome, row.students_came, row.debriefed_by) == (
        DebriefOutcome.GREAT,
        11,
        MARIA,
    )
    assert (row.partner_feedback, row.to_change) == ("Loved the questions", "Start earlier")
    assert follow_up(bot, row.debrief_follow_up_id).status is FollowUpStatus.DONE
    [win] = prompts(bot)
    assert (win.source, win.source_id) == ("debrief", row.id)
    assert win.headline == "Acme Health hosted 11 students for a job shadow"
    [update] = bot.slack.calls_to("chat.update")
    assert update.body["ts"] == dm.response["ts"]
    assert "Great" in json.dumps(update.body, ensure_ascii=False)
    assert "debrief_open" not in json.dumps(update.body)
    card = json.dumps(bot.command("/partner", "Acme").body, ensure_ascii=False)
    assert "11 students came" in card
    assert "Loved the questions" in card
    # Answering again corrects the answers; nothing is proposed or closed twice.
    answer(bot, dm, "fine", students="11")
    assert engagement(bot).debrief_outcome is DebriefOutcome.FINE
    assert len(prompts(bot)) == 1


def test_problems_proposes_no_win_and_the_card_button_works(bot: Bot) -> None:
    record(bot, "Acme job shadow Nov 20, 12 students")
    card = bot.command("/partner", "Acme")  # before any DM: Write debrief on the card
    bot.press(card.body["blocks"], "debrief_open:open")
    form = bot.opened_views()[-1]
    bot.submit(
        form,
        {
            "outcome": {"value": payloads.select_state("problems")},
            "students": text_value("4"),
            "feedback": text_value(None),
            "change": text_value("Confirm the bus"),
        },
    )
    row = engagement(bot)
    assert (row.debrief_outcome, row.students_came) == (DebriefOutcome.PROBLEMS, 4)
    assert [p.source for p in prompts(bot)] == ["engagement"]  # hosted when recorded, not after
    run(bot, utc(2026, 11, 23, 14))
    assert debriefs(bot) == []  # answered already: no DM


def test_a_win_proposed_when_recorded_is_not_proposed_again_by_its_debrief(bot: Bot) -> None:
    record(bot, "Acme job shadow Nov 20, 12 students")  # hosted already: a win when recorded
    run(bot, utc(2026, 11, 23, 14))
    [dm] = debriefs(bot)
    answer(bot, dm, "great", students="12")
    assert [p.source for p in prompts(bot)] == ["engagement"]


def test_the_home_shows_debriefs_waiting(bot: Bot) -> None:
    record(bot, "Acme job shadow Nov 20, 12 students")
    run(bot, utc(2026, 11, 23, 14))
    home = bot.open_home(MARIA)
    assert "Write debrief" in json.dumps(home)


def test_a_post_with_no_answer_is_never_posted_again_and_stays_a_follow_up(bot: Bot) -> None:
    record(bot, "Acme job shadow Nov 20, 12 students")
    bot.slack.fail("chat.postMessage", status=0, when=lambda b: "How did" in str(b))
    report = send_debriefs(
        bot.deps.sessions, bot.app.client, bot.deps.zones, now=utc(2026, 11, 23, 14)
    )
    assert report.unknown == [engagement(bot).id]
    for minute in (5, 40):
        run(bot, utc(2026, 11, 23, 14, minute))
    run(bot, utc(2026, 11, 24, 14))
    posted = [c for c in bot.slack.calls_to("chat.postMessage") if "How did" in str(c.body)]
    assert len(posted) == 1  # the one that got no answer
    assert follow_up(bot, engagement(bot).debrief_follow_up_id).status is FollowUpStatus.OPEN


def test_another_workspace_cannot_see_or_answer_our_debrief(bot: Bot) -> None:
    record(bot, "Acme job shadow Nov 20, 12 students")
    run(bot, utc(2026, 11, 23, 14))
    [dm] = debriefs(bot)
    bot.press_in(dm, "debrief_open:great")
    form = bot.opened_views()[-1]
    other = bot.other_team("T0OTHER")
    pressed = other.press_in(dm, "debrief_open:fine")
    assert "no longer exists" in json.dumps(pressed.responses)
    refused = other.submit(
        form,
        {
            "outcome": {"value": payloads.select_state("great")},
            "students": text_value("1"),
            "feedback": text_value("hijacked"),
            "change": text_value(None),
        },
    )
    assert "no longer exists" in json.dumps(refused.body)
    assert engagement(bot).debrief_outcome is None


def test_someone_elses_debrief_is_refused_but_a_lead_may_answer_it(bot: Bot) -> None:
    record(bot, "Acme job shadow Nov 23, 12 students")
    run(bot, utc(2026, 11, 24, 14))
    [dm] = debriefs(bot)
    before = len(bot.opened_views())
    pressed = bot.press_in(dm, "debrief_open:great", user_id=JUAN)
    assert "only they or a program lead" in pressed.body["text"]
    assert len(bot.opened_views()) == before  # no form for Juan
    bot.press_in(dm, "debrief_open:great")
    form = bot.opened_views()[-1]
    state: dict[str, dict[str, Any]] = {
        "outcome": {"value": payloads.select_state("great")},
        "students": text_value("11"),
        "feedback": text_value(None),
        "change": text_value(None),
    }
    refused = bot.submit(form, state, user_id=JUAN)  # Maria's form, submitted as Juan
    assert "only its owner or a program lead" in refused.body["errors"]["outcome"]
    row = engagement(bot)
    assert (row.debrief_outcome, row.debriefed_by) == (None, None)
    assert follow_up(bot, row.debrief_follow_up_id).status is FollowUpStatus.OPEN
    assert bot.slack.calls_to("chat.update") == []
    with bot.deps.sessions.begin() as session:
        set_leads(session, TEAM_ID, [JUAN], by=MARIA, now=utc(2026, 11, 24, 14))
    assert bot.submit(form, state, user_id=JUAN).body == {}
    assert (engagement(bot).debrief_outcome, engagement(bot).debriefed_by) == (
        DebriefOutcome.GREAT,
        JUAN,
    )
