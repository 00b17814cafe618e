"""`/partnerbot report`: the numbers against a hand-worked autumn (tests/support/report_seed.py),
the charts' series and files, the PDF, the evidence CSV, small cells, and what a non-lead may
see. On SQLite and PostgreSQL.

Worked by hand, "this school year" is Aug 17 (Q1's first day) to Mon Nov 23:
- engagements that happened: Acme's internship (Sep 14, 3 students) and job shadow (Oct 30,
  12), Riverside's talk (Nov 10, 25), Old Mill's site visit (Sep 20, 4; Old Mill is archived
  but the visit happened) = 4, 44 students. Still planned: Riverside's Dec 9 visit (20).
  Cancelled: Acme's Nov 12 job shadow. Not counted: Acme's Aug 14 shadow (before Q1) and the
  other workspace's.
- partners (archived not counted): Bright prospect, Riverside engaged, Acme active; 2 new
  (Riverside Sep 10, Bright Nov 20); going cold: Riverside (engaged, 21 days, last contact
  Jul 1); not thanked in 90 days: Riverside (Acme was on Oct 1).
- contacts: Maria 4 (Sep 1, Oct 1, Nov 2; a deleted one not counted), Juan 1 (Sep; his Aug 10
  call is before the year), U0LEFT 1 (Oct; has left). Follow-ups done: 2 on time, 1 late.
- evidence: 5 contacts that are not notes + 4 engagements = 9 records.
"this term" is Q2, Nov 2 – Nov 23: 1 engagement happened (25 students), 1 planned, 1 cancelled.
"""

from __future__ import annotations

import csv
import io
import json
import struct
from datetime import date, timedelta

import pypdf

from handlers.reports.charts import (
    all_series,
    chart_png,
    engagements_series,
    report_pdf,
    staff_series,
    stages_series,
    students_series,
)
from handlers.reports.render import headline, title
from storage.models import EngagementKind, Stage
from storage.report_periods import PeriodKind
from storage.report_values import Report, ReportAsk
from storage.reports import read_report
from tests.support.report_seed import (
    LEFT,
    NOW,
    OTHER_TEAM,
    add_engagement,
    add_partner,
    seed_autumn,
)
from tests.support.slackapp import JUAN, MARIA, TEAM_ID, Bot

TODAY = date(2026, 11, 23)


def report(bot: Bot, ask: ReportAsk, user_id: str | None = None) -> Report:
    with bot.deps.sessions() as session:
        tz = bot.deps.zones.default
        return read_report(session, TEAM_ID, ask, user_id=user_id, today=TODAY, tz=tz, now=NOW)


def test_the_school_years_numbers_match_the_hand_worked_autumn(bot: Bot) -> None:
    seed_autumn(bot.deps.sessions, TEAM_ID, MARIA, JUAN)
    got = report(bot, ReportAsk())
    assert (got.period.first, got.period.last) == (date(2026, 8, 17), TODAY)
    e = got.engagements
    assert (e.happened, e.planned, e.cancelled, e.students, e.planned_students) == (4, 1, 1, 44, 20)
    assert e.by_kind == (
        ("guest speaker visit", (0, 0, 0, 1)),
        ("internship", (0, 1, 0, 0)),
        ("job shadow", (0, 0, 1, 0)),
        ("site visit", (0, 1, 0, 0)),
    )
    assert [(w.pathway, w.engagements, w.students) for w in e.by_pathway] == [
        ("Welding", 1, 25),
        ("Health Science", 2, None),  # hidden too: 44 - 25 would give Construction's 4 away
        ("Construction", 1, None),  # 4 students: a small cell
    ]
    p = got.partners
    assert p.by_stage == (
        ("prospect", 1),
        ("contacted", 0),
        ("engaged", 1),
        ("active", 1),
        ("paused", 0),
    )
    assert p.by_industry == (("Healthcare", 2), ("Automotive", 1))
    assert (p.new, p.going_cold, p.not_thanked) == (2, 1, 1)
    assert [(s.user_id, s.per_month, s.left) for s in got.by_staff] == [
        (MARIA, (0, 1, 1, 2), False),
        (JUAN, (0, 1, 0, 0), False),
        (LEFT, (0, 0, 1, 0), True),
    ]
    assert (got.on_time, got.late) == (2, 1)
    assert len(got.evidence) == 9
    assert {v.employer for v in got.evidence} == {
        "Acme Health",
        "Bright Dental",
        "Riverside Auto",
        "Old Mill",
    }
    assert all(v.employer != "Elsewhere Inc" for v in got.evidence)


def test_this_term_starts_at_the_term_boundary(bot: Bot) -> None:
    seed_autumn(bot.deps.sessions, TEAM_ID, MARIA, JUAN)
    got = report(bot, ReportAsk(PeriodKind.TERM))
    assert (got.period.first, got.period.last, got.period.horizon) == (
        date(2026, 11, 2),
        TODAY,
        date(2027, 1, 22),
    )
    e = got.engagements
    assert (e.happened, e.planned, e.cancelled, e.students) == (1, 1, 1, 25)
    assert [(s.user_id, s.total) for s in got.by_staff] == [(MARIA, 2)]
    assert (got.on_time, got.late) == (0, 0)


def test_since_a_date_takes_in_what_came_before_the_term(bot: Bot) -> None:
    seed_autumn(bot.deps.sessions, TEAM_ID, MARIA, JUAN)
    got = report(bot, ReportAsk(PeriodKind.SINCE, date(2026, 8, 1)))
    assert (got.engagements.happened, got.engagements.students) == (5, 84)
    assert [(s.user_id, s.total) for s in got.by_staff][:2] == [(MARIA, 4), (JUAN, 2)]
    assert (got.on_time, got.late) == (3, 1)


def test_one_pathway_hides_its_small_totals_unless_all_counts(bot: Bot) -> None:
    seed_autumn(bot.deps.sessions, TEAM_ID, MARIA, JUAN)
    small = report(bot, ReportAsk(pathway="construction"))
    assert (small.engagements.happened, small.engagements.students) == (1, None)
    assert [p for p, n in small.partners.by_stage if n] == []  # Old Mill is archived
    shown = report(bot, ReportAsk(pathway="construction", all_counts=True))
    assert shown.engagements.students == 4
    welding = report(bot, ReportAsk(pathway="Welding"))
    assert (welding.engagements.happened, welding.engagements.students) == (1, 25)
    assert welding.engagements.planned_students == 20


def test_a_staff_members_own_report_holds_only_their_work(bot: Bot) -> None:
    seed_autumn(bot.deps.sessions, TEAM_ID, MARIA, JUAN)
    got = report(bot, ReportAsk(), user_id=JUAN)
    assert (got.engagements.happened, got.engagements.planned, got.engagements.students) == (
        1,
        1,
        25,
    )
    assert got.partners.total == 1
    assert got.partners.going_cold == 1
    assert [(s.user_id, s.total) for s in got.by_staff] == [(JUAN, 1)]
    assert (got.on_time, got.late) == (1, 0)
    assert {v.employer for v in got.evidence} == {"Riverside Auto"}


def test_the_charts_series_are_the_reports_numbers_and_the_files_are_drawn(bot: Bot) -> None:
    seed_autumn(bot.deps.sessions, TEAM_ID, MARIA, JUAN)
    got = report(bot, ReportAsk())
    kinds = engagements_series(got)
    assert kinds.labels == ("Aug 2026", "Sep 2026", "Oct 2026", "Nov 2026")
    assert kinds.rows == got.engagements.by_kind
    students = students_series(got)
    assert students.labels == ("Welding",)
    assert students.rows == (("students", (25,)),)
    assert "2 pathways not shown (small student counts)" in students.alt_text()
    shown = students_series(report(bot, ReportAsk(all_counts=True)))
    assert shown.rows == (("students", (25, 15, 4)),)
    assert stages_series(got).rows == (("partners", (1, 0, 1, 1, 0)),)
    staff = staff_series(got, {MARIA: "Maria Lopez"})
    assert staff.labels == ("Maria Lopez", JUAN, f"{LEFT} (left)")
    assert staff.rows == (("contacts", (4, 1, 1)),)
    png = chart_png(kinds)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (800, 450)
    assert "Engagements per month, by kind" in kinds.alt_text()
    pngs = [chart_png(series) for series in all_series(got, {})]
    pdf = pypdf.PdfReader(io.BytesIO(report_pdf(title(got), headline(got), pngs)))
    assert len(pdf.pages) == 1
    text = pdf.pages[0].extract_text()
    assert "Partnership report" in text
    assert "4 happened" in text


def uploads(bot: Bot) -> dict[str, str]:
    """Uploaded file name → its length, as files.getUploadURLExternal was told."""
    return {
        c.body["filename"]: c.body["length"]
        for c in bot.slack.calls_to("files.getUploadURLExternal")
    }


def test_a_lead_gets_preparing_then_the_report_with_charts_pdf_and_evidence(bot: Bot) -> None:
    seed_autumn(bot.deps.sessions, TEAM_ID, MARIA, JUAN)
    reply = bot.command("/partnerbot", "report")
    answers = [json.dumps(r.body, ensure_ascii=False) for r in bot.slack.calls_to("response_url")]
    assert "Preparing your report" in answers[0]
    assert "Your report is in your DM" in answers[-1]
    assert reply is not None
    stamp = "2026-08-17-to-2026-11-23"
    names = set(uploads(bot))
    assert names == {
        f"report-engagements-{stamp}.png",
        f"report-students-{stamp}.png",
        f"report-stages-{stamp}.png",
        f"report-staff-{stamp}.png",
        f"report-{stamp}.pdf",
        f"consultation-evidence-{stamp}.csv",
    }
    [done] = bot.slack.calls_to("files.completeUploadExternal")
    assert done.body["channel_id"] == f"D{MARIA}"
    [posted] = [c for c in bot.slack.calls_to("chat.postMessage") if c.body.get("blocks")]
    blocks = posted.body["blocks"]
    images = [b for b in blocks if b["type"] == "image"]
    assert len(images) == 4
    assert all(b["slack_file"]["id"].startswith("F") for b in images)
    assert all(b["alt_text"] for b in images)
    shown = json.dumps(blocks, ensure_ascii=False)
    assert "Engagements: 4 happened, 1 still planned, 1 cancelled" in shown
    assert "students served: 44 (planned: 20)" in shown
    assert "Maria Lopez" in shown  # the tables name people as Slack does
    assert "Elsewhere" not in shown
    [evidence] = [
        c for c in bot.slack.calls_to("file_upload") if c.body["content"].startswith("employer")
    ]
    rows = list(csv.reader(io.StringIO(evidence.body["content"])))
    assert rows[0] == ["employer", "industry", "date", "what", "staff"]
    assert ["Acme Health", "Healthcare", "2026-10-03", "meeting", "Maria Lopez"] in rows
    visit = ["Old Mill", "Manufacturing", "2026-09-20", "site visit (engagement)", "Maria Lopez"]
    assert visit in rows
    assert len(rows) == 10


def test_a_staff_member_gets_their_own_and_may_not_ask_for_all_counts(bot: Bot) -> None:
    seed_autumn(bot.deps.sessions, TEAM_ID, MARIA, JUAN)
    refused = bot.command("/partnerbot", "report pathway Construction all counts", user_id=JUAN)
    assert "Only a program lead can ask for `all counts`" in refused.text
    assert not bot.slack.calls_to("files.getUploadURLExternal")
    bot.command("/partnerbot", "report this term", user_id=JUAN)
    [posted] = [c for c in bot.slack.calls_to("chat.postMessage") if c.body.get("blocks")]
    shown = json.dumps(posted.body["blocks"], ensure_ascii=False)
    assert "this term (Q2)" in shown
    assert "your own" in shown
    assert "Engagements: 1 happened" in shown
    assert "Acme" not in shown


def test_words_it_cannot_read_change_nothing_and_say_how_to_write_it(bot: Bot) -> None:
    seed_autumn(bot.deps.sessions, TEAM_ID, MARIA, JUAN)
    for words, said in (
        ("report next decade", "I don't know the period"),
        ("report since the dawn of time", "as a date"),
        ("report since next friday", "today or earlier"),
    ):
        assert said in bot.command("/partnerbot", words).text
    assert not bot.slack.calls_to("files.getUploadURLExternal")


def test_this_term_without_terms_in_the_calendar_says_how_to_add_them(bot: Bot) -> None:
    other = bot.other_team(OTHER_TEAM)
    seed_autumn(bot.deps.sessions, TEAM_ID, MARIA, JUAN)
    said = other.command("/partnerbot", "report this term").text
    assert "no term that has begun" in said


def test_a_leads_home_shows_the_team_at_a_glance_and_its_button_posts_the_report(
    bot: Bot,
) -> None:
    seed_autumn(bot.deps.sessions, TEAM_ID, MARIA, JUAN)
    view = bot.open_home(MARIA)
    shown = json.dumps(view["blocks"], ensure_ascii=False)
    assert "Team at a glance" in shown
    assert "*4* engagements happened (1 still planned) · *44* students served" in shown
    assert "*3* partners (1 active) · 1 going cold · *6* contacts logged" in shown
    assert "Team at a glance" not in json.dumps(bot.open_home(JUAN)["blocks"])
    bot.slack.clear()
    bot.press(view["blocks"], "reports_full_report")
    bot.press(view["blocks"], "reports_full_report")  # a double click: one report
    [posted] = [c for c in bot.slack.calls_to("chat.postMessage") if c.body.get("blocks")]
    assert posted.body["channel"] == f"D{MARIA}"
    assert "Engagements: 4 happened" in json.dumps(posted.body["blocks"], ensure_ascii=False)
    bot.clock.advance(timedelta(minutes=1))
    bot.press(view["blocks"], "reports_full_report")
    assert len([c for c in bot.slack.calls_to("chat.postMessage") if c.body.get("blocks")]) == 2


def test_the_total_is_hidden_when_it_would_give_a_lone_small_pathway_away(bot: Bot) -> None:
    """Health: 3 students (hidden), IT: an engagement with none; a total of 3 would say it."""
    acme = add_partner(
        bot.deps.sessions, TEAM_ID, "Acme", stage=Stage.ACTIVE, industry="Healthcare",
        pathways=["Health"], owner=MARIA, created=date(2026, 8, 20),
    )  # fmt: skip
    for pathway, students in (("Health", 3), ("IT", 0)):
        add_engagement(
            bot.deps.sessions, TEAM_ID, acme, EngagementKind.JOB_SHADOW, date(2026, 9, 10),
            date(2026, 9, 10), students, owner=MARIA, pathway=pathway,
        )  # fmt: skip
    e = report(bot, ReportAsk()).engagements
    assert [(w.pathway, w.students) for w in e.by_pathway] == [("Health", None), ("IT", 0)]
    assert e.students is None
    shown = report(bot, ReportAsk(all_counts=True)).engagements
    assert (shown.students, [w.students for w in shown.by_pathway]) == (3, [3, 0])
