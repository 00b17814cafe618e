"""One claimed send, posted and recorded — the same for every scheduled sender (the
scheduler's digests, the jobs features declare: debriefs, celebration prompts, weekly nudges).

Each send is claimed in the send log (storage/send_log.py) before it comes here, so whatever
runs it — at once, or on a `Pool` thread — it goes out at most once. After the post:
Slack's answer → SENT, with where it went (and the sender's own record, in the same
transaction); refused by Slack or no connection → FAILED (nothing was posted: a later tick
claims it again, up to MAX_ATTEMPTS); any other error → UNKNOWN (it may have arrived: never
posted again blindly)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from typing import Generic, Protocol, TypeVar
from urllib.error import URLError

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy.orm import Session

from handlers.common.blocks import Blocks
from handlers.common.metrics import count_send
from storage.db import SessionFactory
from storage.models import SendStatus
from storage.send_log import MAX_ATTEMPTS, Claim, finish_send

log = logging.getLogger(__name__)

K = TypeVar("K")

SEND_EVENT = "partnerbot_send"
"""Message metadata event type: the send id a post belongs to, to find it again."""


class Outcome(Enum):
    """How one claimed send ended."""

    SENT = "sent"
    FAILED = "failed"
    """Nothing was posted; a later tick tries again."""
    GIVEN_UP = "given up"
    """Failed for the last allowed time (MAX_ATTEMPTS): never tried again; someone should look."""
    UNKNOWN = "unknown"
    """Posted without an answer from Slack: it may have arrived; never posted again blindly."""


class Pool(Protocol):
    """Runs send jobs side by side (the scheduler's `SendPool` is one)."""

    def submit(self, job: Callable[[], None], *, what: str = ..., lane: str = ...) -> None:
        """Queue `job` in `lane` (its workspace, paced on its own); `what` names it in the
        log."""
        ...


@dataclass
class Outcomes(Generic[K]):
    """What one run of a sender did: its sends (ids, workspaces...) by outcome."""

    sent: list[K] = field(default_factory=list)
    failed: list[K] = field(default_factory=list)
    unknown: list[K] = field(default_factory=list)

    def of(self, outcome: Outcome) -> list[K]:
        """The list a send with this outcome goes in (given up counts as failed)."""
        if outcome is Outcome.SENT:
            return self.sent
        return self.unknown if outcome is Outcome.UNKNOWN else self.failed


@dataclass(frozen=True)
class Message:
    """What to post where; `what` names the send in the log ("digest for T1/U1")."""

    channel: str
    text: str
    blocks: Blocks
    what: str
    tagged: bool = False
    """Carry the send id in the message metadata (SEND_EVENT), so a check can find it."""
    unknown_note: str = ""
    """Added to the log line of a post whose answer never came."""
    kind: str = "other"
    """What is sent (digest, debrief, prompt, nudge), as the metrics count it."""


def post_claimed(
    sessions: SessionFactory,
    client: WebClient,
    claim: Claim,
    message: Message,
    *,
    now: datetime,
    after_sent: Callable[[Session], None] | None = None,
) -> Outcome:
    """Post `message` under `claim` and record how it ended (in the send log and the metrics);
    `after_sent` runs in the same transaction as the SENT record. Raises only when the send log
    cannot be written."""
    outcome = _post_claimed(sessions, client, claim, message, now=now, after_sent=after_sent)
    count_send(message.kind, outcome.value)
    return outcome


def _post_claimed(
    sessions: SessionFactory,
    client: WebClient,
    claim: Claim,
    message: Message,
    *,
    now: datetime,
    after_sent: Callable[[Session], None] | None,
) -> Outcome:
    metadata = {"event_type": SEND_EVENT, "event_payload": {"send_id": claim.id}}
    try:
        response = client.chat_postMessage(
            channel=message.channel,
            text=message.text,
            blocks=message.blocks,
            metadata=metadata if message.tagged else None,
        )
    except (SlackApiError, URLError) as exc:  # nothing reached Slack: a later tick tries again
        if isinstance(exc, SlackApiError):
            error = str(exc.response.get("error") or exc.response.status_code)
            log.warning("%s not sent (%s)", message.what, error)
        else:
            error = type(exc).__name__
            log.warning("%s not sent (%s)", message.what, exc)
        return record_failed(sessions, claim, message.what, error, now=now)
    except Exception as exc:  # sent, but no answer (a timeout): it may have arrived
        with sessions.begin() as session:
            finish_send(session, claim, SendStatus.UNKNOWN, now=now, error=type(exc).__name__)
        log.warning(
            "%s: no answer from Slack (%s)%s",
            message.what,
            type(exc).__name__,
            message.unknown_note,
        )
        return Outcome.UNKNOWN
    with sessions.begin() as session:
        finish_send(
            session,
            claim,
            SendStatus.SENT,
            now=now,
            channel=response.get("channel"),
            ts=response.get("ts"),
        )
        if after_sent is not None:
            after_sent(session)
    return Outcome.SENT


def record_failed(
    sessions: SessionFactory, claim: Claim, what: str, error: str, *, now: datetime
) -> Outcome:
    """Record that nothing was posted under `claim`: FAILED, or GIVEN_UP on its last attempt."""
    with sessions.begin() as session:
        finish_send(session, claim, SendStatus.FAILED, now=now, error=error)
    if claim.attempt < MAX_ATTEMPTS:
        return Outcome.FAILED
    log.error("%s given up after %d attempts (last error: %s)", what, claim.attempt, error)
    return Outcome.GIVEN_UP


def send_claimed(
    sessions: SessionFactory,
    client: WebClient,
    claim: Claim,
    message: Message,
    *,
    now: datetime,
    filed: Callable[[Outcome], None],
    after_sent: Callable[[Session], None] | None = None,
    pool: Pool | None = None,
    lane: str = "",
) -> None:
    """`post_claimed`, then hand the outcome to `filed` (the caller's report): on `pool`, so a
    slow or rate-limited post holds up nobody else, or at once without one. An error writing
    the send log is logged and filed as FAILED (the claim stays pending until it is stale).
    `lane` is the workspace, so each is paced on its own."""

    def job() -> None:
        try:
            outcome = post_claimed(sessions, client, claim, message, now=now, after_sent=after_sent)
        except Exception:
            log.exception("%s failed", message.what)
            outcome = Outcome.FAILED
            count_send(message.kind, outcome.value)
        filed(outcome)

    if pool is None:
        job()
    else:
        pool.submit(job, what=message.what, lane=lane)
