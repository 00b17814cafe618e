"""What one follow-ups request does, each in one transaction: `/followup` (a list, or a new
follow-up from plain words) and Done / Snooze / Reassign wherever a follow-up is shown (the
change, and what is drawn again after it). Refusals raise storage errors, so nothing is
half-saved."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Generic, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from storage.db import SessionFactory
from storage.errors import NotFound, StorageError
from storage.follow_ups import (
    NewFollowUp,
    Outcome,
    complete_follow_up,
    create_follow_up,
    get_follow_up,
    reassign_follow_up,
    repeated_follow_up,
    snooze_follow_up,
)
from storage.open_follow_ups import open_follow_ups_with_rest
from storage.partners.lookup import Resolution, resolve_partner_prefix
from storage.partners.records import get_partner
from storage.records import FollowUpView, PartnerView
from storage.school_year import SchoolCalendar, school_calendar

T = TypeVar("T")


class ZoneNeeded(StorageError):
    """The request needs this person's time zone, which the caller did not give: nothing was
    changed; read it and ask again."""

    def __init__(self, user_id: str) -> None:
        super().__init__(f"time zone of {user_id}")
        self.user_id = user_id


@dataclass(frozen=True)
class ListWanted:
    """A follow-up list to read: whose (None: the team's), what falls due by when, and the
    follow-ups acted on earlier in that list (shown again though maybe closed)."""

    owner_user_id: str | None
    due_by: date
    earlier: tuple[int, ...] = ()


@dataclass(frozen=True)
class FollowUpList:
    """The open follow-ups of a list, how many more there are, and the earlier ones still there."""

    items: tuple[FollowUpView, ...]
    not_loaded: int
    earlier: tuple[FollowUpView, ...] = ()


@dataclass(frozen=True)
class Clicked:
    """A follow-up after a click: the change (None when nothing was asked to change), the
    partner (Done + log contact), and the list the click came from, read again."""

    follow_up: FollowUpView
    outcome: Outcome | None = None
    partner: PartnerView | None = None
    listed: FollowUpList | None = None


@dataclass(frozen=True)
class Typed:
    """`/followup PARTNER …`: the partner named, the words after it, the school calendar."""

    partner: PartnerView
    rest: str
    calendar: SchoolCalendar


@dataclass(frozen=True)
class FromWords(Generic[T]):
    """What `/followup PARTNER WHEN NOTE` did: the words taken as the name and who they meant;
    a refusal (nothing saved), or the follow-up (`repeat`: the same one sent again) with what
    `extra` read about it."""

    words: str
    found: Resolution
    refusal: str | None = None
    created: FollowUpView | None = None
    repeat: bool = False
    extra: T | None = None


def list_in(session: Session, team_id: str, wanted: ListWanted) -> FollowUpList:
    """The list `wanted`, read in the caller's transaction."""
    items, not_loaded = open_follow_ups_with_rest(
        session, team_id, owner_user_id=wanted.owner_user_id, due_by=wanted.due_by
    )
    earlier: list[FollowUpView] = []
    for follow_up_id in wanted.earlier:
        try:
            earlier.append(get_follow_up(session, team_id, follow_up_id))
        except NotFound:
            continue
    return FollowUpList(tuple(items), not_loaded, tuple(earlier))


def follow_up_list(sessions: SessionFactory, team_id: str, wanted: ListWanted) -> FollowUpList:
    """`/followup [team|@someone]`: a list of open follow-ups."""
    with sessions() as session:
        return list_in(session, team_id, wanted)


def add_follow_up_from_words(
    sessions: SessionFactory,
    team_id: str,
    text: str,
    *,
    plan: Callable[[Typed], NewFollowUp | str],
    extra: Callable[[Session, FollowUpView], T],
    by: str,
    now: datetime,
) -> FromWords[T]:
    """`/followup PARTNER WHEN NOTE`: find the partner the words start with, let `plan` read
    the rest (a follow-up, or why not), add it unless it repeats one just added, and read
    `extra` about it."""
    with sessions.begin() as session:
        found, rest, words = resolve_partner_prefix(session, team_id, text)
        partner = found.single
        if partner is None:
            return FromWords(words, found)
        calendar = school_calendar(session, team_id, today=now.date())
        wanted = plan(Typed(partner, rest, calendar))
        if isinstance(wanted, str):
            return FromWords(words, found, refusal=wanted)
        repeat = repeated_follow_up(session, team_id, partner.id, wanted, now=now, created_by=by)
        created = repeat or create_follow_up(
            session, team_id, partner.id, wanted, now=now, created_by=by, source="command"
        )
        return FromWords(
            words, found, created=created, repeat=repeat is not None, extra=extra(session, created)
        )


def _clicked(
    session: Session,
    team_id: str,
    outcome: Outcome,
    wanted: ListWanted | None,
    partner: PartnerView | None = None,
) -> Clicked:
    listed = list_in(session, team_id, wanted) if wanted is not None else None
    return Clicked(outcome.follow_up, outcome, partner, listed)


def read_clicked(
    sessions: SessionFactory, team_id: str, follow_up_id: int, wanted: ListWanted | None
) -> Clicked:
    """A follow-up as it is (NotFound when gone), and the list it was shown in."""
    with sessions() as session:
        current = get_follow_up(session, team_id, follow_up_id)
        listed = list_in(session, team_id, wanted) if wanted is not None else None
        return Clicked(current, listed=listed)


def complete_clicked(
    sessions: SessionFactory,
    team_id: str,
    follow_up_id: int,
    *,
    by: str,
    now: datetime,
    wanted: ListWanted | None,
    with_partner: bool = False,
) -> Clicked:
    """Done (and, `with_partner`, the partner to log a contact with when it changed)."""
    with sessions.begin() as session:
        outcome = complete_follow_up(session, team_id, follow_up_id, by=by, now=now)
        partner = None
        if with_partner and outcome.changed:
            partner = get_partner(session, team_id, outcome.follow_up.partner_id)
        return _clicked(session, team_id, outcome, wanted, partner)


def reassign_clicked(
    sessions: SessionFactory,
    team_id: str,
    follow_up_id: int,
    *,
    to_user: str,
    tz: ZoneInfo,
    by: str,
    now: datetime,
    wanted: ListWanted | None,
) -> Clicked:
    """Reassign to `to_user` (whose time zone is `tz`)."""
    with sessions.begin() as session:
        outcome = reassign_follow_up(
            session, team_id, follow_up_id, to_user=to_user, by=by, now=now, tz=tz
        )
        return _clicked(session, team_id, outcome, wanted)


def snooze_clicked(
    sessions: SessionFactory,
    team_id: str,
    follow_up_id: int,
    *,
    until: date | None,
    choice: Callable[[date], date | None],
    zones: Mapping[str, ZoneInfo],
    by: str,
    now: datetime,
    wanted: ListWanted | None,
) -> Clicked:
    """Snooze to `until`, else to `choice(today)` in the owner's time zone (from `zones`, else
    ZoneNeeded). A choice of None changes nothing: the Clicked has no outcome (a date is
    being picked)."""
    with sessions.begin() as session:
        current = get_follow_up(session, team_id, follow_up_id)
        owner = current.owner_user_id or by
        tz = zones.get(owner)
        if tz is None:
            raise ZoneNeeded(owner)
        chosen = until if until is not None else choice(now.astimezone(tz).date())
        if chosen is None:
            listed = list_in(session, team_id, wanted) if wanted is not None else None
            return Clicked(current, listed=listed)
        outcome = snooze_follow_up(
            session, team_id, follow_up_id, until=chosen, by=by, now=now, tz=tz
        )
        return _clicked(session, team_id, outcome, wanted)
