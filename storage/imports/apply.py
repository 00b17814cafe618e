"""Applying an import batch in the caller's transaction: each row as its group's choice says
(add a partner, update the one it matches, or skip), every change kept in the partner's
history, and what was added and what updated partners held before kept in the batch.

Thousands of rows are written with a handful of statements: the names taken are read once,
new partners, their owner records, business contacts and history entries are inserted in
bulk (INSERT … RETURNING), and the partners updated are read once and changed in place."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime, time
from itertools import islice
from typing import Any, cast

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from storage.errors import InvalidInput
from storage.imports.values import ADD, PROBLEM, REFUSED, UPDATE, ImportRow, Sorted, Summary
from storage.models import (
    BusinessContact,
    ImportBatch,
    OwnershipChange,
    Partner,
    PartnerChange,
    Stage,
)
from storage.partners.name_index import names_changed
from storage.partners.names import name_key
from storage.partners.records import MAX_NOTES_LENGTH, MAX_PATHWAYS, valid_name
from storage.people.contacts import MAX_CONTACTS, valid_email, valid_phone
from storage.people.members import is_known_lead
from storage.workspaces import ensure_staff, ensure_workspace

IMPORT = "import"
"""The kind of the history entries an import writes (and the reason of its owner changes)."""
ADDED = "added"  # the ownership record every partner gets when it is added
CHUNK = 500
PAGES = {"insertmanyvalues_page_size": 10}
"""Rows per INSERT … VALUES statement of a bulk insert: short enough that the driver (psycopg)
caches the statement's conversion (a 500-row statement is converted anew each time: 7 of 14 s
for 3,000 partners on PostgreSQL)."""

# Partner fields an import sets, as (row attribute, column), read and written as JSON values.
FIELDS = (
    ("industry", "industry"),
    ("stage", "stage"),
    ("source", "source"),
    ("notes", "notes"),
    ("owner", "owner_user_id"),
    ("backup", "backup_user_id"),
    ("cadence_days", "cadence_days"),
    ("last_contact", "last_contact_at"),
    ("last_thanked", "last_thanked_at"),
    ("archived", "archived_at"),
    ("pathways", "pathways"),
)
_MOMENTS = {"last_contact_at", "last_thanked_at", "archived_at"}


def chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    """`items` in lists of at most `size` (for IN clauses and bulk inserts)."""
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def moment(day: str) -> datetime:
    """An ISO date read as noon UTC that day (a day, not a time, was given)."""
    return datetime.combine(date.fromisoformat(day), time(12), tzinfo=UTC)


def to_json(column: str, value: Any) -> Any:
    """A partner column's value as JSON (moments as ISO strings, stages as text)."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, Stage):
        return value.value
    if column == "pathways":
        return list(value or [])
    return value


def from_json(column: str, value: Any) -> Any:
    """Back from `to_json`."""
    if value is None:
        return [] if column == "pathways" else None
    if column in _MOMENTS:
        return datetime.fromisoformat(value)
    if column == "stage":
        return Stage(value)
    return value


def wanted(row: ImportRow, current: dict[str, Any]) -> dict[str, Any]:
    """The columns this row changes on a partner holding `current` (JSON), new values JSON."""
    found: dict[str, Any] = {}
    for attr, column in FIELDS:
        value = getattr(row, attr)
        if value in (None, (), ""):
            continue
        if attr in ("last_contact", "last_thanked", "archived"):
            value = moment(value).isoformat()
        elif attr == "pathways":
            merged = list(current.get("pathways") or [])
            known = {p.casefold() for p in merged}
            value = (merged + [p for p in value if p.casefold() not in known])[:MAX_PATHWAYS]
        elif attr == "notes" and current.get("notes") and value not in current["notes"]:
            value = f"{current['notes']}\n\n{value}"[:MAX_NOTES_LENGTH]
        if value != current.get(column):
            found[column] = value
    return found


def _contact_values(row: ImportRow, have: set[str]) -> list[dict[str, Any]]:
    """The row's business contacts the partner lacks (by name), as table values; one that the
    contact rules refuse is left out."""
    found = []
    for contact in row.contacts:
        name = " ".join(contact.name.split())[:200]
        if not name or name.casefold() in have or len(have) >= MAX_CONTACTS:
            continue
        try:
            email, phone = valid_email(contact.email), valid_phone(contact.phone)
        except InvalidInput:
            email, phone = None, None
        have.add(name.casefold())
        found.append(
            {"name": name, "role": (contact.title or None) and contact.title[:200],
             "email": email, "phone": phone, "is_primary": contact.primary,
             "is_decision_maker": contact.decision_maker}
        )  # fmt: skip
    if sum(1 for c in found if c["is_primary"]) > 1:
        for c in found[1:]:
            c["is_primary"] = False
    return found


class _Writer:
    """What one apply writes, gathered and inserted in bulk at the end."""

    def __init__(self, session: Session, batch: ImportBatch, by: str, now: datetime) -> None:
        self.session, self.batch, self.by, self.now = session, batch, by, now
        self.contacts: list[dict[str, Any]] = []
        self.history: list[dict[str, Any]] = []
        self.owners: list[dict[str, Any]] = []

    def note(self, partner_id: int, summary: str) -> None:
        self.history.append(
            {"team_id": self.batch.team_id, "partner_id": partner_id, "kind": IMPORT,
             "summary": summary[:500], "by_user_id": self.by, "at": self.now}
        )  # fmt: skip

    def owner(self, partner_id: int, before: str | None, after: str | None, reason: str) -> None:
        self.owners.append(
            {"team_id": self.batch.team_id, "partner_id": partner_id, "from_user_id": before,
             "to_user_id": after, "changed_by": self.by, "reason": reason, "changed_at": self.now}
        )  # fmt: skip

    def people(self, partner_id: int, values: list[dict[str, Any]]) -> None:
        for value in values:
            value |= {
                "team_id": self.batch.team_id,
                "partner_id": partner_id,
                "created_at": self.now,
            }
        self.contacts += values

    def flush(self) -> dict[int, list[int]]:
        """Insert what was gathered: the business contacts' ids by partner."""
        by_partner: dict[int, list[int]] = {}
        table = cast(Table, BusinessContact.__table__)
        stmt = insert(table).returning(table.c.id, table.c.partner_id)
        for chunk in chunks(self.contacts):
            for contact_id, partner_id in self.session.execute(
                stmt, chunk, execution_options=PAGES
            ):
                by_partner.setdefault(partner_id, []).append(contact_id)
        for model, rows in ((PartnerChange, self.history), (OwnershipChange, self.owners)):
            for chunk in chunks(rows):
                plain = insert(cast(Table, model.__table__))
                self.session.execute(plain, chunk, execution_options=PAGES)
        return by_partner


def _add_all(writer: _Writer, rows: list[ImportRow]) -> tuple[list[int], int]:
    """Insert the new partners: their ids, and how many were refused (a name taken or not
    savable)."""
    team_id, now, by = writer.batch.team_id, writer.now, writer.by
    named: dict[str, tuple[str, ImportRow]] = {}
    refused = 0
    for row in rows:
        try:
            name = valid_name(row.name)
        except InvalidInput:
            refused += 1
            continue
        if named.setdefault(name_key(name), (name, row))[1] is not row:
            refused += 1
    for chunk in chunks(list(named)):
        taken = writer.session.scalars(
            select(Partner.name_key).where(Partner.team_id == team_id, Partner.name_key.in_(chunk))
        )
        for key in taken:
            named.pop(key)
            refused += 1
    values = []
    for key, (name, row) in named.items():
        fields = {c: from_json(c, None) for _, c in FIELDS} | {"stage": Stage.PROSPECT}
        fields |= {c: from_json(c, v) for c, v in wanted(row, {}).items()}
        fields["owner_user_id"] = fields["owner_user_id"] or by
        values.append(
            {"team_id": team_id, "name": name, "name_key": key, "created_by": by,
             "created_at": now, "updated_at": now} | fields
        )  # fmt: skip
    ids: list[int] = []
    table = cast(Table, Partner.__table__)
    stmt = insert(table).returning(table.c.id, table.c.name_key, table.c.owner_user_id)
    for chunk in chunks(values):
        for partner_id, key, owner in writer.session.execute(stmt, chunk, execution_options=PAGES):
            ids.append(partner_id)
            row = named[key][1]
            writer.owner(partner_id, None, owner, ADDED)
            people = _contact_values(row, set())
            writer.people(partner_id, people)
            said = f" with {len(people)} business contact{'s' if len(people) != 1 else ''}"
            writer.note(partner_id, f"Added by import #{writer.batch.id}{said if people else ''}")
    return ids, refused


def _update_all(writer: _Writer, rows: list[tuple[int, ImportRow]]) -> list[dict[str, Any]]:
    """Update the matched partners: for each, what it held before and what was set. A partner
    someone else owns is updated only for a program lead (as `/partner assign` and edits are);
    for anyone else its row is refused."""
    team_id = writer.batch.team_id
    found: dict[int, Partner] = {}
    have: dict[int, set[str]] = {}
    ids = [i for i, _ in rows]
    for chunk in chunks(ids):
        stmt = select(Partner).where(Partner.team_id == team_id, Partner.id.in_(chunk))
        found |= {p.id: p for p in writer.session.scalars(stmt.with_for_update())}
        names = select(BusinessContact.partner_id, BusinessContact.name).where(
            BusinessContact.partner_id.in_(chunk)
        )
        for partner_id, name in writer.session.execute(names):
            have.setdefault(partner_id, set()).add(name.casefold())
    prior = []
    lead = is_known_lead(writer.session, team_id, writer.by)
    for partner_id, row in rows:
        partner = found.get(partner_id)
        if partner is None:  # gone since the preview, or (not a lead) someone else's: refused
            continue
        if not lead and partner.owner_user_id not in (None, writer.by):
            continue
        current = {c: to_json(c, getattr(partner, c)) for _, c in FIELDS}
        change = wanted(row, current)
        if "owner_user_id" in change:
            writer.owner(partner.id, partner.owner_user_id, change["owner_user_id"], IMPORT)
        for column, value in change.items():
            setattr(partner, column, from_json(column, value))
        people = _contact_values(row, have.setdefault(partner_id, set()))
        writer.people(partner_id, people)
        if change or people:
            partner.updated_at = writer.now
            said = ", ".join(sorted(c.removesuffix("_user_id").removesuffix("_at") for c in change))
            said += f"{', ' if said else ''}{len(people)} business contacts" if people else ""
            writer.note(
                partner_id, f"Updated by import #{writer.batch.id}: {said.replace('_', ' ')}"
            )
        before = {c: current[c] for c in change}
        prior.append(
            {"partner_id": partner_id, "name": partner.name, "before": before, "after": change}
        )
    return prior


def _act(choice: str, item: Sorted) -> str | None:
    """What to do with a row: ADD, UPDATE or None (skip)."""
    if item.group == PROBLEM and choice == ADD:
        return UPDATE if item.match_id is not None else ADD
    return choice if choice in (ADD, UPDATE) else None


def apply_rows(
    session: Session, batch: ImportBatch, rows: list[Sorted], *, by: str, now: datetime
) -> Summary:
    """Apply the batch's rows by its choices (in the caller's transaction); fills the batch's
    `added` and `prior` and returns the summary."""
    ensure_workspace(session, batch.team_id, now)
    for user in sorted({u for r in rows for u in (r.row.owner, r.row.backup) if u} | {by}):
        ensure_staff(session, batch.team_id, user, now)
    adds: list[ImportRow] = []
    updates: list[tuple[int, ImportRow]] = []
    skipped = refused = 0
    for item in rows:
        act = None if item.group == REFUSED else _act(batch.choices.get(item.group, ""), item)
        if item.group == REFUSED:
            refused += 1
        elif act == ADD:
            adds.append(item.row)
        elif act == UPDATE and item.match_id is not None:
            updates.append((item.match_id, item.row))
        else:
            skipped += 1
    writer = _Writer(session, batch, by, now)
    added, not_added = _add_all(writer, adds)
    prior = _update_all(writer, updates)
    contacts = writer.flush()
    for entry in prior:
        entry["contacts"] = contacts.get(entry["partner_id"], [])
    names_changed(session, batch.team_id)
    batch.added = {"partners": added, "contacts": [c for ids in contacts.values() for c in ids]}
    batch.prior = prior
    return Summary(
        batch.id,
        added=len(added),
        updated=len(prior),
        skipped=skipped,
        refused=refused + not_added + len(updates) - len(prior),
        contacts_added=sum(len(ids) for ids in contacts.values()),
    )
