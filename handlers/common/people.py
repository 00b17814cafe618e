"""People's time zones: from their Slack profile (users.info), kept a day in memory and in the
database, so dates people type are read in their own local time. The same daily look-up also
remembers whether the person is a workspace admin or owner (the program leads when none are
named), so a lead's digest knows them."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from storage.clock import Clock
from storage.db import SessionFactory
from storage.people.members import remember_admin
from storage.workspaces import remember_timezone, staff_timezone

TIMEZONE_CACHE_TTL = timedelta(days=1)


class ZoneReader(Protocol):
    """Reads a person's time zone (TimeZones is one)."""

    def of(self, client: WebClient, team_id: str, user_id: str) -> ZoneInfo:
        """The IANA zone of a Slack user, or a default."""
        ...


class TimeZones:
    """Each person's IANA time zone, else the workspace default."""

    def __init__(self, sessions: SessionFactory, clock: Clock, default: str) -> None:
        self._sessions = sessions
        self._clock = clock
        self._default = zone(default) or ZoneInfo("UTC")
        self._cache: dict[tuple[str, str], tuple[ZoneInfo, datetime]] = {}
        self._lock = threading.Lock()

    @property
    def default(self) -> ZoneInfo:
        """The zone used when someone's profile has none."""
        return self._default

    def of(self, client: WebClient, team_id: str, user_id: str) -> ZoneInfo:
        """The user's Slack profile time zone (users.info at most once a day), else the default."""
        key = (team_id, user_id)
        now = self._clock.now()
        with self._lock:
            cached = self._cache.get(key)
        if cached is not None and now - cached[1] < TIMEZONE_CACHE_TTL:
            return cached[0]
        with self._sessions() as session:
            name, checked = staff_timezone(session, team_id, user_id)
        if checked is None or now - checked >= TIMEZONE_CACHE_TTL:
            name, admin = _profile(client, user_id)
            with self._sessions.begin() as session:
                remember_timezone(session, team_id, user_id, name, now)
                if admin is not None:
                    remember_admin(session, team_id, user_id, admin, now=now)
        found = zone(name) or self._default
        with self._lock:
            self._cache[key] = (found, now)
        return found


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
