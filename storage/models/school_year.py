"""The school year of a workspace (terms, breaks, holidays) and partners' busy seasons."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, UTCDateTime, enum_column


class CalendarKind(enum.StrEnum):
    """What a calendar entry is: a term is taught; breaks and holidays are days off."""

    TERM = "term"
    BREAK = "break"
    HOLIDAY = "holiday"


class CalendarEntry(Base):
    """A named span of the school year, first and last day included."""

    __tablename__ = "calendar_entries"
    __table_args__ = (
        UniqueConstraint(
            "team_id", "kind", "name_key", "starts_on", name="uq_calendar_entries_key"
        ),
        Index("ix_calendar_entries_team_ends", "team_id", "ends_on"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), ForeignKey("workspaces.team_id"))
    kind: Mapped[CalendarKind] = mapped_column(enum_column(CalendarKind, "calendar_kind"))
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    # Where it came from: "typed", "ics" (an imported calendar) or "holidays" (US holidays).
    source: Mapped[str] = mapped_column(String(20))
    created_by: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class BusySeason(Base):
    """A partner's busy season, repeating every year (month and day of its first and last day;
    it may run over New Year)."""

    __tablename__ = "busy_seasons"
    __table_args__ = (
        UniqueConstraint(
            "team_id", "partner_id", "start_month", "start_day", name="uq_busy_seasons_key"
        ),
        Index("ix_busy_seasons_team_partner", "team_id", "partner_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), ForeignKey("workspaces.team_id"))
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id", ondelete="CASCADE"))
    start_month: Mapped[int] = mapped_column(Integer)
    start_day: Mapped[int] = mapped_column(Integer)
    end_month: Mapped[int] = mapped_column(Integer)
    end_day: Mapped[int] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(String(200))
    created_by: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
