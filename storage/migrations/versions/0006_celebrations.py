"""celebrations

Tables celebration_prompts (wins someone should thank a partner for in public: one per source
record, asked about in rounds), thank_yous (each thank-you given: a spotlight posted or one
given outside partnerbot) and nudge_settings (when the weekly celebration nudge goes out).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29 14:19:39.261208
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.models

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "nudge_settings",
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("weekday", sa.Integer(), nullable=False),
        sa.Column("at", sa.Time(), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=True),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("updated_by", sa.String(length=32), nullable=True),
        sa.Column("updated_at", storage.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["team_id"], ["workspaces.team_id"], name=op.f("fk_nudge_settings_team_id_workspaces")
        ),
        sa.PrimaryKeyConstraint("team_id", name=op.f("pk_nudge_settings")),
    )
    op.create_table(
        "celebration_prompts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=False),
        sa.Column("owner_user_id", sa.String(length=32), nullable=False),
        sa.Column("headline", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("happened_on", sa.Date(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "open", "posted", "thanked", name="prompt_status", native_enum=False, length=20
            ),
            nullable=False,
        ),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("asked_round", sa.Integer(), nullable=False),
        sa.Column("ask_after", storage.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_at", storage.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("resolved_by", sa.String(length=32), nullable=True),
        sa.Column("resolved_at", storage.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partners.id"],
            name=op.f("fk_celebration_prompts_partner_id_partners"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["workspaces.team_id"],
            name=op.f("fk_celebration_prompts_team_id_workspaces"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_celebration_prompts")),
        sa.UniqueConstraint("team_id", "source", "source_id", name="uq_celebration_prompts_source"),
    )
    with op.batch_alter_table("celebration_prompts", schema=None) as batch_op:
        batch_op.create_index(
            "ix_celebration_prompts_status_ask", ["status", "ask_after"], unique=False
        )
        batch_op.create_index(
            "ix_celebration_prompts_team_owner",
            ["team_id", "owner_user_id", "status", "ask_after"],
            unique=False,
        )

    op.create_table(
        "thank_yous",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=False),
        sa.Column("by_user_id", sa.String(length=32), nullable=False),
        sa.Column("how", sa.String(length=20), nullable=False),
        sa.Column("prompt_id", sa.Integer(), nullable=True),
        sa.Column("channel", sa.String(length=32), nullable=True),
        sa.Column("ts", sa.String(length=32), nullable=True),
        sa.Column("thanked_at", storage.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partners.id"],
            name=op.f("fk_thank_yous_partner_id_partners"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["prompt_id"],
            ["celebration_prompts.id"],
            name=op.f("fk_thank_yous_prompt_id_celebration_prompts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["workspaces.team_id"], name=op.f("fk_thank_yous_team_id_workspaces")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_thank_yous")),
    )
    with op.batch_alter_table("thank_yous", schema=None) as batch_op:
        batch_op.create_index("ix_thank_yous_team_at", ["team_id", "thanked_at"], unique=False)


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("thank_yous", schema=None) as batch_op:
        batch_op.drop_index("ix_thank_yous_team_at")

    op.drop_table("thank_yous")
    with op.batch_alter_table("celebration_prompts", schema=None) as batch_op:
        batch_op.drop_index("ix_celebration_prompts_team_owner")
        batch_op.drop_index("ix_celebration_prompts_status_ask")

    op.drop_table("celebration_prompts")
    op.drop_table("nudge_settings")
