"""From sheets to import rows: pick the partner sheet (and a business-contacts sheet beside
it, as the export writes), find its header row, map the columns, and read every row into a
partner with its contacts and the problems found (each bad cell is left out and named). Rows
naming the same partner are read as one when they agree, and refused when they don't. Pure."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any

from handlers.celebrations.sections import names_beside_student_words
from handlers.imports.cells import (
    BadCell,
    read_date,
    read_days,
    read_email,
    read_pathways,
    read_person,
    read_phone,
    read_stage,
    read_yes,
    shown,
)
from handlers.imports.columns import header_key, header_row, map_contact_sheet, map_headers
from handlers.imports.files import Sheet, Unreadable
from storage.imports.values import MAX_ROWS, ContactRow, ImportRow
from storage.partners.names import name_key

_PARTNER_SHEETS = ("partners", "partner")
_CONTACT_SHEETS = ("business contacts", "business contact", "contacts people")
_DATES = ("last_contact", "last_thanked", "archived")
_TEXT_LIMIT = {"industry": 200, "source": 200, "notes": 3000}


@dataclass(frozen=True)
class People:
    """Who an Owner cell may name: lower-cased user ids, names and emails → Slack user id.
    `any_id`: a Slack user id is taken as it is (no member list to check it against)."""

    names: Mapping[str, str] = field(default_factory=dict)
    any_id: bool = False

    def person(self, value: str) -> str:
        """The user id a cell names; BadCell when no one."""
        text = value.strip()
        if self.any_id and re.fullmatch(r"<?@?[UW][A-Z0-9]{2,}>?", text):
            return text.strip("<>@")
        try:
            return read_person(value, self.names)
        except BadCell as bad:
            if self.any_id:  # no Slack to ask
                raise BadCell(
                    f"{bad} — without Slack, write a Slack user id like U0123ABCD"
                ) from None
            raise


def table_of(sheets: Sequence[Sheet]) -> dict[str, Any]:
    """The sheets an import reads, as the batch keeps them: the partner sheet (the one called
    Partners, else the first with a header naming partners), an optional business-contacts
    sheet, their header rows and cells; the other sheets are named in `notes`."""
    main = next((s for s in sheets if header_key(s.name) in _PARTNER_SHEETS), None)
    if main is None or header_row(main.rows) is None:
        main = next((s for s in sheets if header_row(s.rows) is not None), None)
    if main is None:
        raise Unreadable(
            "I couldn't find a column with the partners' names. Put a header row at the top, "
            "with a column called Partner, Name, Company or Organization."
        )
    start = header_row(main.rows)
    assert start is not None
    table: dict[str, Any] = {
        "main": main.name,
        "headers": main.rows[start][1],
        "rows": [[n, cells] for n, cells in main.rows[start + 1 :]],
        "notes": [],
    }
    if len(table["rows"]) > MAX_ROWS:
        raise Unreadable(f"That sheet has more than {MAX_ROWS:,} rows. Split it and import each.")
    others = [s for s in sheets if s is not main]
    contacts = next((s for s in others if header_key(s.name) in _CONTACT_SHEETS), None)
    at = header_row(contacts.rows, contacts=True) if contacts is not None else None
    if contacts is not None and at is not None:
        table["contact_sheet"] = contacts.name
        table["contact_headers"] = contacts.rows[at][1]
        table["contact_rows"] = [[n, cells] for n, cells in contacts.rows[at + 1 :]]
    skipped = [s.name for s in others if s.name != table.get("contact_sheet") and s.rows]
    if skipped:
        table["notes"].append(
            "Sheets not read (partners and business contacts only): " + ", ".join(skipped)
        )
    return table


def default_mapping(table: dict[str, Any]) -> dict[str, Any]:
    """The mapping the headers suggest."""
    mapping = map_headers(table["headers"])
    if table.get("contact_headers"):
        mapping["contact_sheet"] = map_contact_sheet(table["contact_headers"])
    return mapping


def _cell(cells: list[str], column: int | None) -> str:
    if column is None or column >= len(cells):
        return ""
    return cells[column].strip()


def _day_first(rows: list[list[Any]], column: int | None) -> bool:
    """Whether a date column writes the day first (some date's first number is over 12)."""
    for _, cells in rows:
        first = re.match(r"^(\d{1,2})[/.-]\d{1,2}[/.-]\d{2,4}$", _cell(cells, column))
        if first and int(first.group(1)) > 12:
            return True
    return False


class _Row:
    """One row being read: the values found and the problems met."""

    def __init__(self, number: int, cells: list[str], partner: str) -> None:
        self.number, self.cells, self.partner = number, cells, partner
        self.values: dict[str, Any] = {}
        self.problems: list[str] = []

    def read(self, column: int | None, how: Callable[[str], Any]) -> Any:
        value = _cell(self.cells, column)
        if not value:
            return None
        try:
            return how(value)
        except BadCell as bad:
            self.problems.append(str(bad))
            return None

    def text(self, name: str, column: int | None) -> str | None:
        value = (
            " ".join(_cell(self.cells, column).split())
            if name != "notes"
            else _cell(self.cells, column)
        )
        if not value:
            return None
        limit = _TEXT_LIMIT.get(name, 200)
        if len(value) > limit:
            self.problems.append(f"{name} cut to {limit:,} characters")
            value = value[:limit]
        students = names_beside_student_words(value, partners=[self.partner])
        if students:
            said = ", ".join(shown(s) for s in students)
            self.problems.append(f"{name} left out: {said} looks like a student's name")
            return None
        return value

    def contact(self, parts: Mapping[str, int]) -> ContactRow | None:
        name = self.text("contact name", parts.get("name"))
        email = self.read(parts.get("email"), read_email)
        phone = self.read(parts.get("phone"), read_phone)
        title = self.text("contact title", parts.get("title"))
        if name is None:
            if (email or phone) and not _cell(self.cells, parts.get("name")):
                self.problems.append("a contact without a name was left out")
            return None
        primary = read_yes(_cell(self.cells, parts.get("primary")))
        decides = read_yes(_cell(self.cells, parts.get("decision_maker")))
        return ContactRow(name, title, email, phone, primary, decides)


def _partner_row(
    number: int, cells: list[str], mapping: dict[str, Any], people: People, day_first: set[str]
) -> ImportRow:
    fields: dict[str, int] = mapping.get("fields") or {}
    name = " ".join(_cell(cells, fields.get("name")).split())
    row = _Row(number, cells, name)
    if not name:
        return ImportRow(number, "", refused="no partner name")
    values: dict[str, Any] = {}
    for key in ("industry", "source", "notes"):
        values[key] = row.text(key, fields.get(key))
    values["stage"] = row.read(fields.get("stage"), read_stage)
    values["pathways"] = row.read(fields.get("pathways"), read_pathways) or ()
    values["owner"] = row.read(fields.get("owner"), people.person)
    values["backup"] = row.read(fields.get("backup"), people.person)
    values["cadence_days"] = row.read(fields.get("cadence_days"), read_days)
    for key in _DATES:
        values[key] = row.read(fields.get(key), partial(read_date, day_first=key in day_first))
    contacts = [c for parts in mapping.get("contacts") or [] if (c := row.contact(parts))]
    if contacts and not any(c.primary for c in contacts):
        contacts[0] = replace(contacts[0], primary=True)
    return ImportRow(
        number, name[:200], contacts=tuple(contacts), problems=tuple(row.problems), **values
    )


def _merge(first: ImportRow, later: ImportRow) -> ImportRow | None:
    """`later` folded into `first` (the same partner): its contacts added; None when they
    disagree about anything else."""
    for attr in ("industry", "stage", "source", "notes", "owner", "backup", "cadence_days"):
        a, b = getattr(first, attr), getattr(later, attr)
        if a and b and a != b:
            return None
    values = {
        attr: getattr(first, attr) or getattr(later, attr)
        for attr in ("industry", "stage", "source", "notes", "owner", "backup", "cadence_days")
    }
    known = {c.name.casefold() for c in first.contacts}
    contacts = first.contacts + tuple(
        replace(c, primary=False) for c in later.contacts if c.name.casefold() not in known
    )
    pathways = first.pathways + tuple(p for p in later.pathways if p not in first.pathways)
    return ImportRow(
        first.row,
        first.name,
        pathways=pathways,
        last_contact=max(filter(None, (first.last_contact, later.last_contact)), default=None),
        last_thanked=first.last_thanked or later.last_thanked,
        archived=first.archived or later.archived,
        contacts=contacts,
        problems=first.problems + tuple(f"row {later.row}: {p}" for p in later.problems),
        **values,
    )


def _fold(rows: list[ImportRow]) -> list[ImportRow]:
    """Rows naming one partner read as one (or refused when they disagree)."""
    first_of: dict[str, int] = {}
    kept: list[ImportRow] = []
    for row in rows:
        key = name_key(row.name) if not row.refused else ""
        if not key or key not in first_of:
            if key:
                first_of[key] = len(kept)
            kept.append(row)
            continue
        at = first_of[key]
        merged = _merge(kept[at], row)
        if merged is None:
            kept.append(
                ImportRow(
                    row.row,
                    row.name,
                    refused=f"the same partner as row {kept[at].row}, with different details",
                )
            )
        else:
            kept[at] = merged
    return kept


def _attach_contacts(
    rows: list[ImportRow], table: dict[str, Any], mapping: dict[str, Any]
) -> list[ImportRow]:
    """Add the business-contacts sheet's people to the rows of their partners (their
    problems named with the sheet's row numbers)."""
    parts: dict[str, int] = mapping.get("contact_sheet") or {}
    if not table.get("contact_rows") or "partner" not in parts:
        return rows
    index = {name_key(r.name): i for i, r in enumerate(rows) if not r.refused}
    for number, cells in table["contact_rows"]:
        at = index.get(name_key(_cell(cells, parts["partner"])))
        if at is None:
            continue
        row, reading = rows[at], _Row(number, cells, rows[at].name)
        contact = reading.contact(parts)
        known = {c.name.casefold() for c in row.contacts}
        added = (contact,) if contact is not None and contact.name.casefold() not in known else ()
        said = tuple(f"{table.get('contact_sheet')} row {number}: {p}" for p in reading.problems)
        rows[at] = replace(row, contacts=row.contacts + added, problems=row.problems + said)
    if "primary" not in parts:  # the sheet lists each partner's primary contact first
        for at, row in enumerate(rows):
            if row.contacts and not any(c.primary for c in row.contacts):
                rows[at] = replace(
                    row, contacts=(replace(row.contacts[0], primary=True), *row.contacts[1:])
                )
    return rows


def read_rows(table: dict[str, Any], mapping: dict[str, Any], people: People) -> list[ImportRow]:
    """The import rows of a table under `mapping`."""
    fields: dict[str, int] = mapping.get("fields") or {}
    if "name" not in fields:
        raise Unreadable("No column is the partners' names: choose one under *Columns*.")
    day_first = {k for k in _DATES if _day_first(table["rows"], fields.get(k))}
    rows = [_partner_row(n, cells, mapping, people, day_first) for n, cells in table["rows"]]
    return _attach_contacts(_fold(rows), table, mapping)
