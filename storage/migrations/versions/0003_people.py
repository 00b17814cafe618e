"""people: backups, leavers, program leads, partner history, handoffs, handled events

partners.backup_user_id (the school-side backup), staff.deactivated_at (Slack reported the
person deleted) and staff.is_admin (a workspace admin or owner, as Slack last said),
interactions.business_contact_id (the business contact an entry names); tables program_leads,
partner_changes (stage, backup and business-contact changes), handoffs and handled_events.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 12:29:57.424414
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.models

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision (batch mode, so SQLite rebuilds the altered tables)."""

    op.create_table(
        "handled_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("event_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("at", storage.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_handled_events")),
        sa.UniqueConstraint("team_id", "event_id", name="uq_handled_events_key"),
    )
    op.create_table(
        "handoffs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("from_user_id", sa.String(length=32), nullable=False),
        sa.Column("to_user_id", sa.String(length=32), nullable=False),
        sa.Column("by_user_id", sa.String(length=32), nullable=True),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("partners_moved", sa.Integer(), nullable=False),
        sa.Column("follow_ups_moved", sa.Integer(), nullable=False),
        sa.Column("at", storage.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["team_id"], ["workspaces.team_id"], name=op.f("fk_handoffs_team_id_workspaces")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_handoffs")),
    )
    with op.batch_alter_table("handoffs", schema=None) as batch_op:
        batch_op.create_index("ix_handoffs_team_at", ["team_id", "at"], unique=False)

    op.create_table(
        "program_leads",
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("added_by", sa.String(length=32), nullable=True),
        sa.Column("added_at", storage.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["team_id"], ["workspaces.team_id"], name=op.f("fk_program_leads_team_id_workspaces")
        ),
        sa.PrimaryKeyConstraint("team_id", "user_id", name=op.f("pk_program_leads")),
    )
    op.create_table(
        "partner_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("summary", sa.String(length=500), nullable=False),
        sa.Column("by_user_id", sa.String(length=32), nullable=True),
        sa.Column("at", storage.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partners.id"],
            name=op.f("fk_partner_changes_partner_id_partners"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["workspaces.team_id"], name=op.f("fk_partner_changes_team_id_workspaces")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partner_changes")),
    )
    with op.batch_alter_table("partner_changes", schema=None) as batch_op:
        batch_op.create_index(
            "ix_partner_changes_team_partner", ["team_id", "partner_id"], unique=False
        )

    with op.batch_alter_table("interactions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("business_contact_id", sa.Integer(), nullable=True))
        batch_op.create_index(
            "ix_interactions_business_contact", ["business_contact_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_interactions_business_contact_id_business_contacts"),
            "business_contacts",
            ["business_contact_id"],
            ["id"],
            ondelete="SET NULL",
        )

    with op.batch_alter_table("partners", schema=None) as batch_op:
        batch_op.add_column(sa.Column("backup_user_id", sa.String(length=32), nullable=True))

    with op.batch_alter_table("staff", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "deactivated_at", storage.models.base.UTCDateTime(timezone=True), nullable=True
            )
        )
        batch_op.add_column(
            sa.Column("is_admin", sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def downgrade() -> None:
    """Revert this revision."""

    with op.batch_alter_table("staff", schema=None) as batch_op:
        batch_op.drop_column("is_admin")
        batch_op.drop_column("deactivated_at")

    with op.batch_alter_table("partners", schema=None) as batch_op:
        batch_op.drop_column("backup_user_id")

    with op.batch_alter_table("interactions", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_interactions_business_contact_id_business_contacts"), type_="foreignkey"
        )
        batch_op.drop_index("ix_interactions_business_contact")
        batch_op.drop_column("business_contact_id")

    with op.batch_alter_table("partner_changes", schema=None) as batch_op:
        batch_op.drop_index("ix_partner_changes_team_partner")

    op.drop_table("partner_changes")
    op.drop_table("program_leads")
    with op.batch_alter_table("handoffs", schema=None) as batch_op:
        batch_op.drop_index("ix_handoffs_team_at")

    op.drop_table("handoffs")
    op.drop_table("handled_events")
