"""What people type after `/partnerbot export`: nothing, or `since DATE` (pure)."""

from __future__ import annotations

from datetime import date

from handlers.common.grammar import GrammarError

WORKSPACE_USAGE = (
    "• `/partnerbot export` — everything the workspace holds, as a spreadsheet and a zip of "
    "CSVs in your DM (program leads); `/partnerbot export since 2026-08-01` from a day on"
)
PARTNER_USAGE = "• `/partner export Acme` — one partner's records, as a spreadsheet (its owner)"


def parse_since(text: str) -> date | None:
    """ "" → None (everything); "since 2026-08-01" → that day; GrammarError otherwise."""
    words = text.split()
    if not words:
        return None
    if words[0].casefold() != "since" or len(words) < 2:
        raise GrammarError(
            "Write `/partnerbot export` for everything, or `/partnerbot export since "
            "2026-08-01` for what happened from a day on."
        )
    typed = " ".join(words[1:])
    try:
        return date.fromisoformat(typed)
    except ValueError:
        raise GrammarError(
            f"“{typed[:40]}” is not a date I can read: write it as year-month-day, "
            "e.g. `/partnerbot export since 2026-08-01`."
        ) from None
