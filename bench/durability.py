"""`python -m bench durability`: nothing acknowledged is lost, measured on real processes.

1. Durability rounds (`--rounds`, default 4): `--requests` signed `/contact` (each with its own
   response_url and trigger_id) at `--in-flight` at once to `partnerbot serve --no-scheduler`
   (`--replicas` processes sharing one database, the requests spread over them). After a random
   number of acknowledgements (10–90 % of the requests) one server is sent SIGTERM (even rounds)
   or SIGKILL (odd rounds). Then it is started again, what got no HTTP 200 is sent again as Slack
   does (same body, `X-Slack-Retry-Num`), and the bench waits (bounded) until every request has
   its confirmation. Per round: acknowledged (200 not saying "nothing was saved"), rows stored
   for those, rows in all, duplicates, lost (acknowledged without a row: must be 0), and whether
   every acknowledged request got "Logged …" on its response_url.
2. Latency: from sending `/contact` until its confirmation reaches its response_url (the fake
   Slack's `on_call` hook notes the arrival), one at a time and with 8 in flight (and with 32 over
   two replicas when `--replicas 2`), beside a bare Bolt app in the same run: the same
   `bot.http.wsgi_application` under waitress, `process_before_response=True`, acking `/contact`
   and, in a lazy listener, INSERTing one row into the same database (its own table) and
   answering on the response_url.

SQLite (a file) by default; `--db postgresql` starts a throwaway PostgreSQL (`initdb` and
`pg_ctl` must be installed, as for the tests). Loopback only; every wait has a deadline. Server
logs go to a temporary directory, kept (and named) when a round lost anything or with
`--keep-logs`."""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from sqlalchemy import func, select, text

from bench.results import Figure, Run
from bot.console.localslack import LocalSlack
from bot.console.payloads import signed_headers, slash_command_body
from bot.console.records import RESPONSE_URL_METHOD, FakeUser, SlackCall
from bot.http import EVENTS_PATH
from storage.db import make_engine, make_session_factory
from storage.migrate import upgrade
from storage.models import InboxEntry, Interaction
from storage.partners.records import PartnerFields, add_partner

TEAM = "T0DURABLE"
SECRET = "bench-durability-secret"
USERS = ("U0MARIA", "U0JUAN", "U0ANA", "U0LEE")
ROOT = Path(__file__).resolve().parent.parent
NOTHING_SAVED = "nothing was saved"
FLOOR_TABLE = "bench_durability_floor"
STARTUP_SECONDS = 60.0
EXIT_SECONDS = 60.0
ANSWER_SECONDS = 180.0
"""How long a round waits for every confirmation (the inbox's lease is 60 s)."""
LATENCY_SECONDS = 30.0
"""How long one latency request waits for its confirmation."""
SHADOW_DAY = re.compile(r"shadow day (\d+)")


# -- the servers --------------------------------------------------------------------------


def free_port() -> int:
    """A loopback port nobody listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def post(port: int, body: str, *, retry: int = 0, timeout: float = 15.0) -> tuple[int, str]:
    """POST a signed request to `EVENTS_PATH`: (status, body); status 0 when the server could
    not be reached or hung up."""
    headers = signed_headers(SECRET, body)
    if retry:
        headers["X-Slack-Retry-Num"] = str(retry)
        headers["X-Slack-Retry-Reason"] = "http_timeout"
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("POST", EVENTS_PATH, body=body.encode(), headers=headers)
        response = conn.getresponse()
        return response.status, response.read().decode("utf-8", errors="replace")
    except (OSError, http.client.HTTPException):
        return 0, ""
    finally:
        conn.close()


def healthy(port: int) -> bool:
    """GET /healthz answers 200."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
    try:
        conn.request("GET", "/healthz")
        return conn.getresponse().status == 200
    except (OSError, http.client.HTTPException):
        return False
    finally:
        conn.close()


@dataclass
class Server:
    """One process serving `EVENTS_PATH` on a loopback port, its output in `log_path`."""

    args: list[str]
    env: dict[str, str]
    log_path: Path
    port_flag: bool = True
    """Pass the port as `--port`, else as $BENCH_PORT."""
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None
    _log: IO[bytes] | None = None

    def start(self) -> Server:
        """Start it and wait (bounded) until /healthz answers 200."""
        self._log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [*self.args, "--port", str(self.port)] if self.port_flag else self.args,
            env={**self.env, "BENCH_PORT": str(self.port)},
            cwd=ROOT,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.log_path.name}: exited {self.process.returncode}")
            if healthy(self.port):
                return self
            time.sleep(0.1)
        raise RuntimeError(f"{self.log_path.name}: not healthy after {STARTUP_SECONDS} s")

    def signal(self, signum: signal.Signals) -> None:
        assert self.process is not None
        self.process.send_signal(signum)

    def wait(self, timeout: float = EXIT_SECONDS) -> int:
        """Its exit code, once it has ended."""
        assert self.process is not None
        return self.process.wait(timeout=timeout)

    def stop(self) -> None:
        """Make sure it is gone: SIGTERM, then SIGKILL after a while."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=EXIT_SECONDS)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        if self._log is not None:
            self._log.close()
            self._log = None

    def again(self) -> Server:
        """A new process like this one (on a fresh port), appending to the same log."""
        self.stop()
        return Server(self.args, self.env, self.log_path, self.port_flag).start()


def partnerbot(env: dict[str, str], log_path: Path) -> Server:
    return Server(
        [sys.executable, "-m", "bot", "serve", "--no-scheduler", "--host", "127.0.0.1"],
        env,
        log_path,
    )


def bare(env: dict[str, str], log_path: Path) -> Server:
    code = "from bench.durability import serve_bare; serve_bare()"
    return Server([sys.executable, "-c", code], env, log_path, port_flag=False)


def serve_bare() -> None:
    """The floor, in its own process: a bare Bolt app served like partnerbot (the same WSGI
    app, waitress, 8 threads) that acks `/contact`, then in a lazy listener INSERTs one row into
    `FLOOR_TABLE` and answers on the response_url."""
    import waitress
    from slack_bolt import Ack, App, Respond
    from slack_sdk import WebClient

    from bot.http import wsgi_application

    engine = make_engine(os.environ["DATABASE_URL"])
    client = WebClient(token="xoxb-bare", base_url=os.environ["SLACK_API_URL"])
    app = App(
        signing_secret=SECRET,
        client=client,
        process_before_response=True,
        token_verification_enabled=False,
    )

    def ack_now(ack: Ack) -> None:
        ack()

    def insert_and_answer(command: dict[str, Any], respond: Respond) -> None:
        with engine.begin() as conn:
            conn.execute(
                text(f"INSERT INTO {FLOOR_TABLE} (line) VALUES (:line)"),
                {"line": command["text"]},
            )
        respond(f"Logged: {command['text']}")

    app.command("/contact")(ack=ack_now, lazy=[insert_and_answer])
    waitress.serve(
        wsgi_application(app, lambda: True, signing_secret=SECRET),
        host="127.0.0.1",
        port=int(os.environ["BENCH_PORT"]),
        threads=8,
        _quiet=True,
    )


# -- the fake Slack's answers ---------------------------------------------------------------


class Answers:
    """When each response_url first received a confirmation ("logged"), as the fake Slack's
    `on_call` hook sees it; waited on without polling."""

    def __init__(self) -> None:
        self.arrived: dict[str, float] = {}
        self.texts: dict[str, list[str]] = {}
        self._changed = threading.Condition()

    def __call__(self, call: SlackCall) -> None:
        if call.method != RESPONSE_URL_METHOD:
            return
        said = str(call.body.get("text", ""))
        now = time.perf_counter()
        with self._changed:
            self.texts.setdefault(call.path, []).append(said)
            if "logged" in said.casefold() and call.path not in self.arrived:
                self.arrived[call.path] = now
                self._changed.notify_all()

    def wait(self, paths: list[str], deadline: float) -> list[str]:
        """Wait until every path is confirmed or the deadline passes: the paths still waiting."""
        with self._changed:
            while True:
                missing = [p for p in paths if p not in self.arrived]
                left = deadline - time.monotonic()
                if not missing or left <= 0:
                    return missing
                self._changed.wait(min(left, 1.0))


# -- durability rounds ----------------------------------------------------------------------


@dataclass
class Request:
    """One `/contact` of a round."""

    n: int
    body: str
    path: str
    trigger: str
    answers: list[tuple[int, str]] = field(default_factory=list)

    @property
    def acknowledged(self) -> bool:
        """Slack got a 200 that did not say nothing was saved (first answer, or a retry's)."""
        return any(s == 200 and NOTHING_SAVED not in b for s, b in self.answers)


def contact(slack: LocalSlack, n: int, tag: str) -> Request:
    path = f"/response/{tag}{n}"
    trigger = f"{n}.{int(time.time())}.{uuid.uuid4().hex}"
    body = slash_command_body(
        "/contact",
        f"Acme called Jane about shadow day {n}",
        user_id=USERS[n % len(USERS)],
        team_id=TEAM,
        response_url=slack.base_url + path,
        trigger_id=trigger,
    )
    return Request(n, body, path, trigger)


def rows_by_number(url: str) -> Counter[int]:
    """How many stored contacts each shadow day number has."""
    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as session:
            summaries = session.scalars(select(Interaction.summary)).all()
    finally:
        engine.dispose()
    return Counter(int(m.group(1)) for s in summaries if (m := SHADOW_DAY.search(s)))


def unfinished(url: str) -> int:
    """Inbox entries not done."""
    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as session:
            where = InboxEntry.done_at.is_(None)
            return int(
                session.scalar(select(func.count()).select_from(InboxEntry).where(where)) or 0
            )
    finally:
        engine.dispose()


@dataclass
class Round:
    """What one round found."""

    signum: signal.Signals
    stop_at: int
    exit_code: int | None = None
    first_acks: int = 0
    not_200: int = 0
    told_nothing_saved: int = 0
    acknowledged: int = 0
    rows_for_acknowledged: int = 0
    rows: int = 0
    duplicates: int = 0
    lost: list[int] = field(default_factory=list)
    unconfirmed: list[int] = field(default_factory=list)
    stored_but_told_nothing: int = 0
    unfinished: int = 0
    recovered_s: float = 0.0
    taken_over: int = 0
    retries_already_kept: int = 0


def durability_round(
    number: int,
    servers: list[Server],
    slack: LocalSlack,
    answers: Answers,
    url: str,
    args: argparse.Namespace,
    rng: random.Random,
) -> Round:
    """One round: send, stop one server at a random acknowledgement, restart it, send again
    what got no 200, wait for every confirmation, count rows."""
    signum = signal.SIGTERM if number % 2 == 0 else signal.SIGKILL
    found = Round(signum, rng.randint(args.requests // 10, args.requests * 9 // 10))
    victim = number % len(servers)
    first = number * args.requests
    requests = [contact(slack, first + i, f"r{number}c") for i in range(args.requests)]
    ports = [s.port for s in servers]
    marks = {s.log_path: s.log_path.stat().st_size for s in servers}
    acked = 0
    lock = threading.Lock()

    def send(request: Request) -> None:
        nonlocal acked
        answer = post(ports[request.n % len(ports)], request.body)
        request.answers.append(answer)
        if answer[0] == 200 and NOTHING_SAVED not in answer[1]:
            with lock:
                acked += 1
                if acked == found.stop_at:
                    servers[victim].signal(signum)

    with ThreadPoolExecutor(args.in_flight) as pool:
        list(pool.map(send, requests))
    found.first_acks = sum(r.acknowledged for r in requests)
    found.exit_code = servers[victim].wait()
    began = time.monotonic()
    servers[victim] = servers[victim].again()

    ports = [s.port for s in servers]
    for request in requests:
        if request.answers[0][0] == 200:
            continue
        found.not_200 += 1
        for retry in (1, 2, 3):  # Slack tries three times more, here to the next replica
            answer = post(ports[(request.n + retry) % len(ports)], request.body, retry=retry)
            request.answers.append(answer)
            if answer[0] == 200:
                break
            time.sleep(1)

    told = [r for r in requests if not r.acknowledged]
    expected = [r for r in requests if r.acknowledged]
    missing = set(answers.wait([r.path for r in expected], began + ANSWER_SECONDS))
    found.recovered_s = time.monotonic() - began
    rows = rows_by_number(url)
    found.told_nothing_saved = len(told)
    found.acknowledged = len(expected)
    found.rows_for_acknowledged = sum(min(rows[r.n], 1) for r in expected)
    found.rows = sum(rows[r.n] for r in requests)
    found.duplicates = sum(rows[r.n] - 1 for r in requests if rows[r.n] > 1)
    found.lost = [r.n for r in expected if rows[r.n] == 0]
    found.unconfirmed = [r.n for r in expected if r.path in missing]
    found.stored_but_told_nothing = sum(1 for r in told if rows[r.n])
    found.unfinished = unfinished(url)
    found.taken_over = logged_since(marks, "(left unfinished)")
    found.retries_already_kept = logged_since(marks, "a retry of a request already kept")
    for n in sorted({*found.lost, *found.unconfirmed})[:10]:
        request = requests[n - first]
        print(
            f"    request {n} (trigger {request.trigger}): HTTP answers "
            f"{[(s, b[:120]) for s, b in request.answers]}, rows {rows[n]}, "
            f"posted to its response_url: {answers.texts.get(request.path, [])}"
        )
    return found


def logged_since(marks: dict[Path, int], needle: str) -> int:
    """Lines saying `needle` written to each log after its mark (its size then)."""
    count = 0
    for path, offset in marks.items():
        with path.open("rb") as log:
            log.seek(offset)
            count += sum(needle.encode() in line for line in log)
    return count


def report_round(number: int, found: Round, replicas: int) -> None:
    name = "SIGTERM" if found.signum == signal.SIGTERM else "SIGKILL"
    confirmed = found.acknowledged - len(found.unconfirmed)
    print(
        f"  round {number + 1}: {name} to replica {number % replicas + 1} after "
        f"{found.stop_at} acks (exit {found.exit_code}); first pass {found.first_acks} acked, "
        f"{found.not_200} without a 200 (sent again)"
    )
    print(
        f"    acknowledged {found.acknowledged}, rows for them {found.rows_for_acknowledged}, "
        f"rows in all {found.rows}, duplicates {found.duplicates}, lost {len(found.lost)}, "
        f"confirmed on response_url {confirmed}/{found.acknowledged} "
        f"({'all' if not found.unconfirmed else 'NOT ALL'}) within {found.recovered_s:.1f} s "
        f"of the restart; told nothing was saved {found.told_nothing_saved} "
        f"(of them stored anyway: {found.stored_but_told_nothing}); inbox unfinished "
        f"{found.unfinished}; taken over from the stopped process {found.taken_over}, "
        f"retries answered as already kept {found.retries_already_kept}"
    )


# -- latency -------------------------------------------------------------------------------


def latencies(
    ports: list[int],
    slack: LocalSlack,
    answers: Answers,
    tag: str,
    numbers: range,
    in_flight: int,
) -> list[float]:
    """Milliseconds from sending each `/contact` (shadow day `numbers`; `in_flight` at once,
    each sender waiting for its confirmation before the next) to its confirmation's arrival."""
    requests = [contact(slack, i, f"{tag}-") for i in numbers]
    times: list[float] = []
    lock = threading.Lock()

    def one(request: Request) -> None:
        began = time.perf_counter()
        status, said = post(ports[request.n % len(ports)], request.body)
        if status != 200 or NOTHING_SAVED in said:
            raise RuntimeError(f"{tag}: {request.n} answered {status} {said[:200]}")
        if answers.wait([request.path], time.monotonic() + LATENCY_SECONDS):
            raise RuntimeError(f"{tag}: {request.n} not confirmed in {LATENCY_SECONDS} s")
        with lock:
            times.append((answers.arrived[request.path] - began) * 1000)

    with ThreadPoolExecutor(in_flight) as pool:
        list(pool.map(one, requests))
    return times


def p99(ms: list[float]) -> float:
    return statistics.quantiles(ms, n=100, method="inclusive")[98]


def latency_figures(
    ours: list[Server],
    floor: Server,
    slack: LocalSlack,
    answers: Answers,
    args: argparse.Namespace,
    results: Run,
) -> None:
    """Time partnerbot and the bare app, one after the other, at each concurrency."""
    stages = [(1, args.one_at_a_time), (8, args.concurrent)]
    if len(ours) > 1:
        stages.append((32, args.concurrent))
    ports = [s.port for s in ours]
    first = 10_000_000  # numbers no round used: the one-minute repeat guard never answers

    def numbers(count: int) -> range:
        nonlocal first
        first += count
        return range(first - count, first)

    for in_flight, count in stages:
        slack.clear()
        latencies(ports, slack, answers, f"w{in_flight}", numbers(20), in_flight)  # warm-up
        latencies([floor.port], slack, answers, f"wb{in_flight}", numbers(20), in_flight)
        mine = latencies(ports, slack, answers, f"l{in_flight}", numbers(count), in_flight)
        base = latencies([floor.port], slack, answers, f"b{in_flight}", numbers(count), in_flight)
        where = f"answer shown, {in_flight} in flight, {count} requests"
        if len(ours) > 1:
            where += f", {len(ours)} replicas"
        floor_name = "bare Bolt INSERT + respond"
        for label, value, base_value in (
            ("p50", statistics.median(mine), statistics.median(base)),
            ("p99", p99(mine), p99(base)),
        ):
            results.add(Figure(f"/contact {where} {label}", value, "ms", base_value, floor_name))


# -- the run -------------------------------------------------------------------------------


@contextmanager
def database(kind: str, workdir: Path) -> Iterator[str]:
    """A fresh database of `kind`: a SQLite file in `workdir`, or a throwaway PostgreSQL."""
    if kind == "sqlite":
        yield f"sqlite:///{workdir / 'durability.db'}"
        return
    sys.path.insert(0, str(ROOT))
    from tests.support.postgres import PostgresServer

    with PostgresServer(database="durability") as server:
        yield server.url


def prepare(url: str) -> None:
    """Migrate, seed "Acme Health", create the bare app's table."""
    upgrade(url)
    engine = make_engine(url)
    try:
        with make_session_factory(engine).begin() as session:
            add_partner(session, TEAM, PartnerFields(name="Acme Health"), now=datetime.now(UTC))
        with engine.begin() as conn:
            conn.execute(text(f"CREATE TABLE {FLOOR_TABLE} (line TEXT)"))
    finally:
        engine.dispose()


def main(argv: list[str]) -> None:
    """Run the rounds and the latency figures; print and save them."""
    parser = argparse.ArgumentParser(prog="python -m bench durability", description=__doc__)
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--replicas", type=int, choices=[1, 2], default=1)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--in-flight", type=int, default=32)
    parser.add_argument("--one-at-a-time", type=int, default=200)
    parser.add_argument("--concurrent", type=int, default=400)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--keep-logs", action="store_true", help="keep the servers' logs")
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else random.randrange(1_000_000)
    rng = random.Random(seed)
    settings = {k: v for k, v in vars(args).items() if k not in ("seed", "keep_logs")}
    settings["seed"] = seed
    results = Run("durability", settings)
    print(f"  {args.db}, {args.replicas} replica(s), {args.rounds} rounds, seed {seed}")
    logs = Path(tempfile.mkdtemp(prefix="bench-durability-"))
    answers = Answers()
    rounds: list[Round] = []
    servers: list[Server] = []
    with ExitStack() as stack:
        url = stack.enter_context(database(args.db, logs))
        prepare(url)
        slack = stack.enter_context(LocalSlack(team_id=TEAM, on_call=answers))
        slack.reset([FakeUser(id=u, name=u.lower(), real_name=u) for u in USERS])
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "SLACK_BOT_TOKEN": "xoxb-durability",
            "SLACK_SIGNING_SECRET": SECRET,
            "SLACK_API_URL": slack.api_url,
            "PARTNERBOT_STOP_SECONDS": "20",
        }
        env.pop("SLACK_APP_TOKEN", None)
        stack.callback(stop_all, servers)
        for i in range(args.replicas):
            servers.append(partnerbot(env, logs / f"replica{i + 1}.log").start())
        floor = stack.enter_context(_stopped(bare(env, logs / "bare.log").start()))

        for number in range(args.rounds):
            began = time.monotonic()
            found = durability_round(number, servers, slack, answers, url, args, rng)
            slack.clear()
            rounds.append(found)
            report_round(number, found, args.replicas)
            print(f"    round took {time.monotonic() - began:.1f} s")
            results.add(Figure(f"round {number + 1} lost", len(found.lost), "", target=0))
            results.add(Figure(f"round {number + 1} duplicates", found.duplicates, "", target=0))
            results.add(
                Figure(f"round {number + 1} acknowledged, unconfirmed", len(found.unconfirmed), "")
            )
        latency_figures(servers, floor, slack, answers, args, results)
    results.save()
    failed = any(r.lost or r.duplicates or r.unconfirmed for r in rounds)
    if failed or args.keep_logs:
        print(f"  server logs kept in {logs}")
    else:
        shutil.rmtree(logs, ignore_errors=True)
    if failed:
        raise SystemExit(1)


def stop_all(servers: list[Server]) -> None:
    for server in servers:
        server.stop()


@contextmanager
def _stopped(server: Server) -> Iterator[Server]:
    try:
        yield server
    finally:
        server.stop()
