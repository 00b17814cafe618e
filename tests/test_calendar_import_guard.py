"""`/partnerbot calendar import` fetches through a guarded client and reads without quoting:
a total deadline, a size cap, no redirect elsewhere, no address on the bot's own network unless
named in PARTNERBOT_CALENDAR_HOSTS, one line for every failure, parser errors naming a line,
and recurrence expansion bounded whatever the rule's form (issue 21, finding 1)."""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Callable, Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.config import Settings
from bot.console.localslack import LocalSlack
from bot.console.records import FakeUser
from handlers.school_year import download, ics
from storage.clock import FrozenClock
from storage.models import CalendarEntry
from tests.support.slackapp import MARIA, Bot, close_bot, make_bot

SECRET = "session=SECRET-TOKEN-4f9a2c"
CALENDAR = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:w\r\n"
    b"DTSTART;VALUE=DATE:20261221\r\nDTEND;VALUE=DATE:20270102\r\nSUMMARY:Winter Break\r\n"
    b"END:VEVENT\r\nEND:VCALENDAR\r\n"
)
Serve = Callable[[BaseHTTPRequestHandler], None]


def entries(bot: Bot) -> int:
    with bot.deps.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(CalendarEntry)) or 0)


@pytest.fixture
def allowed(
    migrated_db_url: str, slack: LocalSlack, clock: FrozenClock, tmp_path: Path
) -> Iterator[Bot]:
    """The app with loopback named in PARTNERBOT_CALENDAR_HOSTS, reading .ics files from
    tmp_path (PARTNERBOT_CALENDAR_DIR)."""
    under_test = make_bot(
        migrated_db_url,
        slack,
        clock,
        migrate=False,
        PARTNERBOT_CALENDAR_HOSTS="127.0.0.1",
        PARTNERBOT_CALENDAR_DIR=str(tmp_path),
    )
    yield under_test
    close_bot(under_test)


@pytest.fixture(autouse=True)
def _maria_is_an_admin(slack: LocalSlack) -> None:
    slack.add_user(FakeUser(id=MARIA, name="maria", real_name="Maria Lopez", is_admin=True))


@pytest.fixture
def short_deadline(monkeypatch: pytest.MonkeyPatch) -> float:
    monkeypatch.setattr(ics, "TIMEOUT_SECONDS", 1.0)
    return 1.0


@pytest.fixture
def stop() -> Iterator[threading.Event]:
    """Set at the end of a test: trickling handlers stop."""
    event = threading.Event()
    yield event
    event.set()


@pytest.fixture
def server() -> Iterator[Callable[[Serve], tuple[str, list[str]]]]:
    """Start loopback HTTP servers (port 0) answering with a given function: their base URL
    and the paths requested."""
    running: list[ThreadingHTTPServer] = []

    def start(serve: Serve) -> tuple[str, list[str]]:
        paths: list[str] = []

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                paths.append(self.path)
                serve(self)

            def log_message(self, *args: Any) -> None:
                pass

        httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        httpd.daemon_threads = True
        threading.Thread(target=httpd.serve_forever, args=(0.01,), daemon=True).start()
        running.append(httpd)
        return f"http://127.0.0.1:{httpd.server_address[1]}", paths

    yield start
    for httpd in running:
        httpd.shutdown()
        httpd.server_close()


def answer(handler: BaseHTTPRequestHandler, status: int, body: bytes, **headers: str) -> None:
    handler.send_response(status)
    for name, value in headers.items():
        handler.send_header(name.replace("_", "-"), value)
    handler.end_headers()
    handler.wfile.write(body)


def timed_import(bot: Bot, source: str) -> tuple[str, float]:
    began = time.monotonic()
    reply = bot.command("/partnerbot", f"calendar import {source}")
    return reply.text, time.monotonic() - began


# --- the deadline -------------------------------------------------------------------------


@pytest.mark.parametrize("where", ["body", "status line"])
def test_a_server_trickling_a_byte_every_fifth_of_a_second_is_given_up_on_at_the_deadline(
    allowed: Bot, server: Any, stop: threading.Event, short_deadline: float, where: str
) -> None:
    def trickle(handler: BaseHTTPRequestHandler) -> None:
        if where == "body":
            handler.send_response(200)
            handler.send_header("Content-Length", "100000")
            handler.end_headers()
        for _ in range(500):  # bounded: 100 s at most, the test ends long before
            if stop.wait(0.2):
                return
            try:
                handler.wfile.write(b"B" if where == "body" else b"H")
                handler.wfile.flush()
            except OSError:
                return

    base, paths = server(trickle)
    text, took = timed_import(allowed, f"{base}/cal.ics")
    assert paths == ["/cal.ics"]
    assert ics.NOT_FETCHED in text
    assert took < short_deadline + 1.5
    assert entries(allowed) == 0


def test_a_server_that_never_answers_is_given_up_on_at_the_deadline(
    allowed: Bot, short_deadline: float
) -> None:
    with socket.create_server(("127.0.0.1", 0)) as listening:  # never accepts nor answers
        port = listening.getsockname()[1]
        text, took = timed_import(allowed, f"http://127.0.0.1:{port}/cal.ics")
    assert ics.NOT_FETCHED in text
    assert took < short_deadline + 1.5


# --- what the answers say ---------------------------------------------------------------------


def test_a_page_echoing_its_query_is_not_quoted_back(allowed: Bot, server: Any) -> None:
    def echo(handler: BaseHTTPRequestHandler) -> None:
        line = handler.path.encode() + b" " + SECRET.encode() + b"x" * 2600
        answer(handler, 200, b"BEGIN:VCALENDAR\r\n" + line + b"\r\nEND:VCALENDAR\r\n")

    base, _paths = server(echo)
    text, _took = timed_import(allowed, f"{base}/echo?q=hello")
    assert "could not be read: line 2" in text
    assert "expected NAME:value" in text
    assert SECRET not in text
    assert "hello" not in text
    assert "xxxx" not in text
    assert len(text) < 400


def test_a_local_file_whose_line_is_private_is_not_quoted_back(
    allowed: Bot, tmp_path: Path
) -> None:
    private = tmp_path / "private.ics"
    private.write_bytes(b"BEGIN:VCALENDAR\r\nDTSTART:" + SECRET.encode() + b"\r\nEND:VCALENDAR\r\n")
    text, _took = timed_import(allowed, str(private))
    assert "line 2: DTSTART is not a date (expected" in text
    assert "SECRET" not in text


def test_status_codes_and_closed_ports_read_alike(allowed: Bot, server: Any) -> None:
    base, _paths = server(lambda h: answer(h, 403, b"forbidden: " + SECRET.encode()))
    with socket.create_server(("127.0.0.1", 0)) as spare:
        closed = spare.getsockname()[1]
    forbidden, _took = timed_import(allowed, f"{base}/cal.ics")
    refused, _took = timed_import(allowed, f"http://127.0.0.1:{closed}/cal.ics")
    assert forbidden == refused
    assert ics.NOT_FETCHED in forbidden
    assert "403" not in forbidden
    assert str(closed) not in refused
    assert "SECRET" not in forbidden


def test_a_failure_is_one_warning_line_in_the_log(
    allowed: Bot, server: Any, caplog: pytest.LogCaptureFixture
) -> None:
    base, _paths = server(lambda h: answer(h, 500, b"oops"))
    with caplog.at_level(logging.WARNING, logger="handlers.school_year.ics"):
        timed_import(allowed, f"{base}/cal.ics?key={SECRET}")
    warnings = [r for r in caplog.records if r.name == "handlers.school_year.ics"]
    assert len(warnings) == 1
    assert warnings[0].levelno == logging.WARNING
    line = warnings[0].getMessage()
    assert "HTTP status 500" in line
    assert "\n" not in line
    assert "SECRET" not in line


# --- redirects and size -------------------------------------------------------------------------


def test_a_redirect_to_another_port_is_not_followed(allowed: Bot, server: Any) -> None:
    other, other_paths = server(lambda h: answer(h, 200, CALENDAR))
    base, _paths = server(lambda h: answer(h, 302, b"", Location=f"{other}/cal.ics"))
    text, _took = timed_import(allowed, f"{base}/cal.ics")
    assert ics.NOT_FETCHED in text
    assert other_paths == []
    assert entries(allowed) == 0


def test_a_redirect_to_another_host_is_not_followed(allowed: Bot, server: Any) -> None:
    base, paths = server(
        lambda h: answer(h, 301, b"", Location="http://calendar.example.invalid/cal.ics")
    )
    text, _took = timed_import(allowed, f"{base}/cal.ics")
    assert ics.NOT_FETCHED in text
    assert paths == ["/cal.ics"]


def test_a_redirect_on_the_same_host_and_port_is_followed_a_few_times(
    allowed: Bot, server: Any
) -> None:
    def serve(handler: BaseHTTPRequestHandler) -> None:
        if handler.path == "/final.ics":
            answer(handler, 200, CALENDAR)
        else:
            answer(handler, 302, b"", Location="/final.ics")

    base, paths = server(serve)
    text, _took = timed_import(allowed, f"{base}/cal.ics")
    assert "Winter Break" in text
    assert paths == ["/cal.ics", "/final.ics"]
    loop, loop_paths = server(lambda h: answer(h, 302, b"", Location="/again"))
    looped, _took = timed_import(allowed, f"{loop}/again")
    assert ics.NOT_FETCHED in looped
    assert len(loop_paths) == download.MAX_REDIRECTS + 1


@pytest.mark.parametrize("says_length", [True, False])
def test_a_huge_body_is_cut_at_one_megabyte(
    allowed: Bot, server: Any, stop: threading.Event, says_length: bool
) -> None:
    def huge(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        if says_length:
            handler.send_header("Content-Length", str(50_000_000))
        handler.end_headers()
        handler.wfile.write(b"BEGIN:VCALENDAR\r\n")
        for _ in range(50):  # 50 MB at most
            if stop.is_set():
                return
            try:
                handler.wfile.write(b"X" * 1_000_000)
            except OSError:
                return

    base, _paths = server(huge)
    text, _took = timed_import(allowed, f"{base}/cal.ics")
    assert "over 1 MB" in text
    assert entries(allowed) == 0


# --- which addresses ------------------------------------------------------------------------------


def test_loopback_is_refused_unless_named_and_fetched_when_named(
    bot: Bot, allowed: Bot, server: Any
) -> None:
    base, paths = server(lambda h: answer(h, 200, CALENDAR))
    text, _took = timed_import(bot, f"{base}/cal.ics")
    assert ics.NOT_FETCHED in text
    assert paths == []  # refused before connecting
    assert "Winter Break" in timed_import(allowed, f"{base}/cal.ics")[0]
    assert paths == ["/cal.ics"]


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/cal.ics",
        "http://[::1]/cal.ics",
        "http://10.1.2.3/cal.ics",
        "http://169.254.169.254/latest/meta-data/",
        "https://192.168.1.1/cal.ics",
        "http://[::ffff:10.0.0.1]/cal.ics",
        "http://0.0.0.0/cal.ics",
        "http://224.0.0.1/cal.ics",
    ],
)
def test_addresses_on_the_bots_own_network_are_refused_before_connecting(
    bot: Bot, monkeypatch: pytest.MonkeyPatch, url: str
) -> None:
    def no_connection(*args: Any) -> None:
        raise AssertionError("connected to a refused address")

    monkeypatch.setattr(download._PinnedConnection, "connect", no_connection)
    text, _took = timed_import(bot, url)
    assert ics.NOT_FETCHED in text


def test_a_name_resolving_to_one_private_address_among_public_ones_is_refused() -> None:
    def resolve(host: str, port: int, **kwargs: Any) -> list[tuple[Any, ...]]:
        return [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", port)),
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("192.168.0.7", port)),
        ]

    target = download.Target.of("https://calendar.example.org/cal.ics")
    with pytest.raises(download.FetchError, match=r"refused address 192\.168\.0\.7"):
        download.checked_addresses(target, frozenset(), resolve, 1.0)
    allowed = download.checked_addresses(target, frozenset({"calendar.example.org"}), resolve, 1)
    assert [a[1][0] for a in allowed] == ["93.184.216.34", "192.168.0.7"]


def test_the_setting_is_lower_case_host_names_and_blank_is_none() -> None:
    named = Settings(_env_file=None, PARTNERBOT_CALENDAR_HOSTS=" Cal.District.ORG. ,127.0.0.1,")
    assert named.partnerbot_calendar_hosts == frozenset({"cal.district.org", "127.0.0.1"})
    assert Settings(_env_file=None, PARTNERBOT_CALENDAR_HOSTS=" ").partnerbot_calendar_hosts == (
        frozenset()
    )


# --- expansion ---------------------------------------------------------------------------


def _byhour_file() -> bytes:
    hours = ",".join(str(h) for h in range(24))
    minutes = ",".join(str(m) for m in range(60))
    event = (
        "UID:day-off\r\nDTSTART;VALUE=DATE:20250101\r\nSUMMARY:Holiday\r\n"
        f"RRULE:FREQ=DAILY;BYHOUR={hours};BYMINUTE={minutes}\r\n"
    )
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\n"
        f"{event}END:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()


def test_an_all_day_event_repeating_every_minute_by_byhour_is_read_at_once(
    allowed: Bot, tmp_path: Path
) -> None:
    data = _byhour_file()
    assert len(data) == 413
    path = tmp_path / "minutes.ics"
    path.write_bytes(data)
    text, took = timed_import(allowed, str(path))
    assert took < 1.0
    assert entries(allowed) == 0
    assert "Nothing in that calendar looked like" in text


def test_a_rule_that_never_finds_a_day_is_stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ics, "EXPAND_SECONDS", 1.0)
    data = (
        b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:z\r\nDTSTART;VALUE=DATE:20250101\r\n"
        b"SUMMARY:Holiday\r\nRRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30\r\nEND:VEVENT\r\n"
        b"END:VCALENDAR\r\n"
    )
    began = time.monotonic()
    with pytest.raises(ics.CalendarFileError, match="could not be worked out in time"):
        ics.parse(data, today=date(2026, 11, 23))
    assert time.monotonic() - began < 2.5
