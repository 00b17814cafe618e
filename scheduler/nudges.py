"""The weekly celebration nudge, in each workspace's celebration channel: on the day and at the
time a lead chose (default Friday 13:00), or — when that day is a holiday or partnerbot was
down — the next school day of the same week. Claimed in the send log under the week before it
is posted, so it goes out once a week whatever the number of schedulers or restarts."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING
from urllib.error import URLError
from zoneinfo import ZoneInfo

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from handlers.digest.weekly_nudge import render_nudge
from storage.celebration_nudges import Nudge, nudge_content, nudges_on
from storage.db import SessionFactory
from storage.models import SendStatus
from storage.school_year import school_days_off
from storage.send_log import claim_send, finish_send

if TYPE_CHECKING:
    from scheduler.jobs import ZoneReader

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
    sessions: SessionFactory, client: WebClient, zones: ZoneReader, *, now: datetime
) -> NudgeReport:
    """Post every weekly nudge that is due and not yet posted; never raises."""
    report = NudgeReport()
    try:
        with sessions() as session:
            nudges = nudges_on(session)
    except Exception:
        log.exception("weekly nudges: reading the settings failed")
        return report
    for nudge in nudges:
        try:
            _nudge(sessions, client, zones, nudge, now, report)
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
    try:
        response = client.chat_postMessage(channel=nudge.channel, text=text, blocks=blocks)
    except (SlackApiError, URLError) as exc:  # nothing was posted: a later tick tries again
        error = (
            str(exc.response.get("error")) if isinstance(exc, SlackApiError) else type(exc).__name__
        )
        with sessions.begin() as session:
            finish_send(session, claim, SendStatus.FAILED, now=now, error=error)
        log.warning("weekly nudge for %s not sent (%s)", nudge.team_id, error)
        report.failed.append(nudge.team_id)
        return
    except Exception as exc:  # no answer: it may be there; never post it blindly again
        with sessions.begin() as session:
            finish_send(session, claim, SendStatus.UNKNOWN, now=now, error=type(exc).__name__)
        log.warning("weekly nudge for %s: no answer from Slack", nudge.team_id)
        report.failed.append(nudge.team_id)
        return
    with sessions.begin() as session:
        finish_send(
            session,
            claim,
            SendStatus.SENT,
            now=now,
            channel=response.get("channel"),
            ts=response.get("ts"),
        )
    report.sent.append(nudge.team_id)
