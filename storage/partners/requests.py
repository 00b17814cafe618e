"""What one partners request does, each in one transaction: `/partner` and its subcommands, the
card's and lists' buttons, the add, edit and assign forms. Each returns plain values to render,
or raises a storage error (InvalidInput, NotFound) so nothing is half-saved."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.db import SessionFactory
from storage.errors import InvalidInput
from storage.follow_ups import cancel_open_follow_ups
from storage.models import Partner, Stage
from storage.open_follow_ups import count_open_follow_ups
from storage.partners.cadence import (
    ColdPartner,
    going_cold,
    partner_cadence_days,
    set_partner_cadence,
)
from storage.partners.listing import Described, describe, listed_ids
from storage.partners.lookup import MAX_CANDIDATES, MIN_PREFIX_KEY, Resolution, resolve_partner
from storage.partners.name_index import name_index
from storage.partners.names import name_key
from storage.partners.profile import partner_profile
from storage.partners.records import (
    PartnerFields,
    add_partner,
    assign_owner,
    get_partner,
    set_archived,
    update_partner,
    valid_name,
)
from storage.partners.search import Found, search_partners
from storage.people.members import is_known_lead
from storage.records import PartnerProfile, PartnerView

NOT_YOURS = "Only its owner or a program lead can give it to someone else."


@dataclass(frozen=True)
class Shown:
    """`/partner show`: the card of the one partner meant, else the candidates (maybe none)."""

    profile: PartnerProfile | None
    candidates: tuple[PartnerView, ...]


@dataclass(frozen=True)
class Archived:
    """A partner archived: how many of its open follow-ups were closed, how many stay open."""

    partner: PartnerView
    closed: int
    kept: int


@dataclass(frozen=True)
class ArchiveByName:
    """`/partner archive NAME`: who the name meant; when it has open follow-ups, how many (and
    nothing archived: the person is asked first); else the archive."""

    found: Resolution
    open_follow_ups: int = 0
    archived: Archived | None = None


@dataclass(frozen=True)
class CadenceSet:
    """`/partner cadence NAME DAYS`: who the name meant, and its interval now (when one)."""

    found: Resolution
    partner: PartnerView | None = None
    every: int = 0


@dataclass(frozen=True)
class PartnerList:
    """The first partners of a list, and how many the list has; which of them the person asked
    about backs up, how long the cold ones have been silent, and what the typed words named."""

    partners: tuple[PartnerView, ...]
    total: int
    backups: frozenset[int] = frozenset()
    cold: tuple[ColdPartner, ...] = ()
    described: tuple[Described, ...] = ()


@dataclass(frozen=True)
class LooksLike:
    """Nothing added: the name is close to these partners (archived ones too)."""

    partners: tuple[PartnerView, ...]


def _near(session: Session, team_id: str, name: str) -> LooksLike | None:
    """Partners whose name is close to `name` (the lookup's typos and prefixes), else None.
    An identical name is left to `add_partner`, which refuses it."""
    key = name_key(valid_name(name))  # a name that can't be saved says so first
    found = resolve_partner(session, team_id, name, include_archived=True)
    if found.exact is not None:
        return None
    # …and the other way round: a partner's whole name starts this one ("Riverside Auto"
    # when adding "Riverside Auto Group").
    starts = [
        i
        for i, k in session.execute(
            select(Partner.id, Partner.name_key).where(Partner.team_id == team_id)
        )
        if len(k) >= MIN_PREFIX_KEY and key.startswith(f"{k} ")
    ]
    near = list(found.candidates) + [
        get_partner(session, team_id, i)
        for i in sorted(starts)
        if i not in {p.id for p in found.candidates}
    ]
    return LooksLike(tuple(near[:MAX_CANDIDATES])) if near else None


def add_partner_card(
    sessions: SessionFactory,
    team_id: str,
    fields: PartnerFields,
    *,
    by: str,
    now: datetime,
    anyway: bool = False,
) -> PartnerProfile | LooksLike:
    """`/partner add NAME …`: add the partner, `by` its owner, and read its card; unless the
    name is close to existing partners' (and not `anyway`): then nothing is added."""
    with sessions.begin() as session:
        near = None if anyway else _near(session, team_id, fields.name)
        if near is not None:
            return near
        partner = add_partner(session, team_id, fields, now=now, created_by=by, owner_user_id=by)
        return partner_profile(session, team_id, partner.id)


def save_partner_form(
    sessions: SessionFactory,
    team_id: str,
    partner_id: int,
    fields: PartnerFields,
    *,
    by: str,
    now: datetime,
    anyway: bool = False,
) -> PartnerView | LooksLike:
    """The add/edit form's save: update `partner_id`, or add a partner (owned by `by`) when 0
    (unless its name is close to existing partners' and not `anyway`: nothing is added)."""
    with sessions.begin() as session:
        if partner_id:
            return update_partner(session, team_id, partner_id, fields, now=now)
        near = None if anyway else _near(session, team_id, fields.name)
        if near is not None:
            return near
        return add_partner(session, team_id, fields, now=now, created_by=by, owner_user_id=by)


def assign_partner(
    sessions: SessionFactory,
    team_id: str,
    partner_id: int,
    owner: str,
    *,
    by: str,
    now: datetime,
) -> PartnerView:
    """The assign form's save: `owner` becomes the school-side owner, when `by` owns the partner,
    it has no owner, or `by` is a program lead (else InvalidInput on "owner")."""
    with sessions.begin() as session:
        holder = get_partner(session, team_id, partner_id).owner_user_id
        if holder and holder != by and not is_known_lead(session, team_id, by):
            raise InvalidInput("owner", NOT_YOURS)
        return assign_owner(session, team_id, partner_id, owner, by=by, now=now)


def partner_card(sessions: SessionFactory, team_id: str, partner_id: int) -> PartnerProfile:
    """A partner's card (NotFound when it is gone)."""
    with sessions() as session:
        return partner_profile(session, team_id, partner_id)


def partner_by_id(sessions: SessionFactory, team_id: str, partner_id: int) -> PartnerView:
    """One partner (NotFound when it is gone): for the forms prefilled from it."""
    with sessions() as session:
        return get_partner(session, team_id, partner_id)


def show_partner(sessions: SessionFactory, team_id: str, query: str) -> Shown:
    """`/partner show NAME`: the card of the partner meant, else who it could be."""
    with sessions() as session:
        found = resolve_partner(session, team_id, query)
        if found.single is not None:
            return Shown(partner_profile(session, team_id, found.single.id), ())
        return Shown(None, found.candidates)


def pick_partner(sessions: SessionFactory, team_id: str, query: str) -> Resolution:
    """The partner a typed name means (`/partner edit NAME`)."""
    with sessions() as session:
        return resolve_partner(session, team_id, query)


def _archive(
    session: Session, team_id: str, partner_id: int, *, close: bool, by: str, now: datetime
) -> Archived:
    partner = set_archived(session, team_id, partner_id, True, now=now)
    closed = cancel_open_follow_ups(session, team_id, partner_id, by=by, now=now) if close else 0
    kept = count_open_follow_ups(session, team_id, partner_id=partner_id)
    return Archived(partner, closed, kept)


def archive_partner(
    sessions: SessionFactory,
    team_id: str,
    partner_id: int,
    *,
    close_follow_ups: bool,
    by: str,
    now: datetime,
) -> Archived:
    """Archive a partner, closing its open follow-ups or keeping them (NotFound when gone)."""
    with sessions.begin() as session:
        return _archive(session, team_id, partner_id, close=close_follow_ups, by=by, now=now)


def archive_by_name(
    sessions: SessionFactory, team_id: str, query: str, *, by: str, now: datetime
) -> ArchiveByName:
    """`/partner archive NAME`: archive the partner meant, unless it has open follow-ups (then
    the person chooses what happens to them, and nothing changes yet)."""
    with sessions.begin() as session:
        found = resolve_partner(session, team_id, query)
        target = found.single
        if target is None:
            return ArchiveByName(found)
        still_open = count_open_follow_ups(session, team_id, partner_id=target.id)
        if still_open and not target.archived:
            return ArchiveByName(found, still_open)
        archived = _archive(session, team_id, target.id, close=False, by=by, now=now)
        return ArchiveByName(found, archived=archived)


def restore_partner(
    sessions: SessionFactory, team_id: str, partner_id: int, *, now: datetime
) -> PartnerView:
    """Undo an archive (NotFound when the partner is gone)."""
    with sessions.begin() as session:
        return set_archived(session, team_id, partner_id, False, now=now)


def partners_matching(
    sessions: SessionFactory, team_id: str, query: str, *, archived: bool, limit: int
) -> Found:
    """`/partner find WORDS [archived]`."""
    with sessions() as session:
        return search_partners(session, team_id, query, include_archived=archived, limit=limit)


def restore_and_find(
    sessions: SessionFactory,
    team_id: str,
    partner_id: int,
    query: str,
    *,
    now: datetime,
    limit: int,
) -> Found:
    """Restore in search results: restore the partner and search again (archived ones too)."""
    with sessions.begin() as session:
        set_archived(session, team_id, partner_id, False, now=now)
        return search_partners(session, team_id, query, include_archived=True, limit=limit)


def set_cadence_by_name(
    sessions: SessionFactory, team_id: str, query: str, days: int | None, *, now: datetime
) -> CadenceSet:
    """`/partner cadence NAME DAYS|default`: the partner's own interval (None: its stage's)."""
    with sessions.begin() as session:
        found = resolve_partner(session, team_id, query)
        if found.single is None:
            return CadenceSet(found)
        changed = set_partner_cadence(session, team_id, found.single.id, days, now=now)
        return CadenceSet(found, changed, partner_cadence_days(session, team_id, changed.id))


def _views(session: Session, ids: Sequence[int]) -> list[PartnerView]:
    """Full records for these ids, in the order given."""
    rows = {p.id: p for p in session.scalars(select(Partner).where(Partner.id.in_(ids)))}
    return [PartnerView.of(rows[i]) for i in ids if i in rows]


def partner_list(
    sessions: SessionFactory,
    team_id: str,
    *,
    person: str | None,
    stage: Stage | None,
    cold: bool,
    words: Sequence[str],
    now: datetime,
    today: date,
    limit: int,
) -> PartnerList:
    """`/partner list` with every filter applied: `person`'s partners (owned or backed up),
    `stage`, going `cold` (on `today`, the asker's date; longest-silent first), and `words`
    naming pathways or industries. Nothing listed when a word names neither."""
    with sessions() as session:
        described = tuple(describe(name_index(session, team_id), words))
        if any(d.field is None for d in described):
            return PartnerList((), 0, described=described)
        colds = going_cold(session, team_id, now=now, today=today) if cold else None
        ids, backups = listed_ids(
            session,
            team_id,
            person=person,
            stage=stage,
            within=[d.ids for d in described],
            order=[c.partner.id for c in colds] if colds is not None else None,
        )
        shown = tuple(_views(session, ids[:limit]))
        held = {p.id for p in shown}
        return PartnerList(
            shown,
            len(ids),
            backups=frozenset(backups & held),
            cold=tuple(c for c in colds or () if c.partner.id in held),
            described=described,
        )
