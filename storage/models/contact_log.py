"""The contact log: calls, emails, meetings, visits, events, messages and notes with a partner."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, UTCDateTime, enum_column


class InteractionKind(enum.StrEnum):
    """What kind of touchpoint a contact-log entry records."""

    CALL = "call"
    EMAIL = "email"
    MEETING = "meeting"
    VISIT = "visit"
    EVENT = "event"
    MESSAGE = "message"
    NOTE = "note"


class Interaction(Base):
    """One entry of the contact log: a call, email, meeting, visit, event, message or note."""

    __tablename__ = "interactions"
    __table_args__ = (
        UniqueConstraint("team_id", "idempotency_key", name="uq_interactions_team_idempotency"),
        Index("ix_interactions_team_partner_occurred", "team_id", "partner_id", "occurred_at"),
        # A repeat of the same line by the same person a moment ago (storage.contact_log).
        Index(
            "ix_interactions_team_partner_user_created",
            "team_id",
            "partner_id",
            "user_id",
            "created_at",
        ),
        Index("ix_interactions_business_contact", "business_contact_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), ForeignKey("workspaces.team_id"))
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id", ondelete="CASCADE"))
    user_id: Mapped[str] = mapped_column(String(32))
    kind: Mapped[InteractionKind] = mapped_column(
        enum_column(InteractionKind, "interaction_kind"), default=InteractionKind.NOTE
    )
    summary: Mapped[str] = mapped_column(Text)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime())
    permalink: Mapped[str | None] = mapped_column(String(500))
    message_author: Mapped[str | None] = mapped_column(String(32))
    idempotency_key: Mapped[str | None] = mapped_column(String(128))
    # The business contact the entry names ("called Jane" → Jane Ortiz), when one is known.
    business_contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("business_contacts.id", ondelete="SET NULL")
    )
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
