"""Business contacts: the people on a partner's side — add, edit, remove (kept in the partner's
history), at most one primary per partner, and which of them a contact-log entry names."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from storage.errors import InvalidInput, NotFound
from storage.models import BusinessContact, Interaction, Partner
from storage.people.history import CONTACT, record_change
from storage.records import ContactPersonView
from storage.workspaces import ensure_workspace

MAX_CONTACTS = 50
_EMAIL = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$"
)
_PHONE = re.compile(r"^\+?[\d\s().-]{7,25}(?:\s*(?:x|ext\.?)\s*\d{1,6})?$", re.IGNORECASE)
EMAIL_EXAMPLE = "jane@acme.org"
PHONE_EXAMPLE = "555-0100 or +1 (312) 555-0100"


@dataclass(frozen=True)
class ContactFields:
    """A business contact as typed (validated on save)."""

    name: str
    role: str | None = None
    email: str | None = None
    phone: str | None = None
    is_primary: bool = False
    is_decision_maker: bool = False


def valid_email(value: str | None) -> str | None:
    """The email, or None when empty; InvalidInput saying what is wrong otherwise."""
    value = (value or "").strip()
    if not value:
        return None
    if "@" not in value:
        raise InvalidInput(
            "email", f"“{value[:100]}” has no @ — write an email like {EMAIL_EXAMPLE}."
        )
    if len(value) > 320 or not _EMAIL.match(value):
        raise InvalidInput(
            "email", f"“{value[:100]}” is not an email address — write it like {EMAIL_EXAMPLE}."
        )
    return value


def valid_phone(value: str | None) -> str | None:
    """The phone number, or None when empty; InvalidInput saying what is wrong otherwise."""
    value = " ".join((value or "").split())
    if not value:
        return None
    digits = sum(ch.isdigit() for ch in value.split("x")[0].split("ext")[0])
    if not _PHONE.match(value) or not 7 <= digits <= 15:
        raise InvalidInput(
            "phone",
            f"“{value[:100]}” is not a phone number — write 7 to 15 digits, like {PHONE_EXAMPLE}.",
        )
    return value


def tel_uri(phone: str) -> str:
    """The digits of a phone number for a tel: link (+ kept, extension dropped)."""
    main = re.split(r"(?i)\s*(?:x|ext\.?)\s*\d", phone)[0]
    return ("+" if main.strip().startswith("+") else "") + "".join(c for c in main if c.isdigit())


def _clean(fields: ContactFields) -> ContactFields:
    name = " ".join(fields.name.split())
    if not name or not any(ch.isalpha() for ch in name):
        raise InvalidInput("name", "A business contact needs a name, like Jane Ortiz.")
    if len(name) > 200:
        raise InvalidInput("name", "A name can be at most 200 characters.")
    role = " ".join((fields.role or "").split()) or None
    if role is not None and len(role) > 200:
        raise InvalidInput("role", "A role can be at most 200 characters.")
    return ContactFields(
        name=name,
        role=role,
        email=valid_email(fields.email),
        phone=valid_phone(fields.phone),
        is_primary=fields.is_primary,
        is_decision_maker=fields.is_decision_maker,
    )


def _partner(session: Session, team_id: str, partner_id: int, *, lock: bool = False) -> Partner:
    stmt = select(Partner).where(Partner.id == partner_id, Partner.team_id == team_id)
    partner = session.scalars(stmt.with_for_update() if lock else stmt).first()
    if partner is None:
        raise NotFound(f"partner {partner_id}")
    return partner


def _row(session: Session, team_id: str, contact_id: int) -> BusinessContact:
    row = session.get(BusinessContact, contact_id)
    if row is None or row.team_id != team_id:
        raise NotFound(f"business contact {contact_id}")
    return row


def _flags(c: ContactFields) -> str:
    flags = [
        f for f, on in (("primary", c.is_primary), ("decision-maker", c.is_decision_maker)) if on
    ]
    return f" ({', '.join(flags)})" if flags else ""


def _only_primary(session: Session, partner_id: int, keep: int) -> None:
    session.execute(
        update(BusinessContact)
        .where(BusinessContact.partner_id == partner_id, BusinessContact.id != keep)
        .values(is_primary=False)
        .execution_options(synchronize_session="fetch")
    )


def add_business_contact(
    session: Session,
    team_id: str,
    partner_id: int,
    fields: ContactFields,
    *,
    by: str | None,
    now: datetime,
) -> ContactPersonView:
    """Add a person on the partner's side; a primary one makes the others not primary."""
    wanted = _clean(fields)
    partner = _partner(session, team_id, partner_id, lock=True)
    existing = session.scalars(
        select(BusinessContact).where(BusinessContact.partner_id == partner.id)
    ).all()
    if any(c.name.casefold() == wanted.name.casefold() for c in existing):
        raise InvalidInput("name", f"{wanted.name} is already a contact at {partner.name}.")
    if len(existing) >= MAX_CONTACTS:
        raise InvalidInput("name", f"A partner can have at most {MAX_CONTACTS} contacts.")
    ensure_workspace(session, team_id, now)
    row = BusinessContact(
        team_id=team_id,
        partner_id=partner.id,
        name=wanted.name,
        role=wanted.role,
        email=wanted.email,
        phone=wanted.phone,
        is_primary=wanted.is_primary,
        is_decision_maker=wanted.is_decision_maker,
        created_at=now,
    )
    session.add(row)
    session.flush()
    if wanted.is_primary:
        _only_primary(session, partner.id, row.id)
    record_change(
        session,
        team_id,
        partner.id,
        CONTACT,
        f"added {wanted.name}{_flags(wanted)}",
        by=by,
        now=now,
    )
    session.flush()
    return ContactPersonView.of(row)


def update_business_contact(
    session: Session,
    team_id: str,
    contact_id: int,
    fields: ContactFields,
    *,
    by: str | None,
    now: datetime,
) -> ContactPersonView:
    """Replace a business contact's details."""
    wanted = _clean(fields)
    row = _row(session, team_id, contact_id)
    _partner(session, team_id, row.partner_id, lock=True)
    clash = session.scalars(
        select(BusinessContact).where(
            BusinessContact.partner_id == row.partner_id, BusinessContact.id != row.id
        )
    ).all()
    if any(c.name.casefold() == wanted.name.casefold() for c in clash):
        raise InvalidInput("name", f"{wanted.name} is already a contact at this partner.")
    before = row.name
    row.name, row.role, row.email, row.phone = wanted.name, wanted.role, wanted.email, wanted.phone
    row.is_primary, row.is_decision_maker = wanted.is_primary, wanted.is_decision_maker
    session.flush()
    if wanted.is_primary:
        _only_primary(session, row.partner_id, row.id)
    what = f"edited {before}" + (f" (now {wanted.name})" if before != wanted.name else "")
    record_change(session, team_id, row.partner_id, CONTACT, what + _flags(wanted), by=by, now=now)
    session.flush()
    return ContactPersonView.of(row, _last_contacted(session, row.id))


def remove_business_contact(
    session: Session, team_id: str, contact_id: int, *, by: str | None, now: datetime
) -> ContactPersonView:
    """Remove a business contact (the log entries that named them stay, unlinked)."""
    row = _row(session, team_id, contact_id)
    gone = ContactPersonView.of(row)
    record_change(session, team_id, row.partner_id, CONTACT, f"removed {row.name}", by=by, now=now)
    session.execute(
        update(Interaction)
        .where(Interaction.business_contact_id == row.id)
        .values(business_contact_id=None)
        .execution_options(synchronize_session=False)
    )
    session.delete(row)
    session.flush()
    return gone


def get_business_contact(session: Session, team_id: str, contact_id: int) -> ContactPersonView:
    """One business contact of this workspace; raises NotFound."""
    row = _row(session, team_id, contact_id)
    return ContactPersonView.of(row, _last_contacted(session, row.id))


def _last_contacted(session: Session, contact_id: int) -> datetime | None:
    return session.scalar(
        select(func.max(Interaction.occurred_at)).where(
            Interaction.business_contact_id == contact_id, Interaction.deleted_at.is_(None)
        )
    )


def business_contacts(session: Session, team_id: str, partner_id: int) -> list[ContactPersonView]:
    """A partner's contacts, primary first, each with when the contact log last names them."""
    last = (
        select(
            Interaction.business_contact_id.label("cid"),
            func.max(Interaction.occurred_at).label("last"),
        )
        .where(
            Interaction.team_id == team_id,
            Interaction.partner_id == partner_id,
            Interaction.deleted_at.is_(None),
            Interaction.business_contact_id.is_not(None),
        )
        .group_by(Interaction.business_contact_id)
        .subquery()
    )
    rows = session.execute(
        select(BusinessContact, last.c.last)
        .outerjoin(last, last.c.cid == BusinessContact.id)
        .where(BusinessContact.team_id == team_id, BusinessContact.partner_id == partner_id)
        .order_by(BusinessContact.is_primary.desc(), BusinessContact.name)
    )
    return [ContactPersonView.of(c, at) for c, at in rows]


def find_business_contact(
    contacts: list[ContactPersonView], typed: str
) -> tuple[ContactPersonView | None, list[ContactPersonView]]:
    """The contact a typed name means (full name, with or without a title: "Dan Reyes" is
    "Capt. Dan Reyes", "J. Ortiz" is Jane Ortiz; else a unique first or last name, else a
    unique start), or None and the candidates."""
    key = " ".join(typed.split()).casefold()
    if not key:
        return None, []
    exact = [c for c in contacts if c.name.casefold() == key]
    if exact:
        return exact[0], []
    picks: tuple[Callable[[ContactPersonView], bool], ...] = (
        lambda c: same_person(c.name, typed),
        lambda c: key in _first_and_last(c.name),
        lambda c: c.name.casefold().startswith(key) or " ".join(name_words(c.name)).startswith(key),
    )
    for pick in picks:
        found = [c for c in contacts if pick(c)]
        if len(found) == 1:
            return found[0], []
        if found:
            return None, found
    return None, []


def contact_named(contacts: list[ContactPersonView], text: str) -> ContactPersonView | None:
    """The business contact a contact-log line names: the full name (with or without its
    title, or with an initial for the first name: "J. Ortiz"), else a first (or last) name
    that only one of the partner's contacts has."""
    lowered = text.casefold()

    def says(words: str) -> bool:
        return re.search(rf"(?<![\w-]){re.escape(words.casefold())}(?![\w-])", lowered) is not None

    def says_initial(name: list[str]) -> bool:
        initial = rf"{re.escape(name[0][0])}\.?\s+{re.escape(' '.join(name[1:]))}"
        return re.search(rf"(?<![\w.-]){initial}(?![\w-])", lowered) is not None

    forms: tuple[Callable[[ContactPersonView], bool], ...] = (
        lambda c: says(c.name),
        lambda c: len(name_words(c.name)) > 1 and says(" ".join(name_words(c.name))),
        lambda c: len(name_words(c.name)) > 1 and says_initial(name_words(c.name)),
    )
    for named in forms:
        full = [c for c in contacts if named(c)]
        if len(full) == 1:
            return full[0]
    for part in (0, -1):
        parts = [c for c in contacts if len(name_words(c.name)) > 1]
        found = [c for c in parts if says(name_words(c.name)[part])]
        if len(found) == 1:
            return found[0]
    return None


_TITLES = frozenset({
    "mr", "mrs", "ms", "mx", "dr", "miss", "coach", "capt", "captain", "sgt", "sergeant", "lt",
    "lieutenant", "officer", "chief", "prof", "professor", "det", "rev", "sheriff", "deputy",
    "principal", "supt", "judge", "sister", "father", "pastor", "cmdr", "col", "maj", "gen",
})  # fmt: skip


def name_words(name: str) -> list[str]:
    """A person's name as folded words, without the titles before it: "Capt. Dan Reyes" →
    ["dan", "reyes"]."""
    found = [w.strip(".,") for w in name.casefold().split()]
    found = [w for w in found if w]
    while len(found) > 1 and found[0] in _TITLES:
        found.pop(0)
    return found


def same_person(known: str, typed: str) -> bool:
    """Whether a typed name is this known one, titles aside and an initial for the first
    name ("Dan Reyes", "D. Reyes" and "Capt. Dan Reyes" are the same person)."""
    left, right = name_words(known), name_words(typed)
    if left == right:
        return bool(left)
    if len(left) < 2 or len(right) < 2 or left[1:] != right[1:]:
        return False
    short, full = sorted((left[0], right[0]), key=len)
    return len(short) == 1 and full.startswith(short)


def _first_and_last(name: str) -> tuple[str, ...]:
    found = name_words(name)
    return (found[0], found[-1]) if found else ()
