"""What an import reads and answers, as plain values: a row (a partner with its business
contacts and the problems found in it), the groups a preview sorts rows into, and summaries."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

NEW = "new"
EXACT = "exact"
NEAR = "near"
PROBLEM = "problem"
REFUSED = "refused"
GROUPS = (NEW, EXACT, NEAR, PROBLEM)
"""The groups a person chooses for (refused rows are never saved)."""

ADD = "add"
UPDATE = "update"
SKIP = "skip"
OPTIONS: dict[str, tuple[str, ...]] = {
    NEW: (ADD, SKIP),
    EXACT: (UPDATE, SKIP),
    NEAR: (UPDATE, ADD, SKIP),
    PROBLEM: (ADD, SKIP),
}
"""What each group may do. Problem rows "add": saved without the cells that had problems (a
new partner added, a matching one updated)."""
DEFAULT_CHOICES = {NEW: ADD, EXACT: UPDATE, NEAR: SKIP, PROBLEM: SKIP}

MAX_ROWS = 10_000


@dataclass(frozen=True)
class ContactRow:
    """A business contact read from a row (a cell with a problem is left out)."""

    name: str
    title: str | None = None
    email: str | None = None
    phone: str | None = None
    primary: bool = False
    decision_maker: bool = False


@dataclass(frozen=True)
class ImportRow:
    """A partner as read from one spreadsheet row (`row`: its number in the sheet). Dates are
    ISO strings; owner and backup Slack user ids. `problems` say what was left out and why."""

    row: int
    name: str
    industry: str | None = None
    pathways: tuple[str, ...] = ()
    stage: str | None = None
    source: str | None = None
    notes: str | None = None
    owner: str | None = None
    backup: str | None = None
    cadence_days: int | None = None
    last_contact: str | None = None
    last_thanked: str | None = None
    archived: str | None = None
    contacts: tuple[ContactRow, ...] = ()
    problems: tuple[str, ...] = ()
    refused: str | None = None
    """Why the row cannot be saved at all (no name, …), else None."""

    def as_json(self) -> dict[str, Any]:
        """The row as JSON-ready values (built directly: `asdict` deep-copies, 10× slower)."""
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        data["contacts"] = [{f.name: getattr(c, f.name) for f in fields(c)} for c in self.contacts]
        data["pathways"], data["problems"] = list(self.pathways), list(self.problems)
        return data

    @classmethod
    def of(cls, data: dict[str, Any]) -> ImportRow:
        """Back from `as_json`."""
        values = dict(data)
        values["pathways"] = tuple(values.get("pathways") or ())
        values["problems"] = tuple(values.get("problems") or ())
        values["contacts"] = tuple(ContactRow(**c) for c in values.get("contacts") or ())
        return cls(**values)


@dataclass(frozen=True)
class Sorted:
    """A row of the preview: the row, its group, and the partner it matches (id and name)."""

    row: ImportRow
    group: str
    match_id: int | None = None
    match_name: str | None = None

    def as_json(self) -> dict[str, Any]:
        """JSON-ready, as the batch keeps it."""
        return {
            "row": self.row.as_json(),
            "group": self.group,
            "match_id": self.match_id,
            "match_name": self.match_name,
        }

    @classmethod
    def of(cls, data: dict[str, Any]) -> Sorted:
        """Back from `as_json`."""
        return cls(
            ImportRow.of(data["row"]),
            str(data["group"]),
            data.get("match_id"),
            data.get("match_name"),
        )


@dataclass(frozen=True)
class Preview:
    """An import batch as its preview shows it: rows by group, the choice per group, the
    mapping used (field → column header) and the headers that mapped to nothing."""

    batch_id: int
    source: str
    status: str
    created_by: str
    rows: tuple[Sorted, ...]
    choices: dict[str, str]
    mapping: dict[str, Any]
    headers: tuple[str, ...]
    notes: tuple[str, ...] = ()
    summary: dict[str, Any] | None = None

    def group(self, name: str) -> list[Sorted]:
        """The rows of one group, in sheet order."""
        return [r for r in self.rows if r.group == name]


@dataclass(frozen=True)
class Summary:
    """What an applied import did (or an undo undid), counted, with its batch id."""

    batch_id: int
    added: int = 0
    updated: int = 0
    skipped: int = 0
    refused: int = 0
    contacts_added: int = 0
    kept: tuple[str, ...] = field(default=())
    """Undo: partners not removed or restored because they changed since (their names)."""

    def as_json(self) -> dict[str, Any]:
        """JSON-ready, as the batch keeps it."""
        return asdict(self)
