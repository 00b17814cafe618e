"""People around a partnership: program leads, partner history (stage, backup and business
contact changes), handoffs, and the Slack events already acted on."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, UTCDateTime


class ProgramLead(Base):
    """Someone named by `/partnerbot leads`: may change team-wide settings, gets leaver prompts."""

    __tablename__ = "program_leads"

    team_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("workspaces.team_id"), primary_key=True
    )
    user_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    added_by: Mapped[str | None] = mapped_column(String(32))
    added_at: Mapped[datetime] = mapped_column(UTCDateTime())


class PartnerChange(Base):
    """One change to a partner other than its owner (ownership_changes keeps those): a stage
    change, a backup change, a business contact added, edited or removed."""

    __tablename__ = "partner_changes"
    __table_args__ = (Index("ix_partner_changes_team_partner", "team_id", "partner_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), ForeignKey("workspaces.team_id"))
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    summary: Mapped[str] = mapped_column(String(500))
    by_user_id: Mapped[str | None] = mapped_column(String(32))
    at: Mapped[datetime] = mapped_column(UTCDateTime())


class Handoff(Base):
    """A handoff of partners and open follow-ups from one person to another: who, when, why."""

    __tablename__ = "handoffs"
    __table_args__ = (Index("ix_handoffs_team_at", "team_id", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), ForeignKey("workspaces.team_id"))
    from_user_id: Mapped[str] = mapped_column(String(32))
    to_user_id: Mapped[str] = mapped_column(String(32))
    by_user_id: Mapped[str | None] = mapped_column(String(32))
    reason: Mapped[str] = mapped_column(String(200))
    partners_moved: Mapped[int] = mapped_column(Integer)
    follow_ups_moved: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(UTCDateTime())


class HandledEvent(Base):
    """A Slack event (by event_id) already acted on: Slack's retries of it change nothing."""

    __tablename__ = "handled_events"
    __table_args__ = (UniqueConstraint("team_id", "event_id", name="uq_handled_events_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    event_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime] = mapped_column(UTCDateTime())
