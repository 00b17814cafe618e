"""Debriefs and celebration prompts go out on the same bounded pool as the digests: one
person's slow post holds up nobody else's, and each is still sent exactly once. On SQLite and
PostgreSQL."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import UTC, date, datetime

from sqlalchemy import select, update

from scheduler.jobs import JobReport, run_due_jobs
from storage.celebrations import propose_win
from storage.models import SendLog, SendStatus, Staff
from tests.support import records
from tests.support.slackapp import JUAN, MARIA, TEAM_ID, Bot

TUESDAY_MORNING = datetime(2026, 11, 24, 14, 0, tzinfo=UTC)
"""08:00 in Chicago (Maria), 09:00 in New York (Juan)."""


def posted(bot: Bot) -> Counter[tuple[str, str]]:
    """Posts that went through, by recipient and kind."""
    return Counter(
        (str(call.body["channel"]), "debrief" if "How did" in call.body["text"] else "prompt")
        for call in bot.slack.calls_to("chat.postMessage")
        if not call.failed
    )


def setup_sends(bot: Bot) -> Counter[tuple[str, str]]:
    """Maria's and Juan's job shadows ended Monday; Juan has a win to thank. Their digests are
    off, so the posts due Tuesday morning are two debriefs and a prompt: those."""
    partners = {}
    for owner, name in ((MARIA, "Acme Health"), (JUAN, "Beta Foods")):
        partners[owner] = records.partner(bot.deps.sessions, TEAM_ID, name, owner=owner)
        typed = f"{name.split()[0]} job shadow Nov 23, 12 students"
        assert "Recorded" in bot.command("/engage", typed, user_id=owner).text
    with bot.deps.sessions.begin() as session:
        session.execute(update(Staff).values(digest_enabled=False))
        propose_win(
            session,
            team_id=TEAM_ID,
            partner_id=partners[JUAN],
            owner_user_id=JUAN,
            headline="Beta Foods hosted 12 students",
            source="engagement",
            source_id=999,
            happened_on=date(2026, 11, 20),
            now=TUESDAY_MORNING,
        )
    bot.slack.clear()
    return Counter({(MARIA, "debrief"): 1, (JUAN, "debrief"): 1, (JUAN, "prompt"): 1})


def test_a_slow_debrief_or_prompt_holds_up_nobody_else(bot: Bot) -> None:
    due = setup_sends(bot)
    hold = bot.slack.hold("chat.postMessage")  # the first post hangs until released
    reports: list[JobReport] = []
    thread = threading.Thread(
        target=lambda: reports.append(
            run_due_jobs(
                bot.deps.sessions, bot.app.client, bot.deps.zones, now=TUESDAY_MORNING, workers=4
            )
        )
    )
    thread.start()
    try:
        assert hold.arrived()
        bot.slack.wait_for("chat.postMessage", count=len(due) - 1)
        waiting = due - posted(bot)
        assert sum(waiting.values()) == 1  # only the held one; someone else's went out
        [(held, _)] = waiting
    finally:
        hold.release()
        thread.join(10)
    [report] = reports
    assert not report.overlapped
    assert posted(bot) == due
    assert held in (MARIA, JUAN)
    with bot.deps.sessions() as session:
        rows = session.execute(select(SendLog.status, SendLog.attempts)).all()
    assert sorted(rows) == [(SendStatus.SENT, 1)] * len(due)
    run_due_jobs(
        bot.deps.sessions,
        bot.app.client,
        bot.deps.zones,
        now=TUESDAY_MORNING.replace(minute=1),
    )
    assert posted(bot) == due  # and never again
