"""Due jobs: each person's morning digest at their local digest time, on school days (Monday
to Friday, but the breaks and holidays of the workspace's school calendar).

`run_due_jobs(now)` is idempotent: every send is claimed in the send log before it is posted, so
it can run every minute, after downtime, or in two processes at once without sending twice."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Protocol
from urllib.error import URLError
from zoneinfo import ZoneInfo

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from handlers.digest.render import render_digest
from scheduler.celebration_prompts import run_celebration_prompts
from scheduler.debriefs import send_debriefs
from scheduler.nudges import run_weekly_nudges
from storage.db import SessionFactory
from storage.digest import Recipient, build_digest, digest_recipients
from storage.models import SendStatus
from storage.school_year import school_days_off
from storage.send_log import (
    MAX_ATTEMPTS,
    UnknownSend,
    claim_send,
    finish_send,
    settle_unknown,
    settled_sends,
    unknown_sends,
)

log = logging.getLogger(__name__)

DIGEST = "digest"
SEND_EVENT = "partnerbot_send"
"""Message metadata event type: the send id a post belongs to, to find it again."""
UNKNOWN_CHECK_AFTER = timedelta(minutes=1)
UNKNOWN_LOOKBACK = timedelta(minutes=5)
WEEKEND = (5, 6)


class ZoneReader(Protocol):
    """Reads a person's time zone (handlers.common.people.TimeZones is one)."""

    def of(self, client: WebClient, team_id: str, user_id: str) -> ZoneInfo:
        """The IANA zone of a Slack user, or a default."""
        ...


@dataclass
class JobReport:
    """What one run did, per outcome: (team, user) pairs."""

    sent: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    # Failed for the last allowed time (MAX_ATTEMPTS): never retried; someone should look.
    given_up: list[tuple[str, str]] = field(default_factory=list)
    # Posted without an answer from Slack and not yet found in the DM: never posted again
    # blindly.
    unknown: list[tuple[str, str]] = field(default_factory=list)

    def __str__(self) -> str:
        text = (
            f"digests: {len(self.sent)} sent, {len(self.skipped)} empty (not sent), "
            f"{len(self.failed)} failed (retried on a later run)"
        )
        if self.unknown:
            text += f", {len(self.unknown)} with no answer from Slack (checked, not re-sent)"
        if self.given_up:
            who = ", ".join(f"{team}/{user}" for team, user in self.given_up)
            text += f", {len(self.given_up)} given up after {MAX_ATTEMPTS} attempts ({who})"
        return text


def run_due_jobs(
    sessions: SessionFactory, client: WebClient, zones: ZoneReader, *, now: datetime
) -> JobReport:
    """Send every digest that is due at `now` (an aware datetime) and not yet sent."""
    report = JobReport()
    utc_day = now.date()
    nearby = [utc_day - timedelta(days=1), utc_day, utc_day + timedelta(days=1)]
    with sessions() as session:
        unknown = unknown_sends(session, DIGEST, nearby)
    for send in unknown:
        try:
            _check_unknown(sessions, client, send, now, report)
        except Exception:  # a failed check leaves it unknown: not posted again
            log.exception("digest for %s/%s: checking failed", send.team_id, send.user_id)
            report.unknown.append((send.team_id, send.user_id))
    with sessions() as session:
        recipients = digest_recipients(session)
        done = settled_sends(session, DIGEST, nearby)
        days_off = school_days_off(session, nearby)  # breaks and holidays: no digests
    for recipient in recipients:
        try:
            _digest_for(sessions, client, zones, recipient, now, done, days_off, report)
        except Exception:  # one person's failure must not stop everyone else's digest
            log.exception("digest for %s/%s failed", recipient.team_id, recipient.user_id)
            report.failed.append((recipient.team_id, recipient.user_id))
    send_debriefs(sessions, client, zones, now=now)  # the morning after an engagement ends
    run_celebration_prompts(sessions, client, zones, now=now)  # wins to thank, by DM
    run_weekly_nudges(sessions, client, zones, now=now)  # the celebration channel's nudge
    return report


def _digest_for(
    sessions: SessionFactory,
    client: WebClient,
    zones: ZoneReader,
    who: Recipient,
    now: datetime,
    done: set[tuple[str, str, date]],
    days_off: set[tuple[str, date]],
    report: JobReport,
) -> None:
    tz = zones.of(client, who.team_id, who.user_id)
    local = now.astimezone(tz)
    if local.weekday() in WEEKEND or local.time() < who.digest_time:
        return
    today = local.date()
    if (who.team_id, who.user_id, today) in done or (who.team_id, today) in days_off:
        return
    with sessions.begin() as session:
        claim = claim_send(session, who.team_id, who.user_id, DIGEST, today, now=now)
    if claim is None:
        return
    with sessions.begin() as session:  # it records the expiry reminders it holds
        digest = build_digest(session, who.team_id, who.user_id, local_date=today, now=now)
    if digest.empty:
        with sessions.begin() as session:
            finish_send(session, claim, SendStatus.SKIPPED, now=now)
        report.skipped.append((who.team_id, who.user_id))
        return
    text, blocks = render_digest(digest)
    try:
        response = client.chat_postMessage(
            channel=who.user_id,
            text=text,
            blocks=blocks,
            metadata={"event_type": SEND_EVENT, "event_payload": {"send_id": claim.id}},
        )
    except Exception as exc:  # one person's failure must not stop everyone else's digest
        if isinstance(exc, SlackApiError):
            error = str(exc.response.get("error") or exc.response.status_code)
            log.warning("digest for %s/%s not sent (%s)", who.team_id, who.user_id, error)
        elif isinstance(exc, URLError):  # no connection: nothing reached Slack
            error = type(exc).__name__
            log.warning("digest for %s/%s not sent (%s)", who.team_id, who.user_id, exc)
        else:  # sent, but no answer (a timeout): it may have arrived; never post it blindly
            with sessions.begin() as session:
                finish_send(session, claim, SendStatus.UNKNOWN, now=now, error=type(exc).__name__)
            log.warning(
                "digest for %s/%s: no answer from Slack (%s); checked before any new post",
                who.team_id,
                who.user_id,
                type(exc).__name__,
            )
            report.unknown.append((who.team_id, who.user_id))
            return
        with sessions.begin() as session:
            finish_send(session, claim, SendStatus.FAILED, now=now, error=error)
        if claim.attempt >= MAX_ATTEMPTS:
            log.error(
                "digest for %s/%s given up after %d attempts (last error: %s)",
                who.team_id,
                who.user_id,
                claim.attempt,
                error,
            )
            report.given_up.append((who.team_id, who.user_id))
        else:
            report.failed.append((who.team_id, who.user_id))
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
    report.sent.append((who.team_id, who.user_id))


def _check_unknown(
    sessions: SessionFactory, client: WebClient, send: UnknownSend, now: datetime, report: JobReport
) -> None:
    """Did a digest whose answer never came arrive? Look for it (by its send id, carried in the
    message metadata) in the person's DM with the bot: found → sent; not there a minute later →
    failed, so this run posts it; history unreadable → stays unknown, not posted again."""
    if now - send.since < UNKNOWN_CHECK_AFTER:
        report.unknown.append((send.team_id, send.user_id))
        return
    try:
        channel = str(client.conversations_open(users=send.user_id)["channel"]["id"])
        history = client.conversations_history(
            channel=channel,
            oldest=f"{(send.since - UNKNOWN_LOOKBACK).timestamp():.6f}",
            include_all_metadata=True,
            limit=50,
        )
    except SlackApiError as exc:
        log.warning(
            "digest for %s/%s: outcome unknown and the DM history is unreadable (%s); not "
            "posted again",
            send.team_id,
            send.user_id,
            exc.response.get("error"),
        )
        report.unknown.append((send.team_id, send.user_id))
        return
    found = next(
        (
            message
            for message in history.get("messages") or []
            if (message.get("metadata") or {}).get("event_type") == SEND_EVENT
            and ((message.get("metadata") or {}).get("event_payload") or {}).get("send_id")
            == send.claim.id
        ),
        None,
    )
    with sessions.begin() as session:
        settle_unknown(
            session,
            send.claim,
            found is not None,
            now=now,
            channel=channel if found else None,
            ts=str(found.get("ts")) if found else None,
        )
    if found is not None:
        report.sent.append((send.team_id, send.user_id))
