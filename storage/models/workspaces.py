"""Slack workspaces that installed partnerbot, and the school-side people it knows."""

from __future__ import annotations

from datetime import datetime, time

from sqlalchemy import JSON, Boolean, ForeignKey, String, Time, false
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, UTCDateTime


class Workspace(Base):
    """A Slack workspace that installed partnerbot, and its settings."""

    __tablename__ = "workspaces"

    team_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str | None] = mapped_column(String(200))
    celebration_channel: Mapped[str | None] = mapped_column(String(32))
    # Stay-in-touch interval in days per stage, e.g. {"active": 30}; missing stages use defaults.
    cadence_days: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # A new random token whenever a partner is added, edited or (un)archived: the
    # in-process partner name index (storage/partners/name_index.py) is fresh while it matches.
    partner_names_version: Mapped[str | None] = mapped_column(String(32))
    # When Slack said the app was uninstalled or its tokens revoked (None: installed). Nothing
    # is sent to the workspace meanwhile; its data is erased once kept long enough.
    uninstalled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The Enterprise Grid org the workspace belongs to, when partnerbot is installed org-wide.
    enterprise_id: Mapped[str | None] = mapped_column(String(32))


class Staff(Base):
    """A school-side Slack user partnerbot knows: time zone cache and digest preferences."""

    __tablename__ = "staff"

    team_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("workspaces.team_id"), primary_key=True
    )
    user_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    timezone: Mapped[str | None] = mapped_column(String(64))
    timezone_checked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    digest_time: Mapped[time] = mapped_column(Time(), default=time(8, 0))
    digest_enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    # When Slack reported the person deleted (deactivated); None while they are active.
    deactivated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # A workspace admin or owner, as Slack last said (leads, when none are named).
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
