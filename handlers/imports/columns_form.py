"""The columns form: which column holds each field (a menu of the sheet's headers per field,
"not in this sheet" for none), and reading its answer back as a mapping. Pure."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from handlers.common.blocks import Blocks, plain, section
from handlers.common.mrkdwn import clip
from handlers.imports import ids
from handlers.imports.columns import LABELS
from storage.imports.values import Preview

NONE = "none"
MAX_OPTIONS = 99  # a static select holds 100 options, one is NONE


def _options(headers: tuple[str, ...]) -> list[dict[str, Any]]:
    found = [{"text": plain("— not in this sheet —"), "value": NONE}]
    for i, h in enumerate(headers[:MAX_OPTIONS]):
        found.append({"text": plain(clip(h.strip() or f"(column {i + 1})", 75)), "value": str(i)})
    return found


def _current(preview: Preview, field: str) -> int | None:
    if field.startswith("contact."):
        first = (
            (preview.mapping.get("contacts") or [{}])[0] if preview.mapping.get("contacts") else {}
        )
        value = first.get(field.removeprefix("contact."))
    else:
        value = (preview.mapping.get("fields") or {}).get(field)
    return value if isinstance(value, int) else None


def columns_modal(preview: Preview, where: Mapping[str, Any]) -> dict[str, Any]:
    """The form for `preview`'s mapping; `where` is the message to redraw after."""
    options = _options(preview.headers)
    blocks: Blocks = [
        section(
            "Which column holds each field? Fields you leave as _not in this sheet_ are not read."
        )
    ]
    for field, label in LABELS.items():
        column = _current(preview, field)
        element: dict[str, Any] = {
            "type": "static_select",
            "action_id": "value",
            "options": options,
            "initial_option": options[column + 1]
            if column is not None and column + 1 < len(options)
            else options[0],
        }
        blocks.append(
            {
                "type": "input",
                "block_id": field,
                "label": plain(label),
                "element": element,
                "optional": field != "name",
            }
        )
    return {
        "type": "modal",
        "callback_id": ids.VIEW_COLUMNS,
        "title": plain("Import columns"),
        "submit": plain("Read again"),
        "close": plain("Cancel"),
        "private_metadata": json.dumps(
            {
                "batch": preview.batch_id,
                **where,
                "contacts": preview.mapping.get("contacts") or [],
                "contact_sheet": preview.mapping.get("contact_sheet"),
            }
        ),
        "blocks": blocks,
    }


def mapping_of(values: Mapping[str, str | None], previous: Mapping[str, Any]) -> dict[str, Any]:
    """The mapping the form's answers say (the wide sheet's contacts 2… kept as they were)."""
    fields: dict[str, int] = {}
    first: dict[str, int] = {}
    for field in LABELS:
        value = values.get(field)
        if value is None or value == NONE or not value.isdigit():
            continue
        if field.startswith("contact."):
            first[field.removeprefix("contact.")] = int(value)
        else:
            fields[field] = int(value)
    contacts = list(previous.get("contacts") or [])
    contacts = ([first] if first else []) + contacts[1:]
    mapping: dict[str, Any] = {"fields": fields, "contacts": contacts}
    if previous.get("contact_sheet"):
        mapping["contact_sheet"] = previous["contact_sheet"]
    return mapping
