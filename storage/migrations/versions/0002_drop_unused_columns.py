"""drop columns nothing reads

Workspace.default_timezone and recent_contact_days (the defaults come from the settings),
Staff.display_name, is_admin and deactivated (never written by the bot).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 12:10:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision (batch mode, so SQLite rebuilds the tables)."""
    with op.batch_alter_table("workspaces", schema=None) as batch_op:
        batch_op.drop_column("default_timezone")
        batch_op.drop_column("recent_contact_days")
    with op.batch_alter_table("staff", schema=None) as batch_op:
        batch_op.drop_column("display_name")
        batch_op.drop_column("is_admin")
        batch_op.drop_column("deactivated")


def downgrade() -> None:
    """Put the columns back (existing rows get the old defaults)."""
    with op.batch_alter_table("staff", schema=None) as batch_op:
        batch_op.add_column(sa.Column("display_name", sa.String(length=200), nullable=True))
        batch_op.add_column(
            sa.Column("is_admin", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(
            sa.Column("deactivated", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    with op.batch_alter_table("workspaces", schema=None) as batch_op:
        batch_op.add_column(sa.Column("default_timezone", sa.String(length=64), nullable=True))
        batch_op.add_column(
            sa.Column("recent_contact_days", sa.Integer(), nullable=False, server_default="14")
        )
