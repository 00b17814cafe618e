"""Fixing the contact log later: undo an entry (from its confirmation, a history page, or
`/contact undo` for the person's last one) in one transaction each — only its author or a
program lead may — and one page of a partner's history, each entry with its own buttons.
Every undo is kept in the partner's history, with who and when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.celebrations import FROM_CONTACT, withdraw_win
from storage.contact_history import contact_history
from storage.contact_log import LOG, get_contact, undo_contact
from storage.db import SessionFactory
from storage.errors import NotFound
from storage.models import FollowUp, FollowUpStatus, Interaction
from storage.partners.records import get_partner
from storage.people.history import record_change
from storage.people.members import is_known_lead
from storage.records import InteractionView, PartnerView

__all__ = ["HistoryPage", "Undo", "UndoResult", "history_page", "undo_entry"]


class Undo(Enum):
    """What asking to undo an entry came to."""

    DONE = "done"
    NOT_YOURS = "not_yours"  # someone else's entry, and the person is not a lead
    GONE = "gone"  # no such live entry (undone already, or never there)
    NOTHING = "nothing"  # `/contact undo`: the person has no live entry


@dataclass(frozen=True)
class UndoResult:
    """The outcome; `entry`: the entry (as it was) when there was one; `follow_up_removed`:
    whether its open follow-up was cancelled with it."""

    outcome: Undo
    entry: InteractionView | None = None
    follow_up_removed: bool = False


@dataclass(frozen=True)
class HistoryPage:
    """One page of a partner's contact log, newest first, how many entries in all, and where
    the page starts."""

    partner: PartnerView
    entries: list[InteractionView]
    total: int
    offset: int = 0


def may_change(session: Session, team_id: str, entry: InteractionView, user_id: str) -> bool:
    """Only who logged a contact, or a program lead, may undo or edit it."""
    return entry.user_id == user_id or is_known_lead(session, team_id, user_id)


def _last_of(session: Session, team_id: str, user_id: str) -> int | None:
    return session.scalar(
        select(Interaction.id)
        .where(
            Interaction.team_id == team_id,
            Interaction.user_id == user_id,
            Interaction.deleted_at.is_(None),
        )
        .order_by(Interaction.created_at.desc(), Interaction.id.desc())
        .limit(1)
    )


def _open_follow_up(session: Session, team_id: str, entry_id: int) -> bool:
    found = session.scalar(
        select(FollowUp.id)
        .where(
            FollowUp.team_id == team_id,
            FollowUp.interaction_id == entry_id,
            FollowUp.status == FollowUpStatus.OPEN,
        )
        .limit(1)
    )
    return found is not None


def undo_entry(
    sessions: SessionFactory, team_id: str, entry_id: int | None, *, by: str, now: datetime
) -> UndoResult:
    """Undo entry `entry_id` (None: `by`'s last logged entry) and its open follow-up, withdraw
    the thank-you it proposed, and keep the change in the partner's history."""
    with sessions.begin() as session:
        wanted = _last_of(session, team_id, by) if entry_id is None else entry_id
        if wanted is None:
            return UndoResult(Undo.NOTHING)
        try:
            entry = get_contact(session, team_id, wanted)
        except NotFound:
            return UndoResult(Undo.GONE)
        if not may_change(session, team_id, entry, by):
            return UndoResult(Undo.NOT_YOURS, entry)
        had_follow_up = _open_follow_up(session, team_id, entry.id)
        undo_contact(session, team_id, entry.id, by=by, now=now)
        withdraw_win(session, team_id=team_id, source=FROM_CONTACT, source_id=entry.id)
        also = " and its follow-up" if had_follow_up else ""
        record_change(
            session,
            team_id,
            entry.partner_id,
            LOG,
            f"undid the {entry.kind.value} of {entry.occurred_at:%b %-d, %Y}{also}",
            by=by,
            now=now,
        )
        return UndoResult(Undo.DONE, entry, had_follow_up)


def history_page(
    sessions: SessionFactory, team_id: str, partner_id: int, *, offset: int, limit: int
) -> HistoryPage:
    """One page of the partner's contact log (NotFound: no such partner); the page before when
    this one is now empty (its last entry was just undone)."""
    with sessions() as session:
        partner = get_partner(session, team_id, partner_id)
        entries, total = contact_history(session, team_id, partner.id, offset=offset, limit=limit)
        if offset and not entries:
            offset = max(0, min(offset, total) - limit)
            entries, total = contact_history(
                session, team_id, partner.id, offset=offset, limit=limit
            )
    return HistoryPage(partner, entries, total, offset)
