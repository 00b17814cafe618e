"""Sending every morning digest of many workspaces at Slack's real pace: 20 workspaces × 250
staff (5,000 digests) through `run_due_jobs` with each workspace's own token and paced client,
against the fake Slack enforcing Slack's limits per workspace (chat.postMessage: several
hundred a minute with a short burst, about one a second per channel; 429 with Retry-After
beyond) and answering each post 100 ms late.

The floor is what a perfect pacer needs: each workspace's posts after its burst at exactly the
allowed rate, every workspace side by side, plus one post's latency (or the pool's own
bound, `posts × latency / workers`, if that is longer). Also counted: 429s, digests lost (a
person with no digest) and doubled (a person with two)."""

from __future__ import annotations

import argparse
import logging
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, insert, select

from bench.digest_scale import NOW, database
from bench.results import Figure, Run
from bot.console.installs import Grant
from bot.console.localslack import LocalSlack
from bot.console.ratelimits import Bucket, RateLimiter, SlackLimits
from bot.console.records import SlackCall
from handlers.common.people import TimeZones
from scheduler.jobs import run_due_jobs
from scheduler.pacing import Pacer
from scheduler.sending import DEFAULT_WORKERS
from scheduler.workspaces import Senders
from storage.clock import FrozenClock
from storage.db import SessionFactory, make_engine, make_session_factory
from storage.migrate import upgrade
from storage.models import FollowUp, Partner, Staff, Workspace

PER_MINUTE = 300
"""chat.postMessage per workspace and minute, as the fake Slack allows (Slack: "several
hundred")."""
BURST = 20
FOLLOW_UPS_EACH = 3
TARGET_RATIO = 1.2
TARGET_429_SHARE = 0.03


class BenchTokens:
    """Each workspace's own bot token, as installs would give them."""

    def prepare(self, sessions: SessionFactory, now: datetime) -> None:
        """Nothing to learn."""

    def token(self, team_id: str) -> str | None:
        """The workspace's token."""
        return f"xoxb-bench-{team_id}"


def teams(count: int) -> list[str]:
    return [f"T{n:04d}BENCH" for n in range(count)]


def seed(engine: Engine, workspaces: list[str], staff: int) -> None:
    """`staff` people per workspace, a partner each, `FOLLOW_UPS_EACH` overdue follow-ups each."""
    created = NOW - timedelta(days=400)
    due = (NOW - timedelta(days=3)).date()
    with engine.begin() as conn:
        for team in workspaces:
            conn.execute(
                insert(Workspace), [{"team_id": team, "created_at": created, "cadence_days": {}}]
            )
            people = [f"U{n:05d}" for n in range(staff)]
            conn.execute(
                insert(Staff),
                [
                    {
                        "team_id": team,
                        "user_id": who,
                        "timezone": "America/Chicago",
                        "timezone_checked_at": NOW,
                        "digest_enabled": True,
                    }
                    for who in people
                ],
            )
            conn.execute(
                insert(Partner),
                [
                    {
                        "team_id": team,
                        "name": f"Partner {who}",
                        "name_key": f"partner {who.lower()}",
                        "stage": "active",
                        "pathways": [],
                        "owner_user_id": who,
                        "last_contact_at": NOW - timedelta(days=3),
                        "created_at": created,
                        "updated_at": created,
                    }
                    for who in people
                ],
            )
            ids = conn.execute(
                select(Partner.id, Partner.owner_user_id).where(Partner.team_id == team)
            ).all()
            conn.execute(
                insert(FollowUp),
                [
                    {
                        "team_id": team,
                        "partner_id": pid,
                        "owner_user_id": owner,
                        "note": f"follow-up {n}",
                        "due_date": due,
                        "due_at": datetime(due.year, due.month, due.day, 15, 0, tzinfo=UTC),
                        "status": "open",
                        "source": "bench",
                        "created_at": created,
                    }
                    for pid, owner in ids
                    for n in range(FOLLOW_UPS_EACH)
                ],
            )


def floor_seconds(per_workspace: int, posts: int, workers: int, delay: float) -> float:
    """What a perfect pacer needs (see the module's docstring)."""
    paced = max(0, per_workspace - BURST) * 60 / PER_MINUTE + delay
    return max(paced, posts * delay / workers)


def tally(calls: list[SlackCall]) -> tuple[int, int, Counter[tuple[str | None, str]]]:
    """429s, other failures, and accepted posts per (token, person)."""
    limited = sum(1 for c in calls if c.status == 429)
    other = sum(1 for c in calls if c.failed and c.status != 429)
    accepted = Counter((c.token, str(c.body.get("channel"))) for c in calls if not c.failed)
    return limited, other, accepted


def run_once(kind: str, count: int, staff: int, workers: int, delay: float, results: Run) -> None:
    """One timed run on a fresh database of `kind`."""
    workspaces = teams(count)
    with (
        tempfile.TemporaryDirectory(prefix="partnerbot-send-") as tmp,
        database(kind, Path(tmp)) as url,
    ):
        if url is None:
            print(f"{kind}: skipped (PostgreSQL is not installed)")
            return
        upgrade(url)
        engine = make_engine(url)
        seed(engine, workspaces, staff)
        sessions = make_session_factory(engine)
        slack = LocalSlack().start()
        slack.limiter = RateLimiter(
            SlackLimits({"chat.postMessage": Bucket(PER_MINUTE, BURST)}, per_channel=Bucket(60, 1))
        )
        for team in workspaces:
            slack.tokens[f"xoxb-bench-{team}"] = Grant(team)
        slack.on_call = lambda call: (
            time.sleep(delay) if call.method == "chat.postMessage" else None
        )
        pacer = Pacer()  # the defaults partnerbot runs with
        senders = Senders(BenchTokens(), slack.api_url, pacer)
        clock = FrozenClock(NOW)
        zones = TimeZones(sessions, clock, "America/Chicago")
        began = time.perf_counter()
        report = run_due_jobs(sessions, senders, zones, now=NOW, workers=workers)
        took = time.perf_counter() - began
        calls = slack.calls_to("chat.postMessage")
        slack.stop()
        engine.dispose()
    limited, other, accepted = tally(calls)
    posts = count * staff
    lost = posts - len(accepted)
    doubled = sum(1 for n in accepted.values() if n > 1)
    print(f"    {report}")
    share = limited / max(1, len(calls))
    print(
        f"    {len(calls):,} posts tried: {limited} answered 429 ({share:.2%}), {other} other "
        f"failures; {lost} lost, {doubled} doubled; pacer held back {pacer.holds}×"
    )
    floor = floor_seconds(staff, posts, workers, delay)
    results.add(
        Figure(
            f"{count} workspaces × {staff} digests, +{delay * 1000:.0f} ms ({kind})",
            took,
            "s",
            floor,
            "perfect pacer",
            floor * TARGET_RATIO,
        )
    )
    results.add(
        Figure(
            f"posts answered 429 ({kind})",
            limited / max(1, len(calls)) * 100,
            "%",
            None,
            "",
            TARGET_429_SHARE * 100,
        )
    )
    results.add(Figure(f"digests lost + doubled ({kind})", lost + doubled, "", target=0))


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark, print its numbers and save them."""
    parser = argparse.ArgumentParser(prog="python -m bench send", description=__doc__)
    parser.add_argument("--workspaces", type=int, default=20)
    parser.add_argument("--staff", type=int, default=250, help="per workspace")
    parser.add_argument("--workers", type=int, default=DEFAULT_WORKERS)
    parser.add_argument("--delay-ms", type=float, default=100.0)
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="sqlite")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    results = Run(
        "send-workspaces",
        {
            "workspaces": args.workspaces,
            "staff": args.staff,
            "workers": args.workers,
            "delay_ms": args.delay_ms,
            "per_minute": PER_MINUTE,
            "burst": BURST,
        },
    )
    kinds = ["sqlite", "postgresql"] if args.db == "both" else [args.db]
    for kind in kinds:
        run_once(kind, args.workspaces, args.staff, args.workers, args.delay_ms / 1000, results)
    results.save()


if __name__ == "__main__":
    main()
