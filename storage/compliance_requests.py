"""Compliance documents, one request each: `/partner doc …`, `/partner list expiring` and the
documents on a partner's card; every operation opens the one transaction its request needs and
returns plain values to render."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from storage.compliance import (
    DocumentView,
    NewDocument,
    add_document,
    expiring_documents,
    partner_documents,
    reminder_days,
    remove_document,
    set_reminder_days,
)
from storage.db import SessionFactory
from storage.engagements_requests import NoSinglePartner
from storage.models import DocumentKind
from storage.partners.lookup import resolve_partner_prefix
from storage.records import PartnerView

DEFAULT_SOON_DAYS = 30
"""A document expires soon within the longest reminder lead time, else within this."""


def _soon(session: Session, team_id: str) -> int:
    return max(reminder_days(session, team_id), default=DEFAULT_SOON_DAYS)


@dataclass(frozen=True)
class Documents:
    """Documents to show, and within how many days one expires soon."""

    docs: tuple[DocumentView, ...]
    soon_days: int


@dataclass(frozen=True)
class PartnerDocuments(Documents):
    """`/partner doc PARTNER`: the partner's documents."""

    partner: PartnerView


def partner_documents_typed(
    sessions: SessionFactory, team_id: str, text: str
) -> PartnerDocuments | NoSinglePartner:
    """The documents of the partner the text starts with."""
    with sessions() as session:
        found, _, words = resolve_partner_prefix(session, team_id, text)
        if found.single is None:
            return NoSinglePartner(words, found.candidates)
        docs = partner_documents(session, team_id, found.single.id)
        return PartnerDocuments(tuple(docs), _soon(session, team_id), found.single)


@dataclass(frozen=True)
class DocumentAdded:
    """`/partner doc add …`: the document recorded (`renewed`: it replaced the one on file)."""

    partner: PartnerView
    doc: DocumentView
    renewed: bool
    soon_days: int


def add_document_typed(
    sessions: SessionFactory,
    team_id: str,
    text: str,
    *,
    read: Callable[[str], NewDocument],
    by: str,
    now: datetime,
) -> DocumentAdded | NoSinglePartner:
    """`/partner doc add PARTNER …`: the partner the text starts with, the words after it read
    by `read` (which may raise to refuse them), and the document recorded. InvalidInput when a
    value is wrong: nothing saved."""
    with sessions.begin() as session:
        found, rest, words = resolve_partner_prefix(session, team_id, text)
        partner = found.single
        if partner is None:
            return NoSinglePartner(words, found.candidates)
        doc, renewed = add_document(session, team_id, partner.id, read(rest), by=by, now=now)
        return DocumentAdded(partner, doc, renewed, _soon(session, team_id))


@dataclass(frozen=True)
class DocumentMeant:
    """Which document `/partner doc remove …` means: its kind, label (other) and person."""

    kind: DocumentKind
    label: str | None
    person: str | None

    def fits(self, doc: DocumentView) -> bool:
        """Whether `doc` is one it may mean (the person by the start of their name)."""
        person, label = self.person, self.label
        return (
            doc.kind is self.kind
            and (
                person is None or (doc.contact_name or "").casefold().startswith(person.casefold())
            )
            and (label is None or (doc.label or "").casefold() == label.casefold())
        )


@dataclass(frozen=True)
class DocumentRemoved:
    """`/partner doc remove …`: the document removed, or none and how many matched (0, or
    more than one: nothing was removed)."""

    partner: PartnerView
    gone: DocumentView | None
    matching: int


def remove_document_typed(
    sessions: SessionFactory, team_id: str, text: str, *, read: Callable[[str], DocumentMeant]
) -> DocumentRemoved | NoSinglePartner:
    """`/partner doc remove PARTNER …`: the partner the text starts with, the document the
    words after it mean (read by `read`, which may raise to refuse them), removed when exactly
    one fits."""
    with sessions.begin() as session:
        found, rest, words = resolve_partner_prefix(session, team_id, text)
        partner = found.single
        if partner is None:
            return NoSinglePartner(words, found.candidates)
        meant = read(rest)
        docs = [d for d in partner_documents(session, team_id, partner.id) if meant.fits(d)]
        if len(docs) != 1:
            return DocumentRemoved(partner, None, len(docs))
        return DocumentRemoved(partner, remove_document(session, team_id, docs[0].id), 1)


def reminders(sessions: SessionFactory, team_id: str) -> tuple[int, ...]:
    """`/partner doc remind`: how many days before expiry owners are reminded."""
    with sessions() as session:
        return reminder_days(session, team_id)


def change_reminders(
    sessions: SessionFactory, team_id: str, days: Sequence[int], *, by: str, now: datetime
) -> tuple[int, ...]:
    """`/partner doc remind 30 7`: the reminder lead times now (InvalidInput: unchanged)."""
    with sessions.begin() as session:
        return set_reminder_days(session, team_id, days, by=by, now=now)


def expiring(sessions: SessionFactory, team_id: str, *, today: date) -> Documents:
    """`/partner list expiring`: the team's documents expired or expiring soon."""
    with sessions() as session:
        soon = _soon(session, team_id)
        docs = expiring_documents(session, team_id, until=today + timedelta(days=soon))
    return Documents(tuple(docs), soon)


def card_documents(sessions: SessionFactory, team_id: str, partner_id: int) -> Documents:
    """A partner's documents, for its card."""
    with sessions() as session:
        return Documents(
            tuple(partner_documents(session, team_id, partner_id)), _soon(session, team_id)
        )
