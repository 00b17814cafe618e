"""inbox

The inbox keeps every acknowledged request (slash commands, buttons, events) from before Slack
gets its answer until its work is done, so a stop or a crash loses nothing acknowledged.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 21:10:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.models

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "inbox",
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("team_id", sa.String(32), nullable=False),
        sa.Column("user_id", sa.String(32), nullable=True),
        sa.Column("body", sa.Text(), nullable=True),
        sa.Column("owner", sa.String(200), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("received_at", storage.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("lease_until", storage.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("done_at", storage.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("key", name="pk_inbox"),
    )
    op.create_index("ix_inbox_done_at_lease_until", "inbox", ["done_at", "lease_until"])


def downgrade() -> None:
    """Undo this revision."""
    op.drop_index("ix_inbox_done_at_lease_until", table_name="inbox")
    op.drop_table("inbox")
