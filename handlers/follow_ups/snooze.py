"""Snooze choices as dates."""

from __future__ import annotations

import calendar
from datetime import date, timedelta


def add_months(start: date, months: int) -> date:
    """The same day `months` later, clamped to the month's last day (Jan 31 → Feb 28)."""
    month = start.month - 1 + months
    year, month = start.year + month // 12, month % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def snooze_target(code: str, today: date) -> date | None:
    """The new due date for a snooze choice ("1d", "7d", "1m"), or None for "pick"."""
    return {
        "1d": today + timedelta(days=1),
        "7d": today + timedelta(days=7),
        "1m": add_months(today, 1),
    }.get(code)
