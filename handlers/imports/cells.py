"""Reading one cell of an import: dates (ISO, US 3/4/25, 4.3.2025 in European sheets, "Mar 4,
2025", Excel serial numbers), emails (email-validator), phones (phonenumbers), stages,
pathways, yes/no, numbers of days, and people (a Slack user id, @name, a name or an email,
through the workspace's member list). Each returns the value or raises BadCell saying what is
wrong. Pure."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime, timedelta

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from storage.models import Stage

EXCEL_EPOCH = date(1899, 12, 30)
_SERIAL = re.compile(r"^\d{5}(?:\.\d+)?$")
_NUMERIC = re.compile(r"^(\d{1,4})([/.-])(\d{1,2})\2(\d{2,4})$")
_WRITTEN: tuple[str, ...] = (
    "%b %d, %Y",
    "%B %d, %Y",
    "%b %d %Y",
    "%B %d %Y",
    "%d %b %Y",
    "%d %B %Y",
)
_WRITTEN += ("%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S%z")
_USER_ID = re.compile(r"^<?@?([UW][A-Z0-9]{2,})(?:\|[^>]*)?>?$")
_STAGES = {s.value: s.value for s in Stage} | {
    "lead": "prospect",
    "new": "prospect",
    "prospective": "prospect",
    "in progress": "contacted",
    "reached out": "contacted",
    "contacted": "contacted",
    "engaging": "engaged",
    "current": "active",
    "partner": "active",
    "on hold": "paused",
    "inactive": "paused",
    "dormant": "paused",
}
_YES = frozenset({"yes", "y", "true", "x", "1", "primary", "✓", "✔"})


class BadCell(Exception):
    """The cell can't be read; the message says what it holds and how to write it."""


def shown(value: str) -> str:
    """A cell quoted in a problem (shortened)."""
    value = " ".join(value.split())
    return f"“{value[:60]}…”" if len(value) > 60 else f"“{value}”"


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if len(text) == 2 and year < 70 else year + 1900 if len(text) == 2 else year


def read_date(value: str, *, day_first: bool = False) -> str:
    """The ISO date a cell holds (US month/day order unless `day_first`, or when the first
    number can't be a month)."""
    text = value.strip()
    if _SERIAL.match(text) and 20_000 <= float(text) <= 80_000:
        return (EXCEL_EPOCH + timedelta(days=int(float(text)))).isoformat()
    try:
        return date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        pass
    numeric = _NUMERIC.match(text)
    if numeric:
        a, sep, b, y = numeric.groups()
        try:
            if len(a) == 4:
                return date(int(a), int(b), int(y)).isoformat()
            first_day = day_first or sep == "." or int(a) > 12
            day, month = (int(a), int(b)) if first_day else (int(b), int(a))
            return date(_year(y), month, day).isoformat()
        except ValueError:
            pass
    for pattern in _WRITTEN:
        try:
            return datetime.strptime(text.replace(".", ""), pattern).date().isoformat()
        except ValueError:
            continue
    raise BadCell(f"unreadable date {shown(value)} (write it like 2025-03-04 or 3/4/2025)")


def read_email(value: str) -> str:
    """The email address, normalised."""
    try:
        return validate_email(value.strip(), check_deliverability=False).normalized
    except EmailNotValidError:
        raise BadCell(f"bad email {shown(value)}") from None


def read_phone(value: str, region: str = "US") -> str:
    """The phone number as written, when it can be one."""
    text = " ".join(value.split())
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        raise BadCell(f"bad phone number {shown(value)}") from None
    if not phonenumbers.is_possible_number(number):
        raise BadCell(f"bad phone number {shown(value)}")
    return text


def read_stage(value: str) -> str:
    """The pipeline stage a cell names."""
    found = _STAGES.get(" ".join(value.casefold().split()))
    if found is None:
        stages = ", ".join(s.value for s in Stage)
        raise BadCell(f"unknown stage {shown(value)} (one of {stages})")
    return found


def read_pathways(value: str) -> tuple[str, ...]:
    """Pathways separated by ";" (as the export joins them), else "," or new lines."""
    parts = re.split(r"[;\n]" if ";" in value else r"[,\n]|\s+/\s+", value)
    return tuple(p for p in (" ".join(part.split()) for part in parts) if p)


def read_days(value: str) -> int:
    """A whole number of days (1 to 365), "45" or "45d"."""
    text = value.strip().casefold().removesuffix("days").removesuffix("d").strip()
    if not text.isdigit() or not 1 <= int(text) <= 365:
        raise BadCell(f"cadence {shown(value)} is not a number of days from 1 to 365")
    return int(text)


def read_yes(value: str) -> bool:
    """Whether a cell says yes."""
    return value.strip().casefold() in _YES


def read_person(value: str, directory: Mapping[str, str]) -> str:
    """The Slack user id of a person given by id, <@id>, @name, name or email (`directory`:
    lower-cased ids, names and emails → user id)."""
    text = value.strip()
    by_id = _USER_ID.match(text)
    key = by_id.group(1) if by_id else text.lstrip("@")
    found = directory.get(key.casefold())
    if found is None:
        raise BadCell(f"unknown owner {shown(value)} (no Slack member by that name or email)")
    return found
