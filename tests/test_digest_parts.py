"""The morning digest shows the parts features declare (`Feature.digest_parts`): each read once
for a batch of people, inside the digest's transaction, and laid out by rank."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, date, datetime

from slack_bolt import App
from sqlalchemy.orm import Session

from bot.console.records import SlackCall
from handlers import FEATURES
from handlers.common.blocks import section
from handlers.common.digest_parts import DigestBatch, DigestOf, DigestPart, DigestSection
from handlers.common.feature import Feature
from handlers.deps import Deps
from scheduler.jobs import run_due_jobs
from tests.support import records
from tests.support.slackapp import JUAN, MARIA, TEAM_ID, Bot

MONDAY = date(2026, 11, 23)  # the clock fixture: Mon 2026-11-23 14:00 UTC, 08:00 in Chicago


def no_listeners(app: App, deps: Deps) -> None:
    """A feature with nothing to listen to."""


def digests(bot: Bot) -> dict[str, SlackCall]:
    """The digest DMs posted, by recipient."""
    return {c.body["channel"]: c for c in bot.slack.calls_to("chat.postMessage") if not c.failed}


def test_a_declared_digest_part_is_read_for_the_batch_and_shown_by_rank(bot: Bot) -> None:
    batches: list[tuple[str, tuple[str, ...], date, bool]] = []

    def read(session: Session, batch: DigestBatch) -> Mapping[str, list[str]]:
        batches.append(
            (batch.team_id, tuple(batch.users), batch.local_date, session.in_transaction())
        )
        return {MARIA: ["bake for the advisory board", "print the flyers"]}

    def render(chores: list[str], of: DigestOf) -> DigestSection:
        return DigestSection(
            summary=(f"{len(chores)} chores",),
            lists=(("*🧁 Chores*", [[section(c)] for c in chores]),),
        )

    def quiet(session: Session, batch: DigestBatch) -> Mapping[str, str]:
        return {JUAN: "a quiet note"}

    chores = DigestPart("chores", read, render, rank=15, summary_rank=5)
    note = DigestPart(
        "note",
        quiet,
        lambda text, of: DigestSection(lists=(("*Note*", [[section(text)]]),)),
        rank=99,
        summary_rank=99,
        sends=False,
    )
    acme = records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    records.follow_up(bot.deps.sessions, TEAM_ID, acme, MARIA, MONDAY, "send the letter")
    bot.command("/followup", "", user_id=JUAN)  # Juan is on staff: he gets digests too
    extra = Feature(name="throwaway", register=no_listeners, digest_parts=(note, chores))
    bot.slack.clear()

    run_due_jobs(
        bot.deps.sessions,
        bot.app.client,
        bot.deps.zones,
        now=datetime(2026, 11, 23, 14, 0, tzinfo=UTC),
        features=(*FEATURES, extra),
    )

    assert [(t, set(u), d, inside) for t, u, d, inside in batches] == [
        (TEAM_ID, {MARIA, JUAN}, MONDAY, True)
    ]
    sent = digests(bot)
    assert JUAN not in sent  # a part that does not send alone sends nothing
    shown = json.dumps(sent[MARIA].body["blocks"], ensure_ascii=False)
    assert "Your partners today: 2 chores, 1 due today." in shown
    assert shown.index("*📅 Due today*") < shown.index("send the letter")
    assert shown.index("send the letter") < shown.index("*🧁 Chores*")
    assert shown.index("*🧁 Chores*") < shown.index("bake for the advisory board")
    assert shown.index("bake for the advisory board") < shown.index("print the flyers")
    assert "a quiet note" not in shown
    assert sent[MARIA].body["text"] == "partnerbot: 2 chores, 1 due today"
