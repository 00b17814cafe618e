"""Reading the `--at` instant operators give `partnerbot jobs run`."""

from __future__ import annotations

from datetime import UTC, datetime


def parse_at(text: str) -> datetime:
    """ISO 8601 (`2026-11-23T08:00`, `2026-11-23T08:00-06:00`, `…Z`): an offset is honoured,
    none means UTC. Raises ValueError with a message saying how to write it."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(
            f"{text!r} is not an ISO 8601 date and time; write e.g. 2026-11-23T08:00 (UTC) "
            "or 2026-11-23T08:00-06:00"
        ) from None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
