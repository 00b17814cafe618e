"""The console, used as an IT person would on a fresh machine.

One smoke test runs the real `partnerbot console` process fed from a pipe; the rest drive the same
`Console` in-process (typed lines in, printed text out) on a frozen clock, which is what a
subprocess would do, a second faster and with dates that do not depend on today. The console
runs on SQLite (its default), so these tests do too."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from bot.config import Settings
from bot.console.repl import Console
from handlers.common.dates import DateReader
from handlers.contact_log.grammar import parse_contact
from storage.clock import FrozenClock
from storage.db import make_engine, make_session_factory
from storage.models import FollowUp, FollowUpStatus, Interaction, InteractionKind, Partner, Stage

pytestmark = pytest.mark.databases("sqlite")
CHICAGO = ZoneInfo("America/Chicago")


def run_console(db_url: str, clock: FrozenClock, script: str, *, user: str = "casey") -> str:
    """Type `script` into a console session as `user`; everything it printed."""
    settings = Settings(DATABASE_URL=db_url, PARTNERBOT_TIMEZONE="America/Chicago", _env_file=None)
    out = io.StringIO()
    console = Console(
        settings, user=user, out=out, inp=io.StringIO(script), interactive=False, clock=clock
    )
    assert console.run() == 0
    return out.getvalue()


def stored(db_url: str) -> list[Partner]:
    engine = make_engine(db_url)
    try:
        with make_session_factory(engine)() as session:
            return list(session.scalars(select(Partner).order_by(Partner.id)))
    finally:
        engine.dispose()


def test_add_then_show_the_card_from_a_pipe(tmp_path: Path) -> None:
    """The real `partnerbot console` process, as `make run` starts it on a fresh machine."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    env.pop("DATABASE_URL", None)
    env["USER"] = "casey"
    env["PARTNERBOT_DATA_DIR"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "bot", "console"],
        input="/partner add Acme Health\n/partner acme\n",
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Added *Acme Health*" in out
    assert "ACME HEALTH" in out
    assert "Stage: 🌱 prospect" in out
    assert "Owner: @casey" in out
    assert "[1: Add contact] [2: History]" in out
    assert "[3: Record engagement]" in out
    assert "[4: Log contact] [5: Edit] [6: Assign] [7: Contact history]" in out
    assert "Traceback" not in out + result.stderr
    assert [p.name for p in stored(f"sqlite:///{tmp_path / 'partnerbot.db'}")] == ["Acme Health"]


def test_the_database_survives_between_runs(migrated_db_url: str, clock: FrozenClock) -> None:
    run_console(migrated_db_url, clock, "/partner add Acme Health\n")
    out = run_console(migrated_db_url, clock, "/partner list\n")
    assert "Acme Health" in out


def test_buttons_and_forms(migrated_db_url: str, clock: FrozenClock) -> None:
    script = "\n".join(
        [
            "/partner add Acme Health",
            "press 5",  # Edit (after Add contact, History, Record engagement) → the form asks
            "Acme Health System",  # name
            "active",  # stage
            "Healthcare",  # industry
            "Nursing, Health Science",  # pathways
            "",  # source: keep
            "-",  # notes: clear
            "/partner acme",
        ]
    )
    out = run_console(migrated_db_url, clock, script + "\n")
    assert "Saved *Acme Health System*" in out
    [partner] = stored(migrated_db_url)
    assert (partner.name, partner.stage, partner.pathways) == (
        "Acme Health System",
        Stage.ACTIVE,
        ["Nursing", "Health Science"],
    )


def test_switching_user_and_mentions(migrated_db_url: str, clock: FrozenClock) -> None:
    script = (
        "/partner add Acme Health\n/as maria\n/partner list mine\n/partner assign acme @maria\n"
        "/as {me}\n/partner assign acme @maria\n/as maria\n/partner list mine\n"
    )
    out = run_console(migrated_db_url, clock, script.format(me="casey"))
    assert "you are now @maria" in out
    assert "None yet" in out
    # Maria may not take a partner someone else owns; its owner may give it to her.
    assert "(its owner) or the workspace's admins and owners" in out
    assert "@maria now owns *Acme Health*" in out
    assert out.rindex("Your partners") > out.index("@maria now owns")


def test_unknown_things_are_explained(migrated_db_url: str, clock: FrozenClock) -> None:
    out = run_console(migrated_db_url, clock, "/nope\npress 9\nhello\n")
    assert "/nope is not a partnerbot command" in out
    assert "there is no button 9" in out
    assert "start with a slash command" in out


def test_home_shows_what_is_due_and_its_buttons_work(
    migrated_db_url: str, clock: FrozenClock
) -> None:
    script = "/partner add Acme Health\n/contact acme called Jane, follow up today\nhome\n"
    out = run_console(migrated_db_url, clock, script)
    home = out[out.rindex("App Home:") :]
    assert "Acme Health" in home
    assert "[3: Done]" not in home  # numbers are never reused in a session
    assert "[12: Done]" in home
    [(_, _, [follow_up])] = stored_contacts(migrated_db_url)
    assert follow_up.status is FollowUpStatus.OPEN
    out = run_console(migrated_db_url, clock, "home\npress 3\n")
    [(_, _, [follow_up])] = stored_contacts(migrated_db_url)
    assert follow_up.status is FollowUpStatus.DONE
    assert "Nothing due and nobody going cold" in out[out.rindex("App Home:") :]


def test_bad_configuration_is_one_line_and_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from bot import cli

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PARTNERBOT_TIMEZONE", "Mars/Base")
    with pytest.raises(SystemExit) as exited:
        cli.main(["console"])
    assert exited.value.code == 2
    assert capsys.readouterr().err.strip().splitlines() == [
        "partnerbot: PARTNERBOT_TIMEZONE: unknown time zone 'Mars/Base'; "
        "use an IANA name like America/Chicago"
    ]


def stored_contacts(db_url: str) -> list[tuple[str, Interaction, list[FollowUp]]]:
    """Each logged contact with its partner's name and its follow-ups, oldest first."""
    engine = make_engine(db_url)
    try:
        with make_session_factory(engine)() as session:
            rows = session.execute(
                select(Interaction, Partner.name)
                .join(Partner, Partner.id == Interaction.partner_id)
                .order_by(Interaction.id)
            ).all()
            return [
                (
                    name,
                    entry,
                    list(
                        session.scalars(
                            select(FollowUp)
                            .where(FollowUp.interaction_id == entry.id)
                            .order_by(FollowUp.id)
                        )
                    ),
                )
                for entry, name in rows
            ]
    finally:
        engine.dispose()


def test_the_three_contact_examples_typed_in_the_console(
    migrated_db_url: str, clock: FrozenClock
) -> None:
    now_local = clock.now().astimezone(CHICAGO)  # Monday 2026-11-23 08:00
    reader = DateReader()
    call = "called Jane about summer internships, follow up next tue"
    meeting = "met with HR at the career fair yesterday; f/u in 2 weeks"
    email = "emailed the shop manager the MOU draft, remind me Dec 3"
    expected = []
    for text in (call, meeting, email):
        parsed = parse_contact(text, now_local=now_local.replace(tzinfo=None), parser=reader)
        assert parsed.follow_up is not None
        expected.append(parsed.follow_up.due_date)
    script = "\n".join(
        [
            "/partner add Acme Health",
            f"/contact Acme {call}",
            "/contact acme helth met with HR at the career fair yesterday; f/u in 2 weeks",
            f'/contact "Riverside Auto" {email}',
            "press Add “Riverside Auto”",  # the newest button showing it
            "/contact history riverside",
        ]
    )
    out = run_console(migrated_db_url, clock, script + "\n")
    assert "Logged a call with *Acme Health* · today · follow-up" in out
    assert "Logged an event with *Acme Health* · yesterday, Sun Nov 22 · follow-up" in out
    assert "I don't know a partner called “Riverside Auto”" in out
    assert ": Add “Riverside Auto” as a new partner and log this]" in out
    assert "Added *Riverside Auto* as a partner" in out
    assert "Logged an email with *Riverside Auto* · today · follow-up" in out
    assert "Dec 3 for you" in out
    assert "*Contact history — Riverside Auto* (1)" in out
    assert "Traceback" not in out

    logged = stored_contacts(migrated_db_url)
    assert [(name, e.kind, e.summary) for name, e, _ in logged] == [
        ("Acme Health", InteractionKind.CALL, call),
        ("Acme Health", InteractionKind.EVENT, meeting),
        ("Riverside Auto", InteractionKind.EMAIL, email),
    ]
    assert logged[1][1].occurred_at.astimezone(CHICAGO).date() == datetime(2026, 11, 22).date()
    assert [follow_ups[0].due_date for _, _, follow_ups in logged] == expected
    assert expected[2].month == 12
    assert expected[2].day == 3
    for _, entry, follow_ups in logged:
        [follow_up] = follow_ups
        assert follow_up.due_date >= now_local.date()
        assert follow_up.status is FollowUpStatus.OPEN
        assert follow_up.owner_user_id == entry.user_id
    assert [p.name for p in stored(migrated_db_url)] == ["Acme Health", "Riverside Auto"]


def test_menus_show_their_choices_and_links_read_as_text(
    migrated_db_url: str, clock: FrozenClock
) -> None:
    script = (
        "/partner add Acme Health\n"
        "/partner contact add Acme Jane Ortiz, HR director, jane@acme.org, 555-0100, primary\n"
        "/partner acme\n"
    )
    card = run_console(migrated_db_url, clock, script).split("> /partner acme")[1]
    assert "jane@acme.org · 555-0100 · ⭐ primary" in card
    assert re.search(r"\[\d+: ⋯ Edit / Remove\]", card)
    assert "people_contact_menu" not in card
    assert "mailto:" not in card


def test_earlier_buttons_stay_pressable_until_their_message_changes(
    migrated_db_url: str, clock: FrozenClock
) -> None:
    script = (
        "/partner add Acme Health\n"
        "/followup acme today call Jane\n"
        "/followup acme today send the MOU\n"
        "/partner list\n"
        "press 8\n"  # Done on the first follow-up, two answers back
        "press 8\n"
    )
    out = run_console(migrated_db_url, clock, script)
    assert "[8: Done]" in out
    done = out.split("> press 8")[1]
    assert "✅ Done by @casey" in done
    assert "call Jane" in done
    assert "button 8 was on a message that has changed since" in out.split("> press 8")[2]
    [_, open_one] = stored_follow_ups(migrated_db_url)
    assert open_one.status is FollowUpStatus.OPEN


def stored_follow_ups(db_url: str) -> list[FollowUp]:
    engine = make_engine(db_url)
    try:
        with make_session_factory(engine)() as session:
            return list(session.scalars(select(FollowUp).order_by(FollowUp.id)))
    finally:
        engine.dispose()


def test_roles_the_clock_and_the_other_ways_in(migrated_db_url: str, clock: FrozenClock) -> None:
    script = (
        "/as\n/as lee admin\n/as dana --lead\n/as dana boss\n"
        "clock yesterday\nclock soonish\nclock +1d\nclock +2h\n"
        "shortcut\n/cancel\nleave @lee\n/users\nreturn @lee\n"
        "/celebrate channel #partner-wins\n"
    )
    out = run_console(migrated_db_url, clock, script)
    assert "you are @casey (admin); write `/as NAME`" in out
    assert "you are now @lee (admin)" in out
    assert "the program leads are now @dana" in out
    assert "you are now @dana (lead)" in out
    assert "write `/as NAME`, `/as NAME admin`" in out  # `boss` is no role
    assert "it is now Sun Nov 22 2026 08:00 (America/Chicago) (the clock went back" in out
    assert "“soonish” is not a time I can read" in out
    assert "it is now Mon Nov 23 2026 08:00" in out
    assert "Sun Nov 22 08:00 @dana (lead)> clock +1d" in out
    assert "┌ Log a partner contact" in out  # the global shortcut's form
    assert "@lee's account is deactivated" in out
    assert "@lee (admin) (left)" in out
    assert "@lee's account is active again" in out
    # Members, channels and the moved clock are kept for the next run.
    script = "/users\n/partner add Acme\n/celebrate Acme hosted 3 students\n"
    again = run_console(migrated_db_url, clock, script)
    assert "local users: @casey (admin), @lee (admin), @dana" in again
    assert again.startswith("Mon Nov 23 10:00 @casey (admin)> /users")
    assert "partnerbot in #partner-wins:\n  🎉 *Thank you, Acme!*" in again


def test_the_clock_reads_moves_in_the_console_time_zone() -> None:
    from bot.console.clock import read_move

    now = datetime(2026, 11, 23, 14, 0, tzinfo=ZoneInfo("UTC"))  # Mon 08:00 in Chicago

    def after(day: date) -> date:
        return day + timedelta(days=3)

    def move(text: str) -> datetime | None:
        return read_move(text, now, CHICAGO, after).when

    assert move("+1d") == now + timedelta(days=1)
    assert move("+90m") == now + timedelta(minutes=90)
    assert move("+2 weeks") == now + timedelta(weeks=2)
    assert move("Jan 11 07:05") == datetime(2027, 1, 11, 7, 5, tzinfo=CHICAGO)
    assert move("friday") == datetime(2026, 11, 27, 8, 0, tzinfo=CHICAGO)  # keeps the time
    assert move("next school day") == datetime(2026, 11, 26, 8, 0, tzinfo=CHICAGO)
    assert read_move("2029-01-01", now, CHICAGO, after).error == (
        "Mon Jan 1 2029 is too far; move at most a year at a time"
    )
    assert "clock +1d" in str(read_move("", now, CHICAGO, after).error)
