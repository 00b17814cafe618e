"""Due jobs: each person's morning digest at their local digest time, on school days (Monday
to Friday, but the breaks and holidays of the workspace's school calendar), then the jobs the
features declare in FEATURES (`Feature.jobs`: debriefs, celebration prompts, weekly nudges).

`run_due_jobs(now)` is idempotent: every send is claimed in the send log before it is posted, so
it can run every minute, after downtime, or in two processes at once without sending twice.
Digests are read in batches (a few queries for a batch of people) and posted side by side on a
bounded pool of threads (scheduler/sending.py), as are the features' sends; each post is
recorded in the send log by handlers/common/posting.py."""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from slack_sdk import WebClient

from handlers import FEATURES
from handlers.common.digest_parts import DigestPart
from handlers.common.feature import Feature
from handlers.common.metrics import count_send
from handlers.common.people import ZoneReader
from handlers.common.posting import (
    Message,
    Outcome,
    Pool,
    post_claimed,
    record_failed,
)
from handlers.common.workspaces import Slack
from handlers.digest import Digest, DigestBatch, read_digests, render_digest
from scheduler.sending import DEFAULT_WORKERS, SendPool, in_turn
from scheduler.unknowns import check_unknowns
from scheduler.workspaces import PacedClient, RunClients, Senders, erase_uninstalled, run_clients
from storage.db import SessionFactory
from storage.digest import Recipient, TeamDay, digest_recipients, team_day
from storage.models import SendStatus
from storage.school_year import school_days_off
from storage.send_log import (
    MAX_ATTEMPTS,
    Claim,
    claim_sends,
    finish_send,
    settled_sends,
)

log = logging.getLogger(__name__)

DIGEST = "digest"
WEEKEND = (5, 6)
USERS_INFO = "users.info"
ZONE_FRESH = timedelta(days=1)
"""A zone read from Slack this recently is used as stored (handlers' TimeZones does the same)."""
KEEP_DAYS = 30
"""Days an uninstalled workspace's data is kept (PARTNERBOT_UNINSTALLED_KEEP_DAYS)."""
DIGEST_BATCH = 500
FIRST_BATCH = 25
"""A workspace's first batch: enough to fill its burst while the others' are read."""
"""Recipients claimed and read together: a few queries per batch, and bounded memory."""


_RUNNING = threading.Lock()


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
    # The previous run was still going: this one did nothing (the next one catches up).
    overlapped: bool = False

    def of(self, outcome: Outcome) -> list[tuple[str, str]]:
        """The list a send with this outcome goes in."""
        return {
            Outcome.SENT: self.sent,
            Outcome.FAILED: self.failed,
            Outcome.GIVEN_UP: self.given_up,
            Outcome.UNKNOWN: self.unknown,
        }[outcome]

    def sort(self) -> None:
        """Put each list in order (posts finish in any order)."""
        for people in (self.sent, self.skipped, self.failed, self.given_up, self.unknown):
            people.sort()

    def __str__(self) -> str:
        if self.overlapped:
            return "the previous run is still going: nothing done (the next run catches up)"
        text = (
            f"digests: {len(self.sent)} sent, {len(self.skipped)} empty (not sent), "
            f"{len(self.failed)} failed (retried on a later run)"
        )
        if self.unknown:
            text += (
                f", {len(self.unknown)} with no answer from Slack (not re-sent blindly: looked "
                "for in the DM on a run a minute or more later, and re-sent only if absent)"
            )
        if self.given_up:
            who = ", ".join(f"{team}/{user}" for team, user in self.given_up)
            text += f", {len(self.given_up)} given up after {MAX_ATTEMPTS} attempts ({who})"
        return text


def run_due_jobs(
    sessions: SessionFactory,
    client: WebClient | Senders,
    zones: ZoneReader,
    *,
    now: datetime,
    workers: int = DEFAULT_WORKERS,
    lock: threading.Lock | None = None,
    features: Sequence[Feature] = FEATURES,
    keep_days: int = KEEP_DAYS,
) -> JobReport:
    """Send every digest that is due at `now` (an aware datetime) and not yet sent, then run
    the jobs of `features`, all posting on up to `workers` threads.
    One run at a time per process (`lock`): a run that finds the last one still going does
    nothing and says so, and the next tick picks up whoever is still due
    (due means "at or after their time today", so nobody is skipped).
    Each workspace is sent with its own client (`client`: one for all, or `Senders` for a
    paced client per workspace); uninstalled workspaces get nothing, and their data is erased
    once uninstalled `keep_days`."""
    report = JobReport()
    running = lock or _RUNNING
    if not running.acquire(blocking=False):
        report.overlapped = True
        return report
    try:
        run = run_clients(sessions, client, now)
        with SendPool(workers, name="send", ready=run.ready) as pool:  # waits for every post
            checked = check_unknowns(sessions, run, DIGEST, _nearby(now), now)
            report.unknown += checked.unknown
            report.sent += checked.sent
            parts = [part for feature in features for part in feature.digest_parts]
            send_digests(sessions, run, zones, pool, now=now, report=report, parts=parts)
            # Claimed by each job, posted on the pool beside the digests.
            run_feature_jobs(features, sessions, run, zones, now=now, pool=pool)
        erase_uninstalled(sessions, now, keep_days)
    finally:
        running.release()
    report.sort()
    return report


def run_feature_jobs(
    features: Sequence[Feature],
    sessions: SessionFactory,
    client: Slack,
    zones: ZoneReader,
    *,
    now: datetime,
    pool: Pool,
) -> None:
    """Run every job `features` declare, in their order, posting on `pool`. A job that raises
    is logged and the next one runs (each job also keeps one send's failure from the others)."""
    for feature in features:
        for job in feature.jobs:
            try:
                job(sessions, client, zones, now=now, pool=pool)
            except Exception:
                name = getattr(job, "__name__", repr(job))
                log.exception("%s: scheduled job %s failed", feature.name, name)


def _nearby(now: datetime) -> list[date]:
    utc_day = now.date()
    return [utc_day - timedelta(days=1), utc_day, utc_day + timedelta(days=1)]


def send_digests(
    sessions: SessionFactory,
    run: RunClients,
    zones: ZoneReader,
    pool: SendPool,
    *,
    now: datetime,
    report: JobReport,
    parts: Sequence[DigestPart[Any]],
) -> None:
    """Find whose digest is due, then per workspace and local date, in batches: claim them,
    read every digest of the batch in a few queries (each of `parts` once), and hand the posts
    to `pool`."""
    nearby = _nearby(now)
    with sessions() as session:
        recipients = digest_recipients(session)
        done = settled_sends(session, DIGEST, nearby)
        days_off = school_days_off(session, nearby)  # breaks and holidays: no digests
    due: dict[tuple[str, date], list[str]] = {}
    for who in recipients:
        client = run.client(who.team_id)
        if client is None:  # uninstalled, or its token stopped working: nothing is sent
            continue
        try:
            today = _digest_day(client, zones, who, now, done, days_off)
        except Exception:  # one person's failure must not stop everyone else's digest
            log.exception("digest for %s/%s failed", who.team_id, who.user_id)
            report.failed.append((who.team_id, who.user_id))
            continue
        if today is not None:
            due.setdefault((who.team_id, today), []).append(who.user_id)
    shared: dict[tuple[str, date], list[TeamDay]] = {}  # read with a day's first batch
    for (team_id, today), batch in in_turn(due, FIRST_BATCH, DIGEST_BATCH):
        client = run.client(team_id)
        if client is None:
            continue
        day = shared.setdefault((team_id, today), [])
        _digest_batch(sessions, client, pool, team_id, today, batch, now, report, day, parts)


def _digest_day(
    client: WebClient,
    zones: ZoneReader,
    who: Recipient,
    now: datetime,
    done: set[tuple[str, str, date]],
    days_off: set[tuple[str, date]],
) -> date | None:
    """The local date whose digest is due for `who` at `now`, or None (not yet, weekend, day
    off, already settled)."""
    local = now.astimezone(_zone(client, zones, who, now))
    if local.weekday() in WEEKEND or local.time() < who.digest_time:
        return None
    today = local.date()
    if (who.team_id, who.user_id, today) in done or (who.team_id, today) in days_off:
        return None
    return today


def _zone(client: WebClient, zones: ZoneReader, who: Recipient, now: datetime) -> ZoneInfo:
    """The recipient's zone as stored when Slack was asked recently (as the zone reader would
    answer, without a query per person), or when asking Slack now would have to wait for the
    workspace's pace (it is asked on a later run; every other digest goes on); else the zone
    reader's answer."""
    checked = who.timezone_checked_at
    busy = isinstance(client, PacedClient) and client.pacer.delay(who.team_id, USERS_INFO) > 0
    if who.timezone and checked is not None and (busy or now - checked < ZONE_FRESH):
        try:
            return ZoneInfo(who.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return zones.of(client, who.team_id, who.user_id)


def _digest_batch(
    sessions: SessionFactory,
    client: WebClient,
    pool: SendPool,
    team_id: str,
    today: date,
    users: list[str],
    now: datetime,
    report: JobReport,
    shared: list[TeamDay],
    parts: Sequence[DigestPart[Any]],
) -> None:
    try:
        with sessions.begin() as session:  # one commit for the batch, before any post
            claims = claim_sends(session, team_id, users, DIGEST, today, now=now)
    except Exception:  # nothing claimed: the next tick tries them again
        log.exception("digests for %s on %s: claiming failed", team_id, today)
        report.failed.extend((team_id, user_id) for user_id in users)
        return
    if not claims:
        return
    try:
        with sessions.begin() as session:  # it records the expiry reminders it holds
            if not shared:
                shared.append(team_day(session, team_id, local_date=today, now=now))
            batch = DigestBatch(team_id, list(claims), today, now, shared[0])
            digests = read_digests(session, parts, batch)
    except Exception:
        log.exception("digests for %s on %s: reading them failed", team_id, today)
        with sessions.begin() as session:
            for claim in claims.values():
                finish_send(session, claim, SendStatus.FAILED, now=now, error="reading failed")
        report.failed.extend((team_id, user_id) for user_id in claims)
        return
    empty = [user_id for user_id, digest in digests.items() if digest.empty]
    if empty:
        with sessions.begin() as session:
            for user_id in empty:
                finish_send(session, claims[user_id], SendStatus.SKIPPED, now=now)
        report.skipped.extend((team_id, user_id) for user_id in empty)
    for user_id, digest in digests.items():
        if not digest.empty:
            pool.submit(
                partial(_post_digest, sessions, client, digest, claims[user_id], now, report),
                what=f"digest for {team_id}/{user_id}",
                lane=team_id,
            )


def _post_digest(
    sessions: SessionFactory,
    client: WebClient,
    digest: Digest,
    claim: Claim,
    now: datetime,
    report: JobReport,
) -> None:
    who = (digest.team_id, digest.user_id)
    what = f"digest for {digest.team_id}/{digest.user_id}"
    try:
        text, blocks = render_digest(digest)
    except Exception:  # nothing reached Slack: failed, retried on a later run
        log.exception("%s: rendering failed", what)
        outcome = record_failed(sessions, claim, what, "rendering failed", now=now)
        count_send(DIGEST, outcome.value)
    else:
        message = Message(
            digest.user_id,
            text,
            blocks,
            what,
            tagged=True,
            unknown_note="; checked before any new post",
            kind=DIGEST,
        )
        outcome = post_claimed(sessions, client, claim, message, now=now)
    report.of(outcome).append(who)
