"""The school year, one request each: `/partnerbot calendar …`, `/partner busy …`, the busy
seasons on a partner's card and the "Move to <next school day>" button; every operation opens
the one transaction its request needs and returns plain values to render."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from storage.busy_seasons import Season, busy_seasons, clear_busy_seasons, set_busy_season
from storage.calendar_entries import AddedEntries, NewEntry, add_entries, remove_entries
from storage.db import SessionFactory
from storage.engagements_requests import NoSinglePartner
from storage.follow_ups import Outcome, get_follow_up, snooze_follow_up
from storage.partners.lookup import resolve_partner_prefix
from storage.records import PartnerView
from storage.school_year import CalendarItem, SchoolCalendar, school_calendar
from storage.workspaces import staff_timezone

# -- /partnerbot calendar ------------------------------------------------------------------------


def calendar_for(sessions: SessionFactory, team_id: str, *, today: date) -> SchoolCalendar:
    """`/partnerbot calendar`: the workspace's school calendar."""
    with sessions() as session:
        return school_calendar(session, team_id, today=today)


def add_calendar_entries(
    sessions: SessionFactory,
    team_id: str,
    entries: Sequence[NewEntry],
    *,
    source: str,
    by: str,
    now: datetime,
) -> AddedEntries:
    """`/partnerbot calendar add | term | import | holidays`: the entries added (all or none:
    InvalidInput when one is wrong)."""
    with sessions.begin() as session:
        return add_entries(session, team_id, list(entries), source=source, by=by, now=now)


def remove_calendar_entries(
    sessions: SessionFactory, team_id: str, name: str, *, today: date
) -> list[CalendarItem]:
    """`/partnerbot calendar remove NAME`: what was removed (nothing when no entry is called
    that)."""
    with sessions.begin() as session:
        return remove_entries(session, team_id, name, today=today)


# -- /partner busy -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ShowBusy:
    """`/partner busy Acme`: its busy seasons."""


@dataclass(frozen=True)
class ClearBusy:
    """`/partner busy Acme off`: none any more."""


@dataclass(frozen=True)
class SetBusy:
    """`/partner busy Acme Nov 15 - Dec 31 holiday retail`: a yearly busy season."""

    first: date
    last: date
    note: str | None


BusyAsk = ShowBusy | ClearBusy | SetBusy


@dataclass(frozen=True)
class BusyDone:
    """What `/partner busy` did for the partner: its seasons shown (`seasons`), cleared
    (`cleared`, how many) or one set (`season`)."""

    partner: PartnerView
    seasons: tuple[Season, ...] = ()
    cleared: int | None = None
    season: Season | None = None


def busy_request(
    sessions: SessionFactory,
    team_id: str,
    text: str,
    *,
    read: Callable[[str], BusyAsk],
    by: str,
    now: datetime,
) -> BusyDone | NoSinglePartner:
    """`/partner busy PARTNER …`: the partner the text starts with, the words after it read by
    `read` (which may raise to refuse them: nothing changes), and that done. InvalidInput when
    a value is wrong (nothing saved)."""
    with sessions.begin() as session:
        found, tail, words = resolve_partner_prefix(session, team_id, text)
        partner = found.single
        if partner is None:
            return NoSinglePartner(words, found.candidates)
        match read(tail):
            case ShowBusy():
                return BusyDone(
                    partner, seasons=tuple(busy_seasons(session, team_id, [partner.id]))
                )
            case ClearBusy():
                return BusyDone(partner, cleared=clear_busy_seasons(session, team_id, partner.id))
            case SetBusy(first=first, last=last, note=note):
                season = set_busy_season(
                    session, team_id, partner.id, first, last, note, by=by, now=now
                )
                return BusyDone(partner, season=season)


def card_busy_seasons(sessions: SessionFactory, team_id: str, partner_id: int) -> list[Season]:
    """A partner's busy seasons, for its card."""
    with sessions() as session:
        return busy_seasons(session, team_id, [partner_id])


# -- the "Move to <next school day>" button ------------------------------------------------------


def snooze_to_school_day(
    sessions: SessionFactory,
    team_id: str,
    follow_up_id: int,
    *,
    until: date,
    by: str,
    now: datetime,
    zone_of: Callable[[str, str | None], ZoneInfo],
) -> Outcome:
    """Snooze a follow-up to `until`, a date in its owner's time zone: `zone_of(owner, name)`
    gives it from the name remembered for them (None: never read). NotFound when the
    follow-up is gone, InvalidInput when the day has passed: nothing saved."""
    with sessions.begin() as session:
        before = get_follow_up(session, team_id, follow_up_id)
        owner = before.owner_user_id or by
        name, _ = staff_timezone(session, team_id, owner)
        return snooze_follow_up(
            session, team_id, before.id, until=until, by=by, now=now, tz=zone_of(owner, name)
        )
