"""What the contact log's other requests do, each in one transaction (the one for a typed line
is storage.contact_line.log_line): the partner a button or a shared message names, the picker's
options, restoring or adding a partner before logging, "Mark follow-up done" on a
confirmation, opening an entry to edit, a confirmation after the form, a history by name, and
claiming a direct message once."""

from __future__ import annotations

from datetime import datetime

from storage.contact_fixes import HistoryPage, may_change
from storage.contact_history import contact_history
from storage.contact_line import Confirmation, confirmation_facts
from storage.contact_log import LoggedContact, get_contact, logged_contact
from storage.db import SessionFactory
from storage.errors import NotFound
from storage.follow_up_fixes import reopen_follow_up
from storage.follow_ups import Outcome, complete_follow_up
from storage.partners.lookup import resolve_partner_prefix
from storage.partners.mentions import find_mentions
from storage.partners.records import (
    DuplicatePartner,
    PartnerFields,
    add_partner,
    get_partner,
    list_partners,
    set_archived,
)
from storage.partners.search import find_partners
from storage.people.members import claim_event
from storage.records import InteractionView, PartnerView
from storage.workspaces import ensure_workspace


def partner_or_none(sessions: SessionFactory, team_id: str, partner_id: int) -> PartnerView | None:
    """The partner a button names (None: gone, or never there)."""
    with sessions() as session:
        try:
            return get_partner(session, team_id, partner_id)
        except NotFound:
            return None


def active_partner_in(sessions: SessionFactory, team_id: str, text: str) -> PartnerView | None:
    """The active partner a message names best, if any."""
    with sessions() as session:
        named = find_mentions(session, team_id, text).best
    return named.partner if named is not None and not named.partner.archived else None


def partner_choices(sessions: SessionFactory, team_id: str, typed: str) -> list[PartnerView]:
    """The partner picker's options for what was typed (the first partners when nothing)."""
    with sessions() as session:
        if typed:
            return list(find_partners(session, team_id, typed, limit=25))
        return list(list_partners(session, team_id, limit=25))


def restore_partner(
    sessions: SessionFactory, team_id: str, partner_id: int, *, now: datetime
) -> PartnerView:
    """Restore an archived partner (NotFound: gone)."""
    with sessions.begin() as session:
        return set_archived(session, team_id, partner_id, False, now=now)


def add_partner_named(
    sessions: SessionFactory, team_id: str, name: str, *, by: str, now: datetime
) -> PartnerView:
    """Add a partner owned by `by` (the one already so named, when it exists); InvalidInput
    when the name is not acceptable."""
    try:
        with sessions.begin() as session:
            return add_partner(
                session,
                team_id,
                PartnerFields(name=name),
                now=now,
                created_by=by,
                owner_user_id=by,
            )
    except DuplicatePartner as exc:
        return exc.existing


def close_loop(
    sessions: SessionFactory,
    team_id: str,
    user_id: str,
    follow_up_id: int,
    entry_id: int,
    *,
    since: datetime | None,
    now: datetime,
) -> tuple[Outcome, Confirmation]:
    """ "Mark follow-up done" on a confirmation: the follow-up done, and the confirmation of
    the entry again (NotFound: either is gone)."""
    with sessions.begin() as session:
        done = complete_follow_up(session, team_id, follow_up_id, by=user_id, now=now)
        logged = logged_contact(session, team_id, entry_id)
        facts = confirmation_facts(session, team_id, user_id, logged, since=since, closed=True)
        return done, facts


def reopen_loop(
    sessions: SessionFactory,
    team_id: str,
    user_id: str,
    follow_up_id: int,
    entry_id: int,
    *,
    since: datetime | None,
    now: datetime,
) -> tuple[Outcome, Confirmation]:
    """Reopen on a confirmation's "Marked done" line: the follow-up open again, and the
    confirmation of the entry again, offering to close it (NotFound; NotAllowed)."""
    with sessions.begin() as session:
        reopened = reopen_follow_up(session, team_id, follow_up_id, by=user_id, now=now)
        logged = logged_contact(session, team_id, entry_id)
        facts = confirmation_facts(session, team_id, user_id, logged, since=since)
        return reopened, facts


def entry_to_edit(
    sessions: SessionFactory, team_id: str, entry_id: int, user_id: str
) -> tuple[InteractionView, PartnerView, bool]:
    """A live entry, its partner, and whether `user_id` may change it (NotFound: gone)."""
    with sessions() as session:
        entry = get_contact(session, team_id, entry_id)
        partner = get_partner(session, team_id, entry.partner_id)
        return entry, partner, may_change(session, team_id, entry, user_id)


def confirmation_of(
    sessions: SessionFactory,
    team_id: str,
    user_id: str,
    logged: LoggedContact,
    *,
    since: datetime | None,
) -> Confirmation:
    """What the confirmation of an entry saved by an earlier transaction shows."""
    with sessions() as session:
        return confirmation_facts(session, team_id, user_id, logged, since=since)


def history_named(
    sessions: SessionFactory, team_id: str, query: str, *, offset: int, limit: int
) -> HistoryPage | None:
    """One page of the history of the one partner `query` names (None: not exactly one)."""
    with sessions() as session:
        found, _, _ = resolve_partner_prefix(session, team_id, query)
        partner = found.single
        if partner is None:
            return None
        entries, total = contact_history(session, team_id, partner.id, offset=offset, limit=limit)
        return HistoryPage(partner, entries, total)


def claim_message(sessions: SessionFactory, team_id: str, event_id: str, *, now: datetime) -> bool:
    """Whether this direct message is read for the first time (False: a retry of one read)."""
    with sessions.begin() as session:
        ensure_workspace(session, team_id, now)
        return claim_event(session, team_id, event_id, "dm", now=now)
