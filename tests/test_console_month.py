"""A month of partnerbot lived in the real `partnerbot console` process, fed from a pipe as an
evaluator would: a lead sets the calendar and the celebration channel, contacts are logged on
several days and through every way in (a command, a DM, the message shortcut), the scheduler's
digests, debrief and prompts arrive as the clock passes them, a colleague leaves and is handed
over, a winter break passes, the year report's CSV is written to a file. Every step's output is
checked, and what was stored. Also: `--fresh` leaves the previous database as it was, and
`partnerbot jobs run --at` works on the console's database without Slack tokens."""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.databases("sqlite")

MONTH = """\
clock 2026-11-30 07:00
/as dana --lead
/partnerbot calendar term Fall Aug 17 - Dec 18
/partnerbot calendar add Winter break Dec 21 - Jan 1
/partnerbot calendar term Spring Jan 4 - May 28
/celebrate channel #partner-wins
/partner add Acme Health industry: Healthcare pathway: Nursing stage: active
/partner add Riverside Auto industry: Automotive pathway: Automotive Technology stage: active
/partner add Summit Dental industry: Healthcare pathway: Health Science
/partner assign riverside @maria
/contact Acme called Jane about summer internships, follow up wed
/followup Acme Dec 23 send the holiday card
/engage Riverside Auto job shadow Dec 2, 8 students
/as maria
dm emailed Riverside Auto the MOU draft, f/u fri
clock 2026-12-02 09:00
/as dana
press Done
clock next school day
/as maria
press Great

6
They want to take two students for the summer
Start earlier in the morning
/celebrate Riverside Auto hosted 6 students for a job shadow
shortcut Summit Dental offered two mock interview slots for seniors in January






clock 2026-12-10 10:00
leave @maria
/as dana
/partner handoff @maria @juan because Maria left the district
press Confirm
clock 2027-01-04 09:00
/as casey
/celebrate year
/users
"""

FORM_ANSWERS = {
    "",
    "6",
    "They want to take two students for the summer",
    "Start earlier in the morning",
}
PROMPT = re.compile(r"^(?:\w{3} \w{3} \d{1,2} \d\d:\d\d )?@[\w.\-]+(?: \([a-z, ]+\))?> (.*)$")


def console(
    data_dir: Path, script: str, *args: str, command: str = "console"
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    env.pop("DATABASE_URL", None)
    env.pop("PARTNERBOT_TIMEZONE", None)
    env.update(USER="casey", PARTNERBOT_DATA_DIR=str(data_dir))
    result = subprocess.run(
        [sys.executable, "-m", "bot", *command.split(), *args],
        input=script,
        capture_output=True,
        text=True,
        cwd=data_dir,
        env=env,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    return result


def steps(out: str) -> list[tuple[str, str]]:
    """Each typed line with what the console printed after it, in order."""
    found: list[tuple[str, str]] = []
    for line in out.splitlines():
        typed = PROMPT.match(line)
        if typed:
            found.append((typed.group(1), ""))
        elif found:
            found[-1] = (found[-1][0], found[-1][1] + line + "\n")
    return found


def rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as connection:
        return list(connection.execute(sql))


def test_a_month_lived_through_the_console(tmp_path: Path) -> None:
    out = console(tmp_path, MONTH).stdout
    assert out.splitlines()[0] == f"partnerbot console: database {tmp_path / 'partnerbot.db'}"
    said = steps(out)
    typed = [line for line, _ in said]
    # Forms read the piped lines in order: no form answer was taken as a command, or back.
    assert typed == [line for line in MONTH.splitlines() if line not in FORM_ANSWERS]
    step = iter(said)

    def next_step(line: str) -> str:
        for typed_line, text in step:
            if typed_line == line:
                return text
        raise AssertionError(f"{line!r} was never typed")

    assert "it is now Mon Nov 30 2026 07:00 (America/Chicago)" in next_step(said[0][0])
    # Roles: the first member (casey) is the admin; dana is named a program lead.
    assert "the program leads are now @dana" in next_step("/as dana --lead")
    assert "Fall* — Mon Aug 17 – Fri Dec 18, 2026" in next_step(said[2][0])
    assert "Winter break* — Mon Dec 21 – Fri Jan 1, 2027" in next_step(said[3][0])
    next_step(said[4][0])
    # `#partner-wins` is read as a channel.
    assert "Spotlights now go to #partner-wins." in next_step("/celebrate channel #partner-wins")
    assert "@maria now owns *Riverside Auto*" in next_step("/partner assign riverside @maria")
    logged = next_step("/contact Acme called Jane about summer internships, follow up wed")
    assert "Logged a call with *Acme Health* · today · follow-up Wed Dec 2 for you" in logged
    card = next_step("/followup Acme Dec 23 send the holiday card")
    assert "Wed Dec 23 is not a school day (Winter break)" in card
    assert "gets a short debrief" in next_step(
        "/engage Riverside Auto job shadow Dec 2, 8 students"
    )
    # A direct message to the bot is read like /contact and answered in the DM.
    dm = next_step("dm emailed Riverside Auto the MOU draft, f/u fri")
    assert dm.startswith("partnerbot → DM to @maria:")
    assert "Logged an email with *Riverside Auto* · today · follow-up Fri Dec 4 for you" in dm

    # Wednesday 08:00 passes: Dana's digest arrives; its Done button works from the DM.
    wednesday = next_step("clock 2026-12-02 09:00")
    assert (
        "── Wed Dec 2 08:00 ──\npartnerbot → DM to @dana:\n  GOOD MORNING — WED DEC 2" in wednesday
    )
    assert "── Mon Nov 30" not in wednesday  # nothing was due Monday or Tuesday
    assert "it is now Wed Dec 2 2026 09:00" in wednesday
    done = next_step("press Done")
    assert "partnerbot (updated a message):" in done
    assert "✅ Done by @dana — *Acme Health*" in done

    # Thursday: the job shadow's debrief reaches its owner at 08:00; she fills it in.
    thursday = next_step("clock next school day")
    assert "── Thu Dec 3 08:00 ──\npartnerbot → DM to @maria:" in thursday
    assert "How did the job shadow with Riverside Auto go?" in thursday
    debrief = next_step("press Great")
    assert "┌ Debrief" in debrief
    assert "│ How many students came (a number) (optional) [8]: 6" in debrief
    assert "debrief: 🌟 Great · 6 students came" in debrief
    spotlight = next_step("/celebrate Riverside Auto hosted 6 students for a job shadow")
    assert "partnerbot in #partner-wins:\n  🎉 *Thank you, Riverside Auto!*" in spotlight
    # The message shortcut opens the contact form prefilled from the message.
    shortcut = next_step(
        "shortcut Summit Dental offered two mock interview slots for seniors in January"
    )
    assert "┌ Log a partner contact\n│ Partner [Summit Dental]: " in shortcut
    assert "Logged a" in shortcut
    assert "*Summit Dental*" in shortcut

    # A week passes: Maria's digests and Friday's weekly nudge in #partner-wins.
    week = next_step("clock 2026-12-10 10:00")
    assert "── Fri Dec 4 08:00 ──\npartnerbot → DM to @maria:" in week
    assert "── Fri Dec 4 13:00 ──\npartnerbot in #partner-wins:\n  🎉 WHO SHOULD WE THANK" in week
    assert "── Sat Dec 5" not in week
    assert "── Sun Dec 6" not in week
    # Maria leaves (user_change): the lead is told, and hands her work to Juan.
    left = next_step("leave @maria")
    assert "(Slack: @maria's account is deactivated)" in left
    assert "partnerbot → DM to @dana:\n  👋 @maria was deactivated in Slack." in left
    preview = next_step("/partner handoff @maria @juan because Maria left the district")
    assert "from @maria to @juan?" in preview
    handed = next_step("press Confirm")
    assert "✅ Handed over 1 partner" in handed
    assert "partnerbot → DM to @juan:" in handed

    # Winter break passes without a digest; the first day back says welcome back.
    winter = next_step("clock 2027-01-04 09:00")
    days = re.findall(r"^── (\w{3} \w{3} \d+) ", winter, re.M)
    assert "Mon Dec 21" not in winter
    assert not [d for d in days if re.fullmatch(r"\w{3} (Dec (19|2\d|3[01])|Jan [1-3])", d)]
    assert days[-1] == "Mon Jan 4"
    assert "WELCOME BACK — MON JAN 4" in winter
    assert "Welcome back from Winter break" in winter
    assert "*Acme Health* — send the holiday card" in winter
    assert "partnerbot → DM to @maria" not in winter  # leavers get no digests

    # The year report: its CSV is written to the console's files folder.
    report = next_step("/celebrate year")
    files = tmp_path / "console-files"
    [csv] = list(files.iterdir())
    assert f"📎 Partner recognition — written to {csv}" in report
    assert "Riverside Auto" in csv.read_text(encoding="utf-8")
    assert "1 partner · 1 engagement · 6 students served · 1 thank-you" in report
    users = next_step("/users")
    assert "@casey (admin)" in users
    assert "@maria (left)" in users

    db = tmp_path / "partnerbot.db"
    assert sorted(str(r[0]) for r in rows(db, "SELECT name FROM partners")) == [
        "Acme Health",
        "Riverside Auto",
        "Summit Dental",
    ]
    assert len(rows(db, "SELECT id FROM interactions")) == 3
    # The workspace (members, channels, the moved clock) is kept for the next run.
    again = console(tmp_path, "/users\n/partner list mine\n").stdout
    assert "@dana" in again
    assert "Mon Jan 4 09:0" in again  # the prompt shows the moved clock
    assert "@maria (left)" in again


def test_fresh_start_leaves_the_previous_database_untouched(tmp_path: Path) -> None:
    console(tmp_path, "/partner add Acme Health\n")
    db = tmp_path / "partnerbot.db"
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in tmp_path.iterdir()}
    fresh = console(tmp_path, "/partner list\n", "--fresh").stdout
    [folder] = [p for p in tmp_path.iterdir() if p.is_dir() and p.name.startswith("console-2")]
    assert f"starting over in {folder} ({db} is left as it was" in fresh
    assert f"partnerbot console: database {folder / 'partnerbot.db'}" in fresh
    assert "*Acme Health*" not in fresh
    after = {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in tmp_path.iterdir()
        if p != folder
    }
    assert after == before
    back = console(tmp_path, "/partner list\n").stdout
    assert "*Acme Health*" in back
    chosen = console(tmp_path, "/partner list\n", "--data-dir", str(folder)).stdout
    assert "*Acme Health*" not in chosen
    assert f"database {folder / 'partnerbot.db'}" in chosen


def test_jobs_run_without_slack_tokens_uses_the_console_database(tmp_path: Path) -> None:
    script = (
        "clock 2026-11-30 07:00\n/partner add Acme Health\n/contact acme called Jane, f/u today\n"
    )
    console(tmp_path, script)
    assert rows(tmp_path / "partnerbot.db", "SELECT due_date FROM follow_ups") == [("2026-11-30",)]
    result = console(tmp_path, "", "run", "--at", "2026-11-30T09:00-06:00", command="jobs")
    assert f"running on the console's database {tmp_path / 'partnerbot.db'}" in result.stdout
    assert "partnerbot → DM to @casey:" in result.stdout
    assert "*Acme Health* — Follow up: called Jane" in result.stdout
    assert "partnerbot: digests: 1 sent" in result.stdout
    assert "INFO" not in result.stderr


def test_the_tour_shows_a_week_of_a_small_school(tmp_path: Path) -> None:
    """`partnerbot console --fresh --tour` (what `make demo` runs), piped nothing more."""
    out = console(tmp_path, "", "--fresh", "--tour").stdout
    assert "partnerbot: the tour — a small school and a week of it" in out
    assert out.count("✅ Added *") == 12
    said = dict(steps(out))
    assert "the program leads are" not in out  # leads are named by command, as in Slack
    assert "Winter break*" in "".join(t for line, t in said.items() if "Winter break" in line)
    monday = re.search(r"── Mon (\w{3} \d+) 08:00 ──", out)
    assert monday is not None
    assert "How did the job shadow with Riverside Auto Group go?" in out
    days = re.findall(r"^── (\w{3}) \w{3} \d+ (\d\d:\d\d) ──", out, re.M)
    assert ("Wed", "08:00") not in days  # the PD day
    assert ("Thu", "08:00") in days
    assert ("Fri", "13:00") in days  # the weekly nudge
    assert "@maria was deactivated in Slack" in out
    assert "✅ Handed over" in out
    assert "partnerbot in #partner-wins:\n  🎉 *Thank you, Lakeside Bistro!*" in out
    assert "🎉 WHO SHOULD WE THANK THIS WEEK?" in out
    [csv] = list(tmp_path.glob("console-2*/console-files/partner-recognition-*.csv"))
    assert f"written to {csv}" in out
    assert out.rstrip().endswith("that was the tour; everything it made is yours to explore")
