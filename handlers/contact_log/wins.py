"""The local day a contact happened (what a win it reads as proposes is saved with it:
storage.contact_line and storage.contact_form; undoing it withdraws it: storage.contact_fixes)."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from storage.records import InteractionView


def on_day(entry: InteractionView, tz: ZoneInfo) -> date:
    """The local day a contact happened."""
    return entry.occurred_at.astimezone(tz).date()
