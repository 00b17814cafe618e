"""The import operations handlers call, each one transaction: keep a preview (an import batch),
read it again with another column mapping, choose what a group does, apply it, undo it,
cancel it, show it. Buttons act only for whoever made the batch or a program lead, and a
repeated confirm or undo (a retry, a double click) changes nothing."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.db import SessionFactory
from storage.errors import InvalidInput, NotFound, NotYours
from storage.imports.apply import apply_rows
from storage.imports.matching import sort_rows
from storage.imports.undo import undo_rows
from storage.imports.values import (
    DEFAULT_CHOICES,
    OPTIONS,
    ImportRow,
    Preview,
    Sorted,
)
from storage.models import ImportBatch, ImportStatus
from storage.people.leads import check_lead
from storage.workspaces import ensure_workspace

Reader = Callable[[dict[str, Any], dict[str, Any]], tuple[list[ImportRow], dict[str, Any]]]
"""(table, mapping) → the rows read and the mapping used: the handlers' reading, passed in."""


def _preview(batch: ImportBatch) -> Preview:
    table = batch.table or {}
    return Preview(
        batch_id=batch.id,
        source=batch.source,
        status=batch.status.value,
        created_by=batch.created_by,
        rows=tuple(Sorted.of(r) for r in batch.rows),
        choices=dict(batch.choices or {}),
        mapping=dict(batch.mapping or {}),
        headers=tuple(table.get("headers") or ()),
        notes=tuple(table.get("notes") or ()),
        summary=batch.summary,
    )


def _batch(
    session: Session, team_id: str, batch_id: int, by: str, now: datetime, *, lock: bool = True
) -> ImportBatch:
    stmt = select(ImportBatch).where(ImportBatch.team_id == team_id, ImportBatch.id == batch_id)
    batch = session.scalars(stmt.with_for_update() if lock else stmt).first()
    if batch is None:
        raise NotFound(f"import {batch_id}")
    if (
        batch.created_by != by
        and not check_lead(session, team_id, by, slack_admin=None, now=now).is_lead
    ):
        raise NotYours(batch.created_by)
    return batch


def _forget_cells(batch: ImportBatch) -> None:
    """Once applied or cancelled, the file's cells and rows are no longer kept (Undo needs only
    what was added and what updated partners held before)."""
    batch.rows = []
    batch.table = {"headers": (batch.table or {}).get("headers") or []}


def _open(batch: ImportBatch) -> None:
    if batch.status != ImportStatus.PREVIEWED:
        raise InvalidInput("status", f"Import #{batch.id} is {batch.status.value} already.")


def preview_import(
    sessions: SessionFactory,
    team_id: str,
    *,
    by: str,
    source: str,
    table: dict[str, Any],
    mapping: dict[str, Any],
    rows: Sequence[ImportRow],
    now: datetime,
) -> Preview:
    """Keep the rows read from a file as a new batch, sorted against the workspace's
    partners; nothing else is saved."""
    with sessions.begin() as session:
        ensure_workspace(session, team_id, now)
        batch = ImportBatch(
            team_id=team_id,
            created_by=by,
            created_at=now,
            source=source[:300],
            status=ImportStatus.PREVIEWED,
            table=table,
            mapping=mapping,
            rows=[s.as_json() for s in sort_rows(session, team_id, rows)],
            choices=dict(DEFAULT_CHOICES),
        )
        session.add(batch)
        session.flush()
        return _preview(batch)


def remap_import(
    sessions: SessionFactory,
    team_id: str,
    batch_id: int,
    mapping: dict[str, Any],
    read: Reader,
    *,
    by: str,
    now: datetime,
) -> Preview:
    """Read the batch's sheets again with another column mapping (still a preview)."""
    with sessions.begin() as session:
        batch = _batch(session, team_id, batch_id, by, now)
        _open(batch)
        rows, used = read(batch.table, mapping)
        batch.mapping = used
        batch.rows = [s.as_json() for s in sort_rows(session, team_id, rows)]
        return _preview(batch)


def choose(
    sessions: SessionFactory,
    team_id: str,
    batch_id: int,
    group: str,
    choice: str,
    *,
    by: str,
    now: datetime,
) -> Preview:
    """What a group of the preview will do (add, update, skip)."""
    if choice not in OPTIONS.get(group, ()):
        raise InvalidInput("choice", f"Rows that are {group} can't be set to {choice}.")
    with sessions.begin() as session:
        batch = _batch(session, team_id, batch_id, by, now)
        _open(batch)
        batch.choices = {**(batch.choices or {}), group: choice}
        return _preview(batch)


def confirm_import(
    sessions: SessionFactory, team_id: str, batch_id: int, *, by: str, now: datetime
) -> Preview:
    """Apply the batch in this one transaction; once applied (or undone, or cancelled) it is
    answered as it is, unchanged."""
    with sessions.begin() as session:
        batch = _batch(session, team_id, batch_id, by, now)
        if batch.status != ImportStatus.PREVIEWED:
            return _preview(batch)
        summary = apply_rows(session, batch, [Sorted.of(r) for r in batch.rows], by=by, now=now)
        batch.status = ImportStatus.APPLIED
        batch.applied_at = now
        batch.summary = summary.as_json()
        _forget_cells(batch)
        return _preview(batch)


def undo_import(
    sessions: SessionFactory, team_id: str, batch_id: int, *, by: str, now: datetime
) -> Preview:
    """Undo an applied batch (once: again, it is answered as it is)."""
    with sessions.begin() as session:
        batch = _batch(session, team_id, batch_id, by, now)
        if batch.status != ImportStatus.APPLIED:
            return _preview(batch)
        undone = undo_rows(session, batch, by=by, now=now)
        batch.status = ImportStatus.UNDONE
        batch.undone_at = now
        batch.summary = {**(batch.summary or {}), "undo": undone.as_json()}
        return _preview(batch)


def cancel_import(
    sessions: SessionFactory, team_id: str, batch_id: int, *, by: str, now: datetime
) -> Preview:
    """Drop a preview: nothing is saved (an applied batch stays as it is)."""
    with sessions.begin() as session:
        batch = _batch(session, team_id, batch_id, by, now)
        if batch.status == ImportStatus.PREVIEWED:
            batch.status = ImportStatus.CANCELLED
            _forget_cells(batch)
        return _preview(batch)


def show_import(
    sessions: SessionFactory, team_id: str, batch_id: int, *, by: str, now: datetime
) -> Preview:
    """The batch as it is now."""
    with sessions.begin() as session:
        return _preview(_batch(session, team_id, batch_id, by, now, lock=False))
