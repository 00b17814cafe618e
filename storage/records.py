"""Plain, read-only values that storage operations return (no ORM objects leak out)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from storage.models import (
    BusinessContact,
    FollowUp,
    FollowUpStatus,
    Interaction,
    InteractionKind,
    Partner,
    Stage,
)


@dataclass(frozen=True)
class PartnerView:
    """A partner as the rest of the app sees it."""

    id: int
    team_id: str
    name: str
    stage: Stage
    industry: str | None
    pathways: tuple[str, ...]
    source: str | None
    notes: str | None
    owner_user_id: str | None
    cadence_days: int | None
    last_contact_at: datetime | None
    last_thanked_at: datetime | None
    archived: bool
    backup_user_id: str | None = None

    @classmethod
    def of(cls, p: Partner) -> PartnerView:
        """Copy the fields of an ORM row."""
        return cls(
            id=p.id,
            team_id=p.team_id,
            name=p.name,
            stage=p.stage,
            industry=p.industry,
            pathways=tuple(p.pathways or ()),
            source=p.source,
            notes=p.notes,
            owner_user_id=p.owner_user_id,
            cadence_days=p.cadence_days,
            last_contact_at=p.last_contact_at,
            last_thanked_at=p.last_thanked_at,
            archived=p.archived_at is not None,
            backup_user_id=p.backup_user_id,
        )


@dataclass(frozen=True)
class ContactPersonView:
    """A person on the business side."""

    id: int
    name: str
    role: str | None
    email: str | None
    phone: str | None
    is_primary: bool
    is_decision_maker: bool
    last_contacted_at: datetime | None = None
    partner_id: int = 0

    @classmethod
    def of(cls, c: BusinessContact, last_contacted_at: datetime | None = None) -> ContactPersonView:
        """Copy the fields of an ORM row (and when the contact log last names them)."""
        return cls(
            c.id,
            c.name,
            c.role,
            c.email,
            c.phone,
            c.is_primary,
            c.is_decision_maker,
            last_contacted_at,
            c.partner_id,
        )


@dataclass(frozen=True)
class InteractionView:
    """One contact-log entry."""

    id: int
    partner_id: int
    partner_name: str
    user_id: str
    kind: InteractionKind
    summary: str
    occurred_at: datetime
    permalink: str | None
    contact_name: str | None = None  # the business contact the entry names, if known

    @classmethod
    def of(
        cls, i: Interaction, partner_name: str, contact_name: str | None = None
    ) -> InteractionView:
        """Copy the fields of an ORM row."""
        return cls(
            i.id,
            i.partner_id,
            partner_name,
            i.user_id,
            i.kind,
            i.summary,
            i.occurred_at,
            i.permalink,
            contact_name,
        )


@dataclass(frozen=True)
class FollowUpView:
    """One follow-up."""

    id: int
    partner_id: int
    partner_name: str
    owner_user_id: str | None
    note: str
    due_date: date
    due_time: time | None
    status: FollowUpStatus
    closed_by: str | None
    closed_at: datetime | None

    @classmethod
    def of(cls, f: FollowUp, partner_name: str) -> FollowUpView:
        """Copy the fields of an ORM row."""
        return cls(
            f.id,
            f.partner_id,
            partner_name,
            f.owner_user_id,
            f.note,
            f.due_date,
            f.due_time,
            f.status,
            f.closed_by,
            f.closed_at,
        )


@dataclass(frozen=True)
class PartnerProfile:
    """Everything the partner card shows."""

    partner: PartnerView
    contacts: tuple[ContactPersonView, ...]
    recent: tuple[InteractionView, ...]
    open_follow_ups: tuple[FollowUpView, ...]
    # The owner left (Slack reported them deactivated): the partner needs a new owner.
    owner_deactivated: bool = False


@dataclass(frozen=True)
class DigestSetting:
    """When (and whether) a person gets the morning digest."""

    digest_time: time
    digest_enabled: bool
