"""Engagements: what a partner did with students (a job shadow, an internship, a talk…), when,
for how many students (a count, never names), and the owner's debrief afterwards."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, UTCDateTime, enum_column


class EngagementKind(enum.StrEnum):
    """The kinds of work-based learning a partner hosts or gives."""

    INTERNSHIP = "internship"
    JOB_SHADOW = "job_shadow"
    GUEST_SPEAKER = "guest_speaker"
    MENTORING = "mentoring"
    SITE_VISIT = "site_visit"
    MOCK_INTERVIEWS = "mock_interviews"
    CAREER_FAIR = "career_fair"
    ADVISORY_BOARD = "advisory_board"
    DONATION = "donation"
    OTHER = "other"


class DebriefOutcome(enum.StrEnum):
    """How the owner says an engagement went."""

    GREAT = "great"
    FINE = "fine"
    PROBLEMS = "problems"


class Engagement(Base):
    """One engagement with a partner, on a day or over a range of days."""

    __tablename__ = "engagements"
    __table_args__ = (
        # The same partner, kind, dates and description is the same engagement (a retry, a
        # double submit, or a colleague recording it too).
        UniqueConstraint("team_id", "dedupe_key", name="uq_engagements_dedupe"),
        Index("ix_engagements_team_partner", "team_id", "partner_id"),
        Index("ix_engagements_team_starts", "team_id", "starts_on"),
        Index("ix_engagements_debrief_due", "debrief_sent_at", "ends_on"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), ForeignKey("workspaces.team_id"))
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id", ondelete="CASCADE"))
    kind: Mapped[EngagementKind] = mapped_column(enum_column(EngagementKind, "engagement_kind"))
    label: Mapped[str | None] = mapped_column(String(200))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    student_count: Mapped[int | None] = mapped_column(Integer)
    business_contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("business_contacts.id", ondelete="SET NULL")
    )
    contact_name: Mapped[str | None] = mapped_column(String(200))
    owner_user_id: Mapped[str] = mapped_column(String(32))
    pathway: Mapped[str | None] = mapped_column(String(100))
    dedupe_key: Mapped[str] = mapped_column(String(64))
    created_by: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # The debrief: asked by DM the school morning after it ends, a follow-up until answered.
    debrief_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    debrief_follow_up_id: Mapped[int | None] = mapped_column(
        ForeignKey("follow_ups.id", ondelete="SET NULL")
    )
    debrief_outcome: Mapped[DebriefOutcome | None] = mapped_column(
        enum_column(DebriefOutcome, "debrief_outcome")
    )
    students_came: Mapped[int | None] = mapped_column(Integer)
    partner_feedback: Mapped[str | None] = mapped_column(Text)
    to_change: Mapped[str | None] = mapped_column(Text)
    debriefed_by: Mapped[str | None] = mapped_column(String(32))
    debriefed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Cancelled: kept (and shown as cancelled), never debriefed, prompted or counted.
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    cancelled_by: Mapped[str | None] = mapped_column(String(32))
