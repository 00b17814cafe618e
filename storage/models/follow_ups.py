"""Follow-ups: something someone has to do for a partner by a date, and their history."""

from __future__ import annotations

import enum
from datetime import date, datetime, time

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, Time
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, UTCDateTime, enum_column


class FollowUpStatus(enum.StrEnum):
    """Where a follow-up stands."""

    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"


class FollowUp(Base):
    """Something someone has to do for a partner by a date."""

    __tablename__ = "follow_ups"
    __table_args__ = (
        Index("ix_follow_ups_team_status_due", "team_id", "status", "due_at"),
        Index("ix_follow_ups_team_owner_status", "team_id", "owner_user_id", "status"),
        Index("ix_follow_ups_team_partner", "team_id", "partner_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), ForeignKey("workspaces.team_id"))
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id", ondelete="CASCADE"))
    owner_user_id: Mapped[str | None] = mapped_column(String(32))
    note: Mapped[str] = mapped_column(Text, default="")
    due_date: Mapped[date] = mapped_column(Date)
    due_time: Mapped[time | None] = mapped_column(Time())
    # When it falls due in UTC (owner's local date/time converted), for ordering and indexes.
    due_at: Mapped[datetime] = mapped_column(UTCDateTime())
    status: Mapped[FollowUpStatus] = mapped_column(
        enum_column(FollowUpStatus, "follow_up_status"), default=FollowUpStatus.OPEN
    )
    source: Mapped[str] = mapped_column(String(20), default="manual")
    interaction_id: Mapped[int | None] = mapped_column(
        ForeignKey("interactions.id", ondelete="SET NULL")
    )
    created_by: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    closed_by: Mapped[str | None] = mapped_column(String(32))
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class FollowUpEvent(Base):
    """What happened to a follow-up: snoozed, reassigned, done, reopened (its history)."""

    __tablename__ = "follow_up_events"
    __table_args__ = (Index("ix_follow_up_events_team_follow_up", "team_id", "follow_up_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), ForeignKey("workspaces.team_id"))
    follow_up_id: Mapped[int] = mapped_column(ForeignKey("follow_ups.id", ondelete="CASCADE"))
    action: Mapped[str] = mapped_column(String(20))
    by_user_id: Mapped[str | None] = mapped_column(String(32))
    old_value: Mapped[str | None] = mapped_column(String(200))
    new_value: Mapped[str | None] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(UTCDateTime())
