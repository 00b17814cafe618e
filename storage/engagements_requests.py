"""Engagements, one request each: every operation here opens the one transaction a request of
`/engage`, its forms, its buttons or its part of the partner card needs, reads and writes in
it, and returns plain values to render."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Generic, TypeVar

from sqlalchemy.orm import Session

from storage.compliance import valid_check_for
from storage.db import SessionFactory
from storage.debriefs import DebriefAnswers, save_debrief
from storage.engagement_wins import propose_engagement_win
from storage.engagements import (
    CARD_LIMIT,
    NEEDS_CHECK,
    EngagementView,
    NewEngagement,
    get_engagement,
    list_engagements,
    partner_engagements,
    record_engagement,
)
from storage.errors import NotFound, NotYours
from storage.models import EngagementKind
from storage.partners.lookup import resolve_partner, resolve_partner_prefix
from storage.partners.records import get_partner, list_partners
from storage.partners.search import find_partners
from storage.people.contacts import business_contacts, find_business_contact
from storage.people.members import is_known_lead
from storage.records import ContactPersonView, PartnerView
from storage.workspaces import staff_timezone

T = TypeVar("T")
DayNotes = Callable[[Session, str, EngagementView], T]
"""What the caller reads about a recorded engagement's days, in its transaction (the day-off
and busy-season flags): (session, team, engagement) → anything plain."""


@dataclass(frozen=True)
class NoSinglePartner:
    """The words taken as a partner's name matched no partner, or several (the candidates)."""

    words: str
    candidates: tuple[PartnerView, ...]


@dataclass(frozen=True)
class Typed:
    """An engagement as typed after the partner's name: the host contact and the owner by the
    names people wrote, when they wrote them."""

    kind: EngagementKind
    starts_on: date
    ends_on: date
    student_count: int | None
    owner_user_id: str | None
    contact: str | None
    pathway: str | None
    label: str | None


@dataclass(frozen=True)
class NoSuchContact:
    """The host contact named is not one of the partner's business contacts."""

    partner: PartnerView
    typed: str
    candidates: tuple[ContactPersonView, ...]


@dataclass(frozen=True)
class Recorded(Generic[T]):
    """An engagement recorded (or found already recorded: `created` False), whether the
    background check its kind needs is missing, what the caller read about its days, and the
    recording person's today it was recorded on."""

    view: EngagementView
    created: bool
    check_missing: bool
    notes: T
    today: date


def _record(
    session: Session,
    team_id: str,
    partner_id: int,
    wanted: NewEngagement,
    *,
    by: str,
    today: date,
    now: datetime,
    notes: DayNotes[T],
) -> Recorded[T]:
    """Record it, propose a win when it reads as one, and read what its answer shows."""
    view, created = record_engagement(session, team_id, partner_id, wanted, by=by, now=now)
    if created:
        propose_engagement_win(session, team_id, view, today=today, now=now)
    missing = view.kind in NEEDS_CHECK and not valid_check_for(
        session, team_id, view.partner_id, view.contact_name, on=view.ends_on
    )
    return Recorded(view, created, missing, notes(session, team_id, view), today)


def record_typed(
    sessions: SessionFactory,
    team_id: str,
    text: str,
    *,
    read: Callable[[str], Typed],
    by: str,
    today: date,
    now: datetime,
    notes: DayNotes[T],
) -> Recorded[T] | NoSinglePartner | NoSuchContact:
    """`/engage PARTNER …`: the partner the text starts with, the rest read by `read` (which
    may raise to refuse it: nothing is saved), the host contact it names, and the engagement
    recorded, owned by the one named, else the partner's owner, else `by`. InvalidInput when
    a value is wrong (nothing saved)."""
    with sessions.begin() as session:
        found, rest, words = resolve_partner_prefix(session, team_id, text)
        partner = found.single
        if partner is None:
            return NoSinglePartner(words, found.candidates)
        typed = read(rest)
        contact_id = None
        if typed.contact:
            contacts = business_contacts(session, team_id, partner.id)
            contact, candidates = find_business_contact(contacts, typed.contact)
            if contact is None:
                return NoSuchContact(partner, typed.contact, tuple(candidates))
            contact_id = contact.id
        wanted = NewEngagement(
            kind=typed.kind,
            starts_on=typed.starts_on,
            ends_on=typed.ends_on,
            student_count=typed.student_count,
            owner_user_id=typed.owner_user_id or partner.owner_user_id or by,
            business_contact_id=contact_id,
            pathway=typed.pathway,
            label=typed.label,
        )
        return _record(
            session, team_id, partner.id, wanted, by=by, today=today, now=now, notes=notes
        )


def record_from_form(
    sessions: SessionFactory,
    team_id: str,
    partner_id: int,
    wanted: NewEngagement,
    *,
    by: str,
    today_for: Callable[[str | None], date],
    now: datetime,
    notes: DayNotes[T],
) -> Recorded[T]:
    """The engagement form's save; today is the person's, from the time zone remembered for
    them (`today_for` turns its name into the date). NotFound when the partner is gone,
    InvalidInput when a value is wrong: nothing saved either way."""
    with sessions.begin() as session:
        zone_name, _ = staff_timezone(session, team_id, by)
        today = today_for(zone_name)
        return _record(
            session, team_id, partner_id, wanted, by=by, today=today, now=now, notes=notes
        )


@dataclass(frozen=True)
class EngagementList:
    """A page of `/engage list`: the engagements shown and how many there are in all."""

    views: tuple[EngagementView, ...]
    total: int


def engagement_list(
    sessions: SessionFactory, team_id: str, *, today: date, when: str, partner_words: str | None
) -> EngagementList | NoSinglePartner:
    """`/engage list [upcoming|past|all|PARTNER]` (`storage.engagements.list_engagements`),
    archived partners found by name too."""
    with sessions() as session:
        partner_id = None
        if partner_words:
            found = resolve_partner(session, team_id, partner_words, include_archived=True)
            if found.single is None:
                return NoSinglePartner(partner_words, found.candidates)
            partner_id = found.single.id
        views, total = list_engagements(
            session, team_id, today=today, when=when, partner_id=partner_id
        )
    return EngagementList(tuple(views), total)


def card_engagements(
    sessions: SessionFactory, team_id: str, partner_id: int
) -> tuple[list[EngagementView], int]:
    """A partner's latest engagements for its card, and how many it has."""
    with sessions() as session:
        return partner_engagements(session, team_id, partner_id, limit=CARD_LIMIT)


def form_partner(
    sessions: SessionFactory, team_id: str, partner_id: int | None
) -> tuple[PartnerView | None, list[ContactPersonView]]:
    """The partner (and its business contacts) the engagement form opens with; None and no
    contacts when there is none, or it is gone."""
    if partner_id is None:
        return None, []
    with sessions() as session:
        try:
            return get_partner(session, team_id, partner_id), business_contacts(
                session, team_id, partner_id
            )
        except NotFound:
            return None, []


def engagement_to_debrief(
    sessions: SessionFactory, team_id: str, engagement_id: int, *, by: str
) -> EngagementView:
    """The engagement the debrief form opens on; NotFound when it is gone, NotYours when `by`
    is neither its owner nor a program lead."""
    with sessions() as session:
        engagement = get_engagement(session, team_id, engagement_id)
        _debrief_is_theirs(session, team_id, engagement, by)
        return engagement


def answer_debrief(
    sessions: SessionFactory,
    team_id: str,
    engagement_id: int,
    answers: DebriefAnswers,
    *,
    by: str,
    now: datetime,
) -> EngagementView:
    """The debrief form's save (`storage.debriefs.save_debrief`): the engagement answered.
    NotFound, InvalidInput, NotYours (`by` is neither its owner nor a program lead): nothing
    saved."""
    with sessions.begin() as session:
        _debrief_is_theirs(session, team_id, get_engagement(session, team_id, engagement_id), by)
        saved, _ = save_debrief(
            session, team_id, engagement_id, answers, by=by, today=now.date(), now=now
        )
    return saved


def _debrief_is_theirs(session: Session, team_id: str, engagement: EngagementView, by: str) -> None:
    """A debrief is its engagement's owner's to write, or a program lead's for them."""
    if by != engagement.owner_user_id and not is_known_lead(session, team_id, by):
        raise NotYours(engagement.owner_user_id)


def partner_choices(sessions: SessionFactory, team_id: str, typed: str) -> list[PartnerView]:
    """The engagement form's partner picker: partners matching what was typed, else the first
    ones by name (25 at most)."""
    with sessions() as session:
        if typed:
            return find_partners(session, team_id, typed, limit=25)
        return list_partners(session, team_id, limit=25)
