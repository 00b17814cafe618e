"""The records: typed SQLAlchemy 2 models. Every row carries the Slack workspace's team_id."""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Enum,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC and always read back as an aware UTC datetime (SQLite too)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored; pass an aware UTC datetime")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    """Declarative base with a constraint naming convention Alembic can rely on."""

    metadata = MetaData(naming_convention=NAMING)


class Stage(enum.StrEnum):
    """The partnership pipeline, in order."""

    PROSPECT = "prospect"
    CONTACTED = "contacted"
    ENGAGED = "engaged"
    ACTIVE = "active"
    PAUSED = "paused"


class InteractionKind(enum.StrEnum):
    """What kind of touchpoint a contact-log entry records."""

    CALL = "call"
    EMAIL = "email"
    MEETING = "meeting"
    VISIT = "visit"
    EVENT = "event"
    NOTE = "note"


class FollowUpStatus(enum.StrEnum):
    """Where a follow-up stands."""

    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"


class SendStatus(enum.StrEnum):
    """Whether a scheduled send went out."""

    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"
    SKIPPED = "skipped"


def _enum(cls: type[enum.StrEnum], name: str) -> Enum:
    return Enum(
        cls,
        name=name,
        native_enum=False,
        length=20,
        validate_strings=True,
        values_callable=lambda members: [m.value for m in members],
    )


class Workspace(Base):
    """A Slack workspace that installed partnerbot, and its settings."""

    __tablename__ = "workspaces"

    team_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str | None] = mapped_column(String(200))
    celebration_channel: Mapped[str | None] = mapped_column(String(32))
    default_timezone: Mapped[str | None] = mapped_column(String(64))
    # Stay-in-touch interval in days per stage, e.g. {"active": 30}; missing stages use defaults.
    cadence_days: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    recent_contact_days: Mapped[int] = mapped_column(Integer, default=14)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Staff(Base):
    """A school-side Slack user partnerbot knows: time zone cache and digest preferences."""

    __tablename__ = "staff"

    team_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("workspaces.team_id"), primary_key=True
    )
    user_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    display_name: Mapped[str | None] = mapped_column(String(200))
    timezone: Mapped[str | None] = mapped_column(String(64))
    timezone_checked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    digest_time: Mapped[time] = mapped_column(Time(), default=time(8, 0))
    digest_enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    deactivated: Mapped[bool] = mapped_column(Boolean, default=False)


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
    stage: Mapped[Stage] = mapped_column(_enum(Stage, "partner_stage"), default=Stage.PROSPECT)
    industry: Mapped[str | None] = mapped_column(String(200))
    pathways: Mapped[list[str]] = mapped_column(JSON, default=list)
    source: Mapped[str | None] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(Text)
    owner_user_id: Mapped[str | None] = mapped_column(String(32))
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


class Interaction(Base):
    """One entry of the contact log: a call, email, meeting, visit, event or note."""

    __tablename__ = "interactions"
    __table_args__ = (
        UniqueConstraint("team_id", "idempotency_key", name="uq_interactions_team_idempotency"),
        Index("ix_interactions_team_partner_occurred", "team_id", "partner_id", "occurred_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), ForeignKey("workspaces.team_id"))
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id", ondelete="CASCADE"))
    user_id: Mapped[str] = mapped_column(String(32))
    kind: Mapped[InteractionKind] = mapped_column(
        _enum(InteractionKind, "interaction_kind"), default=InteractionKind.NOTE
    )
    summary: Mapped[str] = mapped_column(Text)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime())
    permalink: Mapped[str | None] = mapped_column(String(500))
    message_author: Mapped[str | None] = mapped_column(String(32))
    idempotency_key: Mapped[str | None] = mapped_column(String(128))
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


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
        _enum(FollowUpStatus, "follow_up_status"), default=FollowUpStatus.OPEN
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
        _enum(SendStatus, "send_status"), default=SendStatus.PENDING
    )
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    channel: Mapped[str | None] = mapped_column(String(32))
    ts: Mapped[str | None] = mapped_column(String(32))
    error: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
