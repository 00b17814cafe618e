"""Logging one typed contact line (`/contact …`, a direct message, a button finishing one) in
one transaction: the look-ups reading it needs (the school calendar, the partners it names),
saving it and its follow-up once per idempotency key, proposing a thank-you when it reads as a
win, and what its confirmation shows (colleagues' recent contacts, the follow-up's day off and
busy season, the person's open follow-up to close).

Reading the words is the caller's: `log_line` hands its `read` the `Lookups` of the
transaction, and `read` says what to save, or nothing (a question to ask first)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import event
from sqlalchemy.orm import Session

from storage.busy_seasons import DayFacts, day_facts
from storage.celebrations import FROM_CONTACT, propose_win
from storage.contact_history import recent_contacts_by_others
from storage.contact_log import (
    LoggedContact,
    NewContact,
    log_contact,
    logged_contact,
    open_follow_up_to_close,
)
from storage.db import SessionFactory
from storage.follow_ups import NewFollowUp, create_follow_up
from storage.models import FollowUpStatus
from storage.partners.mentions import Mentions, find_mentions
from storage.partners.search import find_partners
from storage.records import FollowUpView, InteractionView, PartnerView
from storage.school_year import SchoolCalendar, calendar_since, school_calendar

__all__ = [
    "Confirmation",
    "Lookups",
    "ProposedWin",
    "ToLog",
    "confirmation_facts",
    "log_line",
    "settle_follow_up",
]

Said = TypeVar("Said")


class Lookups:
    """What reading a line may look up, bound to the session of the transaction that logs it
    (the reading never sees the session itself); `today`: the person's local date."""

    def __init__(self, session: Session, team_id: str, today: date) -> None:
        self._session = session
        self._team_id = team_id
        self._today = today
        self._calendar: SchoolCalendar | None = None

    @property
    def calendar(self) -> SchoolCalendar:
        """The workspace's school calendar, as `school_calendar` reads it for today (read
        once, on first use)."""
        if self._calendar is None:
            self._calendar = school_calendar(self._session, self._team_id, today=self._today)
        return self._calendar

    def mentions(self, text: str) -> Mentions:
        """The partner `text` names (`find_mentions`)."""
        return find_mentions(self._session, self._team_id, text)

    def partners(self, query: str, *, include_archived: bool, limit: int) -> list[PartnerView]:
        """Partners a search for `query` finds (`find_partners`)."""
        return find_partners(
            self._session, self._team_id, query, include_archived=include_archived, limit=limit
        )


@dataclass(frozen=True)
class ProposedWin:
    """A thank-you to propose for a contact that reads as a win."""

    headline: str
    happened_on: date


@dataclass(frozen=True)
class ToLog:
    """What to save of a line: the contact, and the thank-you its words call for."""

    contact: NewContact
    win: ProposedWin | None = None


@dataclass(frozen=True)
class Confirmation:
    """A logged contact and what its confirmation shows: colleagues' recent contacts with the
    partner, what its open follow-up's day means (None: no open follow-up), and the person's
    open follow-up on the partner it may have done (None when `closed` was asked for)."""

    logged: LoggedContact
    others: list[InteractionView]
    follow_up_day: DayFacts | None
    to_close: FollowUpView | None


def log_line(
    sessions: SessionFactory,
    team_id: str,
    read: Callable[[Lookups], tuple[Said, ToLog | None]],
    *,
    today: date,
    now: datetime,
    key: str | None,
    recent_since: datetime | None,
) -> tuple[Said, Confirmation | None]:
    """Read a line with `read` and, when it says what to save, log it (once per `key`) and
    read its confirmation, all in one transaction; `recent_since`: since when colleagues'
    contacts are worth a heads-up (None: never). What `read` said, and the confirmation
    (None: nothing was saved)."""
    with sessions.begin() as session:
        _hold_loaded_rows(session)
        look = Lookups(session, team_id, today)
        said, wanted = read(look)
        if wanted is None:
            return said, None
        logged = log_contact(session, team_id, wanted.contact, now=now, idempotency_key=key)
        entry = logged.interaction
        if logged.created and wanted.win is not None:
            propose_win(
                session,
                team_id=team_id,
                partner_id=entry.partner_id,
                owner_user_id=entry.user_id,
                headline=wanted.win.headline,
                source=FROM_CONTACT,
                source_id=entry.id,
                happened_on=wanted.win.happened_on,
                now=now,
            )
        calendar = look._calendar
        confirmation = confirmation_facts(
            session,
            team_id,
            entry.user_id,
            logged,
            since=recent_since,
            calendar=(calendar, today) if calendar is not None else None,
        )
        return said, confirmation


def _hold_loaded_rows(session: Session) -> None:
    """Keep every row this session loads until it closes. The identity map holds rows
    weakly, so the partner the reading loaded would be read again by primary key (saving,
    confirming); held, `session.get` finds it without a statement."""
    held: list[object] = session.info.setdefault("held rows", [])
    event.listen(session, "loaded_as_persistent", lambda _, row: held.append(row))


def confirmation_facts(
    session: Session,
    team_id: str,
    user_id: str,
    logged: LoggedContact,
    *,
    since: datetime | None,
    closed: bool = False,
    calendar: tuple[SchoolCalendar, date] | None = None,
) -> Confirmation:
    """What the confirmation of `logged` shows `user_id` (`closed`: a follow-up was just
    marked done, so none is offered to close); `calendar`: the school calendar already read
    for a day, reused for the follow-up's day when it is not earlier."""
    entry = logged.interaction
    others = []
    if since is not None:
        others = recent_contacts_by_others(session, team_id, entry.partner_id, user_id, since=since)
    f = logged.follow_up
    follow_up_day = None
    if f is not None and f.status is FollowUpStatus.OPEN:
        known = None
        if calendar is not None and calendar[1] <= f.due_date:
            known = calendar_since(calendar[0], calendar[1], f.due_date)
        follow_up_day = day_facts(session, team_id, f.partner_id, f.due_date, calendar=known)
    to_close = None
    if not closed:
        to_close = open_follow_up_to_close(
            session, team_id, entry.partner_id, user_id, not_id=f.id if f else None
        )
    return Confirmation(logged, others, follow_up_day, to_close)


def settle_follow_up(
    sessions: SessionFactory,
    team_id: str,
    entry_id: int,
    *,
    user_id: str,
    due: tuple[date, str, ZoneInfo] | None,
    now: datetime,
    recent_since: datetime | None,
) -> Confirmation | None:
    """A contact was logged without the follow-up its line asked for (its date could not be
    placed): give it a follow-up on `due` (the day, its owner and the owner's time zone; None:
    it has none), unless it already has one, and read its confirmation again, in one
    transaction. None: `user_id` did not log it. Raises NotFound."""
    with sessions.begin() as session:
        logged = logged_contact(session, team_id, entry_id)
        entry = logged.interaction
        if entry.user_id != user_id:
            return None
        if due is not None and logged.follow_up is None:
            day, owner, tz = due
            note = f"Follow up: {' '.join(entry.summary.split())[:140]}"
            made = create_follow_up(
                session,
                team_id,
                entry.partner_id,
                NewFollowUp(owner, day, None, note, tz),
                now=now,
                created_by=user_id,
                source="contact",
                interaction_id=entry.id,
            )
            logged = LoggedContact(entry, made, created=logged.created)
        return confirmation_facts(session, team_id, user_id, logged, since=recent_since)
