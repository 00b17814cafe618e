"""Celebration prompts (a win someone should thank a partner for) and the thank-yous given."""

from __future__ import annotations

import enum
from datetime import date, datetime, time

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, UTCDateTime, enum_column


class PromptStatus(enum.StrEnum):
    """Where a celebration prompt stands."""

    OPEN = "open"
    POSTED = "posted"
    """A spotlight was posted from it."""
    THANKED = "thanked"
    """Its owner said the partner was already thanked."""


class CelebrationPrompt(Base):
    """A win worth a public thank-you, and when its owner is (next) asked to post one."""

    __tablename__ = "celebration_prompts"
    __table_args__ = (
        UniqueConstraint("team_id", "source", "source_id", name="uq_celebration_prompts_source"),
        Index("ix_celebration_prompts_status_ask", "status", "ask_after"),
        Index(
            "ix_celebration_prompts_team_owner", "team_id", "owner_user_id", "status", "ask_after"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), ForeignKey("workspaces.team_id"))
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id", ondelete="CASCADE"))
    owner_user_id: Mapped[str] = mapped_column(String(32))
    headline: Mapped[str] = mapped_column(Text)
    # What the win came from ("engagement", "debrief", "contact") and that record's id.
    source: Mapped[str] = mapped_column(String(20))
    source_id: Mapped[int] = mapped_column(Integer)
    happened_on: Mapped[date] = mapped_column(Date)
    status: Mapped[PromptStatus] = mapped_column(
        enum_column(PromptStatus, "prompt_status"), default=PromptStatus.OPEN
    )
    # The owner is asked once per round, not before ask_after; "Not now" starts a new round.
    round: Mapped[int] = mapped_column(Integer, default=1)
    asked_round: Mapped[int] = mapped_column(Integer, default=0)
    ask_after: Mapped[datetime] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    resolved_by: Mapped[str | None] = mapped_column(String(32))
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class ThankYou(Base):
    """One thank-you given to a partner: a spotlight posted, or one given outside partnerbot."""

    __tablename__ = "thank_yous"
    __table_args__ = (Index("ix_thank_yous_team_at", "team_id", "thanked_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), ForeignKey("workspaces.team_id"))
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id", ondelete="CASCADE"))
    by_user_id: Mapped[str] = mapped_column(String(32))
    # "spotlight" (posted by partnerbot) or "outside" (marked "Already thanked").
    how: Mapped[str] = mapped_column(String(20))
    prompt_id: Mapped[int | None] = mapped_column(
        ForeignKey("celebration_prompts.id", ondelete="SET NULL")
    )
    channel: Mapped[str | None] = mapped_column(String(32))
    ts: Mapped[str | None] = mapped_column(String(32))
    thanked_at: Mapped[datetime] = mapped_column(UTCDateTime())


class NudgeSettings(Base):
    """When the weekly celebration nudge goes to the workspace's celebration channel."""

    __tablename__ = "nudge_settings"

    team_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("workspaces.team_id"), primary_key=True
    )
    weekday: Mapped[int] = mapped_column(Integer)
    """0 Monday … 4 Friday."""
    at: Mapped[time] = mapped_column(Time())
    # The IANA zone `at` is read in: the zone of the lead who last set it.
    timezone: Mapped[str | None] = mapped_column(String(64))
    enabled: Mapped[bool] = mapped_column(Boolean)
    updated_by: Mapped[str | None] = mapped_column(String(32))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
