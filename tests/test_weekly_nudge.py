"""The weekly nudge in the celebration channel: on the day and time leads choose (default
Friday 13:00), on a school day, once a week under two schedulers and restarts; this week's wins
not yet celebrated and active partners not thanked in 90 days, each with "I'll thank them",
which gives the clicker one follow-up and redraws only that item. On SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import select

from bot.console.records import FakeUser, SlackCall
from handlers.celebrations.nudges import run_weekly_nudges
from scheduler.jobs import run_due_jobs
from storage.calendar_entries import NewEntry, add_entries
from storage.celebrations import propose_win
from storage.models import CalendarKind, FollowUp, Stage
from storage.partners.records import PartnerFields, add_partner, mark_thanked
from storage.workspaces import set_celebration_channel
from tests.support.schedulers import two_at_once
from tests.support.slackapp import JUAN, MARIA, TEAM_ID, Bot

WINS = "C0WINS"
CREATED = datetime(2026, 11, 1, 15, tzinfo=UTC)


def utc(y: int, m: int, d: int, h: int, minute: int = 0) -> datetime:
    return datetime(y, m, d, h, minute, tzinfo=UTC)


def run(bot: Bot, now: datetime) -> Any:
    return run_due_jobs(bot.deps.sessions, bot.app.client, bot.deps.zones, now=now)


@pytest.fixture(autouse=True)
def _maria_is_an_admin(bot: Bot) -> None:
    """Changing the nudge is for program leads: with none named, admins."""
    bot.slack.add_user(FakeUser(id=MARIA, name="maria", real_name="Maria Lopez", is_admin=True))


def setup(bot: Bot, *, channel: str | None = WINS) -> dict[str, int]:
    """Acme Health (active, never thanked), Riverside Auto (active, thanked on Tuesday), Old
    Mill (a prospect) and a win of Acme's on Tuesday Dec 1."""
    ids: dict[str, int] = {}
    with bot.deps.sessions.begin() as session:
        for name, stage in (
            ("Acme Health", Stage.ACTIVE),
            ("Riverside Auto", Stage.ACTIVE),
            ("Old Mill", Stage.PROSPECT),
        ):
            fields = PartnerFields(name=name, stage=stage)
            ids[name] = add_partner(session, TEAM_ID, fields, now=CREATED, owner_user_id=MARIA).id
        mark_thanked(session, TEAM_ID, ids["Riverside Auto"], now=utc(2026, 12, 1, 15))
        set_celebration_channel(session, TEAM_ID, channel, now=CREATED)
        win = propose_win(
            session,
            team_id=TEAM_ID,
            partner_id=ids["Acme Health"],
            owner_user_id=MARIA,
            headline="Acme Health hosted 12 students for job shadow day",
            source="engagement",
            source_id=1,
            happened_on=date(2026, 12, 1),
            now=utc(2026, 12, 1, 20),
        )
    assert win is not None
    ids["win"] = win
    return ids


def nudges(bot: Bot) -> list[SlackCall]:
    return [
        c
        for c in bot.slack.calls_to("chat.postMessage")
        if not c.failed and c.body["channel"] == WINS
    ]


def follow_ups(bot: Bot) -> list[FollowUp]:
    with bot.deps.sessions() as session:
        rows = list(session.scalars(select(FollowUp).order_by(FollowUp.id)))
        session.expunge_all()
        return rows


def test_friday_at_13_local_once_a_week(bot: Bot) -> None:
    setup(bot)
    run(bot, utc(2026, 12, 4, 18, 59))  # Friday 12:59 in Chicago
    assert nudges(bot) == []
    for moment in (utc(2026, 12, 4, 19), utc(2026, 12, 4, 19, 1), utc(2026, 12, 7, 19)):
        run(bot, moment)
    [nudge] = nudges(bot)
    shown = json.dumps(nudge.body["blocks"], ensure_ascii=False)
    assert "This week's wins not yet celebrated" in shown
    assert "Acme Health hosted 12 students for job shadow day" in shown
    assert "Active partners not thanked in 90 days" in shown
    assert "*Acme Health* — never thanked with partnerbot" in shown
    assert "Riverside Auto" not in shown  # thanked this week
    assert "Old Mill" not in shown  # not active
    assert nudge.body["text"] == "partnerbot: 1 win to celebrate, 1 partner to thank"
    run(bot, utc(2026, 12, 11, 19))  # the next Friday: a new week
    assert len(nudges(bot)) == 2


def test_two_schedulers_at_the_same_tick_post_one_nudge(bot: Bot, migrated_db_url: str) -> None:
    setup(bot)
    two_at_once(
        migrated_db_url,
        lambda sessions: run_weekly_nudges(
            sessions, bot.app.client, bot.deps.zones, now=utc(2026, 12, 4, 19)
        ),
    )
    run(bot, utc(2026, 12, 4, 19, 5))  # a restart's first tick
    assert len(nudges(bot)) == 1


def test_ill_thank_them_gives_one_follow_up_and_redraws_only_that_item(bot: Bot) -> None:
    ids = setup(bot)
    bot.clock.set(utc(2026, 12, 4, 19))
    run(bot, bot.clock.now())
    [nudge] = nudges(bot)
    bot.press_in(nudge, "cel_take", value=f"p:{ids['Acme Health']}", user_id=JUAN)
    bot.press_in(nudge, "cel_take", value=f"p:{ids['Acme Health']}", user_id=MARIA)  # too late
    [todo] = follow_ups(bot)
    assert todo.owner_user_id == JUAN
    assert todo.partner_id == ids["Acme Health"]
    assert todo.due_date == date(2026, 12, 4)
    assert todo.note.startswith("Thank Acme Health in public")
    [update] = [c.body for c in bot.slack.calls_to("chat.update")]
    assert update["ts"] == nudge.response["ts"]
    items = {b.get("block_id"): b for b in update["blocks"]}
    taken = items[f"celn:p:{ids['Acme Health']}"]
    assert "✋ <@U0JUAN> will thank them" in taken["text"]["text"]
    assert "accessory" not in taken
    assert items[f"celn:w:{ids['win']}"]["accessory"]["action_id"] == "cel_take"
    # The win: a follow-up to post its thank-you.
    bot.press_in(nudge, "cel_take", value=f"w:{ids['win']}", user_id=MARIA)
    assert follow_ups(bot)[-1].note == (
        "Post a thank-you: Acme Health hosted 12 students for job shadow day"
    )
    assert len(follow_ups(bot)) == 2


def test_leads_choose_the_day_and_time_and_a_day_off_moves_it(bot: Bot) -> None:
    setup(bot)
    refused = bot.command("/partnerbot", "nudge tuesday 9:00", user_id=JUAN)
    assert "lead" in refused.text.casefold()
    reply = bot.command("/partnerbot", "nudge tuesday 9:00")
    assert f"goes to <#{WINS}> on Tuesdays at *09:00* (America/Chicago)" in reply.text
    with bot.deps.sessions.begin() as session:
        add_entries(
            session,
            TEAM_ID,
            [NewEntry(CalendarKind.HOLIDAY, "Staff day", date(2026, 12, 8), date(2026, 12, 8))],
            source="typed",
            by=MARIA,
            now=CREATED,
        )
    run(bot, utc(2026, 12, 7, 19))  # Monday
    run(bot, utc(2026, 12, 8, 15))  # Tuesday 09:00, a day off
    assert nudges(bot) == []
    run(bot, utc(2026, 12, 9, 14))  # Wednesday 08:00: the next school day that week
    assert len(nudges(bot)) == 1


def test_off_or_without_a_channel_nothing_is_posted(bot: Bot) -> None:
    setup(bot, channel=None)
    shown = bot.command("/partnerbot", "nudge").text
    assert "starts once a celebration channel is chosen" in shown
    run(bot, utc(2026, 12, 4, 19))
    assert bot.command("/partnerbot", "nudge off").text.count("off") >= 1
    with bot.deps.sessions.begin() as session:
        set_celebration_channel(session, TEAM_ID, WINS, now=CREATED)
    run(bot, utc(2026, 12, 4, 19, 1))
    assert nudges(bot) == []
    bot.command("/partnerbot", "nudge on")
    run(bot, utc(2026, 12, 4, 19, 2))
    assert len(nudges(bot)) == 1


def test_bad_settings_say_how_to_write_them(bot: Bot) -> None:
    for typed in ("nudge saturday 9:00", "nudge someday", "nudge friday 25:00"):
        reply = bot.command("/partnerbot", typed)
        assert "/partnerbot nudge friday 13:00" in reply.text
    assert "Fridays at *13:00*" in bot.command("/partnerbot", "nudge").text


def test_partner_list_unthanked_and_the_cards_last_thanked_line(bot: Bot) -> None:
    setup(bot)
    bot.clock.set(utc(2026, 12, 4, 15))
    listed = bot.command("/partner", "list unthanked").text
    assert "Partners not thanked in 90 days" in listed
    assert "*Acme Health* — ⭐ active · never thanked in public" in listed
    assert "*Old Mill*" in listed
    assert "Riverside Auto" not in listed
    assert "🎉 *Last thanked* Tue Dec 1" in bot.command("/partner", "Riverside Auto").text
    assert "🎉 *Last thanked* never" in bot.command("/partner", "Acme Health").text
    assert "list unthanked" in bot.command("/partner", "help").text
