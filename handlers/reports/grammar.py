"""The words of `/partnerbot report [this year | this term | since DATE] [pathway X]
[all counts]`."""

from __future__ import annotations

import re
from datetime import datetime

from handlers.common.dates import DateReader
from handlers.common.grammar import GrammarError
from storage.report_periods import PeriodKind
from storage.report_values import ReportAsk

USAGE = (
    "Write `/partnerbot report` (this school year), `report this term`, `report since Sep 1`, "
    "and add `pathway Welding` for one pathway; a program lead may add `all counts` to show "
    "counts under 5."
)
MAX_PATHWAY = 100
_ALL_COUNTS = re.compile(r"(?:^|\s)all\s+counts\s*$", re.IGNORECASE)
_PATHWAY = re.compile(r"(?:^|\s)pathway\s+(.+)$", re.IGNORECASE)


def parse_report(text: str, dates: DateReader, *, now: datetime) -> ReportAsk:
    """What `text` (the words after "report") asks for; GrammarError with USAGE otherwise.
    `now` is the asker's naive local time (what "since Monday" is read from)."""
    words = " ".join(text.split())
    all_counts = bool(_ALL_COUNTS.search(words))
    words = _ALL_COUNTS.sub("", words).strip()
    pathway = None
    found = _PATHWAY.search(words)
    if found:
        pathway = found.group(1).strip()
        words = words[: found.start()].strip()
        if not pathway or len(pathway) > MAX_PATHWAY:
            raise GrammarError(f"Name the pathway in at most {MAX_PATHWAY} characters. {USAGE}")
    lowered = words.casefold()
    if lowered in ("", "this year", "this school year", "year"):
        return ReportAsk(PeriodKind.YEAR, None, pathway, all_counts)
    if lowered in ("this term", "term"):
        return ReportAsk(PeriodKind.TERM, None, pathway, all_counts)
    if lowered.startswith("since "):
        read = dates.read(words[6:], now=now, prefer="past")
        if read is None:
            raise GrammarError(f"I can't read “{words[6:60]}” as a date. {USAGE}")
        return ReportAsk(PeriodKind.SINCE, read.day, pathway, all_counts)
    raise GrammarError(f"I don't know the period “{words[:60]}”. {USAGE}")
