"""Applying an import batch in the caller's transaction: each row as its group's choice says
(add a partner, update the one it matches, or skip), every change kept in the partner's
history, and what was added and what updated partners held before kept in the batch."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.errors import InvalidInput
from storage.imports.values import ADD, PROBLEM, REFUSED, UPDATE, ImportRow, Sorted, Summary
from storage.models import BusinessContact, ImportBatch, OwnershipChange, Partner, Stage
from storage.partners.name_index import names_changed
from storage.partners.records import PartnerFields, add_partner
from storage.people.contacts import ContactFields, add_business_contact
from storage.people.history import record_change
from storage.workspaces import ensure_staff

IMPORT = "import"
"""The kind of the history entries an import writes (and the reason of its owner changes)."""

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


def moment(day: str) -> datetime:
    """An ISO date read as noon UTC that day (a day, not a time, was given)."""
    return datetime.combine(date.fromisoformat(day), time(12), tzinfo=UTC)


def to_json(column: str, value: Any) -> Any:
    """A partner column's value as JSON (moments as ISO strings, stages as text)."""
    if isinstance(value, datetime):
        return value.isoformat()
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


def _wanted(row: ImportRow, partner: Partner) -> dict[str, Any]:
    """The columns this row changes on `partner`, with their new values (JSON)."""
    wanted: dict[str, Any] = {}
    for attr, column in FIELDS:
        value = getattr(row, attr)
        if value in (None, (), ""):
            continue
        if attr in ("last_contact", "last_thanked", "archived"):
            value = moment(value).isoformat()
        elif attr == "pathways":
            merged = list(partner.pathways or [])
            known = {p.casefold() for p in merged}
            value = merged + [p for p in value if p.casefold() not in known]
        elif attr == "notes" and partner.notes and value not in partner.notes:
            value = f"{partner.notes}\n\n{value}"
        if value != to_json(column, getattr(partner, column)):
            wanted[column] = value
    return wanted


def _contacts(
    session: Session, team_id: str, partner_id: int, row: ImportRow, by: str, now: datetime
) -> tuple[list[int], int]:
    """Add the row's business contacts the partner does not have (by name): their ids, and
    how many could not be saved."""
    names = select(BusinessContact.name).where(BusinessContact.partner_id == partner_id)
    have = {name.casefold() for name in session.scalars(names)}
    added, refused = [], 0
    for contact in row.contacts:
        if " ".join(contact.name.split()).casefold() in have:
            continue
        fields = ContactFields(
            contact.name,
            contact.title,
            contact.email,
            contact.phone,
            contact.primary,
            contact.decision_maker,
        )
        try:
            view = add_business_contact(session, team_id, partner_id, fields, by=by, now=now)
        except InvalidInput:
            refused += 1
            continue
        have.add(view.name.casefold())
        added.append(view.id)
    return added, refused


def _set(
    session: Session, partner: Partner, wanted: dict[str, Any], by: str, now: datetime
) -> None:
    """Write `wanted` to `partner`; an owner change is kept as ownership history."""
    for column, value in wanted.items():
        if column == "owner_user_id" and value != partner.owner_user_id:
            session.add(
                OwnershipChange(
                    team_id=partner.team_id,
                    partner_id=partner.id,
                    from_user_id=partner.owner_user_id,
                    to_user_id=value,
                    changed_by=by,
                    reason=IMPORT,
                    changed_at=now,
                )
            )
        setattr(partner, column, from_json(column, value))
    partner.updated_at = now


def _add(
    session: Session, batch: ImportBatch, row: ImportRow, by: str, now: datetime
) -> Partner | None:
    """Add the row as a new partner (None when its name is taken after all)."""
    try:
        view = add_partner(
            session,
            batch.team_id,
            PartnerFields(name=row.name),
            now=now,
            created_by=by,
            owner_user_id=row.owner or by,
        )
    except InvalidInput:
        return None
    partner = session.get(Partner, view.id)
    assert partner is not None
    wanted = _wanted(row, partner)
    wanted.pop("owner_user_id", None)  # add_partner gave it its owner already
    _set(session, partner, wanted, by, now)
    record_change(
        session, batch.team_id, partner.id, IMPORT, f"Added by import #{batch.id}", by=by, now=now
    )
    return partner


def _update(
    session: Session, batch: ImportBatch, row: ImportRow, partner_id: int, by: str, now: datetime
) -> dict[str, Any] | None:
    """Update the matched partner with the row: what it held before (None: it is gone)."""
    partner = session.get(Partner, partner_id, with_for_update=True)
    if partner is None or partner.team_id != batch.team_id:
        return None
    wanted = _wanted(row, partner)
    before = {c: to_json(c, getattr(partner, c)) for c in wanted}
    _set(session, partner, wanted, by, now)
    if wanted:
        said = ", ".join(sorted(c.removesuffix("_user_id").removesuffix("_at") for c in wanted))
        summary = f"Updated by import #{batch.id}: {said.replace('_', ' ')}"
        record_change(session, batch.team_id, partner.id, IMPORT, summary, by=by, now=now)
    return {"partner_id": partner.id, "name": partner.name, "before": before, "after": wanted}


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
    added: list[int] = []
    contacts: list[int] = []
    prior: list[dict[str, Any]] = []
    counts = {"updated": 0, "skipped": 0, "refused": 0}
    for user in {r.row.owner for r in rows} | {r.row.backup for r in rows}:
        if user:
            ensure_staff(session, batch.team_id, user, now)
    for item in rows:
        if item.group == REFUSED:
            counts["refused"] += 1
            continue
        act = _act(batch.choices.get(item.group, ""), item)
        if act is None or (act == UPDATE and item.match_id is None):
            counts["skipped"] += 1
            continue
        before: dict[str, Any] | None = None
        if act == ADD:
            partner = _add(session, batch, item.row, by, now)
            if partner is None:
                counts["refused"] += 1
                continue
            added.append(partner.id)
            partner_id = partner.id
        else:
            assert item.match_id is not None
            before = _update(session, batch, item.row, item.match_id, by, now)
            if before is None:
                counts["refused"] += 1
                continue
            counts["updated"] += 1
            partner_id = item.match_id
        new_contacts, _ = _contacts(session, batch.team_id, partner_id, item.row, by, now)
        contacts += new_contacts
        if before is not None:
            prior.append({**before, "contacts": new_contacts})
    names_changed(session, batch.team_id)
    batch.added = {"partners": added, "contacts": contacts}
    batch.prior = prior
    return Summary(
        batch.id,
        added=len(added),
        updated=counts["updated"],
        skipped=counts["skipped"],
        refused=counts["refused"],
        contacts_added=len(contacts),
    )
