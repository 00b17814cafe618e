"""spreadsheet imports

One row per file read for import (`/partnerbot import`, a file sent to the bot, the CLI): the
sheets as read, the column mapping, the rows with their problems and matches, the choices, and
once applied what it added and what the partners it updated held before (for Undo).

Revision ID: 0012_imports
Revises: 0011_installations
Create Date: 2026-12-07 23:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.models

revision: str = "0012_imports"
down_revision: str | None = "0011_installations"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STATUSES = ("previewed", "applied", "undone", "cancelled")


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "import_batches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("created_by", sa.String(length=32), nullable=False),
        sa.Column("created_at", storage.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("source", sa.String(length=300), nullable=False),
        sa.Column(
            "status",
            sa.Enum(*STATUSES, name="import_status", native_enum=False, length=20),
            nullable=False,
        ),
        sa.Column("table", sa.JSON(), nullable=False),
        sa.Column("mapping", sa.JSON(), nullable=False),
        sa.Column("rows", sa.JSON(), nullable=False),
        sa.Column("choices", sa.JSON(), nullable=False),
        sa.Column("summary", sa.JSON(), nullable=True),
        sa.Column("added", sa.JSON(), nullable=True),
        sa.Column("prior", sa.JSON(), nullable=True),
        sa.Column("applied_at", storage.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("undone_at", storage.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["workspaces.team_id"],
            name=op.f("fk_import_batches_team_id_workspaces"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_batches")),
    )
    op.create_index(
        "ix_import_batches_team_created", "import_batches", ["team_id", "created_at"], unique=False
    )


def downgrade() -> None:
    """Undo this revision."""
    op.drop_index("ix_import_batches_team_created", table_name="import_batches")
    op.drop_table("import_batches")
