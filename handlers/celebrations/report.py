"""`/celebrate year`: this school year's recognition — each partner's engagements, students
served and thank-yous — as a message (within Slack's block limit) and a CSV file in the
asker's DM with partnerbot (files_upload_v2)."""

from __future__ import annotations

import csv
import io
import logging
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from handlers.common.blocks import MESSAGE_BLOCK_LIMIT, SECTION_TEXT_LIMIT, Blocks
from handlers.common.cells import safe_cell
from handlers.common.mrkdwn import clip, day, escape, quote
from handlers.deps import Person
from storage.recognition import PartnerYear, YearReport, school_year_recognition

log = logging.getLogger(__name__)
CSV_COLUMNS = (
    "partner",
    "engagements",
    "kinds",
    "students_served",
    "thank_yous",
    "last_thanked",
)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _kinds(p: PartnerYear) -> str:
    return ", ".join(f"{kind} ×{n}" if n > 1 else kind for kind, n in p.kinds)


def partner_line(p: PartnerYear) -> str:
    """ "*Acme* — 3 engagements (job shadow ×2, internship) · 27 students · 2 thank-yous" """
    kinds = f" ({escape(_kinds(p))})" if p.kinds else ""
    planned = ""
    if p.planned:
        planned = f" · _planned: {_plural(p.planned, 'engagement')}, {p.planned_students} students_"
    return (
        f"*{quote(p.name, 150)}* — {_plural(p.engagements, 'engagement')}{kinds} · "
        f"{_plural(p.students, 'student')} · {_plural(p.thank_yous, 'thank-you')}{planned}"
    )


def render_report(report: YearReport, note: str) -> tuple[str, Blocks]:
    """The recognition message: totals, a line per partner ("… and N more" past the block
    limit), then `note` (where the CSV went)."""
    title = f"🏆 Partner recognition — {day(report.first_day)} to {day(report.today)}"
    totals = (
        f"{_plural(len(report.partners), 'partner')} · "
        f"{_plural(report.engagements, 'engagement')} · "
        f"{_plural(report.students, 'student')} served · "
        f"{_plural(report.thank_yous, 'thank-you')}"
    )
    if report.planned:
        totals += (
            f" · still planned (not counted): {_plural(report.planned, 'engagement')}, "
            f"{_plural(report.planned_students, 'student')}"
        )
    blocks: Blocks = [
        {"type": "header", "text": {"type": "plain_text", "text": clip(title, 150)}},
        {"type": "context", "elements": [{"type": "mrkdwn", "text": totals}]},
    ]
    last = {"type": "context", "elements": [{"type": "mrkdwn", "text": note}]}
    if not report.partners:
        blocks.append(_section("_No engagements or thank-yous recorded this school year yet._"))
        return title, [*blocks, last]
    room = MESSAGE_BLOCK_LIMIT - len(blocks) - 2
    shown = report.partners[:room]
    blocks += [_section(partner_line(p)) for p in shown]
    left = len(report.partners) - len(shown)
    if left:
        blocks.append(
            {
                "type": "context",
                "elements": [{"type": "mrkdwn", "text": f"… and {left} more — all in the CSV."}],
            }
        )
    return title, [*blocks, last]


def _section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": clip(text, SECTION_TEXT_LIMIT)}}


def report_csv(report: YearReport) -> str:
    """The report as CSV, one row per partner."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for p in report.partners:
        writer.writerow(
            [
                safe_cell(p.name),
                p.engagements,
                safe_cell("; ".join(f"{kind} x{n}" for kind, n in p.kinds)),
                p.students,
                p.thank_yous,
                p.last_thanked_at.date().isoformat() if p.last_thanked_at else "",
            ]
        )
    return out.getvalue()


def year_verb(who: Person) -> dict[str, Any]:
    """Build the report, upload its CSV to the asker's DM; the message to answer with."""
    local, tz = who.local_now()
    report = school_year_recognition(
        who.deps.sessions, who.team_id, today=local.date(), tz=tz, now=who.deps.clock.now()
    )
    text, blocks = render_report(report, _upload(who.client, who.user_id, report))
    return {"response_type": "ephemeral", "text": text, "blocks": blocks}


def _upload(client: WebClient, user_id: str, report: YearReport) -> str:
    """Send the CSV to the person's DM with partnerbot; what to tell them about it."""
    name = f"partner-recognition-{report.first_day.isoformat()}-to-{report.today.isoformat()}.csv"
    try:
        channel = str(client.conversations_open(users=user_id)["channel"]["id"])
        client.files_upload_v2(
            channel=channel,
            content=report_csv(report),
            filename=name,
            title="Partner recognition",
            initial_comment="📎 This school year's partner recognition, as a spreadsheet.",
        )
    except SlackApiError as exc:
        log.warning("recognition CSV not uploaded: %s", exc.response.get("error"))
        return "The CSV could not be sent (Slack refused the upload); try again later."
    return f"📎 The CSV (`{name}`) is in your DM with partnerbot."
