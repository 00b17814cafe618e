"""The report as a message (headline numbers, text tables that read the same in the console,
the charts as image blocks), its headline lines (the PDF's and the Home's), and the
needs-assessment evidence as CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence

from handlers.boards.sections import report_line
from handlers.common.blocks import MESSAGE_BLOCK_LIMIT, BlockDict, Blocks, context, header, section
from handlers.common.mrkdwn import clip, code_table, day, quote
from handlers.reports.charts import Series
from storage.report_values import Report
from storage.reports import SMALL_CELL

EVIDENCE_COLUMNS = ("employer", "industry", "date", "what", "staff")
MOST_ROWS = 15
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def count(n: int | None) -> str:
    """A student count as shown: "<5" for a small cell."""
    return f"<{SMALL_CELL}" if n is None else str(n)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def title(report: Report) -> str:
    """ "Partnership report — this school year, Sat Aug 1 to Mon Nov 23" (plain text)."""
    period = report.period
    text = f"Partnership report — {period.name}, {day(period.first)} to {day(period.last)}"
    if report.pathway:
        text += f" · pathway {' '.join(report.pathway.split())}"
    return text if report.team_wide else text + " · your own"


def headline(report: Report) -> list[str]:
    """The headline numbers, one plain line each (no user text but the pathway's name)."""
    e, p = report.engagements, report.partners
    return [
        f"Engagements: {e.happened} happened, {e.planned} still planned, {e.cancelled} cancelled"
        f" · students served: {count(e.students)} (planned: {count(e.planned_students)})",
        f"Partners: {p.total} ("
        + ", ".join(f"{n} {stage}" for stage, n in p.by_stage if n)
        + f") · {p.new} new · {p.going_cold} going cold · {p.not_thanked} not thanked in 90 days",
        f"Contacts logged: {report.contacts} by {len(report.by_staff)} "
        f"{'person' if len(report.by_staff) == 1 else 'people'}"
        f" · follow-ups done: {report.on_time} on time, {report.late} late",
        f"Consultation evidence: {_plural(len(report.evidence), 'record')} with employers",
        *(
            [
                "Advisory boards: "
                + "; ".join(
                    f"{' '.join(b.pathway.split())} {len(b.held)}/{b.rule.meetings} meetings, "
                    f"{len(b.members)}/{b.rule.members} members"
                    for b in report.boards[:8]
                )
            ]
            if report.boards
            else []
        ),
    ]


def _limited(rows: list[list[str | int]]) -> list[list[str | int]]:
    if len(rows) <= MOST_ROWS + 1:
        return rows
    return [*rows[:MOST_ROWS], [f"… and {len(rows) - MOST_ROWS - 1} more"]]


def tables(report: Report, names: Mapping[str, str]) -> list[tuple[str, str]]:
    """Titled text tables (mrkdwn code blocks): engagements by kind and month, by pathway,
    partners by industry, contacts per staff member and month."""
    months = [f"{m:%b}" for m in report.period.months][-12:]
    span = len(months)
    e = report.engagements
    kinds: list[list[str | int]] = [["kind", *months, "total"]]
    kinds += [[k, *v[-span:], sum(v)] for k, v in e.by_kind]
    ways: list[list[str | int]] = [["pathway", "engagements", "students"]]
    ways += [
        [w.pathway, w.engagements, "hidden" if w.students is None else w.students]
        for w in e.by_pathway
    ]
    trades: list[list[str | int]] = [["industry", "partners"]]
    trades += [[name, n] for name, n in report.partners.by_industry]
    staff: list[list[str | int]] = [["staff", *months, "total"]]
    for s in report.by_staff:
        name = names.get(s.user_id, s.user_id) + (" (left)" if s.left else "")
        staff.append([name, *s.per_month[-span:], s.total])
    found = [
        ("*Engagements that happened, by kind and month*", kinds),
        (
            "*By pathway* (student counts under 5 are hidden, and one more when a lone hidden "
            "count could be worked out from the total)",
            ways,
        ),
        ("*Partners by industry*", trades),
        ("*Contacts by staff member and month*", staff),
    ]
    return [(t, code_table(_limited(rows))) for t, rows in found if len(rows) > 1]


def image_block(file_id: str, series: Series) -> BlockDict:
    """An uploaded chart shown in the message, with its alt text."""
    return {
        "type": "image",
        "slack_file": {"id": file_id},
        "alt_text": series.alt_text(),
        "title": {"type": "plain_text", "text": series.title},
    }


def report_blocks(
    report: Report,
    names: Mapping[str, str],
    charts: Sequence[tuple[str, Series]],
    note: str,
) -> tuple[str, Blocks]:
    """The report message: the header, the headline, the tables, the boards' lines, the charts
    (uploaded file id and series), then `note` (where the files are)."""
    text = title(report)
    blocks: Blocks = [header(clip(text, 150))]  # plain text: nothing in it can ping
    blocks += [section(quote(line, 2900)) for line in headline(report)]
    if report.pathway and not report.all_counts:
        blocks.append(context("Counts of students under 5 show as <5 (they could identify them)."))
    blocks += [section(f"{t}\n{table}") for t, table in tables(report, names)]
    if report.boards:
        lines = "\n".join(report_line(card) for card in report.boards[:20])
        blocks.append(section(clip(f"*Advisory boards* this school year\n{lines}", 2900)))
    blocks += [image_block(file_id, series) for file_id, series in charts if not series.empty]
    blocks = blocks[: MESSAGE_BLOCK_LIMIT - 1]
    blocks.append(context(note))
    return quote(text, 500), blocks


def _cell(value: str) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula."""
    return f"'{value}" if value.startswith(_FORMULA) else value


def evidence_csv(report: Report, names: Mapping[str, str]) -> str:
    """The consultation evidence, one row per meeting, contact or engagement with an
    employer (for the needs assessment)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EVIDENCE_COLUMNS)
    for row in report.evidence:
        writer.writerow(
            [
                _cell(row.employer),
                _cell(row.industry),
                row.day.isoformat(),
                _cell(row.what),
                _cell(names.get(row.by, row.by)),
            ]
        )
    return out.getvalue()
