"""The weekly celebration nudge, in each workspace's celebration channel: on the day and at the
time a lead chose (default Friday 13:00), or — when that day is a holiday or partnerbot was
down — the next school day of the same week. Claimed in the send log under the week before it
is posted, so it goes out once a week whatever the number of schedulers or restarts."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from slack_sdk import WebClient

from handlers.celebrations.weekly_nudge import render_nudge
from handlers.common.people import ZoneReader
from handlers.common.posting import Message, Outcome, Pool, send_claimed
from handlers.common.workspaces import Slack, workspaces
from storage.celebration_nudges import Nudge, nudge_content, nudges_on
from storage.db import SessionFactory
from storage.models import SendStatus
from storage.school_year import school_days_off
from storage.send_log import claim_send, finish_send

log = logging.getLogger(__name__)
WEEKEND = (5, 6)

NUDGE = "nudge"
WORKSPACE = "workspace"
"""The send-log `user_id` of a workspace's nudge (one per week, whatever the channel)."""


@dataclass
class NudgeReport:
    """What one run did: workspaces by outcome."""

    sent: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def of(self, outcome: Outcome) -> list[str]:
        """The list a nudge with this outcome goes in (not surely posted counts as failed)."""
        return self.sent if outcome is Outcome.SENT else self.failed


def _zone(nudge: Nudge, zones: ZoneReader) -> ZoneInfo:
    try:
        return ZoneInfo(nudge.timezone) if nudge.timezone else _default(zones)
    except (KeyError, ValueError):
        return _default(zones)


def _default(zones: ZoneReader) -> ZoneInfo:
    found = getattr(zones, "default", None)
    return found if isinstance(found, ZoneInfo) else ZoneInfo("UTC")


def due_week(nudge: Nudge, local: datetime) -> date | None:
    """The Monday of the week whose nudge is due at `local`, or None when none is."""
    today = local.date()
    week = today - timedelta(days=today.weekday())
    target = week + timedelta(days=nudge.weekday)
    if today.weekday() in WEEKEND or today < target:
        return None
    if today == target and local.time() < nudge.at:
        return None
    return week


def run_weekly_nudges(
    sessions: SessionFactory,
    client: Slack,
    zones: ZoneReader,
    *,
    now: datetime,
    pool: Pool | None = None,
) -> NudgeReport:
    """Post every weekly nudge that is due and not yet posted, on `pool` (else one after
    another); never raises."""
    report = NudgeReport()
    try:
        with sessions() as session:
            nudges = nudges_on(session)
    except Exception:
        log.exception("weekly nudges: reading the settings failed")
        return report
    slack = workspaces(client)
    for nudge in nudges:
        team_client = slack.client(nudge.team_id)
        if team_client is None:
            continue  # uninstalled: nothing is sent there
        try:
            _nudge(sessions, team_client, zones, nudge, now, report, pool)
        except Exception:  # one workspace's failure must not stop the others
            log.exception("weekly nudge for %s failed", nudge.team_id)
            report.failed.append(nudge.team_id)
    if report.sent or report.failed:
        log.info("weekly nudges: %d posted, %d failed", len(report.sent), len(report.failed))
    return report


def _nudge(
    sessions: SessionFactory,
    client: WebClient,
    zones: ZoneReader,
    nudge: Nudge,
    now: datetime,
    report: NudgeReport,
    pool: Pool | None,
) -> None:
    local = now.astimezone(_zone(nudge, zones))
    week = due_week(nudge, local)
    if week is None or nudge.channel is None:
        return
    with sessions.begin() as session:
        if (nudge.team_id, local.date()) in school_days_off(session, [local.date()]):
            return
        claim = claim_send(session, nudge.team_id, WORKSPACE, NUDGE, week, now=now)
    if claim is None:
        return
    since = datetime.combine(week, time(0), local.tzinfo).astimezone(UTC)
    with sessions() as session:
        content = nudge_content(session, nudge.team_id, week_start=week, since=since, now=now)
    if content.empty:
        with sessions.begin() as session:
            finish_send(session, claim, SendStatus.SKIPPED, now=now)
        report.skipped.append(nudge.team_id)
        return
    text, blocks = render_nudge(content, local.date())
    team_id = nudge.team_id
    send_claimed(
        sessions,
        client,
        claim,
        Message(nudge.channel, text, blocks, f"weekly nudge for {team_id}", kind="nudge"),
        now=now,
        filed=lambda outcome: report.of(outcome).append(team_id),
        pool=pool,
        lane=team_id,
    )
