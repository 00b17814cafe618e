"""Celebration prompts: each win's owner gets a DM asking to post a thank-you, at their local
morning (from their digest time until noon, or four hours after it) on a school day, at most
three a morning.

Each ask is claimed in the send log before it is posted, under a key of the prompt and its
round ("Not now" starts a new one), so two schedulers, a restart or a late tick never ask
twice; a post Slack refused is tried again on a later tick, one whose answer never came is
not posted again."""

from __future__ import annotations

import logging
from collections import Counter
from datetime import date, datetime, time, timedelta

from slack_sdk import WebClient

from handlers.celebrations.render import render_prompt
from handlers.common.people import ZoneReader
from handlers.common.posting import Message, Outcomes, Pool, send_claimed
from handlers.common.workspaces import Slack, workspaces
from storage.celebrations import DuePrompt, mark_asked, prompts_due
from storage.db import SessionFactory
from storage.school_year import school_days_off
from storage.send_log import claim_send
from storage.workspaces import celebration_channel

log = logging.getLogger(__name__)
WEEKEND = (5, 6)

MORNING_ENDS = time(12, 0)
MORNING_HOURS = 4
"""The morning runs from the digest time until noon, or this many hours when that is later."""
PER_MORNING = 3
"""At most this many prompts reach one person in one morning; the others wait a day."""


class PromptReport(Outcomes[int]):
    """What one run did: prompt ids by outcome."""


def prompt_kind(prompt_id: int, round_: int) -> str:
    """The send-log kind of one round of one prompt."""
    return f"celp:{prompt_id}:{round_}"


def in_morning(local: datetime, digest_time: time) -> bool:
    """Whether `local` is in the person's morning."""
    start = datetime.combine(local.date(), digest_time, local.tzinfo)
    end = max(
        datetime.combine(local.date(), MORNING_ENDS, local.tzinfo),
        start + timedelta(hours=MORNING_HOURS),
    )
    return start <= local < end


def run_celebration_prompts(
    sessions: SessionFactory,
    client: Slack,
    zones: ZoneReader,
    *,
    now: datetime,
    pool: Pool | None = None,
) -> PromptReport:
    """Ask every owner whose prompts are due and whose morning it is, posting on `pool` (else
    one after another); never raises."""
    report = PromptReport()
    try:
        with sessions() as session:
            due = prompts_due(session, now=now)
            utc_day = now.date()
            days_off = school_days_off(session, [utc_day + timedelta(days=d) for d in (-1, 0, 1)])
            teams = {p.prompt.team_id for p in due}
            channels = {team: celebration_channel(session, team) for team in teams}
    except Exception:
        log.exception("celebration prompts: reading what is due failed")
        return report
    asked: Counter[tuple[str, str]] = Counter()
    slack = workspaces(client)
    for item in due:
        prompt = item.prompt
        who = (prompt.team_id, prompt.owner_user_id)
        team_client = slack.client(prompt.team_id)
        if asked[who] >= PER_MORNING or team_client is None:  # None: uninstalled
            continue
        try:
            if _morning(team_client, zones, item, now, days_off):
                asked[who] += 1
                channel = channels.get(prompt.team_id)
                _ask(sessions, team_client, item, channel, now, report, pool)
        except Exception:  # one person's failure must not stop the others
            log.exception("celebration prompt %s failed", prompt.id)
            report.failed.append(prompt.id)
    if report.sent or report.failed or report.unknown:
        log.info(
            "celebration prompts: %d sent, %d failed (tried again later), %d with no answer",
            len(report.sent),
            len(report.failed),
            len(report.unknown),
        )
    return report


def _morning(
    client: WebClient,
    zones: ZoneReader,
    item: DuePrompt,
    now: datetime,
    days_off: set[tuple[str, date]],
) -> bool:
    prompt = item.prompt
    local = now.astimezone(zones.of(client, prompt.team_id, prompt.owner_user_id))
    if local.weekday() in WEEKEND or (prompt.team_id, local.date()) in days_off:
        return False
    return in_morning(local, item.digest_time)


def _ask(
    sessions: SessionFactory,
    client: WebClient,
    item: DuePrompt,
    channel: str | None,
    now: datetime,
    report: PromptReport,
    pool: Pool | None,
) -> None:
    prompt = item.prompt
    with sessions.begin() as session:
        claim = claim_send(
            session,
            prompt.team_id,
            prompt.owner_user_id,
            prompt_kind(prompt.id, prompt.round),
            prompt.ask_after.date(),
            now=now,
        )
    if claim is None:
        return
    text, blocks = render_prompt(prompt, channel)
    prompt_id, round_ = prompt.id, prompt.round
    send_claimed(
        sessions,
        client,
        claim,
        Message(
            prompt.owner_user_id, text, blocks, f"celebration prompt {prompt_id}", kind="prompt"
        ),
        now=now,
        filed=lambda outcome: report.of(outcome).append(prompt_id),
        after_sent=lambda session: mark_asked(session, prompt_id, round_),
        pool=pool,
        lane=prompt.team_id,
    )
