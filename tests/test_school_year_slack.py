"""The school year through Slack: the calendar (typed, imported from an .ics served on
loopback, US holidays), digests on school days only (Thanksgiving, winter break over New Year,
a DST change), the first day back, busy seasons."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import UTC, date, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.console.localslack import LocalSlack
from bot.console.records import FakeUser
from handlers.school_year import ics
from scheduler.jobs import run_due_jobs
from storage.clock import FrozenClock
from storage.models import CalendarEntry
from tests.support import records
from tests.support.slackapp import JUAN, MARIA, TEAM_ID, Bot, close_bot, make_bot

FIXTURE = Path(__file__).parent / "fixtures" / "district-2026-27.ics"


def utc(y: int, m: int, d: int, h: int, minute: int = 0) -> datetime:
    return datetime(y, m, d, h, minute, tzinfo=UTC)


def entries(bot: Bot) -> int:
    with bot.deps.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(CalendarEntry)) or 0)


def dms(bot: Bot, user: str = MARIA) -> list[dict[str, Any]]:
    return [
        c.body
        for c in bot.slack.calls_to("chat.postMessage")
        if not c.failed and c.body.get("channel") == user
    ]


def run(bot: Bot, now: datetime) -> Any:
    return run_due_jobs(bot.deps.sessions, bot.app.client, bot.deps.zones, now=now)


@pytest.fixture
def bot(migrated_db_url: str, slack: LocalSlack, clock: FrozenClock) -> Iterator[Bot]:
    """The app with the loopback test server allowed for calendar imports."""
    under_test = make_bot(
        migrated_db_url, slack, clock, migrate=False, PARTNERBOT_CALENDAR_HOSTS="127.0.0.1"
    )
    yield under_test
    close_bot(under_test)


@pytest.fixture(autouse=True)
def _maria_is_an_admin(bot: Bot) -> None:
    """Changing the calendar is for program leads: with none named, the workspace's admins."""
    bot.slack.add_user(FakeUser(id=MARIA, name="maria", real_name="Maria Lopez", is_admin=True))


@pytest.fixture
def served() -> Iterator[dict[str, Any]]:
    """A loopback HTTP server answering with whatever `served["body"]` / `["status"]` say."""
    state: dict[str, Any] = {"body": FIXTURE.read_bytes(), "status": 200, "paths": []}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            state["paths"].append(self.path)
            self.send_response(state["status"])
            self.send_header("Content-Type", "text/calendar")
            self.end_headers()
            self.wfile.write(state["body"])

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    state["url"] = f"http://127.0.0.1:{server.server_address[1]}/district.ics"
    yield state
    server.shutdown()
    server.server_close()


def test_typed_breaks_terms_show_and_remove(bot: Bot) -> None:
    reply = bot.command("/partnerbot", "calendar add Winter break Dec 21 - Jan 1")
    assert "Winter break" in reply.text
    assert "Mon Dec 21 – Fri Jan 1, 2027" in reply.text
    bot.command("/partnerbot", "calendar add Thanksgiving Nov 25-27")
    bot.command("/partnerbot", "calendar term Spring Jan 5 - May 28")
    shown = bot.command("/partnerbot", "calendar").text
    assert "Spring" in shown
    assert "Tue Jan 5 – Fri May 28, 2027" in shown
    assert "Thanksgiving" in shown
    assert "Wed Nov 25 – Fri Nov 27, 2026" in shown
    again = bot.command("/partnerbot", "calendar add Thanksgiving Nov 25-27")
    assert "already" in again.text
    assert entries(bot) == 3
    removed = bot.command("/partnerbot", "calendar remove thanksgiving")
    assert "Removed" in removed.text
    assert entries(bot) == 2
    assert "calendar" in bot.command("/partnerbot", "help").text


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("calendar add Winter break Jan 4 - Dec 21", "check the dates"),
        ("calendar add Winter break Dec 21 - Dec 2", "ends"),
        ("calendar add Winter break Dec 41 - Jan 1", "not a date"),
        ("calendar add Winter break sometime soon", "couldn't find the dates"),
        ("calendar add Dec 21 - Jan 1", "Give it a name"),
        ("calendar remove Spring fling", "Nothing on the calendar"),
        ("calendar holidays ZZ", "don't know the US state"),
        ("calendar import /etc/passwd", "https:// address"),
    ],
)
def test_bad_input_says_what_was_wrong_and_changes_nothing(bot: Bot, typed: str, said: str) -> None:
    reply = bot.command("/partnerbot", typed)
    assert said in reply.text
    assert entries(bot) == 0


def test_import_a_district_ics_from_a_url(bot: Bot, served: dict[str, Any]) -> None:
    reply = bot.command("/partnerbot", f"calendar import {served['url']}")
    text = reply.text
    assert "Winter Break" in text
    assert "Fall Semester" in text
    assert "Spring Semester" in text
    assert "Thanksgiving Break - No School" in text
    assert "Teacher Workday" in text  # a recurring all-day event, expanded
    assert "Open House" not in text
    assert "Early Release" not in text
    assert "left out" in text
    count = entries(bot)
    again = bot.command("/partnerbot", f"calendar import {served['url']}")
    assert "Nothing new" in again.text
    assert entries(bot) == count


@pytest.fixture
def calendars(
    migrated_db_url: str, slack: LocalSlack, clock: FrozenClock, tmp_path: Path
) -> Iterator[Bot]:
    """The app allowed to read the .ics files of tmp_path/calendars (PARTNERBOT_CALENDAR_DIR),
    which holds the district's calendar."""
    folder = tmp_path / "calendars"
    folder.mkdir()
    (folder / FIXTURE.name).write_bytes(FIXTURE.read_bytes())
    under_test = make_bot(
        migrated_db_url, slack, clock, migrate=False, PARTNERBOT_CALENDAR_DIR=str(folder)
    )
    yield under_test
    close_bot(under_test)


def test_import_from_a_file_in_the_calendar_folder(calendars: Bot) -> None:
    for source in (FIXTURE.name, f"./{FIXTURE.name}"):
        reply = calendars.command("/partnerbot", f"calendar import {source}")
        assert "Winter Break" in reply.text or "Nothing new" in reply.text
    assert entries(calendars) > 5


def test_no_file_on_the_bots_machine_is_read_without_a_calendar_folder(bot: Bot) -> None:
    reply = bot.command("/partnerbot", f"calendar import {FIXTURE}")
    assert "https:// address" in reply.text
    assert "PARTNERBOT_CALENDAR_DIR" in reply.text
    assert "Winter Break" not in reply.text
    assert entries(bot) == 0


def test_files_outside_the_calendar_folder_are_refused(calendars: Bot, tmp_path: Path) -> None:
    outside = tmp_path / "outside.ics"
    outside.write_bytes(FIXTURE.read_bytes())
    (tmp_path / "calendars" / "link.ics").symlink_to(outside)
    for source in (str(outside), "../outside.ics", "link.ics", str(FIXTURE)):
        reply = calendars.command("/partnerbot", f"calendar import {source}")
        assert "Only .ics files in" in reply.text, source
        assert "Winter Break" not in reply.text
    assert entries(calendars) == 0


@pytest.mark.parametrize(
    ("body", "status", "said"),
    [
        (b"<html>Not here</html>", 200, "not an iCalendar"),
        (b"BEGIN:VCALENDAR\r\n" + b"X" * 1_000_001, 200, "over 1 MB"),
        (b"gone", 404, "could not be fetched"),
        (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:garbage\r\n", 200, "could not be read"),
    ],
)
def test_a_bad_calendar_changes_nothing(
    bot: Bot, served: dict[str, Any], body: bytes, status: int, said: str
) -> None:
    served["body"], served["status"] = body, status
    reply = bot.command("/partnerbot", f"calendar import {served['url']}")
    assert said in reply.text
    assert "Nothing changed" in reply.text
    assert entries(bot) == 0


def test_an_unreachable_url_changes_nothing(bot: Bot) -> None:
    reply = bot.command("/partnerbot", "calendar import http://127.0.0.1:9/none.ics")
    assert "could not be fetched" in reply.text
    assert ":9" not in reply.text
    assert entries(bot) == 0


def test_us_holidays_as_a_starting_set(bot: Bot) -> None:
    reply = bot.command("/partnerbot", "calendar holidays")
    assert "Thanksgiving Day" in reply.text
    assert "Christmas Day" in reply.text
    assert "New Year" in reply.text


def _due_setup(bot: Bot) -> int:
    acme = records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    bot.command("/partnerbot", "digest off", user_id=JUAN)
    bot.command("/contact", "Acme called Jane about internships")
    return acme


def test_no_digest_on_holidays_or_breaks_and_one_marked_digest_after(bot: Bot) -> None:
    acme = _due_setup(bot)
    bot.command("/partnerbot", "calendar add Veterans Day Nov 11")
    bot.command("/partnerbot", "calendar add Thanksgiving Nov 25-27")
    bot.command("/partnerbot", "calendar add Winter break Dec 21 - Jan 1")
    for due, note in (
        (date(2026, 11, 25), "thanksgiving item"),
        (date(2026, 12, 24), "send holiday card"),
        (date(2027, 1, 1), "new year call"),
        (date(2026, 12, 18), "before the break"),
    ):
        records.follow_up(bot.deps.sessions, TEAM_ID, acme, MARIA, due, note)
    bot.slack.clear()
    # 08:00 in Chicago on Veterans Day, Thanksgiving week and every weekday of winter break.
    for d in (date(2026, 11, 11), date(2026, 11, 25), date(2026, 11, 26), date(2026, 11, 27)):
        run(bot, utc(d.year, d.month, d.day, 14))
    assert dms(bot) == []
    run(bot, utc(2026, 11, 30, 14))  # Monday after Thanksgiving
    [back] = dms(bot)
    text = json.dumps(back, ensure_ascii=False)
    assert "Welcome back" in text
    assert "Thanksgiving" in text
    assert "thanksgiving item" in text
    bot.slack.clear()
    run(bot, utc(2026, 12, 18, 14))  # Friday before the break: a normal digest
    assert "Good morning" in json.dumps(dms(bot))
    bot.slack.clear()
    day = date(2026, 12, 21)
    while day <= date(2027, 1, 3):  # the break, over New Year's Day
        run(bot, utc(day.year, day.month, day.day, 14))
        run(bot, utc(day.year, day.month, day.day, 20))
        day = date.fromordinal(day.toordinal() + 1)
    assert dms(bot) == []
    run(bot, utc(2027, 1, 4, 14))
    run(bot, utc(2027, 1, 4, 14, 5))  # a second tick, or a second scheduler: still one
    [first_day_back] = dms(bot)
    text = json.dumps(first_day_back, ensure_ascii=False)
    assert "Welcome back" in text
    assert "Winter break" in text
    assert "Came due during the break" in text
    assert "send holiday card" in text
    assert "new year call" in text
    assert "2 came due while school was out" in text
    bot.slack.clear()
    run(bot, utc(2027, 1, 5, 14))  # the next day is an ordinary digest
    assert "Welcome back" not in json.dumps(dms(bot))


def test_school_days_across_the_dst_change(bot: Bot) -> None:
    # DST begins Sunday 2027-03-14; spring break is the week after: 08:00 CDT is 13:00 UTC.
    acme = _due_setup(bot)
    records.follow_up(bot.deps.sessions, TEAM_ID, acme, MARIA, date(2027, 3, 12), "before")
    bot.command("/partnerbot", "calendar add Spring break Mar 15-19")
    bot.slack.clear()
    run(bot, utc(2027, 3, 12, 14))  # Friday 08:00 CST
    assert len(dms(bot)) == 1
    bot.slack.clear()
    for d in range(15, 20):
        run(bot, utc(2027, 3, d, 13))
    assert dms(bot) == []
    run(bot, utc(2027, 3, 22, 12, 59))  # 07:59 CDT: not yet
    assert dms(bot) == []
    run(bot, utc(2027, 3, 22, 13))
    assert "Spring break" in json.dumps(dms(bot))


def test_between_two_terms_is_no_school_day(bot: Bot) -> None:
    acme = _due_setup(bot)
    records.follow_up(bot.deps.sessions, TEAM_ID, acme, MARIA, date(2027, 6, 1), "summer")
    bot.command("/partnerbot", "calendar term Spring Jan 5 - May 28")
    bot.command("/partnerbot", "calendar term Fall 2027-08-16 to 2027-12-17")
    bot.slack.clear()
    run(bot, utc(2027, 6, 14, 14))
    assert dms(bot) == []
    run(bot, utc(2027, 8, 16, 13))
    assert "between terms" in json.dumps(dms(bot))


def test_busy_season_shows_on_the_card_and_pauses_going_cold(bot: Bot) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Acme Retail", owner=MARIA)
    bad = bot.command("/partner", "busy Acme Retail sometime")
    assert "couldn't read the dates" in bad.text
    reply = bot.command("/partner", "busy Acme Retail Nov 15 - Jan 5 holiday retail")
    assert "Nov 15 – Jan 5 every year (holiday retail)" in reply.text
    card = bot.command("/partner", "Acme Retail").text
    assert "Busy seasons" in card
    assert "busy now, until Tue Jan 5" in card
    bot.command("/partnerbot", "digest off", user_id=JUAN)
    bot.slack.clear()
    run(bot, utc(2026, 12, 1, 14))  # never contacted: cold, but busy — nothing to say
    assert dms(bot) == []
    run(bot, utc(2027, 1, 11, 14))  # after the season: going cold again
    assert "Acme Retail" in json.dumps(dms(bot))
    assert "Cleared 1" in bot.command("/partner", "busy Acme Retail off").text


def test_only_program_leads_change_the_calendar(bot: Bot) -> None:
    refused = bot.command("/partnerbot", "calendar add Winter break Dec 21 - Jan 1", user_id=JUAN)
    assert "Only the workspace's admins and owners" in refused.text
    assert "can change the calendar. Nothing changed." in refused.text
    with bot.deps.sessions() as session:
        assert session.scalar(select(func.count()).select_from(CalendarEntry)) == 0
    assert bot.command("/partnerbot", "calendar", user_id=JUAN).body["text"] == (
        "The school calendar"
    )  # anyone may look


def _ics(*events: str) -> bytes:
    body = "".join(f"BEGIN:VEVENT\r\n{e}END:VEVENT\r\n" for e in events)
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n{body}END:VCALENDAR\r\n".encode()


def test_an_event_repeating_every_minute_is_not_expanded(bot: Bot, served: dict[str, Any]) -> None:
    # A few hundred bytes that would expand to millions of occurrences: read at once.
    served["body"] = _ics(
        "UID:a\r\nDTSTART:20260101T000000Z\r\nDTEND:20260101T000100Z\r\n"
        "SUMMARY:Holiday ping\r\nRRULE:FREQ=MINUTELY\r\n",
        "UID:b\r\nDTSTART;VALUE=DATE:20260101\r\nSUMMARY:Holiday spam\r\nRRULE:FREQ=MINUTELY\r\n",
        "UID:c\r\nDTSTART;VALUE=DATE:20261221\r\nDTEND;VALUE=DATE:20270102\r\n"
        "SUMMARY:Winter Break\r\n",
    )
    reply = bot.command("/partnerbot", f"calendar import {served['url']}")
    assert "Winter Break" in reply.text
    assert "2 other events" in reply.text
    assert "Holiday" not in reply.text
    assert entries(bot) == 1


def test_reading_stops_at_the_cap_of_occurrences(bot: Bot, served: dict[str, Any]) -> None:
    # Daily all-day days off for years: reading stops at MAX_EVENTS, and says so.
    served["body"] = _ics(
        *(
            f"UID:d{i}\r\nDTSTART;VALUE=DATE:20200101\r\nSUMMARY:Day off {i}\r\n"
            "RRULE:FREQ=DAILY\r\n"
            for i in range(3)
        )
    )
    read = ics.parse(served["body"], today=date(2026, 11, 23))
    assert read.examined == ics.MAX_EVENTS
    assert read.truncated
    reply = bot.command("/partnerbot", f"calendar import {served['url']}")
    assert f"Only the first {ics.MAX_EVENTS} events were read" in reply.text
    assert entries(bot) == ics.MAX_EVENTS


def _all_day(uid: str, name: str, first: str, after_last: str) -> str:
    return (
        f"UID:{uid}\r\nDTSTART;VALUE=DATE:{first}\r\nDTEND;VALUE=DATE:{after_last}\r\n"
        f"SUMMARY:{name}\r\n"
    )


def test_semester_break_is_a_break_and_first_semester_a_term(
    bot: Bot, served: dict[str, Any]
) -> None:
    served["body"] = _ics(
        _all_day("1", "First Semester", "20260817", "20261219"),
        _all_day("2", "Semester Break", "20261221", "20270102"),
        _all_day("3", "Second Semester", "20270105", "20270529"),
        _all_day("4", "Quarter 1", "20260817", "20261017"),
        _all_day("5", "Fall Semester", "20260817", "20261219"),
        _all_day("6", "First Day of Second Semester", "20270105", "20270106"),
    )
    bot.command("/partnerbot", f"calendar import {served['url']}")
    with bot.deps.sessions() as session:
        kinds = {e.name: e.kind.value for e in session.scalars(select(CalendarEntry))}
    assert kinds == {
        "First Semester": "term",
        "Semester Break": "break",
        "Second Semester": "term",
        "Quarter 1": "term",
        "Fall Semester": "term",
    }
    shown = bot.command("/partnerbot", "calendar").text
    terms, days_off = shown.split("*Breaks and holidays*")
    assert "First Semester" in terms
    assert "Semester Break" in days_off


def test_dates_typed_in_summer_are_the_coming_school_year(bot: Bot) -> None:
    bot.clock.set(utc(2026, 6, 15, 13))  # Mon Jun 15, 08:00 in Chicago: school is out
    reply = bot.command("/partnerbot", "calendar add Winter break Dec 21 - Jan 1")
    assert "Mon Dec 21 – Fri Jan 1, 2027" in reply.text
    assert "past" not in reply.text
    bot.clock.set(utc(2026, 7, 6, 13))  # from July on, January to July are next year's
    term = bot.command("/partnerbot", "calendar term Spring Jan 5 - May 28").text
    assert "Tue Jan 5 – Fri May 28, 2027" in term
    assert "past" not in term
    fall = bot.command("/partnerbot", "calendar term Fall Aug 17 - Dec 18").text
    assert "Mon Aug 17 – Fri Dec 18, 2026" in fall
    assert entries(bot) == 3


def test_an_entry_all_in_the_past_is_added_and_said_so(bot: Bot) -> None:
    bot.clock.set(utc(2027, 2, 1, 14))  # Feb 2027: this school year's Thanksgiving is over
    reply = bot.command("/partnerbot", "calendar add Thanksgiving Nov 25-27")
    assert "Wed Nov 25 – Fri Nov 27, 2026" in reply.text
    assert "is all in the past" in reply.text
    assert "`/partnerbot calendar add Thanksgiving Nov 25, 2027 - Nov 27, 2027`" in reply.text
    assert entries(bot) == 1
    fixed = bot.command("/partnerbot", "calendar add Thanksgiving Nov 25, 2027 - Nov 27, 2027")
    assert "Thu Nov 25 – Sat Nov 27, 2027" in fixed.text
    assert "past" not in fixed.text


def test_an_import_url_with_a_query_is_fetched_as_typed(bot: Bot, served: dict[str, Any]) -> None:
    url = f"{served['url']}?key=abc&year=2026"
    slack_link = "<" + url.replace("&", "&amp;") + ">"  # Slack escapes & in what it sends
    reply = bot.command("/partnerbot", f"calendar import {slack_link}")
    assert "Winter Break" in reply.text
    assert served["paths"] == ["/district.ics?key=abc&year=2026"]
    served["status"] = 404
    gone = bot.command("/partnerbot", f"calendar import {slack_link}")
    assert "could not be fetched" in gone.text
    assert "404" not in gone.text
    assert "key=abc" not in gone.text


def test_new_dates_for_an_entry_update_it(bot: Bot, served: dict[str, Any]) -> None:
    bot.command("/partnerbot", "calendar add Winter break Dec 21 - Jan 1")
    moved = bot.command("/partnerbot", "calendar add winter break Dec 22 - Jan 4")
    assert "Updated 1" in moved.text
    assert "Tue Dec 22 – Mon Jan 4, 2027 (was Mon Dec 21 – Fri Jan 1, 2027)" in moved.text
    grown = bot.command("/partnerbot", "calendar add Thanksgiving Nov 26").text
    assert "Added 1" in grown
    assert "Updated 1" in bot.command("/partnerbot", "calendar add Thanksgiving Nov 25-27").text
    assert entries(bot) == 2
    shown = bot.command("/partnerbot", "calendar").text
    assert "Tue Dec 22 – Mon Jan 4, 2027" in shown
    assert "Mon Dec 21" not in shown
    assert "Wed Nov 25 – Fri Nov 27, 2026" in shown
    # Next year's winter break is another entry, not an update.
    next_year = bot.command("/partnerbot", "calendar add Winter break 2027-12-20 to 2028-01-02")
    assert "Added 1" in next_year.text
    # A district moving its winter break, then the file imported again.
    bot.command("/partnerbot", f"calendar import {served['url']}")
    before = entries(bot)
    served["body"] = FIXTURE.read_bytes().replace(
        b"DTSTART;VALUE=DATE:20261221", b"DTSTART;VALUE=DATE:20261218"
    )
    again = bot.command("/partnerbot", f"calendar import {served['url']}").text
    assert "Updated 1" in again
    assert "Fri Dec 18 – Fri Jan 1, 2027 (was Mon Dec 21 – Fri Jan 1, 2027)" in again
    assert entries(bot) == before


def test_busy_season_pauses_going_cold_on_the_home_and_in_list_cold(bot: Bot) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Acme Retail", owner=MARIA)
    records.partner(bot.deps.sessions, TEAM_ID, "Birch Dental", owner=MARIA)
    bot.command("/partner", "busy Acme Retail Nov 15 - Jan 5 holiday retail")
    bot.clock.set(utc(2026, 12, 15, 14))  # never contacted: both cold, Acme in its season
    home = json.dumps(bot.open_home(MARIA), ensure_ascii=False)
    assert "Birch Dental" in home
    assert "Acme Retail" not in home
    listed = bot.command("/partner", "list cold").text
    assert "Birch Dental" in listed
    assert "Acme Retail" not in listed
    bot.clock.set(utc(2027, 1, 11, 14))  # after the season: going cold again everywhere
    assert "Acme Retail" in json.dumps(bot.open_home(MARIA), ensure_ascii=False)
    assert "Acme Retail" in bot.command("/partner", "list cold").text
