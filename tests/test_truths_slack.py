"""Issue 20, findings 3 and 4, through the real app on SQLite and PostgreSQL: an expired
document and an engagement whose host has no valid background check stay in the owner's
digest; prompts and confirmations say only what is true (a thanked partner is not prompted
again, no debrief promised for kinds that get none, the win's day instead of "today", no
"Welcome back" after one day off, no "from" oneself, no fragment of a title saved as an
engagement's description). The clock is Monday 2026-11-23, 08:00 in Chicago."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select

from bot.console.records import FakeUser
from scheduler.jobs import run_due_jobs
from storage.celebrations import propose_win
from storage.models import CelebrationPrompt, Engagement, PromptStatus
from tests.support import records
from tests.support.slackapp import JUAN, MARIA, TEAM_ID, Bot

DANA = "U0DANA"


def utc(y: int, m: int, d: int, h: int = 14, minute: int = 0) -> datetime:
    """08:00 in Chicago (standard time) unless told."""
    return datetime(y, m, d, h, minute, tzinfo=UTC)


def run(bot: Bot, now: datetime) -> Any:
    return run_due_jobs(bot.deps.sessions, bot.app.client, bot.deps.zones, now=now)


def dms(bot: Bot, user_id: str = MARIA) -> list[str]:
    found = bot.slack.calls_to("chat.postMessage")
    return [
        json.dumps(c.body, ensure_ascii=False)
        for c in found
        if not c.failed and c.body.get("channel") == user_id
    ]


def acme(bot: Bot) -> int:
    """Acme Health, Maria's, never going cold; Juan gets no digest."""
    partner = records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    bot.command("/partner", "cadence Acme 365d")
    bot.command("/partnerbot", "digest off", user_id=JUAN)
    return partner


def prompts(bot: Bot) -> list[CelebrationPrompt]:
    with bot.deps.sessions() as session:
        rows = list(session.scalars(select(CelebrationPrompt).order_by(CelebrationPrompt.id)))
        session.expunge_all()
        return rows


# -- 3. expired documents and unchecked hosts stay in view ----------------------------------


def test_an_expired_check_stays_on_the_digest_and_the_card_until_renewed(bot: Bot) -> None:
    acme(bot)
    bot.command("/partner", "doc add Acme background check expires 2026-12-20 for Jane Ortiz")
    bot.slack.clear()
    run(bot, utc(2026, 12, 14))  # 7 days before: the reminder
    [reminded] = dms(bot)
    assert "expires in 6 days" in reminded or "expires in 7 days" in reminded
    for day in (21, 22):  # expired: every digest keeps it, marked expired
        bot.slack.clear()
        run(bot, utc(2026, 12, day))
        [digest] = dms(bot)
        assert "Background check — Jane Ortiz" in digest
        assert "*expired* Sun Dec 20, 2026" in digest
        assert "1 document expired" in digest
    bot.slack.clear()
    run(bot, utc(2027, 1, 11))  # three weeks on: still there
    [later] = dms(bot)
    assert "Background check — Jane Ortiz" in later
    assert "*expired*" in later
    bot.clock.set(utc(2027, 1, 11, 15))
    assert "*expired* Sun Dec 20, 2026" in bot.command("/partner", "Acme").text
    bot.command("/partner", "doc add Acme background check expires 2027-12-20 for Jane Ortiz")
    bot.slack.clear()
    run(bot, utc(2027, 1, 12))  # renewed: nothing left to say
    assert dms(bot) == []


def test_an_internship_whose_host_has_no_valid_check_is_flagged_every_school_day(
    bot: Bot,
) -> None:
    acme(bot)
    bot.command("/partner", "contact add Acme Health Jane Ortiz, jane@acme.org")
    bot.command("/partner", "doc add Acme background check expires 2026-12-20 for Jane Ortiz")
    bot.command("/engage", "Acme internship Jan 12 – Mar 6, 10 students with Jane Ortiz")
    bot.command("/engage", "Acme guest speaker Jan 13, 30 students")  # needs no check
    bot.slack.clear()
    for day in (7, 8, 11):
        bot.slack.clear()
        run(bot, utc(2027, 1, day))
        [digest] = dms(bot)
        assert "No background check" in digest
        assert "1 engagement without a background check" in digest
        assert "*Acme Health* · internship starts Tue Jan 12, 10 students" in digest
        assert "no background check on file for Jane Ortiz valid through Sat Mar 6" in digest
        assert "guest speaker" not in digest
    bot.clock.set(utc(2027, 1, 11, 15))
    bot.command("/partner", "doc add Acme background check expires 2027-12-20 for Jane Ortiz")
    bot.slack.clear()
    run(bot, utc(2027, 1, 12))
    assert not any("No background check" in d for d in dms(bot))


# -- 4. prompts and confirmations that are true ---------------------------------------------


def test_a_partner_thanked_with_celebrate_is_not_prompted_again(bot: Bot) -> None:
    partner = acme(bot)
    bot.command("/celebrate", "channel here", channel_id="C0WINS")
    with bot.deps.sessions.begin() as session:
        propose_win(
            session,
            team_id=TEAM_ID,
            partner_id=partner,
            owner_user_id=MARIA,
            headline="Acme Health hosted 12 students for a job shadow",
            source="engagement",
            source_id=1,
            happened_on=date(2026, 11, 20),
            now=utc(2026, 11, 23, 2),
        )
    run(bot, utc(2026, 11, 24))  # asked at Maria's morning
    assert any("post a thank-you" in d for d in dms(bot))
    bot.clock.set(utc(2026, 11, 24, 16))
    reply = bot.command("/celebrate", "Acme hosted 12 students for job shadow day")
    assert "Posted a thank-you for *Acme Health*" in reply.text
    assert [p.status for p in prompts(bot)] == [PromptStatus.THANKED]
    # A win from before the thank-you, recorded after it, proposes nothing either.
    bot.clock.set(utc(2026, 11, 25, 15))
    bot.command("/engage", "Acme job shadow Nov 20, 12 students")
    records.follow_up(bot.deps.sessions, TEAM_ID, partner, MARIA, date(2026, 11, 26), "call")
    bot.slack.clear()
    run(bot, utc(2026, 11, 26))
    assert not any("post a thank-you" in d for d in dms(bot))
    [digest] = [d for d in dms(bot) if "Good morning" in d]
    assert "Celebrations to post" not in digest
    assert len(prompts(bot)) == 1


def test_a_prompt_names_the_day_of_the_win_not_today(bot: Bot) -> None:
    acme(bot)
    bot.command("/contact", "Acme Health signed the MOU today")
    bot.slack.clear()
    run(bot, utc(2026, 12, 21))  # asked at the next morning, a month later
    [asked] = [d for d in dms(bot) if "post a thank-you" in d]
    assert "signed the MOU on Mon Nov 23" in asked
    assert "today" not in asked


def test_only_kinds_with_a_debrief_promise_one(bot: Bot) -> None:
    acme(bot)
    for typed in ("Acme advisory board Dec 9", "Acme donation Dec 9"):
        reply = bot.command("/engage", typed)
        assert "Recorded" in reply.text
        assert "debrief" not in reply.text
    shadow = bot.command("/engage", "Acme job shadow Dec 9, 12 students")
    assert "gets a short debrief the school morning after it ends" in shadow.text


def test_one_pd_day_is_no_welcome_back_but_two_days_off_are(bot: Bot) -> None:
    bot.slack.add_user(FakeUser(id=MARIA, name="maria", real_name="Maria Lopez", is_admin=True))
    partner = acme(bot)
    assert "PD day" in bot.command("/partnerbot", "calendar add PD day Dec 2").text
    bot.command("/partnerbot", "calendar add Conference days Dec 10-11")
    for due in (date(2026, 12, 3), date(2026, 12, 14)):
        records.follow_up(bot.deps.sessions, TEAM_ID, partner, MARIA, due, "call Jane")
    bot.slack.clear()
    run(bot, utc(2026, 12, 3))  # Thursday, after one day off
    [after_pd] = dms(bot)
    assert "Good morning" in after_pd
    assert "Welcome back" not in after_pd
    bot.slack.clear()
    run(bot, utc(2026, 12, 14))  # Monday, after Thursday and Friday off
    [back] = dms(bot)
    assert "Welcome back from Conference days" in back


def test_handing_over_ones_own_partners_names_the_giver_once(bot: Bot) -> None:
    bot.slack.add_user(FakeUser(id=DANA, name="dana", real_name="Dana Reed"))
    bot.command("/partner", "add Acme Health")
    preview = bot.command("/partner", f"handoff <@{MARIA}|maria> <@{DANA}|dana>")
    bot.press(preview.body["blocks"], "people_handoff_confirm")
    [told] = dms(bot, DANA)
    assert f"<@{MARIA}> handed you 1 partner" in told
    assert f"from <@{MARIA}>" not in told


def test_a_titled_host_leaves_no_fragment_in_the_description(bot: Bot) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Brightline", owner=MARIA)
    bot.command("/partner", "contact add Brightline Amy Chen")
    reply = bot.command("/engage", "Brightline job shadow Dec 1, 4 students with Dr. Amy Chen")
    assert "Recorded" in reply.text
    assert ". Amy Chen" not in reply.text
    with bot.deps.sessions() as session:
        [row] = session.scalars(select(Engagement)).all()
        assert (row.label, row.contact_name) == (None, "Amy Chen")
