"""school year and compliance

Tables calendar_entries (terms, breaks, holidays per workspace), busy_seasons (partners' yearly
busy seasons), compliance_documents (what is on file for a partner or one person there, until
when), document_reminders (expiry reminders already put in a digest) and compliance_settings
(how many days before expiry owners are reminded).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29 12:32:40.773097
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.models

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "calendar_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("term", "break", "holiday", name="calendar_kind", native_enum=False, length=20),
            nullable=False,
        ),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("name_key", sa.String(length=200), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("created_by", sa.String(length=32), nullable=True),
        sa.Column("created_at", storage.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["team_id"], ["workspaces.team_id"], name=op.f("fk_calendar_entries_team_id_workspaces")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_entries")),
        sa.UniqueConstraint(
            "team_id", "kind", "name_key", "starts_on", name="uq_calendar_entries_key"
        ),
    )
    with op.batch_alter_table("calendar_entries", schema=None) as batch_op:
        batch_op.create_index("ix_calendar_entries_team_ends", ["team_id", "ends_on"], unique=False)

    op.create_table(
        "compliance_settings",
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("reminder_days", sa.JSON(), nullable=False),
        sa.Column("updated_by", sa.String(length=32), nullable=True),
        sa.Column("updated_at", storage.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["workspaces.team_id"],
            name=op.f("fk_compliance_settings_team_id_workspaces"),
        ),
        sa.PrimaryKeyConstraint("team_id", name=op.f("pk_compliance_settings")),
    )
    op.create_table(
        "busy_seasons",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=False),
        sa.Column("start_month", sa.Integer(), nullable=False),
        sa.Column("start_day", sa.Integer(), nullable=False),
        sa.Column("end_month", sa.Integer(), nullable=False),
        sa.Column("end_day", sa.Integer(), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=True),
        sa.Column("created_by", sa.String(length=32), nullable=True),
        sa.Column("created_at", storage.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partners.id"],
            name=op.f("fk_busy_seasons_partner_id_partners"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["workspaces.team_id"], name=op.f("fk_busy_seasons_team_id_workspaces")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_busy_seasons")),
        sa.UniqueConstraint(
            "team_id", "partner_id", "start_month", "start_day", name="uq_busy_seasons_key"
        ),
    )
    with op.batch_alter_table("busy_seasons", schema=None) as batch_op:
        batch_op.create_index(
            "ix_busy_seasons_team_partner", ["team_id", "partner_id"], unique=False
        )

    op.create_table(
        "compliance_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "background_check",
                "agreement",
                "insurance",
                "safety_training",
                "other",
                name="document_kind",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("label", sa.String(length=200), nullable=True),
        sa.Column("business_contact_id", sa.Integer(), nullable=True),
        sa.Column("contact_name", sa.String(length=200), nullable=True),
        sa.Column("subject_key", sa.String(length=400), nullable=False),
        sa.Column("expires_on", sa.Date(), nullable=True),
        sa.Column("link", sa.String(length=500), nullable=True),
        sa.Column("created_by", sa.String(length=32), nullable=True),
        sa.Column("created_at", storage.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", storage.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["business_contact_id"],
            ["business_contacts.id"],
            name=op.f("fk_compliance_documents_business_contact_id_business_contacts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partners.id"],
            name=op.f("fk_compliance_documents_partner_id_partners"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["workspaces.team_id"],
            name=op.f("fk_compliance_documents_team_id_workspaces"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_compliance_documents")),
        sa.UniqueConstraint(
            "team_id", "partner_id", "kind", "subject_key", name="uq_compliance_documents_key"
        ),
    )
    with op.batch_alter_table("compliance_documents", schema=None) as batch_op:
        batch_op.create_index(
            "ix_compliance_documents_team_expires", ["team_id", "expires_on"], unique=False
        )

    op.create_table(
        "document_reminders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("expires_on", sa.Date(), nullable=False),
        sa.Column("days_before", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("local_date", sa.Date(), nullable=False),
        sa.Column("created_at", storage.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["compliance_documents.id"],
            name=op.f("fk_document_reminders_document_id_compliance_documents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["workspaces.team_id"],
            name=op.f("fk_document_reminders_team_id_workspaces"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_reminders")),
        sa.UniqueConstraint(
            "document_id", "expires_on", "days_before", name="uq_document_reminders_key"
        ),
    )


def downgrade() -> None:
    """Revert this revision."""
    op.drop_table("document_reminders")
    with op.batch_alter_table("compliance_documents", schema=None) as batch_op:
        batch_op.drop_index("ix_compliance_documents_team_expires")

    op.drop_table("compliance_documents")
    with op.batch_alter_table("busy_seasons", schema=None) as batch_op:
        batch_op.drop_index("ix_busy_seasons_team_partner")

    op.drop_table("busy_seasons")
    op.drop_table("compliance_settings")
    with op.batch_alter_table("calendar_entries", schema=None) as batch_op:
        batch_op.drop_index("ix_calendar_entries_team_ends")

    op.drop_table("calendar_entries")
