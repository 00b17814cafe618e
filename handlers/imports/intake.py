"""From a file's bytes to a kept preview: read the sheets, map the columns, ask Slack who the
Owner cells name, read the rows, then one storage operation keeps the batch. The same for a
file sent in a DM, the upload form, the console and the CLI (which may know no Slack)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from handlers.imports.files import Unreadable, read_sheets
from handlers.imports.rows import People, default_mapping, read_rows, table_of
from storage.clock import Clock
from storage.db import SessionFactory
from storage.imports.requests import Reader, preview_import
from storage.imports.values import ImportRow, Preview

PeopleFor = Callable[[Iterable[str]], People]
"""Who the Owner and Backup cells (given) may name."""


def named_people(table: dict[str, Any], mapping: dict[str, Any]) -> list[str]:
    """The Owner and Backup cells of a table under `mapping`."""
    fields = mapping.get("fields") or {}
    columns = [fields[f] for f in ("owner", "backup") if isinstance(fields.get(f), int)]
    return [
        cells[c]
        for _, cells in table.get("rows") or []
        for c in columns
        if c < len(cells) and cells[c]
    ]


def reader(people_for: PeopleFor) -> Reader:
    """Reading a kept table under a mapping (for `remap_import`)."""

    def read(
        table: dict[str, Any], mapping: dict[str, Any]
    ) -> tuple[list[ImportRow], dict[str, Any]]:
        people = people_for(named_people(table, mapping))
        return read_rows(table, mapping, people), mapping

    return read


def read_file(
    data: bytes, filename: str, people_for: PeopleFor
) -> tuple[dict[str, Any], dict[str, Any], list[ImportRow]]:
    """The table, mapping and rows of a file; Unreadable saying why it can't be imported."""
    table = table_of(read_sheets(data, filename))
    mapping = default_mapping(table)
    if "name" not in (mapping.get("fields") or {}):
        raise Unreadable("No column holds the partners' names (Partner, Name, Company …).")
    rows, _ = reader(people_for)(table, mapping)
    if not rows:
        raise Unreadable("That sheet has a header row but no partners under it.")
    return table, mapping, rows


def keep_preview(
    sessions: SessionFactory,
    clock: Clock,
    team_id: str,
    by: str,
    filename: str,
    data: bytes,
    people_for: PeopleFor,
) -> Preview:
    """Read the file and keep its preview (the one storage operation); Unreadable otherwise,
    with nothing saved."""
    table, mapping, rows = read_file(data, filename, people_for)
    return preview_import(
        sessions,
        team_id,
        by=by,
        source=filename or "spreadsheet",
        table=table,
        mapping=mapping,
        rows=rows,
        now=clock.now(),
    )
