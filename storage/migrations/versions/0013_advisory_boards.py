"""advisory boards

Advisory boards per pathway: their members (business contacts), their meetings (date, minutes
link, attendance) and the state's rule a workspace's boards are held to.

Revision ID: 0013_advisory_boards
Revises: 0012_imports
Create Date: 2026-12-07 23:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.models

revision: str = "0013_advisory_boards"
down_revision: str | None = "0012_imports"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_WHEN = storage.models.base.UTCDateTime(timezone=True)


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "advisory_boards",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("team_id", sa.String(32), sa.ForeignKey("workspaces.team_id"), nullable=False),
        sa.Column("pathway", sa.String(100), nullable=False),
        sa.Column("pathway_key", sa.String(100), nullable=False),
        sa.Column("industries", sa.JSON(), nullable=False),
        sa.Column("created_by", sa.String(32), nullable=True),
        sa.Column("created_at", _WHEN, nullable=False),
        sa.UniqueConstraint("team_id", "pathway_key", name="uq_advisory_boards_key"),
    )
    op.create_table(
        "board_members",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("team_id", sa.String(32), sa.ForeignKey("workspaces.team_id"), nullable=False),
        sa.Column(
            "board_id",
            sa.Integer(),
            sa.ForeignKey("advisory_boards.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "business_contact_id",
            sa.Integer(),
            sa.ForeignKey("business_contacts.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("added_by", sa.String(32), nullable=True),
        sa.Column("added_at", _WHEN, nullable=False),
        sa.UniqueConstraint("board_id", "business_contact_id", name="uq_board_members_contact"),
    )
    op.create_index("ix_board_members_team_board", "board_members", ["team_id", "board_id"])
    op.create_table(
        "board_meetings",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("team_id", sa.String(32), sa.ForeignKey("workspaces.team_id"), nullable=False),
        sa.Column(
            "board_id",
            sa.Integer(),
            sa.ForeignKey("advisory_boards.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("minutes_url", sa.String(2000), nullable=True),
        sa.Column("attended", sa.JSON(), nullable=False),
        sa.Column("recorded_by", sa.String(32), nullable=True),
        sa.Column("recorded_at", _WHEN, nullable=False),
        sa.UniqueConstraint("board_id", "held_on", name="uq_board_meetings_day"),
    )
    op.create_index("ix_board_meetings_team_held", "board_meetings", ["team_id", "held_on"])
    op.create_table(
        "board_rules",
        sa.Column("team_id", sa.String(32), sa.ForeignKey("workspaces.team_id"), primary_key=True),
        sa.Column("meetings_per_year", sa.Integer(), nullable=False),
        sa.Column("min_industry_members", sa.Integer(), nullable=False),
        sa.Column("changed_by", sa.String(32), nullable=True),
        sa.Column("changed_at", _WHEN, nullable=False),
    )


def downgrade() -> None:
    """Undo this revision."""
    op.drop_table("board_rules")
    op.drop_index("ix_board_meetings_team_held", table_name="board_meetings")
    op.drop_table("board_meetings")
    op.drop_index("ix_board_members_team_board", table_name="board_members")
    op.drop_table("board_members")
    op.drop_table("advisory_boards")
