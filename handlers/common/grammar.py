"""Grammar pieces more than one command reads: intervals and stages."""

from __future__ import annotations

import re

from storage.models import Stage

_INTERVAL = re.compile(r"^(\d{1,4})\s*(d|days?|w|wks?|weeks?|m|mos?|months?)?$", re.IGNORECASE)


class GrammarError(ValueError):
    """The text could not be understood; the message says how to write it."""


def parse_interval(text: str) -> int:
    """ "45d", "45 days", "6w", "2 months" → days; GrammarError otherwise."""
    match = _INTERVAL.match(text.strip())
    if not match:
        raise GrammarError(
            f"“{text.strip()}” is not an interval. Write days, weeks or months: `45d`, `6w`, `2m`."
        )
    count, unit = int(match.group(1)), (match.group(2) or "d").casefold()
    return count * (7 if unit.startswith("w") else 30 if unit.startswith("m") else 1)


def parse_stage(word: str) -> Stage:
    """A stage from its name, or GrammarError listing the stages."""
    try:
        return Stage(word.strip().casefold())
    except ValueError:
        raise GrammarError(
            f"“{word.strip()}” is not a stage. Use one of: "
            + ", ".join(s.value for s in Stage)
            + "."
        ) from None
