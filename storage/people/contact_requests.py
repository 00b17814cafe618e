"""Business contacts, one transaction per request: the contact form's save, the `/partner
contact …` verbs (find the partner and the person, then add, edit or remove), the list, the
card's Edit / Remove menu, and the partner a contact form is opened for."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage.db import SessionFactory
from storage.errors import NotFound
from storage.partners.lookup import resolve_partner, resolve_partner_prefix
from storage.partners.records import get_partner
from storage.people.contacts import (
    ContactFields,
    add_business_contact,
    business_contacts,
    find_business_contact,
    get_business_contact,
    remove_business_contact,
    update_business_contact,
)
from storage.records import ContactPersonView, PartnerView


@dataclass(frozen=True)
class ContactChanges:
    """A contact's details as typed in a command; None: not given (kept when editing)."""

    role: str | None = None
    email: str | None = None
    phone: str | None = None
    is_primary: bool | None = None
    is_decision_maker: bool | None = None

    @property
    def empty(self) -> bool:
        """Nothing but a name was typed."""
        return self == ContactChanges()

    def over(self, name: str, base: ContactPersonView | None = None) -> ContactFields:
        """The fields to save: these changes over `base` (or over nothing)."""

        def pick(typed: str | None, kept: str | None) -> str | None:
            return typed if typed is not None else kept

        def flag(typed: bool | None, kept: bool) -> bool:
            return bool(typed if typed is not None else kept)

        return ContactFields(
            name=name,
            role=pick(self.role, base.role if base else None),
            email=pick(self.email, base.email if base else None),
            phone=pick(self.phone, base.phone if base else None),
            is_primary=flag(self.is_primary, base.is_primary if base else False),
            is_decision_maker=flag(
                self.is_decision_maker, base.is_decision_maker if base else False
            ),
        )


def save_contact_form(
    sessions: SessionFactory,
    team_id: str,
    *,
    contact_id: int | None,
    partner_id: int,
    fields: ContactFields,
    by: str,
    now: datetime,
) -> ContactPersonView:
    """The contact form's save: edit `contact_id`, else add a contact to `partner_id`.
    InvalidInput or NotFound: nothing saved."""
    with sessions.begin() as session:
        if contact_id:
            return update_business_contact(session, team_id, contact_id, fields, by=by, now=now)
        return add_business_contact(session, team_id, partner_id, fields, by=by, now=now)


# What a `/partner contact add|edit|remove` request came to.
NO_PARTNER = "no partner"
NO_NAME = "no name"
NO_CONTACT = "no contact"
ADDED = "added"
SAVED = "saved"
REMOVED = "removed"
FORM = "form"


@dataclass(frozen=True)
class ContactAnswer:
    """What a contact verb did (`kind`), with what its answer shows: the partner (or the
    candidates for the words read as its name), the person named, the contact concerned (or
    the candidates for the name)."""

    kind: str
    partner: PartnerView | None = None
    candidates: tuple[PartnerView, ...] = ()
    words: str = ""
    name: str = ""
    contact: ContactPersonView | None = None
    contacts: tuple[ContactPersonView, ...] = ()


def change_contact_named(
    sessions: SessionFactory,
    team_id: str,
    text: str,
    verb: str,
    changes: ContactChanges,
    *,
    by: str,
    now: datetime,
) -> ContactAnswer:
    """`/partner contact add|edit|remove PARTNER NAME`: find the partner `text` starts with
    and the person, then do `verb` (an edit with no details only finds them, for the form).
    InvalidInput or NotFound: nothing saved."""
    with sessions.begin() as session:
        found, name, words = resolve_partner_prefix(session, team_id, text)
        partner = found.single
        if partner is None:
            return ContactAnswer(NO_PARTNER, candidates=found.candidates, words=words)
        if not name.strip():
            return ContactAnswer(NO_NAME, partner)
        if verb == "add":
            added = add_business_contact(
                session, team_id, partner.id, changes.over(name), by=by, now=now
            )
            return ContactAnswer(ADDED, partner, contact=added)
        known = business_contacts(session, team_id, partner.id)
        target, others = find_business_contact(known, name)
        if target is None:
            return ContactAnswer(NO_CONTACT, partner, name=name, contacts=tuple(others))
        if verb == "remove":
            gone = remove_business_contact(session, team_id, target.id, by=by, now=now)
            return ContactAnswer(REMOVED, partner, contact=gone)
        if changes.empty:
            return ContactAnswer(FORM, partner, contact=target)
        fields = changes.over(target.name, target)
        saved = update_business_contact(session, team_id, target.id, fields, by=by, now=now)
        return ContactAnswer(SAVED, partner, contact=saved)


@dataclass(frozen=True)
class PartnerContacts:
    """`/partner contacts PARTNER`: the partner (None: the candidates) and its contacts."""

    partner: PartnerView | None
    candidates: tuple[PartnerView, ...]
    contacts: tuple[ContactPersonView, ...] = ()


def contacts_named(sessions: SessionFactory, team_id: str, query: str) -> PartnerContacts:
    """The partner `query` names, with its business contacts."""
    with sessions() as session:
        found = resolve_partner(session, team_id, query)
        if found.single is None:
            return PartnerContacts(None, found.candidates)
        contacts = business_contacts(session, team_id, found.single.id)
        return PartnerContacts(found.single, found.candidates, tuple(contacts))


def partner_for_form(sessions: SessionFactory, team_id: str, partner_id: int) -> PartnerView | None:
    """The partner a contact form is opened for (None: it no longer exists)."""
    try:
        with sessions() as session:
            return get_partner(session, team_id, partner_id)
    except NotFound:
        return None


def contact_menu_choice(
    sessions: SessionFactory,
    team_id: str,
    contact_id: int,
    *,
    remove: bool,
    by: str,
    now: datetime,
) -> tuple[ContactPersonView, PartnerView]:
    """A contact's Edit (read it and its partner, for the form) or Remove (read, then remove
    it); raises NotFound."""
    with sessions.begin() as session:
        contact = get_business_contact(session, team_id, contact_id)
        partner = get_partner(session, team_id, contact.partner_id)
        if remove:
            remove_business_contact(session, team_id, contact.id, by=by, now=now)
        return contact, partner
