"""Compliance documents kept for partners (background checks, agreements, insurance…): what
and until when, never the files; and which expiry reminders went out."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, UTCDateTime, enum_column


class DocumentKind(enum.StrEnum):
    """The kinds of document the partnership checklist asks schools to track."""

    BACKGROUND_CHECK = "background_check"
    AGREEMENT = "agreement"
    INSURANCE = "insurance"
    SAFETY_TRAINING = "safety_training"
    OTHER = "other"


class ComplianceDocument(Base):
    """One document for a partner, or for one person at the partner (`contact_name`)."""

    __tablename__ = "compliance_documents"
    __table_args__ = (
        # One document per kind and subject: adding it again renews it.
        UniqueConstraint(
            "team_id", "partner_id", "kind", "subject_key", name="uq_compliance_documents_key"
        ),
        Index("ix_compliance_documents_team_expires", "team_id", "expires_on"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), ForeignKey("workspaces.team_id"))
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id", ondelete="CASCADE"))
    kind: Mapped[DocumentKind] = mapped_column(enum_column(DocumentKind, "document_kind"))
    label: Mapped[str | None] = mapped_column(String(200))
    business_contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("business_contacts.id", ondelete="SET NULL")
    )
    contact_name: Mapped[str | None] = mapped_column(String(200))
    subject_key: Mapped[str] = mapped_column(String(400))
    expires_on: Mapped[date | None] = mapped_column(Date)
    link: Mapped[str | None] = mapped_column(String(500))
    created_by: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class DocumentReminder(Base):
    """An expiry reminder put in someone's digest: once per document, expiry and lead time."""

    __tablename__ = "document_reminders"
    __table_args__ = (
        UniqueConstraint(
            "document_id", "expires_on", "days_before", name="uq_document_reminders_key"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), ForeignKey("workspaces.team_id"))
    document_id: Mapped[int] = mapped_column(
        ForeignKey("compliance_documents.id", ondelete="CASCADE")
    )
    expires_on: Mapped[date] = mapped_column(Date)
    days_before: Mapped[int] = mapped_column(Integer)
    user_id: Mapped[str] = mapped_column(String(32))
    local_date: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ComplianceSettings(Base):
    """A workspace's compliance settings: how many days before expiry owners are reminded."""

    __tablename__ = "compliance_settings"

    team_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("workspaces.team_id"), primary_key=True
    )
    reminder_days: Mapped[list[int]] = mapped_column(JSON, default=list)
    updated_by: Mapped[str | None] = mapped_column(String(32))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
