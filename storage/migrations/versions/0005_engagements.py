"""engagements

Table engagements: what a partner did with students (kind, a day or a range, a student count,
the host contact, the school owner, a pathway) and the owner's debrief afterwards (sent when,
its follow-up, how it went, students who came, the partner's feedback, what to change).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29 14:30:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.models

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KINDS = (
    "internship",
    "job_shadow",
    "guest_speaker",
    "mentoring",
    "site_visit",
    "mock_interviews",
    "career_fair",
    "advisory_board",
    "donation",
    "other",
)


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "engagements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(*KINDS, name="engagement_kind", native_enum=False, length=20),
            nullable=False,
        ),
        sa.Column("label", sa.String(length=200), nullable=True),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("student_count", sa.Integer(), nullable=True),
        sa.Column("business_contact_id", sa.Integer(), nullable=True),
        sa.Column("contact_name", sa.String(length=200), nullable=True),
        sa.Column("owner_user_id", sa.String(length=32), nullable=False),
        sa.Column("pathway", sa.String(length=100), nullable=True),
        sa.Column("dedupe_key", sa.String(length=64), nullable=False),
        sa.Column("created_by", sa.String(length=32), nullable=True),
        sa.Column("created_at", storage.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("debrief_sent_at", storage.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("debrief_follow_up_id", sa.Integer(), nullable=True),
        sa.Column(
            "debrief_outcome",
            sa.Enum(
                "great",
                "fine",
                "problems",
                name="debrief_outcome",
                native_enum=False,
                length=20,
            ),
            nullable=True,
        ),
        sa.Column("students_came", sa.Integer(), nullable=True),
        sa.Column("partner_feedback", sa.Text(), nullable=True),
        sa.Column("to_change", sa.Text(), nullable=True),
        sa.Column("debriefed_by", sa.String(length=32), nullable=True),
        sa.Column("debriefed_at", storage.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["business_contact_id"],
            ["business_contacts.id"],
            name=op.f("fk_engagements_business_contact_id_business_contacts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["debrief_follow_up_id"],
            ["follow_ups.id"],
            name=op.f("fk_engagements_debrief_follow_up_id_follow_ups"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partners.id"],
            name=op.f("fk_engagements_partner_id_partners"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["workspaces.team_id"], name=op.f("fk_engagements_team_id_workspaces")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_engagements")),
        sa.UniqueConstraint("team_id", "dedupe_key", name="uq_engagements_dedupe"),
    )
    with op.batch_alter_table("engagements", schema=None) as batch_op:
        batch_op.create_index("ix_engagements_team_partner", ["team_id", "partner_id"])
        batch_op.create_index("ix_engagements_team_starts", ["team_id", "starts_on"])
        batch_op.create_index("ix_engagements_debrief_due", ["debrief_sent_at", "ends_on"])


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("engagements", schema=None) as batch_op:
        batch_op.drop_index("ix_engagements_debrief_due")
        batch_op.drop_index("ix_engagements_team_starts")
        batch_op.drop_index("ix_engagements_team_partner")
    op.drop_table("engagements")
