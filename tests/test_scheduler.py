"""The morning digest: the right people, at their local time, on weekdays, exactly once."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import select

from scheduler.jobs import run_due_jobs
from storage.models import FollowUpStatus, SendLog, SendStatus
from tests.support import records
from tests.support.slackapp import JUAN, MARIA, TEAM_ID, Bot

MONDAY = date(2026, 11, 23)


def utc(year: int, month: int, day: int, hour: int, minute: int = 0, second: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


def setup(bot: Bot, due: date = MONDAY) -> tuple[int, int]:
    acme = records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    river = records.partner(bot.deps.sessions, TEAM_ID, "Riverside Auto", owner=JUAN)
    maria = records.follow_up(bot.deps.sessions, TEAM_ID, acme, MARIA, due, "send the MOU draft")
    records.follow_up(bot.deps.sessions, TEAM_ID, river, JUAN, due, "call the shop manager")
    # Recent contacts keep both partners warm, so only the follow-ups are due.
    bot.command("/contact", "Acme called Jane about internships")
    bot.command("/contact", "Riverside emailed the shop manager", user_id=JUAN)
    bot.slack.clear()
    return acme, maria


def run(bot: Bot, now: datetime) -> Any:
    return run_due_jobs(bot.deps.sessions, bot.app.client, bot.deps.zones, now=now)


def digests(bot: Bot) -> dict[str, list[dict[str, Any]]]:
    """DMs posted by the scheduler, by recipient."""
    sent: dict[str, list[dict[str, Any]]] = {}
    for call in bot.slack.calls_to("chat.postMessage"):
        if not call.failed:
            sent.setdefault(str(call.body["channel"]), []).append(call.body)
    return sent


def test_each_person_gets_theirs_at_their_local_eight(bot: Bot) -> None:
    setup(bot)
    run(bot, utc(2026, 11, 23, 12, 59))  # 07:59 in New York
    assert digests(bot) == {}
    run(bot, utc(2026, 11, 23, 13, 0))  # 08:00 New York, 07:00 Chicago
    assert list(digests(bot)) == [JUAN]
    run(bot, utc(2026, 11, 23, 14, 0))  # 08:00 Chicago
    sent = digests(bot)
    assert sorted(sent) == sorted([JUAN, MARIA])
    [maria] = sent[MARIA]
    shown = json.dumps(maria["blocks"])
    assert "Acme Health" in shown
    assert "send the MOU draft" in shown
    assert "Riverside" not in shown  # only her own
    assert "Mon Nov 23" in shown
    run(bot, utc(2026, 11, 23, 14, 1))
    run(bot, utc(2026, 11, 23, 20, 0))
    assert {k: len(v) for k, v in digests(bot).items()} == {JUAN: 1, MARIA: 1}


def test_overdue_items_show_and_nobody_gets_an_empty_digest(bot: Bot) -> None:
    setup(bot, due=date(2026, 11, 30))  # next week: nothing due on Monday
    report = run(bot, utc(2026, 11, 23, 15, 0))
    assert digests(bot) == {}
    assert sorted(report.skipped) == sorted([(TEAM_ID, JUAN), (TEAM_ID, MARIA)])
    run(bot, utc(2026, 12, 1, 15, 0))  # Tuesday after: overdue by a day
    shown = json.dumps(digests(bot)[MARIA][0]["blocks"])
    assert "Overdue" in shown
    assert "send the MOU draft" in shown


def test_no_weekend_digest(bot: Bot) -> None:
    setup(bot, due=date(2026, 11, 28))
    run(bot, utc(2026, 11, 28, 15, 0))  # Saturday
    run(bot, utc(2026, 11, 29, 15, 0))  # Sunday
    assert digests(bot) == {}
    run(bot, utc(2026, 11, 30, 15, 0))  # Monday: now overdue
    assert sorted(digests(bot)) == sorted([JUAN, MARIA])


def test_personal_time_and_off(bot: Bot) -> None:
    setup(bot)
    bot.command("/partnerbot", "digest 7:30")
    bot.command("/partnerbot", "digest off", user_id=JUAN)
    bot.slack.clear()
    run(bot, utc(2026, 11, 23, 13, 29))  # 07:29 Chicago
    assert digests(bot) == {}
    run(bot, utc(2026, 11, 23, 13, 30))
    run(bot, utc(2026, 11, 23, 16, 0))
    assert list(digests(bot)) == [MARIA]


def test_chicago_gets_it_at_eight_on_both_sides_of_the_dst_change(bot: Bot) -> None:
    # US daylight saving time ends on Sunday 2026-11-01: 08:00 is 13:00 UTC before, 14:00 after.
    setup(bot, due=date(2026, 10, 30))
    bot.command("/partnerbot", "digest off", user_id=JUAN)
    bot.slack.clear()
    run(bot, utc(2026, 10, 30, 12, 59))
    assert digests(bot) == {}
    run(bot, utc(2026, 10, 30, 13, 0))  # Friday 08:00 CDT
    assert len(digests(bot)[MARIA]) == 1
    bot.slack.clear()
    run(bot, utc(2026, 11, 2, 13, 0))  # Monday 07:00 CST: not yet
    assert digests(bot) == {}
    run(bot, utc(2026, 11, 2, 14, 0))  # Monday 08:00 CST
    assert len(digests(bot)[MARIA]) == 1


def test_after_downtime_a_late_tick_still_sends_today_s_digest_once(bot: Bot) -> None:
    setup(bot)
    run(bot, utc(2026, 11, 23, 19, 45))  # the bot was down all morning
    run(bot, utc(2026, 11, 23, 19, 46))
    assert {k: len(v) for k, v in digests(bot).items()} == {JUAN: 1, MARIA: 1}


def test_rate_limited_dm_is_retried_later_and_everyone_else_gets_theirs(bot: Bot) -> None:
    setup(bot)
    bot.slack.fail(
        "chat.postMessage",
        status=429,
        retry_after=0,
        times=3,  # the first try and both of the client's retries
        when=lambda body: body.get("channel") == MARIA,
    )
    report = run(bot, utc(2026, 11, 23, 15, 0))
    assert report.failed == [(TEAM_ID, MARIA)]
    assert list(digests(bot)) == [JUAN]
    run(bot, utc(2026, 11, 23, 15, 0, 30))  # too soon: retries wait a minute
    assert MARIA not in digests(bot)
    run(bot, utc(2026, 11, 23, 15, 5))
    run(bot, utc(2026, 11, 23, 15, 10))
    assert {k: len(v) for k, v in digests(bot).items()} == {JUAN: 1, MARIA: 1}
    with bot.deps.sessions() as session:
        row = session.scalars(select(SendLog).where(SendLog.user_id == MARIA)).one()
    assert (row.status, row.attempts) == (SendStatus.SENT, 2)


def test_api_error_is_retried_later_not_lost(bot: Bot) -> None:
    setup(bot)
    bot.slack.fail(
        "chat.postMessage",
        status=200,
        error="internal_error",
        when=lambda body: body.get("channel") == JUAN,
    )
    run(bot, utc(2026, 11, 23, 15, 0))
    assert list(digests(bot)) == [MARIA]
    run(bot, utc(2026, 11, 23, 15, 2))
    assert {k: len(v) for k, v in digests(bot).items()} == {JUAN: 1, MARIA: 1}


def test_done_and_snooze_from_the_digest_change_the_record_and_the_message(bot: Bot) -> None:
    _, maria_fu = setup(bot)
    run(bot, utc(2026, 11, 23, 14, 0))
    [call] = [c for c in bot.slack.calls_to("chat.postMessage") if c.body["channel"] == MARIA]
    channel, ts = str(call.response["channel"]), str(call.response["ts"])
    bot.slack.clear()
    bot.press_in(call, "fu_done")
    assert records.follow_up_row(bot.deps.sessions, maria_fu).status is FollowUpStatus.DONE
    [update] = bot.slack.calls_to("chat.update")
    assert (update.body["channel"], update.body["ts"]) == (channel, ts)
    assert "Done by <@U0MARIA>" in json.dumps(update.body["blocks"])

    # A second, stale click on the old message is refused and changes nothing.
    bot.slack.clear()
    bot.clock.advance(timedelta(minutes=3))
    bot.press_in(call, "fu_done")
    assert records.follow_up_row(bot.deps.sessions, maria_fu).closed_at == utc(2026, 11, 23, 14)
    told = json.dumps([c.body for c in bot.slack.calls_to("response_url")])
    assert "Already done by" in told


def test_snooze_from_the_digest_moves_the_date(bot: Bot) -> None:
    _, maria_fu = setup(bot)
    run(bot, utc(2026, 11, 23, 14, 0))
    [call] = [c for c in bot.slack.calls_to("chat.postMessage") if c.body["channel"] == MARIA]
    bot.slack.clear()
    bot.press_in(
        call,
        "fu_snooze",
        selected_option={
            "text": {"type": "plain_text", "text": "Next week"},
            "value": f"7d:{maria_fu}",
        },
    )
    row = records.follow_up_row(bot.deps.sessions, maria_fu)
    assert (row.status, row.due_date) == (FollowUpStatus.OPEN, date(2026, 11, 30))
    assert "Snoozed" in json.dumps(bot.slack.calls_to("chat.update")[0].body["blocks"])
    run(bot, utc(2026, 11, 24, 14, 0))  # Tuesday: nothing due for Maria any more
    assert MARIA not in digests(bot)
