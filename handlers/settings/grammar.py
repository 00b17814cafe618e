"""`/partnerbot` settings grammar: `digest 7:30`, `digest off`, `cadence active 60d`. Pure."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time

from handlers.common.grammar import GrammarError, parse_interval, parse_stage
from storage.models import Stage

_TIME = re.compile(r"^(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$", re.IGNORECASE)
DIGEST_USAGE = (
    "Write `/partnerbot digest 7:30` (or `7:30am`, `16:00`) to choose when your morning digest "
    "arrives, `/partnerbot digest off` to stop it, `/partnerbot digest on` to restart it."
)

CADENCE_USAGE = (
    "Write `/partnerbot cadence active 60d` to stay in touch with every *active* partner at least "
    "every 60 days (days, weeks or months: `60d`, `8w`, `2m`), "
    "`/partnerbot cadence active default` to go back to the built-in interval, or "
    "`/partnerbot cadence` to see them all. One partner: `/partner cadence Acme 45d`."
)


@dataclass(frozen=True)
class DigestSetting:
    """Show (both None), set the time, or switch the digest on/off."""

    at: time | None = None
    enabled: bool | None = None


def parse_clock_time(text: str) -> time:
    """ "7:30", "7:30am", "16:00", "7pm" → a time; GrammarError otherwise."""
    match = _TIME.match(text.strip())
    if not match:
        raise GrammarError(f"“{text.strip()}” is not a time of day. {DIGEST_USAGE}")
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    suffix = (match.group(3) or "").casefold().replace(".", "")
    if suffix and not 1 <= hour <= 12:
        raise GrammarError(f"“{text.strip()}” is not a time of day. {DIGEST_USAGE}")
    if suffix == "pm" and hour != 12:
        hour += 12
    elif suffix == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        raise GrammarError(f"“{text.strip()}” is not a time of day. {DIGEST_USAGE}")
    return time(hour, minute)


def parse_digest_setting(rest: str) -> DigestSetting:
    """What followed `/partnerbot digest`."""
    word = rest.strip().casefold()
    if not word:
        return DigestSetting()
    if word in ("off", "stop", "none", "no"):
        return DigestSetting(enabled=False)
    if word in ("on", "start", "yes"):
        return DigestSetting(enabled=True)
    return DigestSetting(at=parse_clock_time(word), enabled=True)


@dataclass(frozen=True)
class CadenceSetting:
    """Show every stage's interval (stage None), or set one (days None: the default)."""

    stage: Stage | None = None
    days: int | None = None


def parse_cadence_setting(rest: str) -> CadenceSetting:
    """What followed `/partnerbot cadence`."""
    words = rest.split()
    if not words:
        return CadenceSetting()
    if len(words) == 1:
        raise GrammarError(f"Say how often, too. {CADENCE_USAGE}")
    interval = " ".join(words[1:])
    try:
        stage = parse_stage(words[0])
        if interval.casefold() in ("default", "reset"):
            return CadenceSetting(stage=stage)
        return CadenceSetting(stage=stage, days=parse_interval(interval))
    except GrammarError as exc:
        raise GrammarError(f"{exc} {CADENCE_USAGE}") from None


NUDGE_USAGE = (
    "Write `/partnerbot nudge friday 13:00` (a weekday and a time, either alone) to choose when "
    "the weekly celebration nudge goes to the celebration channel, `/partnerbot nudge off` to "
    "stop it, `/partnerbot nudge on` to restart it."
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday")


@dataclass(frozen=True)
class NudgeSetting:
    """Show (all None), or change the weekday (0 Monday), the time, or on/off."""

    weekday: int | None = None
    at: time | None = None
    enabled: bool | None = None


def _weekday(word: str) -> int | None:
    word = word.casefold().rstrip(".s")
    if len(word) < 3:
        return None
    found = [i for i, name in enumerate(_WEEKDAYS) if name.startswith(word)]
    return found[0] if len(found) == 1 else None


def parse_nudge_setting(rest: str) -> NudgeSetting:
    """What followed `/partnerbot nudge`: "friday 13:00", "tue", "2pm", "off", "on"."""
    words = rest.split()
    if not words:
        return NudgeSetting()
    if len(words) == 1 and words[0].casefold() in ("off", "stop", "none", "no"):
        return NudgeSetting(enabled=False)
    if len(words) == 1 and words[0].casefold() in ("on", "start", "yes"):
        return NudgeSetting(enabled=True)
    weekday = _weekday(words[0])
    if weekday is None and words[0].casefold() in ("saturday", "sunday", "sat", "sun"):
        raise GrammarError(f"The nudge goes out on school days, Monday to Friday. {NUDGE_USAGE}")
    clock = " ".join(words[1:] if weekday is not None else words)
    if len(words) > 3 or (weekday is None and not clock):
        raise GrammarError(f"“{rest.strip()}” is not a day and time. {NUDGE_USAGE}")
    try:
        at = parse_clock_time(clock) if clock else None
    except GrammarError:
        raise GrammarError(f"“{clock}” is not a time of day. {NUDGE_USAGE}") from None
    return NudgeSetting(weekday=weekday, at=at, enabled=True)
