"""Year-end recognition: `/celebrate year` answers with each partner's engagements, students
served and thank-yous this school year (from the first term's first day, else August 1),
within Slack's block limit, and uploads the same as a CSV to the asker's DM. On SQLite and
PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime

from storage.calendar_entries import NewEntry, add_entries
from storage.celebrations import record_thank_you
from storage.engagements import NewEngagement, record_engagement
from storage.models import CalendarKind, EngagementKind
from storage.workspaces import set_celebration_channel
from tests.support import records
from tests.support.slackapp import MARIA, TEAM_ID, Bot

NOW = datetime(2026, 11, 23, 14, tzinfo=UTC)


def engage(bot: Bot, partner: int, kind: EngagementKind, first: date, last: date, n: int) -> None:
    with bot.deps.sessions.begin() as session:
        record_engagement(
            session,
            TEAM_ID,
            partner,
            NewEngagement(kind, first, last, n, MARIA),
            by=MARIA,
            now=NOW,
        )


def uploaded_csv(bot: Bot) -> list[list[str]]:
    [upload] = bot.slack.calls_to("file_upload")
    return list(csv.reader(io.StringIO(upload.body["content"])))


def test_the_years_engagements_students_and_thank_yous_as_a_message_and_a_csv(bot: Bot) -> None:
    acme = records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    river = records.partner(bot.deps.sessions, TEAM_ID, "Riverside Auto", owner=MARIA)
    records.partner(bot.deps.sessions, TEAM_ID, "Old Mill", owner=MARIA)  # nothing this year
    engage(bot, acme, EngagementKind.INTERNSHIP, date(2026, 9, 14), date(2026, 10, 30), 3)
    engage(bot, acme, EngagementKind.JOB_SHADOW, date(2026, 11, 9), date(2026, 11, 9), 12)
    engage(
        bot, acme, EngagementKind.JOB_SHADOW, date(2026, 5, 4), date(2026, 5, 4), 40
    )  # last year
    engage(bot, river, EngagementKind.GUEST_SPEAKER, date(2026, 10, 5), date(2026, 10, 5), 25)
    with bot.deps.sessions.begin() as session:
        set_celebration_channel(session, TEAM_ID, "C0WINS", now=NOW)
    bot.command("/celebrate", "Acme hosted 12 students for job shadow day")
    reply = bot.command("/celebrate", "year")
    shown = json.dumps(reply.body["blocks"], ensure_ascii=False)
    assert "Partner recognition — Sat Aug 1 to Mon Nov 23" in shown
    assert "2 partners · 3 engagements · 40 students served · 1 thank-you" in shown
    river_line = (
        "*Riverside Auto* — 1 engagement (guest speaker visit) · 25 students · 0 thank-yous"
    )
    acme_line = "*Acme Health* — 2 engagements (internship, job shadow) · 15 students · 1 thank-you"
    assert shown.index(river_line) < shown.index(acme_line)  # most students served first
    assert "Old Mill" not in shown
    assert "in your DM with partnerbot" in shown
    assert uploaded_csv(bot) == [
        ["partner", "engagements", "kinds", "students_served", "thank_yous", "last_thanked"],
        ["Riverside Auto", "1", "guest speaker visit x1", "25", "0", ""],
        ["Acme Health", "2", "internship x1; job shadow x1", "15", "1", "2026-11-23"],
    ]
    [done] = bot.slack.calls_to("files.completeUploadExternal")
    assert done.body["channel_id"] == f"D{MARIA}"


def test_the_year_starts_with_the_first_term_when_the_calendar_has_one(bot: Bot) -> None:
    acme = records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    with bot.deps.sessions.begin() as session:
        add_entries(
            session,
            TEAM_ID,
            [NewEntry(CalendarKind.TERM, "Fall", date(2026, 8, 17), date(2026, 12, 18))],
            source="typed",
            by=MARIA,
            now=NOW,
        )
    engage(bot, acme, EngagementKind.SITE_VISIT, date(2026, 8, 10), date(2026, 8, 10), 30)
    engage(bot, acme, EngagementKind.SITE_VISIT, date(2026, 8, 20), date(2026, 8, 20), 20)
    shown = bot.command("/celebrate", "year").text
    assert "Mon Aug 17 to Mon Nov 23" in shown
    assert "1 engagement (site visit) · 20 students" in shown


def test_many_partners_stay_within_the_block_limit_and_the_csv_has_them_all(bot: Bot) -> None:
    with bot.deps.sessions.begin() as session:
        set_celebration_channel(session, TEAM_ID, "C0WINS", now=NOW)
    names = [f"Partner {n:02d}" for n in range(60)] + ["@Acme <!here> Labs"]
    for name in names:
        partner = records.partner(bot.deps.sessions, TEAM_ID, name, owner=MARIA)
        with bot.deps.sessions.begin() as session:
            record_thank_you(session, TEAM_ID, partner, by=MARIA, how="spotlight", now=NOW)
    reply = bot.command("/celebrate", "year")
    blocks = reply.body["blocks"]
    assert len(blocks) <= 50
    assert "… and 15 more — all in the CSV." in json.dumps(blocks, ensure_ascii=False)
    assert "<!here>" not in json.dumps(reply.body)
    rows = uploaded_csv(bot)
    assert len(rows) == 1 + len(names)
    assert ["'@Acme <!here> Labs", "0", "", "0", "1", "2026-11-23"] in rows  # no formula
