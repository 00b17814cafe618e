"""The send log: one row per scheduled send, keyed so it never goes out twice."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Date, ForeignKeyConstraint, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, UTCDateTime, enum_column


class SendStatus(enum.StrEnum):
    """Whether a scheduled send went out."""

    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"
    SKIPPED = "skipped"
    UNKNOWN = "unknown"
    """Posted, but Slack's answer never came (a timeout): check before posting again."""


class SendLog(Base):
    """One scheduled send, keyed so it can never go out twice."""

    __tablename__ = "send_log"
    __table_args__ = (
        ForeignKeyConstraint(["team_id"], ["workspaces.team_id"]),
        UniqueConstraint("team_id", "user_id", "kind", "local_date", name="uq_send_log_key"),
        Index("ix_send_log_status", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(32))
    local_date: Mapped[date] = mapped_column(Date)
    status: Mapped[SendStatus] = mapped_column(
        enum_column(SendStatus, "send_status"), default=SendStatus.PENDING
    )
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    channel: Mapped[str | None] = mapped_column(String(32))
    ts: Mapped[str | None] = mapped_column(String(32))
    error: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
