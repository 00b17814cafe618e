"""A logged contact that reads as a win ("hosted 12 students for a job shadow") proposes a
thank-you prompt, in the transaction that saved it (undoing the contact
withdraws it: storage.contact_fixes)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from handlers.celebrations.sections import propose_contact_win
from storage.contact_log import LoggedContact
from storage.records import InteractionView


def on_day(entry: InteractionView, tz: ZoneInfo) -> date:
    """The local day a contact happened."""
    return entry.occurred_at.astimezone(tz).date()


def propose_if_win(
    session: Session, team_id: str, logged: LoggedContact, tz: ZoneInfo, now: datetime
) -> None:
    """Propose a thank-you to whoever logged a new contact that reads as a win."""
    if not logged.created:
        return
    entry = logged.interaction
    propose_contact_win(
        session,
        team_id=team_id,
        partner_id=entry.partner_id,
        partner_name=entry.partner_name,
        owner_user_id=entry.user_id,
        interaction_id=entry.id,
        summary=entry.summary,
        happened_on=on_day(entry, tz),
        now=now,
    )
