"""`/partnerbot report …`: answered at once with "Preparing…" (the verb runs after the ack,
on the asker's lane), then the one read, the charts and the PDF; the files go to the asker's
DM with partnerbot (files_upload_v2) and the report is posted there with the charts as image
blocks; the ephemeral answer says where it went."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Mapping
from typing import Any

from slack_bolt.context.respond import Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from handlers.common.grammar import GrammarError
from handlers.common.mrkdwn import escape
from handlers.common.replies import ephemeral
from handlers.deps import Person
from handlers.people.sections import slack_admin
from handlers.reports.charts import all_series, chart_png, report_pdf
from handlers.reports.grammar import USAGE, parse_report
from handlers.reports.render import evidence_csv, headline, report_blocks, title
from storage.errors import InvalidInput
from storage.report_values import Report
from storage.reports import team_report

log = logging.getLogger(__name__)
PREPARING = "📊 Preparing your report… it comes to your DM with partnerbot in a moment."


def staff_names(client: WebClient, user_ids: Iterable[str]) -> dict[str, str]:
    """Each person's full name on Slack (else display name), for the charts and tables, which
    cannot show mentions; the user id when Slack cannot say."""
    names: dict[str, str] = {}
    for user_id in user_ids:
        try:
            found = client.users_info(user=user_id).get("user") or {}
        except SlackApiError:
            continue
        profile = found.get("profile") or {}
        name = profile.get("real_name") or profile.get("display_name") or found.get("name")
        if name:
            names[user_id] = str(name)[:60]
    return names


def report_verb(who: Person, rest: str, command: dict[str, Any]) -> dict[str, Any] | None:
    """Parse, say "Preparing…", read the report, draw and post it; the last answer."""
    local, tz = who.local_now()
    try:
        ask = parse_report(rest, who.deps.dates, now=local.replace(tzinfo=None))
    except GrammarError as exc:
        return ephemeral(escape(str(exc)))
    if command.get("response_url"):
        Respond(response_url=command["response_url"])(**ephemeral(PREPARING))
    admin = slack_admin(who.client, who.user_id)
    try:
        answer = team_report(
            who.deps.sessions,
            who.team_id,
            who.user_id,
            ask,
            slack_admin=admin,
            today=local.date(),
            tz=tz,
            now=who.deps.clock.now(),
        )
    except InvalidInput as exc:
        return ephemeral(escape(exc.message))
    if answer.report is None:
        return ephemeral(
            "Only a program lead can ask for `all counts` (counts of students under 5 can "
            f"identify them). {USAGE}"
        )
    return ephemeral(post_report(who.client, who.user_id, answer.report))


def report_files(report: Report, names: Mapping[str, str]) -> list[dict[str, Any]]:
    """The files a report sends: its charts (PNG), the one-page PDF, the evidence CSV."""
    charts = all_series(report, names)
    pngs = [chart_png(series) for series in charts]
    stamp = f"{report.period.first.isoformat()}-to-{report.period.last.isoformat()}"
    files: list[dict[str, Any]] = [
        {
            "content": png,
            "filename": f"report-{series.key}-{stamp}.png",
            "title": series.title,
            "alt_txt": series.alt_text(),
        }
        for series, png in zip(charts, pngs, strict=True)
    ]
    pdf = report_pdf(title(report), headline(report), pngs)
    files.append({"content": pdf, "filename": f"report-{stamp}.pdf", "title": title(report)})
    files.append(
        {
            "content": evidence_csv(report, names),
            "filename": f"consultation-evidence-{stamp}.csv",
            "title": "Consultation evidence (needs assessment)",
        }
    )
    return files


def post_report(client: WebClient, user_id: str, report: Report) -> str:
    """Draw the report's files, upload them to the person's DM, post the report there with
    its charts; what to tell the person."""
    started = time.monotonic()
    people = [row.user_id for row in report.by_staff] + [e.by for e in report.evidence if e.by]
    names = staff_names(client, dict.fromkeys(people))
    charts = all_series(report, names)
    files = report_files(report, names)
    try:
        channel = str(client.conversations_open(users=user_id)["channel"]["id"])
        uploaded = client.files_upload_v2(
            file_uploads=files,
            channel=channel,
            initial_comment="📎 The report's charts, a one-page PDF for the committee packet, "
            "and the consultation evidence as a spreadsheet.",
        )
    except SlackApiError as exc:
        log.warning("report files not uploaded: %s", exc.response.get("error"))
        return "The report could not be sent (Slack refused the upload); try again later."
    ids = [str(f.get("id")) for f in uploaded.get("files") or []]
    shown = list(zip(ids, charts, strict=False))
    note = "📎 The charts, the PDF and the evidence CSV are in this conversation."
    text, blocks = report_blocks(report, names, shown, note)
    try:
        client.chat_postMessage(channel=channel, text=text, blocks=blocks)
    except SlackApiError as exc:  # a file not ready for an image block yet: post without them
        log.info("report with charts refused (%s); posting it without", exc.response.get("error"))
        text, blocks = report_blocks(report, names, [], note)
        client.chat_postMessage(channel=channel, text=text, blocks=blocks)
    log.info("report posted in %.2f s", time.monotonic() - started)
    return "📊 Your report is in your DM with partnerbot (charts, PDF and evidence CSV)."
