"""Celebration prompts: a win's owner is asked by DM to post a thank-you at their local morning
on school days, exactly once (two schedulers at the same tick, a restart, a failed post tried
again); Post spotlight, Not now and Already thanked update the DM in place; the digest and the
App Home list the celebrations still to post. On SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select

from bot.console.records import SlackCall
from handlers.celebrations.grammar import reads_as_win
from handlers.celebrations.prompts import run_celebration_prompts
from handlers.celebrations.sections import propose_contact_win, withdraw_contact_win
from scheduler.jobs import run_due_jobs
from storage.calendar_entries import NewEntry, add_entries
from storage.celebrations import propose_win
from storage.models import CalendarKind, CelebrationPrompt, PromptStatus, ThankYou
from storage.people.members import set_leads
from storage.workspaces import set_celebration_channel
from tests.support import records
from tests.support.schedulers import two_at_once
from tests.support.slackapp import JUAN, MARIA, TEAM_ID, Bot, text_value

WINS = "C0WINS"
HEADLINE = "Acme Health hosted 12 students for job shadow day"


def utc(y: int, m: int, d: int, h: int, minute: int = 0) -> datetime:
    return datetime(y, m, d, h, minute, tzinfo=UTC)


def run(bot: Bot, now: datetime) -> Any:
    return run_due_jobs(bot.deps.sessions, bot.app.client, bot.deps.zones, now=now)


def win(bot: Bot, *, at: datetime, source_id: int = 1, headline: str = HEADLINE) -> int:
    """Acme Health (Maria's) and a win proposed at `at`, as an engagement or a debrief does."""
    with bot.deps.sessions() as session:
        existing = session.scalar(select(CelebrationPrompt.partner_id).limit(1))
    partner = existing or records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    with bot.deps.sessions.begin() as session:
        set_celebration_channel(session, TEAM_ID, WINS, now=at)
        prompt = propose_win(
            session,
            team_id=TEAM_ID,
            partner_id=partner,
            owner_user_id=MARIA,
            headline=headline,
            source="engagement",
            source_id=source_id,
            happened_on=date(2026, 11, 20),
            now=at,
        )
    assert prompt is not None
    return prompt


def asks(bot: Bot) -> list[SlackCall]:
    return [
        c
        for c in bot.slack.calls_to("chat.postMessage")
        if not c.failed and c.body.get("channel") == MARIA and "post a thank-you" in c.body["text"]
    ]


def prompt_row(bot: Bot, prompt_id: int) -> CelebrationPrompt:
    with bot.deps.sessions() as session:
        row = session.get(CelebrationPrompt, prompt_id)
        assert row is not None
        session.expunge(row)
        return row


def thank_yous(bot: Bot) -> list[ThankYou]:
    with bot.deps.sessions() as session:
        rows = list(session.scalars(select(ThankYou).order_by(ThankYou.id)))
        session.expunge_all()
        return rows


def updates(bot: Bot) -> list[dict[str, Any]]:
    return [c.body for c in bot.slack.calls_to("chat.update") if not c.failed]


def test_asked_once_at_the_owners_local_morning(bot: Bot) -> None:
    win(bot, at=utc(2026, 11, 23, 2))  # Sunday evening in Chicago
    run(bot, utc(2026, 11, 23, 13, 59))  # Monday 07:59 in Chicago
    assert asks(bot) == []
    run(bot, utc(2026, 11, 23, 14))  # 08:00
    for later in (utc(2026, 11, 23, 14, 1), utc(2026, 11, 23, 16), utc(2026, 11, 24, 14)):
        run(bot, later)
    [dm] = asks(bot)
    shown = json.dumps(dm.body["blocks"], ensure_ascii=False)
    assert f"{HEADLINE} on Fri Nov 20* — post a thank-you in <#{WINS}>?" in shown
    assert [e["text"]["text"] for b in dm.body["blocks"] for e in b.get("elements", [])] == [
        "Post spotlight",
        "Not now",
        "Already thanked",
    ]
    assert prompt_row(bot, 1).asked_round == 1


def test_not_on_weekends_days_off_or_afternoons(bot: Bot) -> None:
    with bot.deps.sessions.begin() as session:
        add_entries(
            session,
            TEAM_ID,
            [NewEntry(CalendarKind.HOLIDAY, "Staff day", date(2026, 11, 23), date(2026, 11, 23))],
            source="typed",
            by=MARIA,
            now=utc(2026, 11, 20, 12),
        )
    win(bot, at=utc(2026, 11, 20, 20))  # Friday 14:00 in Chicago: the morning is over
    for moment in (
        utc(2026, 11, 20, 21),
        utc(2026, 11, 21, 15),  # Saturday
        utc(2026, 11, 22, 15),  # Sunday
        utc(2026, 11, 23, 15),  # Monday, a day off
        utc(2026, 11, 24, 19),  # Tuesday 13:00: afternoon
    ):
        run(bot, moment)
    assert asks(bot) == []
    run(bot, utc(2026, 11, 25, 14, 30))  # Wednesday morning
    assert len(asks(bot)) == 1


def test_two_schedulers_at_the_same_tick_and_a_restart_ask_once(
    bot: Bot, migrated_db_url: str
) -> None:
    win(bot, at=utc(2026, 11, 23, 2))
    two_at_once(
        migrated_db_url,
        lambda sessions: run_celebration_prompts(
            sessions, bot.app.client, bot.deps.zones, now=utc(2026, 11, 23, 14)
        ),
    )
    run(bot, utc(2026, 11, 23, 14, 1))  # a restarted scheduler's first tick
    assert len(asks(bot)) == 1


def test_a_failed_post_is_tried_again_once_a_minute_later(bot: Bot) -> None:
    prompt = win(bot, at=utc(2026, 11, 23, 2))
    bot.slack.fail(
        "chat.postMessage", status=200, error="fatal_error", when=lambda b: "thank-you" in str(b)
    )
    report = run_celebration_prompts(
        bot.deps.sessions, bot.app.client, bot.deps.zones, now=utc(2026, 11, 23, 14)
    )
    assert report.failed == [prompt]
    run(bot, utc(2026, 11, 23, 14))  # too soon
    assert asks(bot) == []
    run(bot, utc(2026, 11, 23, 14, 2))
    run(bot, utc(2026, 11, 23, 14, 5))
    assert len(asks(bot)) == 1


def test_already_thanked_records_it_once_and_updates_the_dm_in_place(bot: Bot) -> None:
    prompt = win(bot, at=utc(2026, 11, 23, 2))
    run(bot, utc(2026, 11, 23, 14))
    [dm] = asks(bot)
    bot.press_in(dm, "cel_thanked")
    bot.press_in(dm, "cel_thanked")  # a double click (or Slack's retry)
    assert prompt_row(bot, prompt).status is PromptStatus.THANKED
    [thanks] = thank_yous(bot)
    assert (thanks.how, thanks.by_user_id) == ("outside", MARIA)
    assert records.partner_row(bot.deps.sessions, thanks.partner_id).last_thanked_at is not None
    first = updates(bot)[0]
    assert (first["channel"], first["ts"]) == (dm.response["channel"], dm.response["ts"])
    shown = json.dumps(first["blocks"], ensure_ascii=False)
    assert "marked *Acme Health* thanked" in shown
    assert "Post spotlight" not in shown


def test_not_now_asks_again_a_week_later(bot: Bot) -> None:
    prompt = win(bot, at=utc(2026, 11, 23, 2))
    run(bot, utc(2026, 11, 23, 14))
    [dm] = asks(bot)
    bot.press_in(dm, "cel_later")
    assert "I'll ask again on Mon Nov 30" in json.dumps(updates(bot)[-1]["blocks"])
    bot.press_in(dm, "cel_later")  # the same button again: still next Monday, not a week later
    assert prompt_row(bot, prompt).round == 2
    for day in (24, 25, 26, 27):
        run(bot, utc(2026, 11, day, 14, 30))
    assert len(asks(bot)) == 1
    run(bot, utc(2026, 11, 30, 14))
    run(bot, utc(2026, 11, 30, 14, 1))
    assert len(asks(bot)) == 2


def test_post_spotlight_posts_escaped_records_the_thanks_and_redraws_the_dm(bot: Bot) -> None:
    prompt = win(bot, at=utc(2026, 11, 23, 2))
    run(bot, utc(2026, 11, 23, 14))
    [dm] = asks(bot)
    bot.press_in(dm, "cel_post")
    form = bot.opened_views()[-1]
    text_input = next(b for b in form["blocks"] if b.get("block_id") == "text")
    assert text_input["element"]["initial_value"].startswith(HEADLINE)
    channel_input = next(b for b in form["blocks"] if b.get("block_id") == "channel")
    assert channel_input["element"]["initial_conversation"] == WINS
    story = "<!channel> Thank you for hosting our students <@U0JUAN> <!subteam^S1|cte> & more"
    reply = bot.submit(
        form,
        {
            "text": text_value(story),
            "channel": {"value": {"type": "conversations_select", "selected_conversation": WINS}},
        },
    )
    assert reply.ack == {}
    [spot] = [c for c in bot.slack.calls_to("chat.postMessage") if c.body["channel"] == WINS]
    posted = json.dumps(spot.body, ensure_ascii=False)
    for ping in ("<!channel>", "<@U0JUAN>", "<!subteam"):
        assert ping not in posted
    assert "&lt;!channel&gt; Thank you for hosting our students" in posted
    assert prompt_row(bot, prompt).status is PromptStatus.POSTED
    [thanks] = thank_yous(bot)
    assert (thanks.how, thanks.channel, thanks.ts) == ("spotlight", WINS, spot.response["ts"])
    last = updates(bot)[-1]
    assert (last["channel"], last["ts"]) == (dm.response["channel"], dm.response["ts"])
    assert f"posted a spotlight in <#{WINS}>" in json.dumps(last["blocks"])
    bot.submit(  # the same form sent again: nothing more is posted
        form,
        {
            "text": text_value(story),
            "channel": {"value": {"type": "conversations_select", "selected_conversation": WINS}},
        },
    )
    assert (
        len([c for c in bot.slack.calls_to("chat.postMessage") if c.body["channel"] == WINS]) == 1
    )
    assert len(thank_yous(bot)) == 1


def test_a_channel_without_partnerbot_reopens_the_prompt(bot: Bot) -> None:
    prompt = win(bot, at=utc(2026, 11, 23, 2))
    run(bot, utc(2026, 11, 23, 14))
    [dm] = asks(bot)
    bot.press_in(dm, "cel_post")
    bot.slack.fail("chat.postMessage", status=200, error="not_in_channel")
    bot.submit(
        bot.opened_views()[-1],
        {
            "text": text_value("Thank you for hosting our students!"),
            "channel": {"value": {"type": "conversations_select", "selected_conversation": WINS}},
        },
    )
    assert prompt_row(bot, prompt).status is PromptStatus.OPEN
    assert thank_yous(bot) == []
    told = [c for c in bot.slack.calls_to("chat.postMessage") if c.body["channel"] == MARIA]
    assert "not_in_channel" in told[-1].body["text"]


def test_the_digest_and_home_list_celebrations_to_post(bot: Bot) -> None:
    prompt = win(bot, at=utc(2026, 11, 23, 2))
    run(bot, utc(2026, 11, 23, 14))  # asked Monday
    acme = prompt_row(bot, prompt).partner_id
    records.follow_up(bot.deps.sessions, TEAM_ID, acme, MARIA, date(2026, 11, 24), "send the MOU")
    run(bot, utc(2026, 11, 24, 14))  # Tuesday's digest
    [digest] = [
        c
        for c in bot.slack.calls_to("chat.postMessage")
        if c.body["channel"] == MARIA and "Good morning" in json.dumps(c.body["blocks"])
    ]
    shown = json.dumps(digest.body["blocks"], ensure_ascii=False)
    assert "Celebrations to post" in shown
    assert HEADLINE in shown
    assert "1 to celebrate" in digest.body["text"]
    home = bot.open_home()
    assert HEADLINE in json.dumps(home["blocks"], ensure_ascii=False)
    # Posting from the digest redraws only that item of the digest.
    bot.press_in(digest, "cel_post")
    bot.submit(
        bot.opened_views()[-1],
        {
            "text": text_value("Thank you for hosting our students!"),
            "channel": {"value": {"type": "conversations_select", "selected_conversation": WINS}},
        },
    )
    last = updates(bot)[-1]
    assert last["ts"] == digest.response["ts"]
    redrawn = json.dumps(last["blocks"], ensure_ascii=False)
    assert "send the MOU" in redrawn
    assert "posted a spotlight" in redrawn
    assert HEADLINE not in json.dumps(bot.open_home()["blocks"], ensure_ascii=False)


def test_a_logged_contact_reads_as_a_win() -> None:
    assert reads_as_win("Gus hosted 4 students for job shadow today, follow up fri") == (
        "hosted 4 students for job shadow today"
    )
    assert reads_as_win("They signed the MOU yesterday") == "signed the MOU yesterday"
    assert reads_as_win("Jane joined the advisory board!") == "joined the advisory board"
    assert reads_as_win("donated 3 laptops to the lab; f/u next week") == (
        "donated 3 laptops to the lab"
    )
    assert reads_as_win("hired two of our graduates") == "hired two of our graduates"
    for plain in (
        "called Jane about summer internships",
        "they will host 12 students next week",
        "not hosted yet — asked again",
        "plans to sponsor the career fair",
    ):
        assert reads_as_win(plain) is None


def test_post_spotlight_from_the_home_tab_redraws_it_without_the_prompt(bot: Bot) -> None:
    win(bot, at=utc(2026, 11, 23, 2))
    home = bot.open_home()
    assert HEADLINE in json.dumps(home["blocks"], ensure_ascii=False)
    bot.press_in_view(home, "cel_post")
    form = bot.opened_views()[-1]
    assert form["callback_id"] == "cel_spotlight_view"
    bot.submit(
        form,
        {
            "text": text_value("Thank you for hosting our students!"),
            "channel": {"value": {"type": "conversations_select", "selected_conversation": WINS}},
        },
    )
    redrawn = bot.slack.calls_to("views.publish")[-1].body["view"]
    assert HEADLINE not in json.dumps(redrawn["blocks"], ensure_ascii=False)
    assert len(thank_yous(bot)) == 1


def test_a_contact_that_reads_as_a_win_proposes_one_prompt_and_undo_forgets_it(bot: Bot) -> None:
    acme = records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    now = utc(2026, 11, 23, 2)

    def propose(interaction_id: int, summary: str) -> int | None:
        with bot.deps.sessions.begin() as session:
            return propose_contact_win(
                session,
                team_id=TEAM_ID,
                partner_id=acme,
                partner_name="Acme Health",
                owner_user_id=MARIA,
                interaction_id=interaction_id,
                summary=summary,
                happened_on=date(2026, 11, 20),
                now=now,
            )

    assert propose(1, "called Jane about internships, follow up tue") is None
    prompt = propose(2, "Gus hosted 4 students for job shadow today; f/u fri")
    assert prompt is not None
    assert propose(2, "Gus hosted 4 students for job shadow today; f/u fri") is None  # a retry
    assert prompt_row(bot, prompt).headline == "Acme Health hosted 4 students for job shadow today"
    with bot.deps.sessions.begin() as session:
        assert withdraw_contact_win(session, team_id=TEAM_ID, interaction_id=2)
    run(bot, utc(2026, 11, 23, 14))
    assert asks(bot) == []


def test_anothers_prompt_is_refused_nothing_changes_but_a_lead_may_answer(bot: Bot) -> None:
    prompt = win(bot, at=utc(2026, 11, 23, 2))
    run(bot, utc(2026, 11, 23, 14))
    [dm] = asks(bot)
    before = len(bot.opened_views())
    for action in ("cel_thanked", "cel_later", "cel_post"):
        reply = bot.press_in(dm, action, user_id=JUAN)
        assert "only they or a program lead" in reply.body["text"]
        assert "Nothing changed" in reply.body["text"]
    row = prompt_row(bot, prompt)
    assert (row.status, row.round, row.resolved_by) == (PromptStatus.OPEN, 1, None)
    assert thank_yous(bot) == []
    assert updates(bot) == []
    assert len(bot.opened_views()) == before  # no form opened for Juan
    # Maria's own form, submitted as Juan (a forged submission), posts nothing.
    bot.press_in(dm, "cel_post")
    reply = bot.submit(
        bot.opened_views()[-1],
        {
            "text": text_value("Thank you for hosting our students!"),
            "channel": {"value": {"type": "conversations_select", "selected_conversation": WINS}},
        },
        user_id=JUAN,
    )
    assert "only its owner or a program lead" in reply.ack["errors"]["text"]
    assert [c for c in bot.slack.calls_to("chat.postMessage") if c.body["channel"] == WINS] == []
    assert prompt_row(bot, prompt).status is PromptStatus.OPEN
    assert thank_yous(bot) == []
    # Once Juan is a program lead, he may answer it for Maria.
    with bot.deps.sessions.begin() as session:
        set_leads(session, TEAM_ID, [JUAN], by=MARIA, now=utc(2026, 11, 23, 2))
    bot.press_in(dm, "cel_thanked", user_id=JUAN)
    assert prompt_row(bot, prompt).status is PromptStatus.THANKED
    [thanks] = thank_yous(bot)
    assert thanks.by_user_id == JUAN
