"""engagement status

An engagement can be cancelled (kept, with who cancelled it and when): it is then no longer
planned nor counted as having happened.

Revision ID: 0010_engagement_status
Revises: 0009
Create Date: 2026-12-07 22:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.models

revision: str = "0010_engagement_status"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("engagements") as batch:
        batch.add_column(
            sa.Column("cancelled_at", storage.models.base.UTCDateTime(timezone=True), nullable=True)
        )
        batch.add_column(sa.Column("cancelled_by", sa.String(32), nullable=True))


def downgrade() -> None:
    """Undo this revision."""
    with op.batch_alter_table("engagements") as batch:
        batch.drop_column("cancelled_by")
        batch.drop_column("cancelled_at")
