"""The contact form's submission in one transaction: the person's remembered time zone (the
form's days are theirs), then the new entry — with its follow-up and the thank-you it proposes
when it reads as a win — or the correction of an entry, which only its author or a program
lead may make. What the form says is read by the caller's `plan`, given that time zone."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from storage.celebrations import FROM_CONTACT, propose_win
from storage.contact_fixes import may_change
from storage.contact_log import LoggedContact, NewContact, get_contact, log_contact, update_contact
from storage.db import SessionFactory
from storage.partners.records import get_partner
from storage.workspaces import staff_timezone

__all__ = ["FormPlan", "FormSaved", "save_contact_form"]


@dataclass(frozen=True)
class FormPlan:
    """What to save: the contact (for an edit, its kind, text and moment), the entry to edit
    (None: a new one), the key that saves a view once, and the win it reads as, if any, with
    the local day it happened."""

    contact: NewContact
    edit_id: int | None
    key: str
    win: str | None
    happened_on: date


@dataclass(frozen=True)
class FormSaved:
    """What happened: the new entry, or the partner of the entry edited, or (`refused_by`)
    the author of an entry the sender may not change; `zone`: the sender's time zone name."""

    zone: str | None
    logged: LoggedContact | None = None
    edited_partner: str | None = None
    refused_by: str | None = None


def save_contact_form(
    sessions: SessionFactory,
    team_id: str,
    user_id: str,
    plan: Callable[[str | None], FormPlan | dict[str, str]],
    *,
    now: datetime,
) -> FormSaved | dict[str, str]:
    """Save the form `plan` reads (given the sender's remembered zone), or its errors by field.
    NotFound: the partner or the entry is gone; InvalidInput: a value is refused."""
    with sessions.begin() as session:
        zone_name, _ = staff_timezone(session, team_id, user_id)
        planned = plan(zone_name)
        if isinstance(planned, dict):
            return planned
        new = planned.contact
        partner = get_partner(session, team_id, new.partner_id)
        if planned.edit_id is not None:
            entry = get_contact(session, team_id, planned.edit_id)
            if not may_change(session, team_id, entry, user_id):
                return FormSaved(zone_name, refused_by=entry.user_id)
            update_contact(
                session,
                team_id,
                entry.id,
                kind=new.kind,
                summary=new.summary,
                occurred_at=new.occurred_at,
                by=user_id,
                now=now,
            )
            return FormSaved(zone_name, edited_partner=partner.name)
        logged = log_contact(session, team_id, new, now=now, idempotency_key=planned.key)
        if logged.created and planned.win is not None:
            propose_win(
                session,
                team_id=team_id,
                partner_id=partner.id,
                owner_user_id=user_id,
                headline=f"{partner.name} {planned.win}",
                source=FROM_CONTACT,
                source_id=logged.interaction.id,
                happened_on=planned.happened_on,
                now=now,
            )
        return FormSaved(zone_name, logged=logged)
