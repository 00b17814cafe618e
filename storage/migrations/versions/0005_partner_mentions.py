"""partner mentions

An index on partners (team_id, updated_at): reading a message checks that the in-process
partner name index is fresh by reading the partners changed lately, which this index serves.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29 15:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_index("ix_partners_team_updated", "partners", ["team_id", "updated_at"], unique=False)


def downgrade() -> None:
    """Undo this revision."""
    op.drop_index("ix_partners_team_updated", table_name="partners")
