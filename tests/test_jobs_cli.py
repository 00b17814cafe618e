"""`partnerbot jobs run --at …` from the outside, as an operator (or cron) runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from bot.console.localslack import LocalSlack
from bot.console.records import FakeUser
from storage.db import make_engine, make_session_factory
from storage.migrate import upgrade
from tests.support import records

TEAM = "T0001"


def env_for(db_url: str, slack: LocalSlack) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    env.update(
        SLACK_BOT_TOKEN="xoxb-jobs-test",
        SLACK_API_URL=slack.api_url,
        DATABASE_URL=db_url,
        PARTNERBOT_TIMEZONE="America/Chicago",
    )
    return env


def jobs_run(db_url: str, slack: LocalSlack, tmp_path: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "jobs", "run", *args],
        env=env_for(db_url, slack),
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def staff_with_due_follow_ups(db_url: str, slack: LocalSlack, count: int) -> list[str]:
    """`count` people in Chicago, each owning a partner with a follow-up due Mon 2026-11-23."""
    upgrade(db_url)
    engine = make_engine(db_url)
    sessions = make_session_factory(engine)
    people = []
    for n in range(count):
        user_id = f"U0STAFF{n:03d}"
        slack.add_user(FakeUser(id=user_id, name=f"staff{n}", real_name=f"Staff {n}"))
        partner = records.partner(sessions, TEAM, f"Partner {n}", owner=user_id)
        records.follow_up(sessions, TEAM, partner, user_id, date(2026, 11, 23), f"call {n}")
        people.append(user_id)
    engine.dispose()
    return people


def dms(slack: LocalSlack) -> Counter[str]:
    return Counter(
        str(c.body["channel"]) for c in slack.calls_to("chat.postMessage") if not c.failed
    )


def test_bad_at_value_exits_2_with_one_clear_line(tmp_path: Path, slack: LocalSlack) -> None:
    db_url = f"sqlite:///{tmp_path / 'partnerbot.db'}"
    upgrade(db_url)
    process = jobs_run(db_url, slack, tmp_path, "--at", "next tuesday-ish")
    _out, err = process.communicate(timeout=60)
    assert process.returncode == 2
    assert err.strip().splitlines() == [
        "partnerbot: --at: 'next tuesday-ish' is not an ISO 8601 date and time; write e.g. "
        "2026-11-23T08:00 (UTC) or 2026-11-23T08:00-06:00"
    ]
    assert slack.calls == []


def test_offset_is_honoured_and_none_means_utc(tmp_path: Path, slack: LocalSlack) -> None:
    db_url = f"sqlite:///{tmp_path / 'partnerbot.db'}"
    [person] = staff_with_due_follow_ups(db_url, slack, 1)
    early = jobs_run(db_url, slack, tmp_path, "--at", "2026-11-23T07:59-06:00")
    assert early.communicate(timeout=60)[0].startswith("partnerbot: digests: 0 sent")
    assert dms(slack) == Counter()
    utc_eight = jobs_run(db_url, slack, tmp_path, "--at", "2026-11-23T13:59")  # 07:59 Chicago
    utc_eight.communicate(timeout=60)
    assert dms(slack) == Counter()
    on_time = jobs_run(db_url, slack, tmp_path, "--at", "2026-11-23T14:00")  # 08:00 Chicago
    out, _ = on_time.communicate(timeout=60)
    assert on_time.returncode == 0
    assert out.startswith("partnerbot: digests: 1 sent")
    assert dms(slack) == Counter({person: 1})


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_two_schedulers_at_the_same_instant_send_each_digest_once(
    db_url: str, slack: LocalSlack, tmp_path: Path
) -> None:
    people = staff_with_due_follow_ups(db_url, slack, 25)
    first = jobs_run(db_url, slack, tmp_path, "--at", "2026-11-23T08:00-06:00")
    second = jobs_run(db_url, slack, tmp_path, "--at", "2026-11-23T08:00-06:00")
    outputs = [p.communicate(timeout=120) for p in (first, second)]
    assert [p.returncode for p in (first, second)] == [0, 0], outputs
    assert dms(slack) == Counter(dict.fromkeys(people, 1)), outputs
    sent = [int(out.split("digests: ")[1].split(" sent")[0]) for out, _ in outputs]
    assert sum(sent) == len(people)
