"""Compliance documents: what a partner (or one person there) has on file and until when,
with a link to where the district keeps it (no files are stored); expiry reminders that go
into the owner's morning digest once per document, expiry and lead time."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from storage.db import insert_unless_exists
from storage.errors import InvalidInput, NotFound
from storage.models import (
    BusinessContact,
    ComplianceDocument,
    ComplianceSettings,
    DocumentKind,
    DocumentReminder,
    Partner,
)
from storage.workspaces import ensure_workspace

DEFAULT_REMINDER_DAYS = (30, 7)
MAX_REMINDERS = 5
MAX_REMINDER_DAYS = 365
MAX_LINK_LENGTH = 500
MAX_TEXT_LENGTH = 200
REMINDER_LIMIT = 50
# A link is kept only as a plain web address: none of < > | that would break Slack's markup.
_SAFE_LINK = re.compile(r"https?://[^\s<>|]+", re.IGNORECASE)


@dataclass(frozen=True)
class NewDocument:
    """A document as typed (validated on save)."""

    kind: DocumentKind
    expires_on: date | None
    contact_name: str | None = None
    label: str | None = None
    link: str | None = None


@dataclass(frozen=True)
class DocumentView:
    """A document as the rest of the app sees it."""

    id: int
    partner_id: int
    partner_name: str
    owner_user_id: str | None
    kind: DocumentKind
    label: str | None
    contact_name: str | None
    business_contact_id: int | None
    expires_on: date | None
    link: str | None

    def days_left(self, today: date) -> int | None:
        """Days until it expires (negative: expired), None when it does not expire."""
        return None if self.expires_on is None else (self.expires_on - today).days


@dataclass(frozen=True)
class Reminder:
    """A document to remind its owner about today, `days_before` its expiry."""

    document: DocumentView
    days_before: int


def _key(text: str | None) -> str:
    return " ".join((text or "").casefold().split())


def _view(row: ComplianceDocument, partner: Partner) -> DocumentView:
    return DocumentView(
        row.id,
        partner.id,
        partner.name,
        partner.owner_user_id,
        row.kind,
        row.label,
        row.contact_name,
        row.business_contact_id,
        row.expires_on,
        row.link,
    )


def _contact(session: Session, team_id: str, partner_id: int, name: str) -> BusinessContact | None:
    """The partner's business contact called `name` (or whose name starts with it), if one."""
    key = _key(name)
    contacts = list(
        session.scalars(
            select(BusinessContact).where(
                BusinessContact.team_id == team_id, BusinessContact.partner_id == partner_id
            )
        )
    )
    exact = [c for c in contacts if _key(c.name) == key]
    if len(exact) == 1:
        return exact[0]
    prefix = [c for c in contacts if _key(c.name).startswith(key)]
    return prefix[0] if len(prefix) == 1 else None


def _check(doc: NewDocument) -> NewDocument:
    contact = " ".join((doc.contact_name or "").split()) or None
    label = " ".join((doc.label or "").split()) or None
    link = (doc.link or "").strip() or None
    for value, what in ((contact, "name"), (label, "description")):
        if value is not None and len(value) > MAX_TEXT_LENGTH:
            raise InvalidInput(what, f"Keep the {what} under {MAX_TEXT_LENGTH} characters.")
    if link is not None and (len(link) > MAX_LINK_LENGTH or not _SAFE_LINK.fullmatch(link)):
        raise InvalidInput(
            "link",
            "A link is a web address starting with https://, without spaces, <, > or | "
            "(at most 500 characters).",
        )
    if doc.kind is DocumentKind.OTHER and label is None:
        raise InvalidInput("description", "Say what the document is, e.g. `other: CPR card`.")
    return NewDocument(doc.kind, doc.expires_on, contact, label, link)


def add_document(
    session: Session,
    team_id: str,
    partner_id: int,
    doc: NewDocument,
    *,
    by: str,
    now: datetime,
) -> tuple[DocumentView, bool]:
    """Record a document, or renew the one of the same kind for the same person (and, for
    "other", the same description). Returns it and whether it was already on file."""
    doc = _check(doc)
    partner = session.get(Partner, partner_id)
    if partner is None or partner.team_id != team_id:
        raise NotFound(f"partner {partner_id}")
    ensure_workspace(session, team_id, now)
    contact = _contact(session, team_id, partner_id, doc.contact_name) if doc.contact_name else None
    name = contact.name if contact is not None else doc.contact_name
    subject = f"{_key(name)}|{_key(doc.label) if doc.kind is DocumentKind.OTHER else ''}"
    values = {
        "label": doc.label,
        "business_contact_id": contact.id if contact else None,
        "contact_name": name,
        "expires_on": doc.expires_on,
        "link": doc.link,
        "updated_at": now,
    }
    new_id = insert_unless_exists(
        session,
        ComplianceDocument,
        {
            "team_id": team_id,
            "partner_id": partner_id,
            "kind": doc.kind,
            "subject_key": subject,
            "created_by": by,
            "created_at": now,
            **values,
        },
    )
    row = session.scalars(
        select(ComplianceDocument).where(
            ComplianceDocument.team_id == team_id,
            ComplianceDocument.partner_id == partner_id,
            ComplianceDocument.kind == doc.kind,
            ComplianceDocument.subject_key == subject,
        )
    ).one()
    if new_id is None:
        for field, value in values.items():
            if field == "link" and value is None:
                continue  # a renewal without a link keeps the one on file
            setattr(row, field, value)
        session.flush()
    return _view(row, partner), new_id is None


def remove_document(session: Session, team_id: str, document_id: int) -> DocumentView:
    """Forget a document; returns what it was."""
    row = session.get(ComplianceDocument, document_id)
    if row is None or row.team_id != team_id:
        raise NotFound(f"document {document_id}")
    partner = session.get(Partner, row.partner_id)
    assert partner is not None
    view = _view(row, partner)
    session.delete(row)
    session.flush()
    return view


def _select() -> Any:
    return select(ComplianceDocument, Partner).join(
        Partner, Partner.id == ComplianceDocument.partner_id
    )


def partner_documents(session: Session, team_id: str, partner_id: int) -> list[DocumentView]:
    """A partner's documents: soonest expiry first, those that never expire last."""
    rows = session.execute(
        _select().where(
            ComplianceDocument.team_id == team_id, ComplianceDocument.partner_id == partner_id
        )
    )
    docs = [_view(d, p) for d, p in rows]
    return sorted(docs, key=lambda d: (d.expires_on is None, d.expires_on or date.min, d.id))


def expiring_documents(
    session: Session, team_id: str, *, until: date, owner_user_id: str | None = None
) -> list[DocumentView]:
    """Documents of partners not archived that expire by `until` (expired ones too), soonest
    first; only those of `owner_user_id`'s partners when given."""
    query = _select().where(
        ComplianceDocument.team_id == team_id,
        ComplianceDocument.expires_on.is_not(None),
        ComplianceDocument.expires_on <= until,
        Partner.archived_at.is_(None),
    )
    if owner_user_id is not None:
        query = query.where(Partner.owner_user_id == owner_user_id)
    rows = session.execute(query.order_by(ComplianceDocument.expires_on, ComplianceDocument.id))
    return [_view(d, p) for d, p in rows]


def reminder_days(session: Session, team_id: str) -> tuple[int, ...]:
    """How many days before expiry owners are reminded, longest first."""
    settings = session.get(ComplianceSettings, team_id)
    days = tuple(settings.reminder_days) if settings and settings.reminder_days else ()
    return tuple(sorted(days or DEFAULT_REMINDER_DAYS, reverse=True))


def set_reminder_days(
    session: Session, team_id: str, days: Sequence[int], *, by: str, now: datetime
) -> tuple[int, ...]:
    """Change the reminder lead times for the workspace (empty: back to 30 and 7 days)."""
    wanted = sorted(set(days), reverse=True)
    if len(wanted) > MAX_REMINDERS or any(not 0 <= d <= MAX_REMINDER_DAYS for d in wanted):
        raise InvalidInput(
            "days",
            f"Give up to {MAX_REMINDERS} numbers of days between 0 and {MAX_REMINDER_DAYS}, "
            "e.g. `60 30 7`.",
        )
    ensure_workspace(session, team_id, now)
    settings = session.get(ComplianceSettings, team_id)
    if settings is None:
        settings = ComplianceSettings(team_id=team_id)
        session.add(settings)
    settings.reminder_days, settings.updated_by, settings.updated_at = wanted, by, now
    session.flush()
    return reminder_days(session, team_id)


def reminders_due(
    session: Session, team_id: str, user_id: str, *, local_date: date, now: datetime
) -> list[Reminder]:
    """Documents of the user's partners to remind them of in today's digest, recorded as
    reminded. A document is due once per lead time it has come within (one reminder when it
    crossed several since the last digest); the same day's digest, if sent again after a
    failed post, shows the same reminders. An expired document stays, every day, after the
    new reminders, until renewed or removed. Call inside the digest's claim."""
    return reminders_due_for(session, team_id, [user_id], local_date=local_date, now=now).get(
        user_id, []
    )


def reminders_due_for(
    session: Session, team_id: str, users: Sequence[str], *, local_date: date, now: datetime
) -> dict[str, list[Reminder]]:
    """`reminders_due` for many owners at once (three queries, whatever their number)."""
    leads = reminder_days(session, team_id)
    if not leads or not users:
        return {}
    until = local_date + timedelta(days=max(leads))
    # Every document within reach, then those already reminded left out, then the cap: many
    # old expired documents never hide a new one.
    rows = session.execute(
        _select()
        .where(
            ComplianceDocument.team_id == team_id,
            ComplianceDocument.expires_on.is_not(None),
            ComplianceDocument.expires_on <= until,
            Partner.archived_at.is_(None),
            Partner.owner_user_id.in_(list(users)),
        )
        .order_by(ComplianceDocument.expires_on, ComplianceDocument.id)
    )
    docs = [_view(d, p) for d, p in rows]
    if not docs:
        return {}
    sent = session.execute(
        select(
            DocumentReminder.document_id,
            DocumentReminder.expires_on,
            DocumentReminder.days_before,
            DocumentReminder.local_date,
        ).where(
            DocumentReminder.team_id == team_id,
            DocumentReminder.expires_on <= until,
        )
    )
    earlier = {(d, e, b): day for d, e, b, day in sent}
    due: dict[str, list[Reminder]] = {}
    standing: dict[str, list[Reminder]] = {}  # expired, reminded before: shown after the new
    for doc in docs:
        assert doc.expires_on is not None
        assert doc.owner_user_id is not None
        mine = due.setdefault(doc.owner_user_id, [])
        if len(mine) >= REMINDER_LIMIT:
            continue
        left = (doc.expires_on - local_date).days
        crossed = [lead for lead in leads if left <= lead]
        if not crossed:
            continue
        nearest = min(crossed)
        when = earlier.get((doc.id, doc.expires_on, nearest))
        if when is not None and when != local_date:
            if left <= 0:  # an expired document stays in view until renewed or removed
                standing.setdefault(doc.owner_user_id, []).append(Reminder(doc, nearest))
            continue
        mine.append(Reminder(doc, nearest))
        for lead in crossed:
            insert_unless_exists(
                session,
                DocumentReminder,
                {
                    "team_id": team_id,
                    "document_id": doc.id,
                    "expires_on": doc.expires_on,
                    "days_before": lead,
                    "user_id": doc.owner_user_id,
                    "local_date": local_date,
                    "created_at": now,
                },
            )
    for user, expired in standing.items():
        due[user] = due.get(user, []) + expired[: REMINDER_LIMIT - len(due.get(user, []))]
    return {user: found for user, found in due.items() if found}


def valid_check_for(
    session: Session, team_id: str, partner_id: int, person: str | None, *, on: date
) -> bool:
    """Whether a background check valid on `on` is on file for `person` at the partner (or,
    with no person, for anyone there)."""
    query = select(ComplianceDocument.subject_key).where(
        ComplianceDocument.team_id == team_id,
        ComplianceDocument.partner_id == partner_id,
        ComplianceDocument.kind == DocumentKind.BACKGROUND_CHECK,
        or_(ComplianceDocument.expires_on.is_(None), ComplianceDocument.expires_on >= on),
    )
    return check_covers(list(session.scalars(query)), person)


def check_covers(subject_keys: Sequence[str], person: str | None) -> bool:
    """Whether one of these background checks (their subject keys) is `person`'s (or, with no
    person, whether there is one at all)."""
    subjects = [key.partition("|")[0] for key in subject_keys]
    if not person:
        return bool(subjects)
    wanted = _key(person)
    return any(s == wanted or s.startswith(wanted + " ") for s in subjects)
