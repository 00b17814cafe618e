"""Debrief DMs: the school morning after an engagement ends (the owner's local morning at their
digest time, on school days only), its owner is asked how it went — once. Each DM is claimed in
the send log under the engagement before it is posted, so Slack retries, two schedulers at the
same tick and restarts never send it twice; a failed post is claimed again on a later tick.
Its follow-up is created inside the claim, so it stays on the owner's list until answered."""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta

from slack_sdk import WebClient

from handlers.common.people import ZoneReader
from handlers.common.posting import Message, Outcomes, Pool, send_claimed
from handlers.common.workspaces import Slack, workspaces
from handlers.engagements.render import debrief_request
from storage.db import SessionFactory
from storage.debriefs import DebriefDue, debrief_follow_up, due_debriefs, mark_debrief_sent
from storage.engagements import get_engagement
from storage.school_year import school_days_off
from storage.send_log import claim_send

log = logging.getLogger(__name__)

WEEKEND = (5, 6)


def debrief_kind(engagement_id: int) -> str:
    """The send-log kind of one engagement's debrief (claimed once, whatever the day)."""
    return f"debrief:{engagement_id}"


class DebriefReport(Outcomes[int]):
    """What one run did: engagement ids."""


def send_debriefs(
    sessions: SessionFactory,
    client: Slack,
    zones: ZoneReader,
    *,
    now: datetime,
    pool: Pool | None = None,
) -> DebriefReport:
    """Send every debrief DM due at `now` and not yet sent, posting on `pool` (else one after
    another). Never raises: a failure is logged and retried on a later tick."""
    report = DebriefReport()
    try:
        utc_day = now.date()
        nearby = [utc_day - timedelta(days=1), utc_day, utc_day + timedelta(days=1)]
        with sessions() as session:
            due = due_debriefs(session, today=utc_day + timedelta(days=1))
            days_off = school_days_off(session, nearby) if due else set()
    except Exception:
        log.exception("debriefs: could not read what is due")
        return report
    slack = workspaces(client)
    for item in due:
        team_client = slack.client(item.team_id)
        if team_client is None:
            continue  # uninstalled: nothing is sent there
        try:
            _send(sessions, team_client, zones, item, now, days_off, report, pool)
        except Exception:  # one failure must not stop the others
            log.exception("debrief of engagement %s failed", item.engagement_id)
            report.failed.append(item.engagement_id)
    return report


def _send(
    sessions: SessionFactory,
    client: WebClient,
    zones: ZoneReader,
    item: DebriefDue,
    now: datetime,
    days_off: set[tuple[str, date]],
    report: DebriefReport,
    pool: Pool | None,
) -> None:
    tz = zones.of(client, item.team_id, item.owner_user_id)
    local = now.astimezone(tz)
    today = local.date()
    if local.weekday() in WEEKEND or local.time() < item.digest_time or today <= item.ends_on:
        return
    if (item.team_id, today) in days_off:
        return
    kind = debrief_kind(item.engagement_id)
    with sessions.begin() as session:
        claim = claim_send(session, item.team_id, item.owner_user_id, kind, item.ends_on, now=now)
    if claim is None:
        return
    with sessions.begin() as session:  # the follow-up that keeps it on the owner's list
        debrief_follow_up(session, item.team_id, item.engagement_id, today=today, tz=tz, now=now)
        engagement = get_engagement(session, item.team_id, item.engagement_id)
    text, blocks = debrief_request(engagement)
    engagement_id = item.engagement_id
    message = Message(
        item.owner_user_id,
        text,
        blocks,
        f"debrief of engagement {engagement_id}",
        tagged=True,
        unknown_note="; not posted again — its follow-up stays on the owner's list",
        kind="debrief",
    )
    send_claimed(
        sessions,
        client,
        claim,
        message,
        now=now,
        filed=lambda outcome: report.of(outcome).append(engagement_id),
        after_sent=lambda session: mark_debrief_sent(session, engagement_id, now=now),
        pool=pool,
        lane=item.team_id,
    )
