"""Who looks after a partner, one transaction per request: assigning the owner and backup
(with the lead check when someone else holds it), a partner's history, the partners that need
a new owner, and the people on a partner's card."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from storage.db import SessionFactory
from storage.errors import NotFound
from storage.partners.lookup import resolve_partner
from storage.partners.records import assign_owner, get_partner
from storage.people.backups import set_backup
from storage.people.contacts import business_contacts
from storage.people.handoff import PartnerBrief, partner_briefs
from storage.people.history import HistoryEntry, partner_history
from storage.people.leads import check_lead
from storage.people.members import deactivated_users, needs_new_owner
from storage.records import ContactPersonView, PartnerView


@dataclass(frozen=True)
class PartnerFound:
    """The partner a request names (None: gone, or the candidates for a typed name)."""

    partner: PartnerView | None
    candidates: tuple[PartnerView, ...] = ()


def _find(
    session: Session,
    team_id: str,
    query: str | None,
    partner_id: int | None,
    *,
    archived: bool = False,
) -> PartnerFound:
    if query is not None:
        found = resolve_partner(session, team_id, query, include_archived=archived)
        return PartnerFound(found.single, found.candidates)
    try:
        return PartnerFound(get_partner(session, team_id, int(partner_id or 0)))
    except NotFound:
        return PartnerFound(None)


def find_partner(
    sessions: SessionFactory, team_id: str, *, query: str | None = None, partner_id: int = 0
) -> PartnerFound:
    """The partner typed (`query`) or pressed (`partner_id`), for a request refused before
    it changes anything."""
    with sessions() as session:
        return _find(session, team_id, query, partner_id)


@dataclass(frozen=True)
class Assignment:
    """What an assign came to: the partner before and after (None: not found, see `found`),
    whether the asker may change it (else the named leads, for the refusal), and the new
    owner's briefing."""

    found: PartnerFound
    allowed: bool = True
    leads: tuple[str, ...] = ()
    after: PartnerView | None = None
    briefs: tuple[PartnerBrief, ...] = ()


def assign_partner(
    sessions: SessionFactory,
    team_id: str,
    *,
    query: str | None = None,
    partner_id: int = 0,
    owner: str | None,
    backup: str | None,
    by: str,
    slack_admin: bool | None,
    now: datetime,
    tz: ZoneInfo | None,
) -> Assignment:
    """Change the owner (their predecessor's open follow-ups on it go along, due in `tz`)
    and/or the backup ("" removes it), when `by` holds the partner, nobody does, or `by` is a
    lead. InvalidInput or NotFound: nothing changed."""
    with sessions.begin() as session:
        found = _find(session, team_id, query, partner_id)
        partner = found.partner
        if partner is None:
            return Assignment(found)
        holder = partner.owner_user_id
        if holder and holder != by:
            check = check_lead(session, team_id, by, slack_admin=slack_admin, now=now)
            if not check.is_lead:
                return Assignment(found, allowed=False, leads=check.leads)
        changed = partner
        if owner is not None and owner != partner.owner_user_id:
            changed = assign_owner(session, team_id, partner.id, owner, by=by, now=now, tz=tz)
            if changed.backup_user_id == owner:
                changed = set_backup(session, team_id, partner.id, None, by=by, now=now)
        if backup is not None:
            changed = set_backup(session, team_id, partner.id, backup or None, by=by, now=now)
        briefs = partner_briefs(session, team_id, [partner.id], changed.owner_user_id or "")
        return Assignment(found, after=changed, briefs=tuple(briefs))


@dataclass(frozen=True)
class PartnerHistory:
    """A partner's history: its newest entries and how many there are in all."""

    found: PartnerFound
    entries: tuple[HistoryEntry, ...] = ()
    total: int = 0


def history_of(
    sessions: SessionFactory, team_id: str, *, query: str | None = None, partner_id: int = 0
) -> PartnerHistory:
    """`/partner history PARTNER` (archived ones too) or the History button."""
    with sessions() as session:
        found = _find(session, team_id, query, partner_id, archived=True)
        if found.partner is None:
            return PartnerHistory(found)
        entries, total = partner_history(session, team_id, found.partner.id)
        return PartnerHistory(found, tuple(entries), total)


def unowned(sessions: SessionFactory, team_id: str) -> tuple[list[PartnerView], set[str]]:
    """`/partner list unowned`: partners that need a new owner, and which owners left."""
    with sessions() as session:
        partners = needs_new_owner(session, team_id)
        owners = [p.owner_user_id for p in partners if p.owner_user_id]
        return partners, deactivated_users(session, team_id, owners)


@dataclass(frozen=True)
class CardPeople:
    """The people on a partner's card: the partner, its business contacts, and which of its
    owner and backup left."""

    partner: PartnerView
    contacts: tuple[ContactPersonView, ...]
    gone: frozenset[str]


def read_card_people(session: Session, team_id: str, partner_id: int) -> CardPeople | None:
    """The card's people, in the caller's session (None: no such partner)."""
    try:
        partner = get_partner(session, team_id, partner_id)
    except NotFound:
        return None
    contacts = business_contacts(session, team_id, partner_id)
    people = [p for p in (partner.owner_user_id, partner.backup_user_id) if p]
    gone = deactivated_users(session, team_id, people)
    return CardPeople(partner, tuple(contacts), frozenset(gone))


def card_people(sessions: SessionFactory, team_id: str, partner_id: int) -> CardPeople | None:
    """The card's people, in one read."""
    with sessions() as session:
        return read_card_people(session, team_id, partner_id)
