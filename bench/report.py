"""`/partnerbot report` over a year of a large district: 300 partners, 20,000 logged contacts,
2,000 engagements, 40 staff (3 have left), 3,000 follow-ups done, 8 advisory boards — on
SQLite and PostgreSQL. Timed: the one read, the charts + PDF + CSV, the whole command through
the real app (the ack, then the report posted after it), and the peak RSS of a fresh process
making a report. Floors measured in the same run: one plain SELECT of the period's contacts
and engagements, one bare one-bar PNG, and a bare Bolt app's ack-only slash command."""

from __future__ import annotations

import argparse
import io
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from slack_bolt import BoltRequest
from sqlalchemy import insert, select
from sqlalchemy.engine import Engine

from bench.digest_scale import bare_bolt_ms, database
from bench.results import Figure, Run
from bot.app import create_app
from bot.config import Settings
from bot.console.localslack import LocalSlack
from bot.console.payloads import FORM, bolt_request, slash_command_body
from bot.lazywork import DrainableExecutor
from storage.clock import FrozenClock
from storage.db import make_engine, make_session_factory
from storage.migrate import upgrade
from storage.models import (
    AdvisoryBoard,
    BoardMeeting,
    BoardMember,
    BusinessContact,
    Engagement,
    FollowUp,
    Interaction,
    Partner,
    ProgramLead,
    Staff,
    Workspace,
)

TEAM = "T0BENCH"
NOW = datetime(2027, 5, 24, 14, tzinfo=UTC)  # late May: a whole school year behind
TODAY = date(2027, 5, 24)
YEAR_FIRST = date(2026, 8, 1)
LEAD = "U000000"
STAFF, LEFT = 40, 3
PARTNERS, CONTACTS, ENGAGEMENTS, FOLLOW_UPS, BOARDS = 300, 20_000, 2_000, 3_000, 8
INDUSTRIES = ("Healthcare", "Manufacturing", "Construction", "Automotive", "IT", "Retail")
PATHWAYS = ("Health Science", "Welding", "Construction", "Auto Tech", "IT", "Culinary", "Ag", "Biz")
KINDS = ("internship", "job_shadow", "guest_speaker", "mentoring", "site_visit", "career_fair")
SECRET = "bench-secret"
ROOT = Path(__file__).resolve().parent.parent


def _user(n: int) -> str:
    return f"U{n % STAFF:06d}"


def seed(engine: Engine) -> None:
    """The district's year, inserted in bulk."""
    created = datetime(2025, 6, 1, tzinfo=UTC)
    year = (TODAY - YEAR_FIRST).days
    with engine.begin() as conn:
        conn.execute(
            insert(Workspace), [{"team_id": TEAM, "created_at": created, "cadence_days": {}}]
        )
        conn.execute(insert(Staff), [
            {"team_id": TEAM, "user_id": _user(n), "timezone": "America/Chicago",
             "timezone_checked_at": NOW,
             "deactivated_at": NOW - timedelta(days=30) if n >= STAFF - LEFT else None}
            for n in range(STAFF)
        ])  # fmt: skip
        conn.execute(insert(ProgramLead), [{"team_id": TEAM, "user_id": LEAD, "added_at": NOW}])
        conn.execute(insert(Partner), [
            {"team_id": TEAM, "name": f"Partner {n}", "name_key": f"partner {n}",
             "stage": ("prospect", "contacted", "engaged", "active", "paused")[n % 5],
             "industry": INDUSTRIES[n % len(INDUSTRIES)],
             "pathways": [PATHWAYS[n % len(PATHWAYS)]], "owner_user_id": _user(n),
             "last_contact_at": NOW - timedelta(days=n % 90),
             "archived_at": NOW if n % 50 == 0 else None,
             "created_at": created + timedelta(days=n), "updated_at": created}
            for n in range(PARTNERS)
        ])  # fmt: skip
        ids = list(conn.scalars(select(Partner.id).order_by(Partner.id)))
        conn.execute(insert(BusinessContact), [
            {"team_id": TEAM, "partner_id": pid, "name": f"Person {n}", "created_at": created}
            for n, pid in enumerate(ids)
        ])  # fmt: skip
        people = list(conn.scalars(select(BusinessContact.id).order_by(BusinessContact.id)))
        for start in range(0, CONTACTS, 5_000):
            conn.execute(insert(Interaction), [
                {"team_id": TEAM, "partner_id": ids[n % PARTNERS], "user_id": _user(n * 7),
                 "kind": ("call", "email", "meeting", "visit", "note")[n % 5],
                 "summary": f"contact {n}",
                 "occurred_at": datetime.combine(YEAR_FIRST, datetime.min.time(), UTC)
                 + timedelta(days=n % year, hours=15), "created_at": NOW}
                for n in range(start, min(start + 5_000, CONTACTS))
            ])  # fmt: skip
        conn.execute(insert(Engagement), [
            {"team_id": TEAM, "partner_id": ids[n % PARTNERS], "kind": KINDS[n % len(KINDS)],
             "starts_on": YEAR_FIRST + timedelta(days=n % 360),
             "ends_on": YEAR_FIRST + timedelta(days=n % 360), "student_count": 1 + n % 30,
             "owner_user_id": _user(n), "pathway": PATHWAYS[n % len(PATHWAYS)],
             "dedupe_key": f"bench-{n}", "created_at": NOW,
             "cancelled_at": NOW if n % 40 == 0 else None}
            for n in range(ENGAGEMENTS)
        ])  # fmt: skip
        conn.execute(insert(FollowUp), [
            {"team_id": TEAM, "partner_id": ids[n % PARTNERS], "owner_user_id": _user(n),
             "note": "call back", "due_date": YEAR_FIRST + timedelta(days=n % year),
             "due_at": datetime.combine(YEAR_FIRST + timedelta(days=n % year),
                                        datetime.min.time(), UTC),
             "status": "done", "source": "bench", "created_at": created,
             "closed_at": datetime.combine(YEAR_FIRST, datetime.min.time(), UTC)
             + timedelta(days=n % year + n % 3, hours=15)}
            for n in range(FOLLOW_UPS)
        ])  # fmt: skip
        conn.execute(insert(AdvisoryBoard), [
            {"team_id": TEAM, "pathway": p, "pathway_key": p.casefold(), "industries": [],
             "created_at": created}
            for p in PATHWAYS[:BOARDS]
        ])  # fmt: skip
        boards = list(conn.scalars(select(AdvisoryBoard.id).order_by(AdvisoryBoard.id)))
        conn.execute(insert(BoardMember), [
            {"team_id": TEAM, "board_id": b, "business_contact_id": people[i * 30 + k],
             "added_at": NOW}
            for i, b in enumerate(boards) for k in range(6)
        ])  # fmt: skip
        conn.execute(insert(BoardMeeting), [
            {"team_id": TEAM, "board_id": b, "held_on": YEAR_FIRST + timedelta(days=60 + 90 * k),
             "minutes_url": "https://docs.example.org/m" if k else None,
             "attended": people[i * 30 : i * 30 + 4], "recorded_at": NOW}
            for i, b in enumerate(boards) for k in range(3)
        ])  # fmt: skip


def read_and_draw(url: str) -> tuple[float, float, int]:
    """The one read and the files (charts, PDF, CSV): seconds each, and the files' bytes."""
    from zoneinfo import ZoneInfo

    from handlers.reports.command import report_files
    from storage.report_values import ReportAsk
    from storage.reports import team_report

    sessions = make_session_factory(make_engine(url))
    began = time.perf_counter()
    answer = team_report(
        sessions, TEAM, LEAD, ReportAsk(), slack_admin=None, today=TODAY,
        tz=ZoneInfo("America/Chicago"), now=NOW,
    )  # fmt: skip
    read = time.perf_counter() - began
    assert answer.report is not None
    began = time.perf_counter()
    files = report_files(answer.report, {})
    drawn = time.perf_counter() - began
    return read, drawn, sum(len(f["content"]) for f in files)


def child_rss(url: str) -> float:
    """Peak RSS (MiB) of a fresh process that imports partnerbot and makes one report."""
    code = (
        "import resource; from bench.report import read_and_draw; "
        f"read_and_draw({url!r}); "
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return float(out.stdout.strip().splitlines()[-1])


def floors(engine: Engine) -> tuple[float, float]:
    """One plain SELECT of the year's contacts and engagements; one bare one-bar PNG."""
    began = time.perf_counter()
    with engine.connect() as conn:
        conn.execute(select(Interaction.user_id, Interaction.occurred_at)).all()
        conn.execute(select(Engagement.kind, Engagement.starts_on)).all()
    raw = time.perf_counter() - began
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure as Chart

    began = time.perf_counter()
    chart = Chart(figsize=(8, 4.5), dpi=100)
    FigureCanvasAgg(chart)
    chart.add_subplot().bar([0], [1])
    chart.savefig(io.BytesIO(), format="png")
    return raw, time.perf_counter() - began


def through_the_app(url: str) -> tuple[float, float]:
    """`/partnerbot report` through the real app and a fake Slack: the ack (ms), and seconds
    until the report was posted."""
    slack = LocalSlack(team_id=TEAM).start()
    settings = Settings(
        SLACK_BOT_TOKEN="xoxb-bench", SLACK_SIGNING_SECRET=SECRET, SLACK_API_URL=slack.api_url,
        DATABASE_URL=url, PARTNERBOT_TIMEZONE="America/Chicago", _env_file=None,
    )  # fmt: skip
    lazy = DrainableExecutor()
    sessions = make_session_factory(make_engine(url))
    app, _ = create_app(settings, sessions=sessions, clock=FrozenClock(NOW), listener_executor=lazy)
    body = slash_command_body(
        "/partnerbot", "report", user_id=LEAD, team_id=TEAM, channel_id="C0BENCH",
        response_url=slack.response_url(), trigger_id=f"{time.time_ns()}.1763900000.bench",
    )  # fmt: skip
    request: BoltRequest = bolt_request(SECRET, body, FORM)
    began = time.perf_counter()
    response = app.dispatch(request)
    acked = time.perf_counter() - began
    assert response.status == 200
    lazy.drain(timeout=120)
    posted = time.perf_counter() - began
    assert any(c.body.get("blocks") for c in slack.calls_to("chat.postMessage"))
    lazy.shutdown()
    slack.stop()
    return acked * 1000, posted


def _median(fn: Callable[[], Any], repeats: int) -> list[Any]:
    fn()  # warm-up
    return [fn() for _ in range(repeats)]


def run(kind: str, repeats: int, bare_ms: float, results: Run) -> None:
    """Seed one database, then time the report."""
    with (
        tempfile.TemporaryDirectory(prefix="partnerbot-bench-") as tmp,
        database(kind, Path(tmp)) as url,
    ):
        if url is None:
            print(f"{kind}: skipped (PostgreSQL is not installed)")
            return
        upgrade(url)
        engine = make_engine(url)
        began = time.perf_counter()
        seed(engine)
        print(f"{kind}: seeded in {time.perf_counter() - began:.1f} s")
        raw, bare_png = statistics.median(floors(engine)[0] for _ in range(3)), floors(engine)[1]
        runs = _median(lambda: read_and_draw(url), repeats)
        read = statistics.median(r[0] for r in runs)
        drawn = statistics.median(r[1] for r in runs)
        print(f"  files: {runs[0][2] / 1024:.0f} KiB (4 PNG, 1 PDF, 1 CSV)")
        results.add(Figure(f"one read ({kind})", read, "s", raw, "plain SELECTs"))
        results.add(Figure(f"charts + PDF + CSV ({kind})", drawn, "s", bare_png * 5, "5 bare PNGs"))
        results.add(Figure(f"report total ({kind})", read + drawn, "s", None, "", 3.0))
        apps = _median(lambda: through_the_app(url), max(1, repeats // 2))
        ack = statistics.median(a[0] for a in apps)
        results.add(Figure(f"ack of /partnerbot report ({kind})", ack, "ms", bare_ms, "bare Bolt"))
        posted = statistics.median(a[1] for a in apps)
        results.add(Figure(f"posted after the command ({kind})", posted, "s", None, "", 3.0))
        rss = child_rss(url)
        results.add(Figure(f"peak RSS, a process making one report ({kind})", rss, "MiB",
                           None, "", 300))  # fmt: skip
        engine.dispose()


def main(argv: list[str] | None = None) -> None:
    """Run the report benchmark, print its numbers and save them."""
    parser = argparse.ArgumentParser(prog="python -m bench report", description=__doc__)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    args = parser.parse_args(argv)
    results = Run(
        "report",
        {"partners": PARTNERS, "contacts": CONTACTS, "engagements": ENGAGEMENTS,
         "staff": STAFF, "follow_ups": FOLLOW_UPS, "boards": BOARDS, "repeats": args.repeats},
    )  # fmt: skip
    bare_ms = bare_bolt_ms()
    print(f"bare Bolt app, ack-only slash command in-process: p50 {bare_ms:.3f} ms")
    for kind in ["sqlite", "postgresql"] if args.db == "both" else [args.db]:
        run(kind, args.repeats, bare_ms, results)
    results.save()


if __name__ == "__main__":
    main()
