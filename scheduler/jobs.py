"""Due jobs: each person's morning digest at their local digest time, on school days (Monday
to Friday, but the breaks and holidays of the workspace's school calendar).

`run_due_jobs(now)` is idempotent: every send is claimed in the send log before it is posted, so
it can run every minute, after downtime, or in two processes at once without sending twice."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from handlers.digest.render import render_digest
from storage.db import SessionFactory
from storage.digest import Recipient, build_digest, digest_recipients
from storage.models import SendStatus
from storage.school_year import school_days_off
from storage.send_log import MAX_ATTEMPTS, claim_send, finish_send, settled_sends

log = logging.getLogger(__name__)

DIGEST = "digest"
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

    def __str__(self) -> str:
        text = (
            f"digests: {len(self.sent)} sent, {len(self.skipped)} empty (not sent), "
            f"{len(self.failed)} failed (retried on a later run)"
        )
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
        recipients = digest_recipients(session)
        done = settled_sends(session, DIGEST, nearby)
        days_off = school_days_off(session, nearby)  # breaks and holidays: no digests
    for recipient in recipients:
        try:
            _digest_for(sessions, client, zones, recipient, now, done, days_off, report)
        except Exception:  # one person's failure must not stop everyone else's digest
            log.exception("digest for %s/%s failed", recipient.team_id, recipient.user_id)
            report.failed.append((recipient.team_id, recipient.user_id))
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
        response = client.chat_postMessage(channel=who.user_id, text=text, blocks=blocks)
    except Exception as exc:  # one person's failure must not stop everyone else's digest
        if isinstance(exc, SlackApiError):
            error = str(exc.response.get("error") or exc.response.status_code)
            log.warning("digest for %s/%s not sent (%s)", who.team_id, who.user_id, error)
        else:
            error = type(exc).__name__
            log.exception("digest for %s/%s failed", who.team_id, who.user_id)
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
