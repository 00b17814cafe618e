"""Reading what people typed into modals (Slack's `view.state.values`)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any


def form_values(view: Mapping[str, Any]) -> dict[str, str | None]:
    """Each input block's value by block id: text, the selected option's value, user or date."""
    values: dict[str, str | None] = {}
    state = (view.get("state") or {}).get("values") or {}
    for block_id, elements in state.items():
        for element in elements.values():
            kind = element.get("type")
            value: Any
            if kind in ("static_select", "external_select", "radio_buttons"):
                value = (element.get("selected_option") or {}).get("value")
            elif kind == "users_select":
                value = element.get("selected_user")
            elif kind == "conversations_select":
                value = element.get("selected_conversation")
            elif kind == "channels_select":
                value = element.get("selected_channel")
            elif kind == "datepicker":
                value = element.get("selected_date")
            elif kind == "timepicker":
                value = element.get("selected_time")
            else:
                value = element.get("value")
            values[block_id] = value if isinstance(value, str) else None
    return values


def metadata(view: Mapping[str, Any]) -> dict[str, Any]:
    """The JSON object a modal carries in `private_metadata` (empty when absent or not JSON)."""
    try:
        loaded = json.loads(view.get("private_metadata") or "{}")
    except ValueError:
        return {}
    return loaded if isinstance(loaded, dict) else {}
