"""Reading record ids that buttons and forms carry, defensively: a signed request can still
carry anything (a word, a huge number, a list), and none of it may become an HTTP 500."""

from __future__ import annotations

import json
from typing import Any

MAX_RECORD_ID = 2**31 - 1
"""The largest id an INTEGER primary key holds on both databases."""


def record_id(value: Any) -> int | None:
    """A positive record id from a button value or form field, else None ("not found")."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        if len(value.strip()) > 10:
            return None
        number = int(value.strip())
    else:
        return None
    return number if 0 < number <= MAX_RECORD_ID else None


def action_value(body: dict[str, Any]) -> str:
    """The value of the first action of a block_actions payload ("" when there is none)."""
    actions = body.get("actions")
    if not isinstance(actions, list) or not actions or not isinstance(actions[0], dict):
        return ""
    value = actions[0].get("value")
    return value if isinstance(value, str) else ""


def carried(body: dict[str, Any]) -> dict[str, Any]:
    """The JSON object a button carries in its value ({} when it carries none, or garbage)."""
    try:
        value = json.loads(action_value(body) or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}
