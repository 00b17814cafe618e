"""Composing every morning digest (query + Block Kit) for 500 staff with 50,000 open follow-ups
and 2,000 celebrations to post, beside 100,000 and then 1,000,000 logged contacts — on SQLite
and PostgreSQL. The cost must follow what is due, not the size of the contact log. Floors
measured in the same run: a bare Bolt app's ack-only dispatch (one per digest) and one plain
SELECT of the due rows; also the peak RSS of a fresh process composing them all."""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from slack_bolt import App
from slack_sdk import WebClient
from sqlalchemy import func, insert, select, text
from sqlalchemy.engine import Engine

from bench.results import Figure, Run
from bot.console.localslack import LocalSlack
from bot.console.payloads import FORM, bolt_request, slash_command_body
from handlers import FEATURES
from handlers.digest import DigestBatch, read_digests, render_digest
from scheduler.jobs import DIGEST_BATCH
from storage.db import make_engine, make_session_factory
from storage.digest import digest_recipients, team_day
from storage.migrate import upgrade
from storage.models import CelebrationPrompt, FollowUp, Interaction, Partner, Staff, Workspace

TEAM = "T0BENCH"
NOW = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)  # Monday 08:00 in Chicago
TODAY = date(2026, 11, 23)
CHICAGO = ZoneInfo("America/Chicago")
STAFF = 500
PARTNERS_PER_STAFF = 4
FOLLOW_UPS = 50_000
OPEN_PROMPTS = 2_000
SETTLED_PROMPTS = 20_000
SECRET = "bench-secret"
ROOT = Path(__file__).resolve().parent.parent


def seed_base(engine: Engine, staff: int = STAFF, follow_ups: int = FOLLOW_UPS) -> None:
    """`staff` people (500), four partners each, `follow_ups` open follow-ups (50,000; due from
    30 days ago to 60 ahead), and celebration prompts: `OPEN_PROMPTS` already asked about (the
    digest lists them) and `SETTLED_PROMPTS` posted or thanked."""
    created = NOW - timedelta(days=400)
    with engine.begin() as conn:
        conn.execute(
            insert(Workspace), [{"team_id": TEAM, "created_at": created, "cadence_days": {}}]
        )
        conn.execute(
            insert(Staff),
            [
                {
                    "team_id": TEAM,
                    "user_id": f"U{n:06d}",
                    "timezone": "America/Chicago",
                    "timezone_checked_at": NOW,
                    "digest_enabled": True,
                }
                for n in range(staff)
            ],
        )
        partners = [
            {
                "team_id": TEAM,
                "name": f"Partner {n}",
                "name_key": f"partner {n}",
                "stage": "active",
                "pathways": [],
                "owner_user_id": f"U{n % staff:06d}",
                # a quarter have gone quiet for 60+ days (going cold at the 45-day cadence)
                "last_contact_at": NOW - timedelta(days=60 + n % 30 if n % 4 == 0 else n % 20),
                "created_at": created,
                "updated_at": created,
            }
            for n in range(staff * PARTNERS_PER_STAFF)
        ]
        conn.execute(insert(Partner), partners)
        ids = [row[0] for row in conn.execute(select(Partner.id).order_by(Partner.id))]
        rows = []
        for n in range(follow_ups):
            partner_index = n % len(ids)
            due = TODAY + timedelta(days=(n % 91) - 30)
            rows.append(
                {
                    "team_id": TEAM,
                    "partner_id": ids[partner_index],
                    "owner_user_id": f"U{partner_index % staff:06d}",
                    "note": f"follow-up {n}",
                    "due_date": due,
                    "due_at": datetime(due.year, due.month, due.day, 15, 0, tzinfo=UTC),
                    "status": "open",
                    "source": "bench",
                    "created_at": created,
                }
            )
        for start in range(0, len(rows), 10_000):
            conn.execute(insert(FollowUp), rows[start : start + 10_000])
        prompts = [
            {
                "team_id": TEAM,
                "partner_id": ids[n % len(ids)],
                "owner_user_id": f"U{(n % len(ids)) % staff:06d}",
                "headline": f"Partner {n % len(ids)} hosted 12 students for job shadow day",
                "source": "engagement",
                "source_id": n,
                "happened_on": TODAY - timedelta(days=n % 60),
                "status": "open" if n < OPEN_PROMPTS else "posted",
                "round": 1,
                "asked_round": 1,
                "ask_after": NOW - timedelta(days=1),
                "created_at": created,
            }
            for n in range(OPEN_PROMPTS + SETTLED_PROMPTS)
        ]
        for start in range(0, len(prompts), 10_000):
            conn.execute(insert(CelebrationPrompt), prompts[start : start + 10_000])


def grow_contacts(app_engine: Engine, total: int) -> None:
    """Add logged contacts (spread over every partner and two years) up to `total` (on
    PostgreSQL through an engine without the app's statement timeout and watchdog)."""
    postgres = app_engine.dialect.name == "postgresql"
    url = app_engine.url.render_as_string(hide_password=False)
    engine = make_engine(url, timeouts=False) if postgres else app_engine
    try:
        _grow(engine, total)
    finally:
        if postgres:
            engine.dispose()


def _grow(engine: Engine, total: int) -> None:
    with engine.begin() as conn:
        have = conn.scalar(select(func.count()).select_from(Interaction)) or 0
        first, last = conn.execute(select(func.min(Partner.id), func.max(Partner.id))).one()
        span = last - first + 1
        wanted = total - have
        if wanted <= 0:
            return
        if engine.dialect.name == "postgresql":
            numbers = f"SELECT g AS n FROM generate_series({have + 1}, {total}) AS g"
            when = "TIMESTAMPTZ '2026-11-23 14:00+00' - (n % 730) * INTERVAL '1 day'"
        else:
            numbers = (
                f"WITH RECURSIVE s(n) AS (SELECT {have + 1} UNION ALL SELECT n + 1 FROM s "
                f"WHERE n < {total}) SELECT n FROM s"
            )
            when = "datetime('2026-11-23 14:00:00', '-' || (n % 730) || ' days')"
        conn.execute(
            text(
                "INSERT INTO interactions (team_id, partner_id, user_id, kind, summary, "
                "occurred_at, created_at) "
                f"SELECT '{TEAM}', {first} + (n % {span}), 'U' || lpad_n, 'call', "
                f"'called about internships ' || n, {when}, {when} FROM ("
                f"SELECT n, {_pad('n % ' + str(STAFF), engine)} AS lpad_n FROM ({numbers}) AS nums"
                ") AS t"
            )
        )
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))
    else:
        with engine.begin() as conn:
            conn.execute(text("ANALYZE"))


def _pad(expr: str, engine: Engine) -> str:
    if engine.dialect.name == "postgresql":
        return f"lpad(({expr})::text, 6, '0')"
    return f"substr('000000' || ({expr}), -6, 6)"


@dataclass
class Composed:
    """One pass over every recipient: counts, and seconds spent querying and rendering."""

    digests: int = 0
    items: int = 0
    query: float = 0.0
    render: float = 0.0


def compose_all(engine: Engine) -> Composed:
    """Read and render every digest due at 08:00 Chicago, as the scheduler does: in batches of
    DIGEST_BATCH people, a few queries per batch."""
    sessions = make_session_factory(engine)
    parts = [part for feature in FEATURES for part in feature.digest_parts]
    out = Composed()
    with sessions() as session:
        users = [who.user_id for who in digest_recipients(session)]
        began = time.perf_counter()
        shared = team_day(session, TEAM, local_date=TODAY, now=NOW)
        out.query += time.perf_counter() - began
    for start in range(0, len(users), DIGEST_BATCH):
        began = time.perf_counter()
        with sessions() as session:
            batch = users[start : start + DIGEST_BATCH]
            digests = read_digests(session, parts, DigestBatch(TEAM, batch, TODAY, NOW, shared))
        built = time.perf_counter()
        out.query += built - began
        for digest in digests.values():
            if digest.empty:
                continue
            render_digest(digest)
            out.digests += 1
            out.items += sum(_items(part.name, found) for part, found in digest.found)
        out.render += time.perf_counter() - built
    return out


def _items(part: str, found: Any) -> int:
    """The follow-ups and going-cold partners a digest part found (what the bench counts)."""
    if part == "follow_ups":
        return len(found.items)
    return len(found) if part == "going_cold" else 0


def raw_read_s(engine: Engine) -> float:
    """The database floor: one plain SELECT of every open follow-up due by today with its
    partner's name (the rows the digests show, and more), fetched as tuples."""
    sql = text(
        "SELECT f.id, f.owner_user_id, f.note, f.due_date, p.name FROM follow_ups f "
        "JOIN partners p ON p.id = f.partner_id WHERE f.team_id = :team AND f.status = 'open' "
        "AND f.due_date <= :today"
    )
    began = time.perf_counter()
    with engine.connect() as conn:
        conn.execute(sql, {"team": TEAM, "today": TODAY}).fetchall()
    return time.perf_counter() - began


def timed(fn: Callable[[], Composed], repeats: int) -> list[Composed]:
    """`repeats` passes after one warm-up."""
    fn()
    return [fn() for _ in range(repeats)]


def child_rss(url: str) -> float:
    """Peak RSS (MiB) of a fresh process that imports partnerbot and composes every digest."""
    code = (
        "import resource; from storage.db import make_engine; "
        "from bench.digest_scale import compose_all; "
        f"compose_all(make_engine({url!r})); "
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return float(out.stdout.strip().splitlines()[-1])


def bare_bolt_ms(iterations: int = 2000) -> float:
    """p50 of an ack-only slash command through a bare Bolt app, in-process (ms)."""
    slack = LocalSlack(team_id=TEAM).start()
    app = App(
        signing_secret=SECRET,
        client=WebClient(token="xoxb-bare", base_url=slack.api_url),
        process_before_response=True,
    )

    @app.command("/contact")
    def ack_only(ack: Callable[[], None]) -> None:
        ack()

    times = []
    for n in range(iterations):
        body = slash_command_body(
            "/contact", "acme called", user_id="U1", team_id=TEAM, channel_id="C1",
            response_url="http://127.0.0.1:9/r", trigger_id=f"{n}.1",
        )  # fmt: skip
        request = bolt_request(SECRET, body, FORM)
        began = time.perf_counter()
        app.dispatch(request)
        times.append(time.perf_counter() - began)
    slack.stop()
    return statistics.median(times) * 1000


@contextmanager
def database(kind: str, workdir: Path) -> Iterator[str | None]:
    """A fresh database URL of `kind`, or None when PostgreSQL is not installed here."""
    if kind == "sqlite":
        yield f"sqlite:///{workdir / 'bench.db'}"
        return
    from tests.support.postgres import PostgresNotInstalledError, PostgresServer

    try:
        server = PostgresServer(database="bench").start()
    except PostgresNotInstalledError:
        yield None
        return
    try:
        yield server.url
    finally:
        server.stop()


def run(kind: str, sizes: list[int], repeats: int, bare_ms: float, results: Run) -> None:
    """Seed one database, then time digest composition at each contact-log size."""
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
        seed_base(engine)
        print(f"{kind}: seeded {STAFF} staff, {FOLLOW_UPS:,} open follow-ups "
              f"in {time.perf_counter() - began:.1f} s")  # fmt: skip
        for size in sorted(sizes):
            began = time.perf_counter()
            grow_contacts(engine, size)
            print(
                f"{kind}: {size:,} logged contacts (seeded in {time.perf_counter() - began:.1f} s)"
            )
            runs = timed(lambda: compose_all(engine), repeats)
            raw = statistics.median(raw_read_s(engine) for _ in range(repeats))
            n = max(runs[0].digests, 1)
            total = statistics.median(r.query + r.render for r in runs)
            query = statistics.median(r.query for r in runs)
            render = statistics.median(r.render for r in runs)
            print(f"  {runs[0].digests} digests, {runs[0].items:,} items")
            where = f"{kind}, {size:,} contacts"
            acks = n * bare_ms / 1000
            results.add(
                Figure(f"compose {n} digests ({where})", total, "s", acks, "bare Bolt acks", 2.0)
            )
            results.add(Figure(f"  queries ({where})", query, "s", raw, "one plain SELECT"))
            results.add(Figure(f"  Block Kit ({where})", render, "s", acks, "bare Bolt acks"))
            rss = child_rss(url)
            results.add(
                Figure(f"peak RSS, a process composing all ({where})", rss, "MiB", None, "", 200)
            )
        engine.dispose()


def main(argv: list[str] | None = None) -> None:
    """Run the digest benchmark, print its numbers and save them."""
    parser = argparse.ArgumentParser(prog="python -m bench digest", description=__doc__)
    parser.add_argument("--contacts", type=int, default=1_000_000, help="largest contact log")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    args = parser.parse_args(argv)
    sizes = [args.contacts // 10, args.contacts]
    results = Run(
        "digest",
        {
            "staff": STAFF,
            "open_follow_ups": FOLLOW_UPS,
            "contacts": sizes,
            "batch": DIGEST_BATCH,
            "repeats": args.repeats,
        },
    )
    bare_ms = bare_bolt_ms()
    print(f"bare Bolt app, ack-only slash command in-process: p50 {bare_ms:.3f} ms")
    kinds = ["sqlite", "postgresql"] if args.db == "both" else [args.db]
    for kind in kinds:
        run(kind, sizes, args.repeats, bare_ms, results)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this bench process (seeding included): {rss:.0f} MiB")
    results.save()


if __name__ == "__main__":
    main()
