"""What listeners need from the outside world, passed in by the composition root."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from handlers.dates import DateReader
from storage.clock import Clock
from storage.db import SessionFactory
from storage.workspaces import ensure_staff

TIMEZONE_CACHE_TTL = timedelta(days=1)


@dataclass
class Deps:
    """Session factory, clock and defaults shared by every listener."""

    sessions: SessionFactory
    clock: Clock
    default_timezone: str = "America/Chicago"
    recent_contact_days: int = 14
    dates: DateReader = field(default_factory=DateReader)
    _tz_cache: dict[tuple[str, str], tuple[ZoneInfo, datetime]] = field(
        default_factory=dict, repr=False
    )

    def timezone_of(self, client: WebClient, team_id: str, user_id: str) -> ZoneInfo:
        """The user's Slack profile time zone (users.info, cached a day), else the default."""
        key = (team_id, user_id)
        now = self.clock.now()
        cached = self._tz_cache.get(key)
        if cached is not None and now - cached[1] < TIMEZONE_CACHE_TTL:
            return cached[0]
        with self.sessions.begin() as session:
            staff = ensure_staff(session, team_id, user_id, now)
            fresh = (
                staff.timezone_checked_at is not None
                and now - staff.timezone_checked_at < TIMEZONE_CACHE_TTL
            )
            name = staff.timezone if fresh else None
            if not fresh:
                name = _lookup_timezone(client, user_id)
                staff.timezone, staff.timezone_checked_at = name, now
        zone = _zone(name) or _zone(self.default_timezone) or ZoneInfo("UTC")
        self._tz_cache[key] = (zone, now)
        return zone


def _lookup_timezone(client: WebClient, user_id: str) -> str | None:
    try:
        response = client.users_info(user=user_id)
    except SlackApiError:
        return None
    tz = (response.get("user") or {}).get("tz")
    return tz if isinstance(tz, str) and _zone(tz) is not None else None


def _zone(name: str | None) -> ZoneInfo | None:
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (KeyError, ValueError):
        return None
