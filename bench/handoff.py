"""`/partner handoff` at scale: 200 partners and 1,000 open follow-ups handed from Maria to Juan
and back, through partnerbot's real Bolt app (signed requests, fake Slack on loopback), on
SQLite and PostgreSQL. For the command (the preview) and for the Confirm click: the ack (what
Slack waits for) and the total until the answer was shown (the move, the new owner's DM, both
Homes redrawn). Beside a bare Bolt app's ack-only dispatch, measured in the same run."""

from __future__ import annotations

import json
import logging
import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select

from bench.digest_scale import bare_bolt_ms, database
from bot.app import create_app
from bot.config import Settings
from bot.console import payloads
from bot.console.localslack import LocalSlack
from bot.console.records import FakeUser
from bot.lazywork import DrainableExecutor
from storage.clock import FrozenClock
from storage.db import make_engine, make_session_factory
from storage.follow_ups import due_moment
from storage.migrate import upgrade
from storage.models import FollowUp, FollowUpStatus, Partner, Staff, Workspace

TEAM = "T0BENCH"
SECRET = "bench-handoff-secret"
NOW = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)
MARIA, JUAN = "U0MARIA", "U0JUAN"
PARTNERS, FOLLOW_UPS, ROUNDS = 200, 1000, 6


def seed(url: str) -> None:
    """200 partners owned by Maria, 1,000 of her open follow-ups on them."""
    upgrade(url)
    engine = make_engine(url)
    from zoneinfo import ZoneInfo

    tz = ZoneInfo("America/Chicago")
    with engine.begin() as conn:
        conn.execute(insert(Workspace), [{"team_id": TEAM, "created_at": NOW, "cadence_days": {}}])
        conn.execute(
            insert(Staff),
            [
                {"team_id": TEAM, "user_id": u, "timezone": "America/Chicago",
                 "timezone_checked_at": NOW, "digest_enabled": True}
                for u in (MARIA, JUAN)
            ],
        )  # fmt: skip
        conn.execute(
            insert(Partner),
            [
                {"team_id": TEAM, "name": f"Partner {n:03d}", "name_key": f"partner {n:03d}",
                 "pathways": [], "owner_user_id": MARIA, "created_at": NOW, "updated_at": NOW}
                for n in range(PARTNERS)
            ],
        )  # fmt: skip
        ids = list(conn.scalars(select(Partner.id).order_by(Partner.id)))
        rows = []
        for n in range(FOLLOW_UPS):
            due = date(2026, 11, 24) + timedelta(days=n % 60)
            rows.append(
                {"team_id": TEAM, "partner_id": ids[n % len(ids)], "owner_user_id": MARIA,
                 "note": f"follow-up {n}", "due_date": due, "due_at": due_moment(due, None, tz),
                 "status": FollowUpStatus.OPEN, "source": "manual", "created_at": NOW}
            )  # fmt: skip
        conn.execute(insert(FollowUp), rows)
    engine.dispose()


def run(kind: str, workdir: Path, bare_ms: float) -> None:
    """Time handoffs back and forth on one database kind."""
    with database(kind, workdir) as url, LocalSlack(team_id=TEAM) as slack:
        if url is None:
            print(f"{kind}: not installed here, skipped")
            return
        slack.add_user(FakeUser(id=MARIA, name="maria", real_name="Maria Lopez", is_admin=True))
        slack.add_user(FakeUser(id=JUAN, name="juan", real_name="Juan Perez", is_admin=True))
        seed(url)
        sessions = make_session_factory(make_engine(url))
        settings = Settings(
            SLACK_BOT_TOKEN="xoxb-bench", SLACK_SIGNING_SECRET=SECRET, SLACK_API_URL=slack.api_url,
            DATABASE_URL=url, PARTNERBOT_TIMEZONE="America/Chicago", _env_file=None,
        )  # fmt: skip
        lazy = DrainableExecutor()
        app, _ = create_app(
            settings, sessions=sessions, clock=FrozenClock(NOW), listener_executor=lazy
        )
        workspace = payloads.Workspace(team_id=TEAM)
        ids = payloads.Ids()
        figures: dict[str, list[float]] = {
            k: [] for k in ("cmd ack", "cmd total", "ok ack", "ok total")
        }

        def send(body: str, content_type: str) -> tuple[float, float, str]:
            url_ = payloads.response_url_of(body, content_type)
            request = payloads.bolt_request(SECRET, body, content_type)
            began = time.perf_counter()
            app.dispatch(request)
            acked = time.perf_counter() - began
            if not lazy.drain(120):
                raise AssertionError("lazy work still running")
            total = time.perf_counter() - began
            path = url_.split("127.0.0.1", 1)[1].split("/", 1)[1] if url_ else ""
            shown = [c.body for c in slack.calls_to("response_url") if c.path.endswith(path)]
            return acked * 1000, total * 1000, json.dumps(shown[-1] if shown else {})

        giver, taker = MARIA, JUAN
        for _ in range(ROUNDS):
            body = payloads.slash_command_body(
                "/partner", f"handoff <@{giver}|g> <@{taker}|t>", user_id=giver, team_id=TEAM,
                response_url=slack.response_url(), trigger_id=ids.trigger_id(),
            )  # fmt: skip
            ack, total, shown = send(body, payloads.FORM)
            if (
                f"*{PARTNERS} partners*" not in shown
                or f"*{FOLLOW_UPS} open follow-ups*" not in shown
            ):
                raise AssertionError(f"unexpected preview: {shown[:300]}")
            figures["cmd ack"].append(ack)
            figures["cmd total"].append(total)
            blocks: list[dict[str, Any]] = json.loads(shown)["blocks"]
            element, block_id = payloads.find_element(blocks, "people_handoff_confirm")
            press = payloads.block_actions(
                workspace, giver,
                [payloads.action(element, block_id, action_ts=ids.action_ts())],
                container=payloads.ephemeral_container("C0BENCH"), trigger_id=ids.trigger_id(),
                channel={"id": "C0BENCH", "name": "bench"}, response_url=slack.response_url(),
            )  # fmt: skip
            ack, total, shown = send(payloads.interactive_body(press), payloads.FORM)
            if f"Handed over {PARTNERS} partners and {FOLLOW_UPS} open follow-ups" not in shown:
                raise AssertionError(f"unexpected result: {shown[:300]}")
            figures["ok ack"].append(ack)
            figures["ok total"].append(total)
            with sessions() as session:
                held = session.scalar(
                    select(func.count())
                    .select_from(FollowUp)
                    .where(FollowUp.owner_user_id == taker)
                )
            if held != FOLLOW_UPS:
                raise AssertionError(f"{held} follow-ups moved, expected {FOLLOW_UPS}")
            giver, taker = taker, giver
        lazy.shutdown(wait=True)
        sessions.kw["bind"].dispose()
    print(f"{kind}: {PARTNERS} partners, {FOLLOW_UPS} open follow-ups, {ROUNDS} handoffs (p50 ms)")
    print(f"  {'bare Bolt ack':<44}{bare_ms:>9.3f}")
    labels = {
        "cmd ack": "/partner handoff: ack",
        "cmd total": "/partner handoff: preview shown",
        "ok ack": "Confirm: ack",
        "ok total": "Confirm: moved, DM sent, Homes redrawn",
    }
    for key, label in labels.items():
        p50 = statistics.median(figures[key])
        print(f"  {label:<44}{p50:>9.3f}   ({p50 / bare_ms:,.0f}× bare)")


def main() -> None:
    """Run on SQLite and PostgreSQL."""
    logging.getLogger().setLevel(logging.WARNING)
    bare_ms = bare_bolt_ms()
    with tempfile.TemporaryDirectory(prefix="handoff-") as workdir:
        for kind in ("sqlite", "postgresql"):
            run(kind, Path(workdir), bare_ms)
