"""partner mentions

workspaces.partner_names_version: a token renewed whenever a partner is added, edited or
archived or restored, so each process's in-process partner name index knows with one
primary-key read whether it is still fresh.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29 15:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("workspaces", schema=None) as batch_op:
        batch_op.add_column(sa.Column("partner_names_version", sa.String(length=32), nullable=True))
    # Existing workspaces start with a version, so their indexes are reused from the start.
    op.execute("UPDATE workspaces SET partner_names_version = 'migrated-0005'")


def downgrade() -> None:
    """Undo this revision."""
    with op.batch_alter_table("workspaces", schema=None) as batch_op:
        batch_op.drop_column("partner_names_version")
