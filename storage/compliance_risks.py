"""Engagements coming up whose host has no valid background check: the owner's digest flags
each of them on every school day until it starts (or a valid check is recorded)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from storage.compliance import check_covers
from storage.engagements import NEEDS_CHECK
from storage.models import ComplianceDocument, DocumentKind, Engagement, EngagementKind, Partner

UNCHECKED_LIMIT = 25


@dataclass(frozen=True)
class UncheckedEngagement:
    """An engagement that needs its host's background check, with none valid through its end."""

    engagement_id: int
    partner_id: int
    partner_name: str
    kind: EngagementKind
    starts_on: date
    ends_on: date
    student_count: int | None
    contact_name: str | None


def unchecked_engagements_for(
    session: Session, team_id: str, users: Sequence[str], *, local_date: date
) -> dict[str, list[UncheckedEngagement]]:
    """Owner → their engagements starting today or later, of a kind that puts adults with
    students one-on-one, with no background check on file valid through their last day for
    the host contact (or anyone at the partner when none is named); soonest first. Two
    queries, whatever the number of owners."""
    if not users:
        return {}
    rows = session.execute(
        select(Engagement, Partner.name)
        .join(Partner, Partner.id == Engagement.partner_id)
        .where(
            Engagement.team_id == team_id,
            Engagement.owner_user_id.in_(list(users)),
            Engagement.kind.in_(NEEDS_CHECK),
            Engagement.starts_on >= local_date,
            Partner.archived_at.is_(None),
        )
        .order_by(Engagement.starts_on, Engagement.id)
    ).all()
    if not rows:
        return {}
    checks = session.execute(
        select(
            ComplianceDocument.partner_id,
            ComplianceDocument.subject_key,
            ComplianceDocument.expires_on,
        ).where(
            ComplianceDocument.team_id == team_id,
            ComplianceDocument.partner_id.in_({e.partner_id for e, _ in rows}),
            ComplianceDocument.kind == DocumentKind.BACKGROUND_CHECK,
            or_(
                ComplianceDocument.expires_on.is_(None),
                ComplianceDocument.expires_on >= local_date,
            ),
        )
    ).all()
    found: dict[str, list[UncheckedEngagement]] = {}
    for e, name in rows:
        valid = [
            key
            for partner_id, key, expires_on in checks
            if partner_id == e.partner_id and (expires_on is None or expires_on >= e.ends_on)
        ]
        mine = found.setdefault(e.owner_user_id, [])
        if len(mine) < UNCHECKED_LIMIT and not check_covers(valid, e.contact_name):
            mine.append(
                UncheckedEngagement(
                    e.id,
                    e.partner_id,
                    name,
                    e.kind,
                    e.starts_on,
                    e.ends_on,
                    e.student_count,
                    e.contact_name,
                )
            )
    return {owner: mine for owner, mine in found.items() if mine}
