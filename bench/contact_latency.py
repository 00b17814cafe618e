"""`/contact` latency for lines like "Acme called Jane about summer internships, follow up next
tue", through partnerbot's real Bolt app on SQLite and PostgreSQL holding 5,000 partners and
1,000,000 logged contacts, with a fake Slack on loopback; beside a bare Bolt app whose only
listener INSERTs one row into the same database and acks (the floor for "log something"), and
one that also posts its answer to the response URL before returning (the floor for "answer
shown"), measured the same two ways in the same run: in-process (`App.dispatch` of a signed
request) and over HTTP (the production WSGI app under waitress, one keep-alive connection).
Figures for partnerbot: the ack (what Slack waits for), the answer shown (parse + store + the
reply posted to the response URL by the lazy listener), and its storage alone (`log_contact`
and `recent_contacts_by_others`, as the command calls them)."""

from __future__ import annotations

import argparse
import http.client
import logging
import statistics
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from slack_bolt import Ack, App, BoltRequest, Respond
from slack_sdk import WebClient
from sqlalchemy import func, insert, select, text
from sqlalchemy.engine import Engine
from waitress import wasyncore
from waitress.server import BaseWSGIServer, create_server

from bench.digest_scale import database, grow_contacts
from bench.grammar import synthetic_names
from bench.results import Figure, Run
from bot.app import create_app
from bot.config import Settings
from bot.console.localslack import LocalSlack
from bot.console.payloads import FORM, response_url_of, signed_headers, slash_command_body
from bot.console.records import FakeUser
from bot.http import EVENTS_PATH, wsgi_application
from bot.lazywork import DrainableExecutor
from storage.clock import FrozenClock
from storage.contact_history import recent_contacts_by_others
from storage.contact_log import NewContact, log_contact
from storage.db import SessionFactory, make_engine, make_session_factory
from storage.migrate import upgrade
from storage.models import FollowUp, Interaction, InteractionKind, Partner, Workspace
from storage.partners.names import name_key
from storage.partners.records import PartnerFields, add_partner

if TYPE_CHECKING:
    from _typeshed.wsgi import WSGIApplication

TEAM = "T0BENCH"
SECRET = "bench-contact-latency-secret"
NOW = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)  # Monday 08:00 in Chicago
USERS = ("U0MARIA", "U0JUAN")
ITERATIONS = 300
WARM_UP = 50
PARTNERS = 5_000
CONTACTS = 1_000_000
TOPICS = (
    "summer internships", "the MOU draft", "job shadow day", "the spring career fair",
    "mock interviews", "the welding lab tour", "a guest speaker", "apprenticeship slots",
)  # fmt: skip
FOLLOW_UPS = ("follow up next tue", "f/u in 2 weeks", "remind me Dec 3", "follow up fri")

# One request as it reaches the app: the form body and Slack's signed headers.
Request = tuple[str, dict[str, str]]
# Deliver one request, return the HTTP status and body.
Send = Callable[[Request], tuple[int, str]]


@dataclass(frozen=True)
class Timings:
    """Milliseconds per request for one path."""

    label: str
    ms: list[float]

    @property
    def p50(self) -> float:
        return statistics.median(self.ms)

    @property
    def p95(self) -> float:
        return statistics.quantiles(self.ms, n=20, method="inclusive")[18]

    @property
    def p99(self) -> float:
        return statistics.quantiles(self.ms, n=100, method="inclusive")[98]

    @property
    def mean(self) -> float:
        return statistics.fmean(self.ms)


def contact_text(n: int) -> str:
    """A different line each time, so the one-minute repeat guard never answers instead."""
    topic = TOPICS[n % len(TOPICS)]
    return f"Acme called Jane about {topic} (#{n}), {FOLLOW_UPS[n % len(FOLLOW_UPS)]}"


def signed(body: str) -> dict[str, str]:
    return signed_headers(SECRET, body, timestamp=int(time.time()), content_type=FORM)


def requests(slack: LocalSlack, first: int, count: int) -> list[Request]:
    """`count` distinct `/contact` commands, signed now (before any timing starts)."""
    batch = []
    for n in range(first, first + count):
        body = slash_command_body(
            "/contact",
            contact_text(n),
            user_id=USERS[n % len(USERS)],
            team_id=TEAM,
            channel_id="C0BENCH",
            response_url=slack.response_url(),
            trigger_id=f"{n}.1763900000.bench",
        )
        batch.append((body, signed(body)))
    return batch


def seed(engine: Engine, sessions: SessionFactory, contacts: int) -> None:
    """ "Acme Health" and 4,999 other made-up businesses (`bench.grammar.synthetic_names`),
    then `contacts` logged contacts spread over them and two years (bulk INSERT … SELECT)."""
    created = NOW - timedelta(days=400)
    with sessions.begin() as session:
        add_partner(session, TEAM, PartnerFields(name="Acme Health"), now=created)
    with engine.begin() as conn:
        conn.execute(
            insert(Partner),
            [
                {
                    "team_id": TEAM,
                    "name": name,
                    "name_key": name_key(name),
                    "stage": "active",
                    "pathways": [],
                    "owner_user_id": USERS[n % 2],
                    "created_at": created,
                    "updated_at": created,
                }
                for n, name in enumerate(synthetic_names(PARTNERS - 1), start=1)
            ],
        )
        assert conn.scalar(select(func.count()).select_from(Workspace)) == 1
    grow_contacts(engine, contacts)


def partnerbot(
    url: str, slack: LocalSlack, contacts: int
) -> tuple[App, Callable[[], int], FrozenClock, DrainableExecutor, SessionFactory]:
    """partnerbot's app on a fresh database with 5,000 partners and `contacts` contacts, a
    counter of the entries this run logs, the clock, the executor its lazy listeners run on and
    its sessions."""
    upgrade(url)
    engine = make_engine(url)
    sessions = make_session_factory(engine)
    clock = FrozenClock(NOW)
    began = time.perf_counter()
    seed(engine, sessions, contacts)
    print(f"  seeded {PARTNERS:,} partners, {contacts:,} contacts in "
          f"{time.perf_counter() - began:.1f} s")  # fmt: skip
    settings = Settings(
        SLACK_BOT_TOKEN="xoxb-bench",
        SLACK_SIGNING_SECRET=SECRET,
        SLACK_API_URL=slack.api_url,
        DATABASE_URL=url,
        PARTNERBOT_TIMEZONE="America/Chicago",
        _env_file=None,
    )
    lazy = DrainableExecutor()
    app, _ = create_app(settings, sessions=sessions, clock=clock, listener_executor=lazy)

    def logged() -> int:
        with sessions() as session:
            entries = (
                session.scalar(
                    select(func.count())
                    .select_from(Interaction)
                    .where(Interaction.created_at > NOW)
                )
                or 0
            )
            follow_ups = session.scalar(select(func.count()).select_from(FollowUp)) or 0
        if entries != follow_ups:
            raise AssertionError(f"{entries} contacts but {follow_ups} follow-ups")
        return int(entries)

    return app, logged, clock, lazy, sessions


def bare_bolt(slack: LocalSlack, engine: Engine, *, answer: bool = False) -> App:
    """A Bolt app configured like partnerbot's whose only listener INSERTs one row into the
    same database and acks `/contact`: the floor for logging something; `answer`: it also
    posts "Logged" to the response URL before returning (the floor for an answer shown)."""
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE IF NOT EXISTS bench_floor (id INTEGER, line TEXT)"))
    app = App(
        signing_secret=SECRET,
        client=WebClient(token="xoxb-bare", base_url=slack.api_url),
        process_before_response=True,
        request_verification_enabled=True,
    )

    @app.command("/contact")
    def insert_and_ack(ack: Ack, command: dict[str, Any], respond: Respond) -> None:
        with engine.begin() as conn:
            conn.execute(
                text("INSERT INTO bench_floor (id, line) VALUES (:id, :line)"),
                {"id": len(command["text"]), "line": command["text"]},
            )
        ack()
        if answer:
            respond(text="Logged")

    return app


def storage_only(sessions: SessionFactory, clock: FrozenClock, partner_id: int) -> Timings:
    """`log_contact` in its transaction then `recent_contacts_by_others`, as /contact calls
    them (ms each pair)."""
    times = []
    for n in range(ITERATIONS):
        clock.advance(timedelta(seconds=1))
        now = clock.now()
        contact = NewContact(partner_id, USERS[n % 2], InteractionKind.CALL,
                             f"storage only {n}", now)  # fmt: skip
        began = time.perf_counter()
        with sessions.begin() as session:
            log_contact(session, TEAM, contact, now=now, idempotency_key=f"storage:{n}")
        with sessions() as session:
            recent_contacts_by_others(session, TEAM, partner_id, USERS[n % 2],
                                      since=now - timedelta(days=14))  # fmt: skip
        times.append((time.perf_counter() - began) * 1000)
    return Timings("storage: log_contact + recent_contacts_by_others", times)


def in_process(app: App) -> Send:
    def send(request: Request) -> tuple[int, str]:
        body, headers = request
        response = app.dispatch(
            BoltRequest(body=body, headers={k.lower(): [v] for k, v in headers.items()})
        )
        return response.status, str(response.body)

    return send


@contextmanager
def over_http(application: WSGIApplication) -> Iterator[Send]:
    """Serve `application` with waitress on 127.0.0.1 and post to it over one kept-alive
    connection."""
    sockets: dict[int, Any] = {}
    server = create_server(application, map=sockets, host="127.0.0.1", port=0, threads=4)
    if not isinstance(server, BaseWSGIServer):
        raise TypeError("expected one listening socket")
    port = int(server.getsockname()[1])
    thread = threading.Thread(target=server.run, name="bench-waitress", daemon=True)
    thread.start()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def send(request: Request) -> tuple[int, str]:
        body, headers = request
        connection.request("POST", EVENTS_PATH, body=body.encode(), headers=headers)
        response = connection.getresponse()
        return response.status, response.read().decode()

    try:
        yield send
    finally:
        connection.close()
        server.task_dispatcher.shutdown()  # let the last request's task finish first
        wasyncore.close_all(sockets)  # the server and its channels: run() returns
        thread.join(timeout=5)


def shown(slack: LocalSlack, request: Request, answer: str) -> str:
    """What the person saw: the ack, or else what was posted to the request's response_url."""
    url = response_url_of(request[0], FORM)
    if answer.strip() or url is None:
        return answer
    path = urlsplit(url).path
    return " ".join(str(c.body) for c in slack.calls_to("response_url") if c.path == path)


def measure(
    label: str,
    send: Send,
    batch: list[Request],
    *,
    expect: str | None,
    clock: FrozenClock | None = None,
    settle: Callable[[Request, str], str] | None = None,
) -> tuple[Timings, Timings | None]:
    """Send each request once and time it until the ack; then `settle` waits for the lazy work
    it started and says what was shown, which must say `expect`. With `settle`, also the time
    until the answer was shown (the second Timings; else None)."""
    times, shown_after = [], []
    for request in batch:
        if clock is not None:
            clock.advance(timedelta(seconds=1))
        began = time.perf_counter()
        status, answer = send(request)
        elapsed = time.perf_counter() - began
        if settle is not None:
            answer = settle(request, answer)
            shown_after.append((time.perf_counter() - began) * 1000)
        if status != 200 or (expect is not None and expect not in answer):
            raise AssertionError(f"{label}: unexpected answer {status} {answer[:300]}")
        times.append(elapsed * 1000)
    return Timings(label, times), (
        Timings(f"{label} (answer shown)", shown_after) if settle else None
    )


Row = tuple[Timings, Timings, Timings, Timings]
"""partnerbot's ack and answer shown, the bare app's ack, and the answering bare app's."""


def report(kind: str, rows: list[Row], storage: Timings, results: Run) -> None:
    """Print (and record) p50 and p99 per path beside the bare floors."""
    for ack, shown, bare, answering in rows:
        for t, floor, name in (
            (ack, bare, "bare Bolt INSERT + ack"),
            (shown, answering, "bare Bolt INSERT + ack + response_url"),
        ):
            what = "answer shown" if t is shown else "ack"
            where = f"/contact {what}, {t.label.split(', ')[1].split(' (')[0]} ({kind})"
            results.add(Figure(f"{where} p50", t.p50, "ms", floor.p50, name))
            target = 50.0 if t is shown else None
            results.add(Figure(f"{where} p99", t.p99, "ms", floor.p99, name, target))
    results.add(Figure(f"{storage.label} ({kind}) p50", storage.p50, "ms"))
    results.add(Figure(f"{storage.label} ({kind}) p99", storage.p99, "ms"))


def run(kind: str, contacts: int, iterations: int, results: Run) -> None:
    """Time every path on one fresh database of `kind`."""
    with (
        tempfile.TemporaryDirectory(prefix="contact-latency-") as workdir,
        database(kind, Path(workdir)) as url,
        LocalSlack(team_id=TEAM) as slack,
    ):
        if url is None:
            print(f"{kind}: skipped (PostgreSQL is not installed)")
            return
        print(f"{kind}:")
        slack.add_user(FakeUser(id=USERS[0], name="maria", real_name="Maria Lopez"))
        slack.add_user(
            FakeUser(id=USERS[1], name="juan", real_name="Juan Perez", tz="America/New_York")
        )
        ours, logged, clock, lazy, sessions = partnerbot(url, slack, contacts)

        def settle(request: Request, answer: str) -> str:
            if not lazy.drain(30):
                raise AssertionError("lazy listeners still running after 30 s")
            return shown(slack, request, answer)

        floor_engine = make_engine(url)
        bare = bare_bolt(slack, floor_engine)
        answering = bare_bolt(slack, floor_engine, answer=True)
        logged_line = "Logged a call with *Acme Health*"
        next_n = 0

        def batch(count: int) -> list[Request]:
            nonlocal next_n
            made = requests(slack, next_n, count)
            next_n += count
            return made

        def pair(path: str, ours_send: Send, bare_send: Send, answering_send: Send) -> Row:
            """Warm them up, then time partnerbot (ack, answer shown) and the bare apps."""
            measure(
                "warm-up", ours_send, batch(WARM_UP), expect=logged_line, clock=clock, settle=settle
            )
            measure("warm-up", bare_send, batch(WARM_UP), expect=None)
            measure("warm-up", answering_send, batch(WARM_UP), expect=None)
            ack, shown = measure(
                f"partnerbot ack, {path}",
                ours_send,
                batch(iterations),
                expect=logged_line,
                clock=clock,
                settle=settle,
            )
            bare, _ = measure(f"bare Bolt ack, {path}", bare_send, batch(iterations), expect=None)
            answered, _ = measure(
                f"bare Bolt answer, {path}", answering_send, batch(iterations), expect=None
            )
            assert shown is not None
            return ack, shown, bare, answered

        pairs = [pair("in-process", in_process(ours), in_process(bare), in_process(answering))]
        with (
            over_http(wsgi_application(ours, lambda: True)) as ours_http,
            over_http(wsgi_application(bare, lambda: True)) as bare_http,
            over_http(wsgi_application(answering, lambda: True)) as answering_http,
        ):
            pairs.append(pair("HTTP (waitress)", ours_http, bare_http, answering_http))
        stored = logged()
        expected = 2 * (WARM_UP + iterations)
        if stored != expected:
            raise AssertionError(f"{stored} contacts logged, expected {expected}")
        with sessions() as session:
            acme = session.scalar(select(Partner.id).where(Partner.name == "Acme Health"))
        assert acme is not None
        storage = storage_only(sessions, clock, acme)
        floor_engine.dispose()
    report(kind, pairs, storage, results)


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark; print and save p50 / p99 per path beside the floors."""
    parser = argparse.ArgumentParser(prog="python -m bench contact", description=__doc__)
    parser.add_argument("--contacts", type=int, default=CONTACTS)
    parser.add_argument("--iterations", type=int, default=ITERATIONS)
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    args = parser.parse_args(argv)
    logging.getLogger().setLevel(logging.WARNING)
    logging.getLogger("waitress").setLevel(logging.ERROR)
    results = Run(
        "contact",
        {"partners": PARTNERS, "contacts": args.contacts, "iterations": args.iterations},
    )
    kinds = ["sqlite", "postgresql"] if args.db == "both" else [args.db]
    for kind in kinds:
        started = time.perf_counter()
        run(kind, args.contacts, args.iterations, results)
        print(f"{kind}: run took {time.perf_counter() - started:.1f} s")
    results.save()


if __name__ == "__main__":
    main()
