"""People's time zones: from their Slack profile (users.info), kept a day in memory and in the
database, so dates people type are read in their own local time. The same daily look-up also
remembers whether the person is a workspace admin or owner (the program leads when none are
named), so a lead's digest knows them."""

from __future__ import annotations

import logging
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from datetime import datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy.exc import SQLAlchemyError

from storage.clock import Clock
from storage.db import SessionFactory
from storage.people.members import remember_admin
from storage.workspaces import remember_timezone, staff_timezone

log = logging.getLogger(__name__)
TIMEZONE_CACHE_TTL = timedelta(days=1)
LOOKUP_WAIT = 1.5
"""Seconds a first answer waits for Slack to tell someone's time zone."""


class ZoneReader(Protocol):
    """Reads a person's time zone (TimeZones is one)."""

    def of(self, client: WebClient, team_id: str, user_id: str) -> ZoneInfo:
        """The IANA zone of a Slack user, or a default."""
        ...


class TimeZones:
    """Each person's IANA time zone, else the workspace default. Slack is asked at most once a
    day per person, off the answer's path: a known zone is used at once while a stale one is
    refreshed in the background, and someone never seen before is waited for at most
    `LOOKUP_WAIT` seconds (then the default, until Slack's answer is remembered)."""

    def __init__(self, sessions: SessionFactory, clock: Clock, default: str) -> None:
        self._sessions = sessions
        self._clock = clock
        self._default = zone(default) or ZoneInfo("UTC")
        self._cache: dict[tuple[str, str], tuple[ZoneInfo, datetime]] = {}
        self._lock = threading.Lock()
        self._looking: dict[tuple[str, str], Future[str | None]] = {}
        self._pool: ThreadPoolExecutor | None = None

    @property
    def default(self) -> ZoneInfo:
        """The zone used when someone's profile has none."""
        return self._default

    def of(self, client: WebClient, team_id: str, user_id: str) -> ZoneInfo:
        """The user's Slack profile time zone, else the default."""
        key = (team_id, user_id)
        now = self._clock.now()
        with self._lock:
            cached = self._cache.get(key)
        if cached is not None and now - cached[1] < TIMEZONE_CACHE_TTL:
            return cached[0]
        with self._sessions() as session:
            name, checked = staff_timezone(session, team_id, user_id)
        if checked is None or now - checked >= TIMEZONE_CACHE_TTL:
            looking = self._look_up(client, team_id, user_id, now)
            if checked is None:  # never looked up: their zone is worth a short wait
                try:
                    name = looking.result(timeout=LOOKUP_WAIT)
                except FutureTimeout:
                    return self._default  # remembered once Slack answers
                except Exception as error:  # Slack unreachable: asked again next time
                    log.warning("time zone of %s/%s: %s", team_id, user_id, error)
                    return self._default
        found = zone(name) or self._default
        with self._lock:
            self._cache[key] = (found, now)
        return found

    def _look_up(
        self, client: WebClient, team_id: str, user_id: str, now: datetime
    ) -> Future[str | None]:
        """Ask Slack (once at a time per person) and remember the answer."""
        key = (team_id, user_id)
        with self._lock:
            running = self._looking.get(key)
            if running is not None:
                return running
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="tz")
            future = self._pool.submit(self._remember, client, team_id, user_id, now)
            self._looking[key] = future
        return future

    def _remember(self, client: WebClient, team_id: str, user_id: str, now: datetime) -> str | None:
        try:
            name, admin = _profile(client, user_id)
            try:
                with self._sessions.begin() as session:
                    remember_timezone(session, team_id, user_id, name, now)
                    if admin is not None:
                        remember_admin(session, team_id, user_id, admin, now=now)
            except SQLAlchemyError as error:  # Slack's answer still serves; stored next time
                log.warning("could not remember %s/%s's time zone: %s", team_id, user_id, error)
            with self._lock:
                self._cache[(team_id, user_id)] = (zone(name) or self._default, now)
            return name
        finally:
            with self._lock:
                self._looking.pop((team_id, user_id), None)


def _profile(client: WebClient, user_id: str) -> tuple[str | None, bool | None]:
    """The profile's time zone and whether the person is an admin or owner (None: unknown)."""
    try:
        response = client.users_info(user=user_id)
    except SlackApiError:
        return None, None
    found = response.get("user") or {}
    tz = found.get("tz")
    admin = bool(found.get("is_admin") or found.get("is_owner")) and not found.get("deleted")
    return (tz if isinstance(tz, str) and zone(tz) is not None else None), admin


def zone(name: str | None) -> ZoneInfo | None:
    """The ZoneInfo for an IANA name, or None when it is empty or unknown."""
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (KeyError, ValueError):
        return None
