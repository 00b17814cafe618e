"""Spreadsheet imports: one batch per file read, kept from its preview to its undo, so a
restart between preview and confirm loses nothing and an import can be undone exactly."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, UTCDateTime, enum_column


class ImportStatus(enum.StrEnum):
    """Where a batch is: previewed (nothing saved yet), applied, undone or cancelled."""

    PREVIEWED = "previewed"
    APPLIED = "applied"
    UNDONE = "undone"
    CANCELLED = "cancelled"


class ImportBatch(Base):
    """One file read for import: its table and column mapping, the rows as read (with their
    problems and matches), the choice per group, and once applied what it added and what the
    partners it updated held before (for Undo)."""

    __tablename__ = "import_batches"
    __table_args__ = (Index("ix_import_batches_team_created", "team_id", "created_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), ForeignKey("workspaces.team_id"))
    created_by: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    source: Mapped[str] = mapped_column(String(300))
    status: Mapped[ImportStatus] = mapped_column(
        enum_column(ImportStatus, "import_status"), default=ImportStatus.PREVIEWED
    )
    # The sheets as read (header and cells), so the mapping can be changed without the file.
    table: Mapped[dict[str, Any]] = mapped_column(JSON)
    mapping: Mapped[dict[str, Any]] = mapped_column(JSON)
    rows: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    choices: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    summary: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # Once applied: ids added, and the fields of updated partners before the import.
    added: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    prior: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    applied_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    undone_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
