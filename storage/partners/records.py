"""Partner records: add, list, edit, archive, assign, and the profile the card shows."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from storage.db import insert_unless_exists
from storage.errors import InvalidInput, NotFound
from storage.follow_ups import due_moment
from storage.models import (
    FollowUp,
    FollowUpEvent,
    FollowUpStatus,
    OwnershipChange,
    Partner,
    Stage,
)
from storage.partners.name_index import names_changed
from storage.partners.names import MAX_NAME_LENGTH, clean_name, name_key
from storage.people.history import STAGE, record_change
from storage.records import (
    PartnerView,
)
from storage.workspaces import ensure_staff, ensure_workspace

MAX_FIELD_LENGTH = 200
# The partner form gives back what it shows: a Slack text field holds 3,000 characters, so
# notes stop there and 14 pathways of 200 (joined by ", ") fit one field too.
MAX_NOTES_LENGTH = 3000
MAX_PATHWAYS = 14


class DuplicatePartner(InvalidInput):
    """A partner with the same name (ignoring case, spacing, "Inc." …) already exists."""

    def __init__(self, existing: PartnerView) -> None:
        super().__init__("name", f"{existing.name} is already a partner")
        self.existing = existing


@dataclass(frozen=True)
class PartnerFields:
    """The editable fields of a partner, as typed by a person (validated on save)."""

    name: str
    stage: Stage = Stage.PROSPECT
    industry: str | None = None
    pathways: Sequence[str] = ()
    source: str | None = None
    notes: str | None = None


def valid_name(name: str) -> str:
    """Return the cleaned name or raise InvalidInput saying what is wrong."""
    cleaned = clean_name(name)
    if not cleaned or not name_key(cleaned):
        raise InvalidInput("name", "A partner needs a name with at least one letter or digit.")
    if len(cleaned) > MAX_NAME_LENGTH:
        raise InvalidInput(
            "name",
            f"Partner names can be at most {MAX_NAME_LENGTH} characters "
            f"(that one has {len(cleaned):,}).",
        )
    return cleaned


def _optional(field: str, value: str | None, limit: int = MAX_FIELD_LENGTH) -> str | None:
    if value is None:
        return None
    value = value.strip()
    if len(value) > limit:
        raise InvalidInput(field, f"The {field} can be at most {limit:,} characters.")
    return value or None


def _pathways(values: Iterable[str]) -> list[str]:
    seen: dict[str, str] = {}
    for raw in values:
        value = clean_name(raw)
        if not value:
            continue
        if len(value) > MAX_FIELD_LENGTH:
            raise InvalidInput("pathway", f"A pathway can be at most {MAX_FIELD_LENGTH} chars.")
        seen.setdefault(value.casefold(), value)
    if len(seen) > MAX_PATHWAYS:
        raise InvalidInput("pathway", f"A partner can have at most {MAX_PATHWAYS} pathways.")
    return list(seen.values())


def _row(session: Session, team_id: str, partner_id: int) -> Partner:
    partner = session.get(Partner, partner_id)
    if partner is None or partner.team_id != team_id:
        raise NotFound(f"partner {partner_id}")
    return partner


def _by_key(session: Session, team_id: str, key: str) -> Partner | None:
    return session.scalars(
        select(Partner).where(Partner.team_id == team_id, Partner.name_key == key)
    ).first()


def add_partner(
    session: Session,
    team_id: str,
    fields: PartnerFields,
    *,
    now: datetime,
    created_by: str | None = None,
    owner_user_id: str | None = None,
) -> PartnerView:
    """Add a partner; raises DuplicatePartner when the name is taken (archived ones count)."""
    cleaned = valid_name(fields.name)
    key = name_key(cleaned)
    existing = _by_key(session, team_id, key)
    if existing is not None:
        raise DuplicatePartner(PartnerView.of(existing))
    ensure_workspace(session, team_id, now)
    values = {
        "team_id": team_id,
        "name": cleaned,
        "name_key": key,
        "stage": fields.stage,
        "industry": _optional("industry", fields.industry),
        "pathways": _pathways(fields.pathways),
        "source": _optional("source", fields.source),
        "notes": _optional("notes", fields.notes, MAX_NOTES_LENGTH),
        "owner_user_id": owner_user_id,
        "created_by": created_by,
        "created_at": now,
        "updated_at": now,
    }
    partner_id = insert_unless_exists(session, Partner, values)
    if partner_id is None:  # someone added the same name at the same moment
        existing = _by_key(session, team_id, key)
        assert existing is not None
        raise DuplicatePartner(PartnerView.of(existing))
    partner = _row(session, team_id, partner_id)
    if owner_user_id is not None:
        ensure_staff(session, team_id, owner_user_id, now)
        session.add(
            OwnershipChange(
                team_id=team_id,
                partner_id=partner.id,
                from_user_id=None,
                to_user_id=owner_user_id,
                changed_by=created_by,
                reason="added",
                changed_at=now,
            )
        )
    names_changed(session, team_id)
    return PartnerView.of(partner)


def get_partner(session: Session, team_id: str, partner_id: int) -> PartnerView:
    """The partner with this id in this workspace; raises NotFound."""
    return PartnerView.of(_row(session, team_id, partner_id))


def list_partners(
    session: Session,
    team_id: str,
    *,
    owner_user_id: str | None = None,
    stage: Stage | None = None,
    pathway: str | None = None,
    include_archived: bool = False,
    limit: int | None = None,
) -> list[PartnerView]:
    """Partners in this workspace, by name, filtered by owner, stage or pathway (the first
    `limit` of them when given)."""
    stmt = select(Partner).where(Partner.team_id == team_id)
    if not include_archived:
        stmt = stmt.where(Partner.archived_at.is_(None))
    if owner_user_id is not None:
        stmt = stmt.where(Partner.owner_user_id == owner_user_id)
    if stage is not None:
        stmt = stmt.where(Partner.stage == stage)
    stmt = stmt.order_by(Partner.name_key)
    if limit is not None and pathway is None:
        stmt = stmt.limit(limit)
    rows = [PartnerView.of(r) for r in session.scalars(stmt)]
    if pathway is not None:
        wanted = pathway.casefold()
        rows = [r for r in rows if any(p.casefold() == wanted for p in r.pathways)]
    return rows[:limit] if limit is not None else rows


def count_partners(
    session: Session,
    team_id: str,
    *,
    owner_user_id: str | None = None,
    stage: Stage | None = None,
) -> int:
    """How many active partners `list_partners` would list with these filters."""
    stmt = select(func.count()).where(Partner.team_id == team_id, Partner.archived_at.is_(None))
    if owner_user_id is not None:
        stmt = stmt.where(Partner.owner_user_id == owner_user_id)
    if stage is not None:
        stmt = stmt.where(Partner.stage == stage)
    return session.scalar(stmt) or 0


def known_pathways(session: Session, team_id: str) -> list[str]:
    """Every pathway used by a partner in this workspace."""
    found: dict[str, str] = {}
    for pathways in session.scalars(select(Partner.pathways).where(Partner.team_id == team_id)):
        for p in pathways or ():
            found.setdefault(p.casefold(), p)
    return sorted(found.values(), key=str.casefold)


def update_partner(
    session: Session,
    team_id: str,
    partner_id: int,
    fields: PartnerFields,
    *,
    now: datetime,
    by: str | None = None,
) -> PartnerView:
    """Replace the editable fields; a name another partner has raises DuplicatePartner. A stage
    change is kept in the partner's history."""
    partner = _row(session, team_id, partner_id)
    old_stage = partner.stage
    cleaned = valid_name(fields.name)
    key = name_key(cleaned)
    other = _by_key(session, team_id, key)
    if other is not None and other.id != partner.id:
        raise DuplicatePartner(PartnerView.of(other))
    industry = _optional("industry", fields.industry)
    pathways = _pathways(fields.pathways)
    source = _optional("source", fields.source)
    notes = _optional("notes", fields.notes, MAX_NOTES_LENGTH)
    try:
        with session.begin_nested():
            partner.name, partner.name_key, partner.stage = cleaned, key, fields.stage
            partner.industry, partner.pathways = industry, pathways
            partner.source, partner.notes = source, notes
            partner.updated_at = now
            session.flush()
            names_changed(session, team_id)
    except IntegrityError:  # someone else took the name at the same moment
        session.refresh(partner)
        other = _by_key(session, team_id, key)
        if other is None:
            raise
        raise DuplicatePartner(PartnerView.of(other)) from None
    if old_stage is not fields.stage:
        record_change(
            session,
            team_id,
            partner.id,
            STAGE,
            f"{old_stage.value} → {fields.stage.value}",
            by=by,
            now=now,
        )
        session.flush()
    return PartnerView.of(partner)


def set_archived(
    session: Session, team_id: str, partner_id: int, archived: bool, *, now: datetime
) -> PartnerView:
    """Archive (hide from lists and digests) or restore a partner; history is kept either way."""
    partner = _row(session, team_id, partner_id)
    partner.archived_at = now if archived else None
    partner.updated_at = now
    session.flush()
    names_changed(session, team_id)
    return PartnerView.of(partner)


def mark_thanked(session: Session, team_id: str, partner_id: int, *, now: datetime) -> PartnerView:
    """Remember that the partner was celebrated in public now."""
    partner = _row(session, team_id, partner_id)
    partner.last_thanked_at = now
    partner.updated_at = now
    session.flush()
    return PartnerView.of(partner)


def assign_owner(
    session: Session,
    team_id: str,
    partner_id: int,
    owner_user_id: str | None,
    *,
    by: str | None,
    now: datetime,
    reason: str = "assigned",
    tz: ZoneInfo | None = None,
) -> PartnerView:
    """Make `owner_user_id` the school-side owner; the change is kept in the history. The
    previous owner's open follow-ups on the partner go with it (due in the new owner's time
    zone `tz` when given)."""
    partner = _row(session, team_id, partner_id)
    if partner.owner_user_id != owner_user_id:
        if partner.owner_user_id is not None and owner_user_id is not None:
            _move_follow_ups(session, partner, owner_user_id, by=by, now=now, tz=tz)
        session.add(
            OwnershipChange(
                team_id=team_id,
                partner_id=partner.id,
                from_user_id=partner.owner_user_id,
                to_user_id=owner_user_id,
                changed_by=by,
                reason=reason,
                changed_at=now,
            )
        )
        partner.owner_user_id = owner_user_id
        partner.updated_at = now
        if owner_user_id is not None:
            ensure_staff(session, team_id, owner_user_id, now)
        session.flush()
    return PartnerView.of(partner)


def _move_follow_ups(
    session: Session,
    partner: Partner,
    to_user: str,
    *,
    by: str | None,
    now: datetime,
    tz: ZoneInfo | None,
) -> None:
    rows = session.scalars(
        select(FollowUp).where(
            FollowUp.team_id == partner.team_id,
            FollowUp.partner_id == partner.id,
            FollowUp.owner_user_id == partner.owner_user_id,
            FollowUp.status == FollowUpStatus.OPEN,
        )
    ).all()
    for row in rows:
        session.add(
            FollowUpEvent(
                team_id=partner.team_id,
                follow_up_id=row.id,
                action="reassign",
                by_user_id=by,
                old_value=row.owner_user_id,
                new_value=to_user,
                at=now,
            )
        )
        row.owner_user_id = to_user
        if tz is not None:
            row.due_at = due_moment(row.due_date, row.due_time, tz)
