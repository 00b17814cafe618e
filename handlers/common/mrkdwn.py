"""Slack mrkdwn helpers: user text is escaped before it is echoed, and kept within limits."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime
from zoneinfo import ZoneInfo

_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")


def escape(text: str) -> str:
    """Escape &, < and > so `<!channel>` or `<@U123>` typed by a user shows as text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_LINKABLE = re.compile(r"https?://[^\s|<>]+", re.IGNORECASE)


def link(url: str | None, label: str) -> str:
    """A mrkdwn link to `url` shown as `label`, both escaped; only a plain http(s) address
    is linked (no spaces, `|`, `<` or `>`); anything else gives just the label, or "" with no
    address at all."""
    if not url:
        return ""
    if not _LINKABLE.fullmatch(url) or len(url) > 2000:
        return escape(label)
    return f"<{escape(url)}|{escape(label)}>"


def clip(text: str, limit: int) -> str:
    """Shorten `text` to at most `limit` characters, marking the cut with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def quote(text: str, limit: int = 300) -> str:
    """User text ready to show inside a message: escaped, then cut to at most `limit`
    characters (never inside an `&amp;`-style entity)."""
    escaped = escape(" ".join(text.split()))
    if len(escaped) <= limit:
        return escaped
    cut = escaped[: limit - 1]
    entity = cut.rfind("&")
    if entity != -1 and ";" not in cut[entity:]:
        cut = cut[:entity]
    return cut + "…"


_BACKTICK = "`"
_LOOKALIKE = "\u02cb"  # ˋ MODIFIER LETTER GRAVE ACCENT: reads like a backtick, closes nothing


def _uncloseable(escaped: str) -> str:
    return escaped.replace(_BACKTICK, _LOOKALIKE)


def code(text: str, limit: int = 300) -> str:
    """User text as an inline code span (`…`): escaped, cut to `limit`, and with its own
    backticks shown as look-alikes so the span cannot be closed from inside."""
    inner = _uncloseable(quote(text, limit))
    return f"`{inner}`" if inner else ""


def code_block(text: str, limit: int = 2800) -> str:
    """User text as a code block (```…```), e.g. a command echoed back to fix and resend:
    escaped, cut to `limit`, backticks shown as look-alikes so typed text cannot close it."""
    inner = _uncloseable(quote(text, limit))
    return f"```{inner}```" if inner else ""


def user(user_id: str | None) -> str:
    """A Slack mention for a user id, or "nobody" when there is none."""
    return f"<@{user_id}>" if user_id else "_nobody_"


def mentioned_users(text: str) -> list[str]:
    """User ids in Slack's escaped mention syntax (`<@U123|maria>`), in order."""
    return _MENTION.findall(text)


def strip_mentions(text: str) -> str:
    """Text with Slack mention markup removed."""
    return " ".join(_MENTION.sub(" ", text).split())


def day(value: date) -> str:
    """A short date people read: "Tue Nov 24"."""
    return f"{value:%a %b} {value.day}"


def local_day(moment: datetime, tz: ZoneInfo) -> str:
    """The local date of a UTC moment, as `day()` writes it."""
    return day(moment.astimezone(tz).date())


def code_table(rows: Sequence[Sequence[str | int]], limit: int = 2800) -> str:
    """Rows (the first one the header) as a code block of aligned columns, numbers to the
    right: every cell escaped, backticks shown as look-alikes; rows past `limit` characters
    are left out with a last "…" line."""
    if not rows:
        return ""
    cells = [[" ".join(str(c).split()) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells if i < len(row)) for i in range(len(cells[0]))]
    lines: list[str] = []
    size = 6
    for row in cells:
        padded = [
            c.rjust(widths[i]) if c.lstrip("-").isdigit() or c == "<5" else c.ljust(widths[i])
            for i, c in enumerate(row)
        ]
        line = _uncloseable(escape("  ".join(padded).rstrip()))
        if size + len(line) + 1 > limit - 2:
            lines.append("…")
            break
        lines.append(line)
        size += len(line) + 1
    return "```" + "\n".join(lines) + "```"
