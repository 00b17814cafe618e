"""Sending every morning digest end to end: `partnerbot jobs run --at <08:00 Chicago>` as its
own process, for 500 and then 5,000 staff (20 open follow-ups each), against the fake Slack on
loopback with 100 ms added to each `chat.postMessage` (about what real Slack takes). The floor,
measured in the same run: a bare script posting the same number of messages with the same pool
size through slack_sdk's WebClient to the same fake Slack (no database, no digest)."""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from slack_sdk import WebClient

from bench.digest_scale import NOW, TEAM, database, seed_base
from bench.results import Figure, Run
from bot.console.localslack import LocalSlack
from bot.console.records import SlackCall
from scheduler.sending import DEFAULT_WORKERS
from storage.db import make_engine
from storage.migrate import upgrade

ROOT = Path(__file__).resolve().parent.parent
FOLLOW_UPS_PER_STAFF = 20
TARGETS = {500: 10.0, 5_000: 60.0}


@contextmanager
def slow_slack(delay: float) -> Iterator[LocalSlack]:
    """The fake Slack, each chat.postMessage answered `delay` seconds late."""

    def late(call: SlackCall) -> None:
        if call.method == "chat.postMessage":
            time.sleep(delay)

    slack = LocalSlack(team_id=TEAM).start()
    slack.on_call = late
    try:
        yield slack
    finally:
        slack.stop()


def jobs_run(url: str, slack: LocalSlack, workers: int) -> tuple[float, int]:
    """Seconds for `partnerbot jobs run --at` (a fresh process, start-up included), and how
    many digests it says it sent."""
    env = {
        **os.environ,
        "SLACK_BOT_TOKEN": "xoxb-bench-send",
        "SLACK_SIGNING_SECRET": "bench",
        "SLACK_API_URL": slack.api_url,
        "DATABASE_URL": url,
        "PARTNERBOT_SEND_WORKERS": str(workers),
    }
    at = NOW.isoformat()
    began = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-m", "bot", "jobs", "run", "--at", at],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - began
    print(f"    {out.stdout.strip()}")
    if out.returncode != 0:
        raise RuntimeError(f"jobs run failed ({out.returncode}): {out.stderr[-2000:]}")
    sent = re.search(r"digests: (\d+) sent", out.stdout)
    if sent is None:
        raise RuntimeError(f"jobs run said: {out.stdout}")
    return elapsed, int(sent.group(1))


def bare_posts(slack: LocalSlack, count: int, workers: int) -> float:
    """Seconds for a bare script to post `count` messages on `workers` threads."""
    client = WebClient(token="xoxb-bare", base_url=slack.api_url)
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": "x" * 200}}] * 30

    def post(n: int) -> None:
        client.chat_postMessage(channel=f"U{n:06d}", text="bare", blocks=blocks)

    began = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(post, range(count)))
    return time.perf_counter() - began


def run(kind: str, sizes: list[int], workers: int, delay: float, results: Run) -> None:
    """For each staff size: a fresh database of `kind`, then the timed jobs run and floor."""
    for staff in sizes:
        with (
            tempfile.TemporaryDirectory(prefix="partnerbot-send-") as tmp,
            database(kind, Path(tmp)) as url,
        ):
            if url is None:
                print(f"{kind}: skipped (PostgreSQL is not installed)")
                return
            upgrade(url)
            engine = make_engine(url)
            began = time.perf_counter()
            seed_base(engine, staff=staff, follow_ups=staff * FOLLOW_UPS_PER_STAFF)
            engine.dispose()
            print(f"{kind}: seeded {staff:,} staff in {time.perf_counter() - began:.1f} s")
            with slow_slack(delay) as slack:
                took, sent = jobs_run(url, slack, workers)
                posts = sum(1 for c in slack.calls_to("chat.postMessage") if not c.failed)
                if posts != sent or sent < staff * 0.9:
                    raise AssertionError(f"{posts} posts, {sent} digests sent for {staff} staff")
                slack.clear()
                floor = bare_posts(slack, posts, workers)
            results.add(
                Figure(
                    f"jobs run, {staff:,} staff ({posts:,} posts, +{delay * 1000:.0f} ms) ({kind})",
                    took,
                    "s",
                    floor,
                    f"bare {workers}-thread posts",
                    TARGETS.get(staff),
                )
            )


def main(argv: list[str] | None = None) -> None:
    """Run the send benchmark, print its numbers and save them."""
    parser = argparse.ArgumentParser(prog="python -m bench send", description=__doc__)
    parser.add_argument("--staff", type=int, nargs="+", default=[500, 5_000])
    parser.add_argument("--workers", type=int, default=DEFAULT_WORKERS)
    parser.add_argument("--delay-ms", type=float, default=100.0)
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    args = parser.parse_args(argv)
    results = Run(
        "send",
        {
            "staff": args.staff,
            "workers": args.workers,
            "delay_ms": args.delay_ms,
            "follow_ups_per_staff": FOLLOW_UPS_PER_STAFF,
        },
    )
    kinds = ["sqlite", "postgresql"] if args.db == "both" else [args.db]
    for kind in kinds:
        run(kind, args.staff, args.workers, args.delay_ms / 1000, results)
    results.save()


if __name__ == "__main__":
    main()
