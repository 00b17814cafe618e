"""Advisory boards: one per pathway, its members (business contacts), its meetings (date,
minutes link, who attended), and the state's rule a workspace's boards are held to."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, UTCDateTime


class AdvisoryBoard(Base):
    """A pathway's (or program's) advisory committee."""

    __tablename__ = "advisory_boards"
    __table_args__ = (UniqueConstraint("team_id", "pathway_key", name="uq_advisory_boards_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), ForeignKey("workspaces.team_id"))
    pathway: Mapped[str] = mapped_column(String(100))
    pathway_key: Mapped[str] = mapped_column(String(100))
    # Industries the board should hear from ("no member from healthcare" until one joins).
    industries: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_by: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class BoardMember(Base):
    """A business contact sitting on a board."""

    __tablename__ = "board_members"
    __table_args__ = (
        UniqueConstraint("board_id", "business_contact_id", name="uq_board_members_contact"),
        Index("ix_board_members_team_board", "team_id", "board_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), ForeignKey("workspaces.team_id"))
    board_id: Mapped[int] = mapped_column(ForeignKey("advisory_boards.id", ondelete="CASCADE"))
    business_contact_id: Mapped[int] = mapped_column(
        ForeignKey("business_contacts.id", ondelete="CASCADE")
    )
    added_by: Mapped[str | None] = mapped_column(String(32))
    added_at: Mapped[datetime] = mapped_column(UTCDateTime())


class BoardMeeting(Base):
    """A board meeting, held or planned: one a day per board (the same day again is the same
    meeting, its minutes link and attendance updated)."""

    __tablename__ = "board_meetings"
    __table_args__ = (
        UniqueConstraint("board_id", "held_on", name="uq_board_meetings_day"),
        Index("ix_board_meetings_team_held", "team_id", "held_on"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), ForeignKey("workspaces.team_id"))
    board_id: Mapped[int] = mapped_column(ForeignKey("advisory_boards.id", ondelete="CASCADE"))
    held_on: Mapped[date] = mapped_column(Date)
    minutes_url: Mapped[str | None] = mapped_column(String(2000))
    # Business contact ids of the members who came.
    attended: Mapped[list[int]] = mapped_column(JSON, default=list)
    recorded_by: Mapped[str | None] = mapped_column(String(32))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime())


class BoardRule(Base):
    """The state's rule for a workspace's boards, set by a program lead."""

    __tablename__ = "board_rules"

    team_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("workspaces.team_id"), primary_key=True
    )
    meetings_per_year: Mapped[int] = mapped_column(Integer)
    min_industry_members: Mapped[int] = mapped_column(Integer)
    changed_by: Mapped[str | None] = mapped_column(String(32))
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime())
