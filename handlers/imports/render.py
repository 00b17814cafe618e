"""What an import shows: the preview (counts, the columns used, the first rows of each group
with their row numbers and a choice per group, Import / Cancel), the summary with Undo, and
the undo's answer. Every message stays within Slack's limits (50 blocks, 3,000 characters a
section) whatever the file holds: each group shows its first rows and counts the rest. Pure."""

from __future__ import annotations

import json
from typing import Any

from handlers.common.blocks import (
    SECTION_TEXT_LIMIT,
    Blocks,
    actions,
    button,
    context,
    header,
    plain,
    section,
    static_select,
)
from handlers.common.mrkdwn import clip, quote, user
from handlers.imports import ids
from handlers.imports.columns import LABELS
from storage.imports.values import (
    ADD,
    EXACT,
    NEAR,
    NEW,
    OPTIONS,
    PROBLEM,
    REFUSED,
    SKIP,
    UPDATE,
    Preview,
    Sorted,
)

SHOWN_ROWS = 6
"""Rows listed per group; the rest are counted."""
TITLES = {
    NEW: "New partners",
    EXACT: "Already partners (same name)",
    NEAR: "Look like existing partners",
    PROBLEM: "Rows with problems",
    REFUSED: "Can't be imported",
}
SHORT = {
    NEW: "new",
    EXACT: "already partners",
    NEAR: "like existing partners",
    PROBLEM: "with problems",
    REFUSED: "can't be imported",
}
CHOICE_LABELS = {
    (NEW, ADD): "Add them",
    (NEW, SKIP): "Skip them",
    (EXACT, UPDATE): "Update those partners",
    (EXACT, SKIP): "Skip them",
    (NEAR, UPDATE): "Update the partner shown",
    (NEAR, ADD): "Add as new partners",
    (NEAR, SKIP): "Skip them",
    (PROBLEM, ADD): "Save without the bad cells",
    (PROBLEM, SKIP): "Skip them",
}


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _row_line(item: Sorted) -> str:
    row = item.row
    line = f"`row {row.row}` *{quote(row.name, 80)}*" if row.name else f"`row {row.row}`"
    if row.contacts:
        line += f" · {_plural(len(row.contacts), 'contact')}"
    if item.group == NEAR and item.match_name:
        line += f" ↔ existing *{quote(item.match_name, 80)}*"
    if item.group == PROBLEM:
        line += ": " + quote("; ".join(row.problems), 400)
    if item.group == REFUSED and row.refused:
        line += ": " + quote(row.refused, 200)
    return line


def _group_text(title: str, items: list[Sorted]) -> str:
    lines = [_row_line(i) for i in items[:SHOWN_ROWS]]
    if len(items) > SHOWN_ROWS:
        lines.append(f"… and {len(items) - SHOWN_ROWS:,} more")
    return clip(f"*{title} ({len(items):,})*\n" + "\n".join(lines), SECTION_TEXT_LIMIT)


def _choice(preview: Preview, group: str) -> dict[str, Any]:
    options = [(CHOICE_LABELS[(group, o)], o) for o in OPTIONS[group]]
    select = static_select(f"{ids.CHOOSE}:{group}", "Choose", options)
    current = preview.choices.get(group, SKIP)
    select["initial_option"] = {"text": plain(CHOICE_LABELS[(group, current)]), "value": current}
    return select


def mapping_text(preview: Preview) -> str:
    """ "Partner name ← *Company* · …", and the headers nothing reads."""
    headers = preview.headers
    used: set[int] = set()
    said = []
    for field, column in (preview.mapping.get("fields") or {}).items():
        if isinstance(column, int) and column < len(headers):
            used.add(column)
            said.append(f"{LABELS.get(field, field)} ← *{quote(headers[column], 60)}*")
    for n, parts in enumerate(preview.mapping.get("contacts") or [], start=1):
        columns = [c for c in parts.values() if isinstance(c, int) and c < len(headers)]
        used.update(columns)
        if columns:
            heads = ", ".join(quote(headers[c], 40) for c in columns)
            said.append(f"Contact {n} ← {heads}")
    unused = [quote(h, 40) for i, h in enumerate(headers) if i not in used and h.strip()]
    text = "*Columns:* " + " · ".join(said)
    if unused:
        text += "\n_Not read:_ " + ", ".join(unused)
    return clip(text, SECTION_TEXT_LIMIT)


def _value(preview: Preview) -> str:
    return json.dumps({"batch": preview.batch_id})


def preview_blocks(preview: Preview) -> Blocks:
    """The preview message: at most 5 + 2 × groups blocks."""
    counts = {g: len(preview.group(g)) for g in (NEW, EXACT, NEAR, PROBLEM, REFUSED)}
    total = sum(counts.values())
    said = ", ".join(f"{n:,} {SHORT[g]}" for g, n in counts.items() if n)
    blocks: Blocks = [
        header(clip(f"Import preview: {preview.source}", 150)),
        section(
            f"*{_plural(total, 'row')}* read — {said}. Nothing is saved until you press *Import*."
        ),
        section(
            mapping_text(preview),
            accessory=button("Change columns", ids.COLUMNS, value=_value(preview)),
        ),
    ]
    for note in preview.notes:
        blocks.append(context(quote(note, 2000)))
    for group in (NEW, EXACT, NEAR, PROBLEM):
        items = preview.group(group)
        if items:
            text = _group_text(TITLES[group], items)
            blocks.append(
                section(
                    text,
                    block_id=f"group:{group}:{preview.batch_id}",
                    accessory=_choice(preview, group),
                )
            )
    if counts[REFUSED]:
        blocks.append(section(_group_text(TITLES[REFUSED], preview.group(REFUSED))))
    blocks.append(
        actions(
            [
                button("Import", ids.CONFIRM, value=_value(preview), style="primary"),
                button("Cancel", ids.CANCEL, value=_value(preview)),
            ],
            block_id=f"import:{preview.batch_id}",
        )
    )
    blocks.append(context(f"Import #{preview.batch_id} · read by {user(preview.created_by)}"))
    return blocks


def preview_text(preview: Preview) -> str:
    """The notification text of the preview."""
    return f"Import preview of {quote(preview.source, 150)}: {len(preview.rows):,} rows"


def summary_line(preview: Preview) -> str:
    """ "Import #12: added 180 partners, updated 20, skipped 14, refused 2 (240 business
    contacts added)." """
    s = preview.summary or {}
    line = (
        f"Import #{preview.batch_id} of {quote(preview.source, 150)}: added "
        f"{_plural(int(s.get('added', 0)), 'partner')}, updated {s.get('updated', 0):,}, "
        f"skipped {s.get('skipped', 0):,}, refused {s.get('refused', 0):,}"
    )
    if s.get("contacts_added"):
        line += f" ({_plural(int(s['contacts_added']), 'business contact')} added)"
    return line + "."


def done_blocks(preview: Preview) -> Blocks:
    """After Import: the summary with Undo (or, once undone, what the undo did)."""
    blocks: Blocks = [section("✅ " + summary_line(preview))]
    undo = (preview.summary or {}).get("undo")
    if preview.status == "undone" and isinstance(undo, dict):
        text = (
            f"↩️ Undone: removed {_plural(int(undo.get('added', 0)), 'partner')} it added and "
            f"restored {_plural(int(undo.get('updated', 0)), 'partner')} it updated."
        )
        kept = [quote(str(k), 80) for k in undo.get("kept") or []]
        if kept:
            shown = ", ".join(kept[:20]) + (f" and {len(kept) - 20} more" if len(kept) > 20 else "")
            text += f"\nKept as they are now (changed since the import): {shown}."
        blocks[0] = section(clip(text + "\n~" + summary_line(preview) + "~", SECTION_TEXT_LIMIT))
        return blocks
    blocks.append(
        actions(
            [button("Undo import", ids.UNDO, value=_value(preview), style="danger")],
            block_id=f"undo:{preview.batch_id}",
        )
    )
    return blocks


def cancelled_blocks(preview: Preview) -> Blocks:
    """After Cancel."""
    return [
        section(
            f"Import #{preview.batch_id} of {quote(preview.source, 150)} cancelled: "
            "nothing was saved."
        )
    ]


def blocks_for(preview: Preview) -> tuple[str, Blocks]:
    """The message a batch shows in its state now, and its notification text."""
    if preview.status == "previewed":
        return preview_text(preview), preview_blocks(preview)
    if preview.status == "cancelled":
        return "Import cancelled", cancelled_blocks(preview)
    return summary_line(preview), done_blocks(preview)


def upload_modal(problem: str | None = None) -> dict[str, Any]:
    """`/partnerbot import`'s form: one file field."""
    blocks: Blocks = [
        section(
            "Send the spreadsheet your team keeps: Excel (.xlsx) or CSV, one row per partner, "
            "with a header row. You'll see a preview before anything is saved."
        ),
        {
            "type": "input",
            "block_id": ids.FILE_BLOCK,
            "label": plain("Spreadsheet"),
            "element": {
                "type": "file_input",
                "action_id": ids.FILE_ACTION,
                "filetypes": ["csv", "xlsx", "zip", "txt"],
                "max_files": 1,
            },
        },
    ]
    if problem:
        blocks.append(context(quote(problem, 1000)))
    return {
        "type": "modal",
        "callback_id": ids.VIEW_UPLOAD,
        "title": plain("Import partners"),
        "submit": plain("Preview"),
        "close": plain("Cancel"),
        "blocks": blocks,
    }


def report(preview: Preview, *, rows: int = SHOWN_ROWS) -> str:
    """The preview (or, once applied, the summary) as plain text, for the CLI."""
    if preview.status != "previewed":
        return strip_marks(blocks_for(preview)[0])
    counts = {g: len(preview.group(g)) for g in (NEW, EXACT, NEAR, PROBLEM, REFUSED)}
    lines = [f"Import #{preview.batch_id} of {preview.source}: {len(preview.rows):,} rows read"]
    lines.append(strip_marks(mapping_text(preview)))
    lines += list(preview.notes)
    for group in (NEW, EXACT, NEAR, PROBLEM, REFUSED):
        if not counts[group]:
            continue
        choice = preview.choices.get(group)
        does = f" → {CHOICE_LABELS[(group, choice)].lower()}" if choice and group != REFUSED else ""
        lines.append(f"{TITLES[group]} ({counts[group]:,}){does}:")
        items = preview.group(group)
        lines += ["  " + strip_marks(_row_line(i)) for i in items[:rows]]
        if len(items) > rows:
            lines.append(f"  … and {len(items) - rows:,} more")
    return "\n".join(lines)


def strip_marks(text: str) -> str:
    """Mrkdwn as plain text: no *bold*, `code` or entities."""
    text = text.replace("*", "").replace("`", "").replace("_Not read:_", "Not read:")
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
