"""Digests posted without an answer from Slack ("unknown"): were they delivered? Each is looked
for in the person's DM with the bot, by the send id its message metadata carries; found →
sent; not there a minute later → failed, so the run posts it; history unreadable → it stays
unknown and is not posted again blindly."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from handlers.common.metrics import count_send
from handlers.common.posting import SEND_EVENT
from scheduler.workspaces import RunClients
from storage.db import SessionFactory
from storage.send_log import UnknownSend, settle_unknown, unknown_sends

log = logging.getLogger(__name__)

UNKNOWN_CHECK_AFTER = timedelta(minutes=1)
UNKNOWN_LOOKBACK = timedelta(minutes=5)


@dataclass
class Checked:
    """What the checks found: (team, user) pairs still unknown, and those found delivered."""

    unknown: list[tuple[str, str]] = field(default_factory=list)
    sent: list[tuple[str, str]] = field(default_factory=list)


def check_unknowns(
    sessions: SessionFactory, run: RunClients, kind: str, dates: list[date], now: datetime
) -> Checked:
    """Check every unknown send of `kind` on these local dates."""
    checked = Checked()
    with sessions() as session:
        unknown = unknown_sends(session, kind, dates)
    for send in unknown:
        who = (send.team_id, send.user_id)
        client = run.client(send.team_id)
        if client is None:  # uninstalled: left as it is
            checked.unknown.append(who)
            continue
        try:
            arrived = _check(sessions, client, send, kind, now)
        except Exception:  # a failed check leaves it unknown: not posted again
            log.exception("%s for %s/%s: checking failed", kind, *who)
            arrived = None
        if arrived is None:
            checked.unknown.append(who)
        elif arrived:
            checked.sent.append(who)
    return checked


def _check(
    sessions: SessionFactory, client: WebClient, send: UnknownSend, kind: str, now: datetime
) -> bool | None:
    """True: found (recorded sent); False: not there (recorded failed, posted again by this
    run); None: too early to tell, or the history is unreadable (stays unknown)."""
    if now - send.since < UNKNOWN_CHECK_AFTER:
        return None
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
            "%s for %s/%s: outcome unknown and the DM history is unreadable (%s); not posted again",
            kind,
            send.team_id,
            send.user_id,
            exc.response.get("error"),
        )
        return None
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
        count_send(kind, "sent")
    return found is not None
