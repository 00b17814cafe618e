"""Partners (businesses), the people on their side, and who owned them on ours."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storage.models.base import Base, UTCDateTime, enum_column


class Stage(enum.StrEnum):
    """The partnership pipeline, in order."""

    PROSPECT = "prospect"
    CONTACTED = "contacted"
    ENGAGED = "engaged"
    ACTIVE = "active"
    PAUSED = "paused"


class Partner(Base):
    """A business (or organisation) the school works with."""

    __tablename__ = "partners"
    __table_args__ = (
        UniqueConstraint("team_id", "name_key", name="uq_partners_team_name_key"),
        Index("ix_partners_team_stage", "team_id", "stage"),
        Index("ix_partners_team_owner", "team_id", "owner_user_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), ForeignKey("workspaces.team_id"))
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200))
    stage: Mapped[Stage] = mapped_column(
        enum_column(Stage, "partner_stage"), default=Stage.PROSPECT
    )
    industry: Mapped[str | None] = mapped_column(String(200))
    pathways: Mapped[list[str]] = mapped_column(JSON, default=list)
    source: Mapped[str | None] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(Text)
    owner_user_id: Mapped[str | None] = mapped_column(String(32))
    backup_user_id: Mapped[str | None] = mapped_column(String(32))
    cadence_days: Mapped[int | None] = mapped_column(Integer)
    last_contact_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_thanked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_by: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())

    contacts: Mapped[list[BusinessContact]] = relationship(
        back_populates="partner", order_by="BusinessContact.id"
    )


class BusinessContact(Base):
    """A person on the business side of a partnership."""

    __tablename__ = "business_contacts"
    __table_args__ = (Index("ix_business_contacts_team_partner", "team_id", "partner_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), ForeignKey("workspaces.team_id"))
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320))
    phone: Mapped[str | None] = mapped_column(String(64))
    is_primary: Mapped[bool] = mapped_column(Boolean, default=False)
    is_decision_maker: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    partner: Mapped[Partner] = relationship(back_populates="contacts")


class OwnershipChange(Base):
    """History of who owned a partnership on the school side."""

    __tablename__ = "ownership_changes"
    __table_args__ = (Index("ix_ownership_changes_team_partner", "team_id", "partner_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), ForeignKey("workspaces.team_id"))
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id", ondelete="CASCADE"))
    from_user_id: Mapped[str | None] = mapped_column(String(32))
    to_user_id: Mapped[str | None] = mapped_column(String(32))
    changed_by: Mapped[str | None] = mapped_column(String(32))
    reason: Mapped[str | None] = mapped_column(String(200))
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime())
