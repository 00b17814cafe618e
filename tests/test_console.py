"""The console, used as an IT person would on a fresh machine: a process fed lines on stdin."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select

from storage.db import make_engine, make_session_factory
from storage.models import Partner, Stage


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
