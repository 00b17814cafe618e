"""Changing an engagement, one transaction per request: by its id (a button, the edit form)
or by the words of `/engage edit|cancel|remove|assign PARTNER [what, when]` (the partner's
engagements narrowed by `choose`, a pure function of the handler's)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage import engagement_changes as changes
from storage.db import SessionFactory
from storage.engagement_changes import REFUSED, Change, may_change
from storage.engagements import (
    CARD_LIMIT,
    EngagementView,
    NewEngagement,
    get_engagement,
    list_engagements,
    partner_engagements,
)
from storage.engagements_requests import EngagementList, NoSinglePartner
from storage.models import Engagement
from storage.partners.lookup import resolve_partner_prefix
from storage.people.contacts import business_contacts
from storage.records import ContactPersonView, PartnerView

Choose = Callable[[str, list[EngagementView]], list[EngagementView]]
"""(the words after the partner's name, its engagements) → those the words name."""

CANCEL = "cancel"
REMOVE = "remove"
ASSIGN = "assign"
EDIT = "edit"


@dataclass(frozen=True)
class NotOne:
    """The words name none, or several, of the partner's engagements (those shown)."""

    partner: PartnerView
    views: tuple[EngagementView, ...]


@dataclass(frozen=True)
class Gone:
    """The engagement no longer exists."""


@dataclass(frozen=True)
class Asked:
    """What a change was asked to do: the verb, the new owner (assign), the edit (edit)."""

    verb: str
    to_user: str | None = None
    wanted: NewEngagement | None = None


@dataclass(frozen=True)
class EditForm:
    """What the edit form opens with: the engagement, its partner's business contacts."""

    view: EngagementView
    contacts: tuple[ContactPersonView, ...]


@dataclass(frozen=True)
class Listing:
    """The list a button was pressed in, read again after the change: `/engage list`'s
    `when` (and partner), or the partner card's ("card")."""

    when: str
    partner_id: int | None = None


def _relist(session: Session, team_id: str, listing: Listing, today: date) -> EngagementList:
    if listing.when == "card" and listing.partner_id is not None:
        views, total = partner_engagements(session, team_id, listing.partner_id, limit=CARD_LIMIT)
    else:
        views, total = list_engagements(
            session, team_id, today=today, when=listing.when, partner_id=listing.partner_id
        )
    return EngagementList(tuple(views), total)


Result = Change | EditForm | NoSinglePartner | NotOne | Gone
Target = int | str
"""An engagement's id, or the words naming it (its partner's name first)."""


def _find(
    session: Session, team_id: str, target: Target, choose: Choose, today: date
) -> EngagementView | NoSinglePartner | NotOne | Gone:
    if isinstance(target, int):
        found_id = session.scalar(
            select(Engagement.id).where(Engagement.id == target, Engagement.team_id == team_id)
        )
        return Gone() if found_id is None else get_engagement(session, team_id, found_id)
    found, rest, words = resolve_partner_prefix(session, team_id, target)
    partner = found.single
    if partner is None:
        return NoSinglePartner(words, found.candidates)
    views, _ = list_engagements(
        session, team_id, today=today, when="all", partner_id=partner.id, limit=50
    )
    chosen = choose(rest, views)
    if len(chosen) != 1:
        return NotOne(partner, tuple(chosen or views)[:10])
    return chosen[0]


def change_engagement(
    sessions: SessionFactory,
    team_id: str,
    target: Target,
    asked: Asked,
    *,
    choose: Choose,
    by: str,
    slack_admin: bool | None,
    today: date,
    now: datetime,
    listing: Listing | None = None,
) -> tuple[Result, EngagementList | None]:
    """Edit, cancel, remove or assign the engagement `target` names, if `by` may (for an edit
    without `wanted`, what its form opens with), and `listing` read again after it.
    InvalidInput: nothing saved."""
    with sessions.begin() as session:
        result = _change(session, team_id, target, asked, choose, by, slack_admin, today, now)
        listed = _relist(session, team_id, listing, today) if listing is not None else None
        return result, listed


def _change(
    session: Session,
    team_id: str,
    target: Target,
    asked: Asked,
    choose: Choose,
    by: str,
    slack_admin: bool | None,
    today: date,
    now: datetime,
) -> Result:
    view = _find(session, team_id, target, choose, today)
    if not isinstance(view, EngagementView):
        return view
    if not may_change(session, team_id, view, by, slack_admin=slack_admin, now=now):
        return Change(REFUSED, view)
    if asked.verb == CANCEL:
        return changes.cancel(session, team_id, view, by=by, now=now)
    if asked.verb == REMOVE:
        return changes.remove(session, team_id, view, by=by, today=today, now=now)
    if asked.verb == ASSIGN and asked.to_user:
        return changes.assign(session, team_id, view, asked.to_user, by=by, now=now)
    if asked.wanted is not None:
        return changes.edit(session, team_id, view, asked.wanted, by=by, now=now)
    contacts = business_contacts(session, team_id, view.partner_id)
    return EditForm(view, tuple(contacts))
