"""speed indexes

An index on interactions (team_id, partner_id, user_id, created_at): `/contact`'s check for the
same line logged a moment ago by the same person reads one index range instead of every entry
of the partner.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29 14:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_index(
        "ix_interactions_team_partner_user_created",
        "interactions",
        ["team_id", "partner_id", "user_id", "created_at"],
    )


def downgrade() -> None:
    """Undo this revision."""
    op.drop_index("ix_interactions_team_partner_user_created", table_name="interactions")
