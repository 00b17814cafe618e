"""`python -m bench load`: partnerbot under many people at once, on PostgreSQL, as it is deployed
with several replicas: two `partnerbot serve --no-scheduler` processes and one
`partnerbot scheduler`, a fake Slack on loopback, and beside them a bare Bolt app (one listener
that acks `/contact`) served the same way (waitress, the same WSGI app) in the same run.

1. New people: `--users` people nobody has seen add a partner each, all at once, half on each
   replica (their workspace and staff rows are created concurrently).
2. Sustained `/contact`: `--requests` signed commands from `--threads` threads; every
   `--retry-every`-th one is sent again to the *other* replica with `X-Slack-Retry-Num: 1`, as
   Slack retries when an answer is late.

Reported: errors (any answer but 200, or none; must be 0), contacts stored vs unique requests
(must match: retries log nothing twice), ack latency p50/p99 beside the bare app's.
PostgreSQL: `--db-url postgresql+psycopg://…` (an empty database), else a throwaway server is
started (PostgreSQL's `initdb`/`pg_ctl` must be installed, as for the tests)."""

from __future__ import annotations

import argparse
import http.client
import os
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from slack_bolt import Ack, App
from sqlalchemy import func, select

from bot.console.localslack import LocalSlack
from bot.console.payloads import signed_headers, slash_command_body
from bot.console.records import FakeUser
from storage.db import make_engine, make_session_factory
from storage.migrate import upgrade
from storage.models import Interaction, Partner, Staff
from storage.partners.records import PartnerFields, add_partner

TEAM = "T0LOAD"
SECRET = "bench-load-signing-secret"
ROOT = Path(__file__).resolve().parent.parent
PARTNERBOT = str(Path(sys.executable).parent / "partnerbot")


@dataclass
class Results:
    """Latencies (seconds) and failures of one load."""

    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, seconds: float, error: str | None) -> None:
        with self.lock:
            if error is None:
                self.latencies.append(seconds)
            else:
                self.errors.append(error)

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        if not ordered:
            return float("nan")
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_healthy(port: int, process: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server on port {port} exited with {process.returncode}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"server on port {port} not healthy after {timeout} s")


@contextmanager
def _process(args: list[str], env: dict[str, str], port: int | None) -> Iterator[None]:
    process = subprocess.Popen(
        args,
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        if port is not None:
            _wait_healthy(port, process)
        yield
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@contextmanager
def _database(url: str | None) -> Iterator[str]:
    if url:
        yield url
        return
    sys.path.insert(0, str(ROOT))
    from tests.support.postgres import PostgresServer

    with PostgresServer(database="load") as server:
        yield server.url


def _post(conns: dict[int, http.client.HTTPConnection], port: int, body: str, retry: bool) -> str:
    headers = signed_headers(SECRET, body)
    if retry:
        headers["X-Slack-Retry-Num"] = "1"
        headers["X-Slack-Retry-Reason"] = "http_timeout"
    for attempt in (1, 2):
        conn = conns.get(port)
        if conn is None:
            conn = conns[port] = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            conn.request("POST", "/slack/events", body=body.encode(), headers=headers)
            response = conn.getresponse()
            response.read()
        except (OSError, http.client.HTTPException) as exc:
            conn.close()
            conns.pop(port, None)
            if attempt == 2:
                return f"{type(exc).__name__}: {exc}"
            continue
        return "" if response.status == 200 else f"HTTP {response.status}"
    return "unreachable"


def _run(
    slack: LocalSlack,
    ports: list[int],
    bodies: list[str],
    *,
    threads: int,
    retry_every: int,
) -> Results:
    results = Results()
    chunks = [bodies[i::threads] for i in range(threads)]

    def worker(chunk: list[str], first: int) -> None:
        conns: dict[int, http.client.HTTPConnection] = {}
        for n, body in enumerate(chunk):
            port = ports[(first + n) % len(ports)]
            began = time.perf_counter()
            error = _post(conns, port, body, retry=False)
            results.add(time.perf_counter() - began, error or None)
            if retry_every and (first + n) % retry_every == 0 and len(ports) > 1:
                other = ports[(first + n + 1) % len(ports)]
                began = time.perf_counter()
                error = _post(conns, other, body, retry=True)
                results.add(time.perf_counter() - began, error or None)
        for conn in conns.values():
            conn.close()

    workers = [threading.Thread(target=worker, args=(chunk, i)) for i, chunk in enumerate(chunks)]
    for t in workers:
        t.start()
    for t in workers:
        t.join()
    return results


def _command(slack: LocalSlack, command: str, text: str, user: str, n: int) -> str:
    return slash_command_body(
        command,
        text,
        user_id=user,
        team_id=TEAM,
        response_url=slack.response_url(),
        trigger_id=f"{n}.{int(time.time())}.load{n:08d}",
    )


def _count(url: str, model: type[Interaction] | type[Partner] | type[Staff]) -> int:
    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as session:
            return int(session.scalar(select(func.count()).select_from(model)) or 0)
    finally:
        engine.dispose()


def _settle(url: str, model: type[Interaction] | type[Partner], expected: int) -> int:
    """Wait (lazy listeners finish after the ack) until `expected` rows, or they stop growing."""
    last, still = -1, 0
    while True:
        now = _count(url, model)
        if now >= expected:
            return now
        still = still + 1 if now == last else 0
        if still >= 20:
            return now
        last = now
        time.sleep(0.25)


def bare_app() -> App:
    """Bolt with one listener that only acks `/contact`."""
    from slack_sdk import WebClient

    client = WebClient(
        token="xoxb-bare", base_url=os.environ.get("SLACK_API_URL") or WebClient.BASE_URL
    )
    app = App(signing_secret=SECRET, client=client, token_verification_enabled=False)

    @app.command("/contact")
    def ack_only(ack: Ack) -> None:
        ack()

    return app


def serve_bare(port: int) -> None:
    """Serve the bare app the way `partnerbot serve` serves partnerbot."""
    import waitress

    from bot.http import wsgi_application

    waitress.serve(
        wsgi_application(bare_app(), lambda: True, signing_secret=SECRET),
        host="127.0.0.1",
        port=port,
        threads=8,
        _quiet=True,
    )


def main(argv: list[str]) -> None:
    """Run the load and print the figures."""
    parser = argparse.ArgumentParser(prog="python -m bench load")
    parser.add_argument("--users", type=int, default=32)
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--threads", type=int, default=16)
    parser.add_argument("--retry-every", type=int, default=5)
    parser.add_argument("--db-url", default=os.environ.get("BENCH_DATABASE_URL"))
    args = parser.parse_args(argv)

    with ExitStack() as stack:
        url = stack.enter_context(_database(args.db_url))
        upgrade(url)
        slack = stack.enter_context(LocalSlack(team_id=TEAM))
        users = [f"U0LOAD{i:04d}" for i in range(max(args.users, args.threads))]
        slack.reset([FakeUser(id=u, name=u.lower(), real_name=u) for u in users])
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "SLACK_BOT_TOKEN": "xoxb-load",
            "SLACK_SIGNING_SECRET": SECRET,
            "SLACK_API_URL": slack.api_url,
        }
        env.pop("SLACK_APP_TOKEN", None)
        ports = [_free_port(), _free_port()]
        for port in ports:
            stack.enter_context(
                _process([PARTNERBOT, "serve", "--no-scheduler", "--port", str(port)], env, port)
            )
        stack.enter_context(_process([PARTNERBOT, "scheduler"], env, None))
        bare_port = _free_port()
        stack.enter_context(
            _process(
                [
                    sys.executable,
                    "-c",
                    f"from bench.load import serve_bare; serve_bare({bare_port})",
                ],
                env,
                bare_port,
            )
        )

        began = time.perf_counter()
        adds = [
            _command(slack, "/partner", f"add Load Partner {i:04d}", users[i], i)
            for i in range(args.users)
        ]
        first_use = _run(slack, ports, adds, threads=args.users, retry_every=0)
        partners = _settle(url, Partner, args.users)
        staff = _count(url, Staff)
        print(
            f"new people: {args.users} adding a partner at once on 2 replicas: "
            f"{len(first_use.errors)} errors, {partners} partners stored "
            f"({staff} staff rows), {time.perf_counter() - began:.1f} s"
        )

        engine = make_engine(url)
        with make_session_factory(engine).begin() as session:
            from datetime import UTC, datetime

            add_partner(session, TEAM, PartnerFields(name="Acme Health"), now=datetime.now(UTC))
        engine.dispose()
        bodies = [
            _command(
                slack,
                "/contact",
                f"acme called Jane about internships, round {n}, follow up next tue",
                users[n % len(users)],
                10_000 + n,
            )
            for n in range(args.requests)
        ]
        began = time.perf_counter()
        ours = _run(slack, ports, bodies, threads=args.threads, retry_every=args.retry_every)
        elapsed = time.perf_counter() - began
        stored = _settle(url, Interaction, args.requests)
        bare = _run(slack, [bare_port], bodies, threads=args.threads, retry_every=0)

        sent = len(ours.latencies) + len(ours.errors)
        print(
            f"/contact: {args.requests} unique requests + {sent - args.requests} Slack retries "
            f"to the other replica, {args.threads} threads, {elapsed:.1f} s "
            f"({sent / elapsed:.0f} requests/s)"
        )
        print(
            f"  errors: {len(ours.errors)}" + (f" (first: {ours.errors[0]})" if ours.errors else "")
        )
        print(f"  contacts stored: {stored} for {args.requests} unique requests")
        warnings = [
            str(c.body.get("text"))
            for c in slack.calls_to("response_url")
            if "⚠️" in str(c.body.get("text"))
        ]
        if warnings:
            print(f"  people told of a problem: {len(warnings)} (first: {warnings[0]})")
        print(
            f"  ack latency: partnerbot p50 {ours.percentile(50):.1f} ms, p99 "
            f"{ours.percentile(99):.1f} ms; bare Bolt p50 {bare.percentile(50):.1f} ms, p99 "
            f"{bare.percentile(99):.1f} ms ({len(bare.errors)} errors)"
        )
        print(f"  (median of all acks: {statistics.median(ours.latencies) * 1000:.1f} ms)")
        ok = not ours.errors and not first_use.errors and stored == args.requests
        ok = ok and partners == args.users
        if not ok:
            raise SystemExit(1)
