"""The console, used as an IT person would on a fresh machine: a process fed lines on stdin."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select

from handlers.contact_grammar import parse_contact
from handlers.dates import DateReader
from storage.db import make_engine, make_session_factory
from storage.models import FollowUp, FollowUpStatus, Interaction, InteractionKind, Partner, Stage


def console(tmp_path: Path, script: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    env.pop("DATABASE_URL", None)
    env["USER"] = "casey"
    return subprocess.run(
        [sys.executable, "-m", "bot", "console", *args],
        input=script,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=60,
        check=False,
    )


def stored(tmp_path: Path) -> list[Partner]:
    engine = make_engine(f"sqlite:///{tmp_path / 'partnerbot.db'}")
    try:
        with make_session_factory(engine)() as session:
            return list(session.scalars(select(Partner).order_by(Partner.id)))
    finally:
        engine.dispose()


def test_add_then_show_the_card_from_a_pipe(tmp_path: Path) -> None:
    result = console(tmp_path, "/partner add Acme Health\n/partner acme\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Added *Acme Health*" in out
    assert "ACME HEALTH" in out
    assert "Stage: 🌱 prospect" in out
    assert "Owner: @casey" in out
    assert "[1: Log contact] [2: Edit] [3: Assign]" in out
    assert [p.name for p in stored(tmp_path)] == ["Acme Health"]


def test_the_database_survives_between_runs(tmp_path: Path) -> None:
    console(tmp_path, "/partner add Acme Health\n")
    out = console(tmp_path, "/partner list\n").stdout
    assert "Acme Health" in out


def test_buttons_and_forms(tmp_path: Path) -> None:
    script = "\n".join(
        [
            "/partner add Acme Health",
            "press 2",  # Edit → the form asks each field in turn
            "Acme Health System",  # name
            "active",  # stage
            "Healthcare",  # industry
            "Nursing, Health Science",  # pathways
            "",  # source: keep
            "-",  # notes: clear
            "/partner acme",
        ]
    )
    result = console(tmp_path, script + "\n")
    assert result.returncode == 0, result.stderr
    assert "Saved *Acme Health System*" in result.stdout
    [partner] = stored(tmp_path)
    assert (partner.name, partner.stage, partner.pathways) == (
        "Acme Health System",
        Stage.ACTIVE,
        ["Nursing", "Health Science"],
    )


def test_switching_user_and_mentions(tmp_path: Path) -> None:
    script = (
        "/partner add Acme Health\n/as maria\n/partner list mine\n/partner assign acme @maria\n"
    )
    out = console(tmp_path, script).stdout
    assert "you are now @maria" in out
    assert "None yet" in out
    assert "@maria now owns *Acme Health*" in out


def test_unknown_things_are_explained(tmp_path: Path) -> None:
    out = console(tmp_path, "/nope\npress 9\nhello\n").stdout
    assert "/nope is not a partnerbot command" in out
    assert "there is no button 9" in out
    assert "start with a slash command" in out


def test_bad_configuration_is_one_line_and_exit_2(tmp_path: Path) -> None:
    env = {**os.environ, "PARTNERBOT_TIMEZONE": "Mars/Base"}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "console"],
        input="",
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "partnerbot: PARTNERBOT_TIMEZONE: unknown time zone 'Mars/Base'; "
        "use an IANA name like America/Chicago"
    ]


def stored_contacts(tmp_path: Path) -> list[tuple[str, Interaction, list[FollowUp]]]:
    """Each logged contact with its partner's name and its follow-ups, oldest first."""
    engine = make_engine(f"sqlite:///{tmp_path / 'partnerbot.db'}")
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


def follow_up_days(text: str, reader: DateReader, zone: ZoneInfo) -> set[date]:
    """The day partnerbot should read for `text` now (today, or tomorrow if midnight passed)."""
    days = set()
    for _ in range(2):
        parsed = parse_contact(
            text, now_local=datetime.now(zone).replace(tzinfo=None), parser=reader
        )
        assert parsed.follow_up is not None
        days.add(parsed.follow_up.due_date)
    return days


def test_the_three_contact_examples_typed_in_the_console(tmp_path: Path) -> None:
    zone = ZoneInfo(os.environ.get("PARTNERBOT_TIMEZONE", "America/Chicago"))
    reader = DateReader()
    call = "called Jane about summer internships, follow up next tue"
    meeting = "met with HR at the career fair yesterday; f/u in 2 weeks"
    email = "emailed the shop manager the MOU draft, remind me Dec 3"
    expected = [follow_up_days(t, reader, zone) for t in (call, meeting, email)]
    today = datetime.now(zone).date()
    script = "\n".join(
        [
            "/partner add Acme Health",
            f"/contact Acme {call}",
            "/contact acme helth met with HR at the career fair yesterday; f/u in 2 weeks",
            f'/contact "Riverside Auto" {email}',
            "press 1",  # Add “Riverside Auto” as a new partner and log this
            "/contact history riverside",
        ]
    )
    result = console(tmp_path, script + "\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Logged a call with *Acme Health* · follow-up" in out
    assert "Logged a meeting with *Acme Health* · follow-up" in out
    assert "I don't know a partner called “Riverside Auto”" in out
    assert "[1: Add “Riverside Auto” as a new partner and log this]" in out
    assert "Added *Riverside Auto* as a partner" in out
    assert "Logged an email with *Riverside Auto* · follow-up" in out
    assert "Dec 3 for you" in out
    assert "*Contact history — Riverside Auto* (1)" in out
    assert "Traceback" not in out + result.stderr

    logged = stored_contacts(tmp_path)
    assert [(name, e.kind, e.summary) for name, e, _ in logged] == [
        ("Acme Health", InteractionKind.CALL, "called Jane about summer internships"),
        ("Acme Health", InteractionKind.MEETING, "met with HR at the career fair yesterday"),
        ("Riverside Auto", InteractionKind.EMAIL, "emailed the shop manager the MOU draft"),
    ]
    days_since_meeting = {
        (day - logged[1][1].occurred_at.astimezone(zone).date()).days
        for day in (today, datetime.now(zone).date())
    }
    assert 1 in days_since_meeting  # yesterday (in case midnight passed during the run)
    for (_, entry, follow_ups), days in zip(logged, expected, strict=True):
        [follow_up] = follow_ups
        assert follow_up.due_date in days
        assert follow_up.due_date >= today
        assert follow_up.status is FollowUpStatus.OPEN
        assert follow_up.owner_user_id == entry.user_id
    assert logged[2][2][0].due_date.month == 12
    assert logged[2][2][0].due_date.day == 3
    assert [p.name for p in stored(tmp_path)] == ["Acme Health", "Riverside Auto"]
