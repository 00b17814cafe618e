"""Merging a duplicate partner into another, and deleting a partner nothing is attached to.

A merge moves everything of the duplicate (`source`) to the partner kept (`target`) in the
caller's transaction: contacts, follow-ups, engagements, compliance documents, business
contacts, busy seasons, celebration prompts and thank-yous, and its history; then records the
merge in the target's history, keeps the duplicate's name in the target's notes (there is no
alias table) and deletes the duplicate. Its counts (`attached`) are what the preview shows
and what the Confirm compares, so an edit in between is noticed."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime

from sqlalchemy import Delete, delete, func, select, update
from sqlalchemy.orm import Session

from storage.models import (
    BusinessContact,
    BusySeason,
    CelebrationPrompt,
    ComplianceDocument,
    Engagement,
    FollowUp,
    Interaction,
    OwnershipChange,
    Partner,
    PartnerChange,
    ThankYou,
)
from storage.partners.name_index import names_changed
from storage.partners.records import MAX_NOTES_LENGTH
from storage.people.history import record_change
from storage.records import PartnerView

MERGE = "merge"
ADDED = "added"  # the ownership change every partner gets when it is added


@dataclass(frozen=True)
class Attached:
    """What a partner has attached to it (what a merge would move)."""

    contacts: int = 0
    follow_ups: int = 0
    engagements: int = 0
    documents: int = 0
    business_contacts: int = 0
    busy_seasons: int = 0
    prompts: int = 0
    thank_yous: int = 0
    history: int = 0  # changes beyond its creation

    def as_list(self) -> list[int]:
        """The counts in order (what a button carries, to compare at Confirm)."""
        return [getattr(self, f.name) for f in fields(self)]

    def describe(self) -> str:
        """ "3 logged contacts, 1 follow-up, …" (or "nothing attached")."""
        said = [_plural(getattr(self, name), word) for name, word in _WORDS if getattr(self, name)]
        if len(said) > 1:
            return f"{', '.join(said[:-1])} and {said[-1]}"
        return said[0] if said else "nothing attached"

    @property
    def empty(self) -> bool:
        """Nothing attached: the partner may be deleted."""
        return not any(self.as_list())


_WORDS = (
    ("contacts", "logged contact"),
    ("follow_ups", "follow-up"),
    ("engagements", "engagement"),
    ("documents", "compliance document"),
    ("business_contacts", "business contact"),
    ("busy_seasons", "busy season"),
    ("prompts", "celebration prompt"),
    ("thank_yous", "thank-you"),
    ("history", "history entry"),
)


def _plural(n: int, word: str) -> str:
    if n == 1:
        return f"{n} {word}"
    return f"{n} {word[:-1] + 'ies' if word.endswith('entry') else word + 's'}"


_TABLES: tuple[tuple[str, type], ...] = (
    ("contacts", Interaction),
    ("follow_ups", FollowUp),
    ("engagements", Engagement),
    ("documents", ComplianceDocument),
    ("business_contacts", BusinessContact),
    ("busy_seasons", BusySeason),
    ("prompts", CelebrationPrompt),
    ("thank_yous", ThankYou),
)


def _count(session: Session, table: type, team_id: str, partner_id: int) -> int:
    column = table.partner_id  # type: ignore[attr-defined]
    stmt = select(func.count()).where(table.team_id == team_id, column == partner_id)  # type: ignore[attr-defined]
    return session.scalar(stmt) or 0


def attached(session: Session, team_id: str, partner_id: int) -> Attached:
    """How much each kind of record the partner has."""
    counts = {name: _count(session, table, team_id, partner_id) for name, table in _TABLES}
    owners = session.scalar(
        select(func.count()).where(
            OwnershipChange.team_id == team_id,
            OwnershipChange.partner_id == partner_id,
            func.coalesce(OwnershipChange.reason, "") != ADDED,
        )
    )
    changes = _count(session, PartnerChange, team_id, partner_id)
    return Attached(**counts, history=(owners or 0) + changes)


def lock_partner(
    session: Session, team_id: str, partner_id: int, *, now: datetime
) -> Partner | None:
    """The partner's row, locked until the transaction ends, or None when it is gone. A
    record being attached to it waits for the merge, and the merge for it: on PostgreSQL by
    the row lock, on SQLite by the write (which takes the database's write lock before the
    counts are read)."""
    session.execute(
        update(Partner)
        .where(Partner.team_id == team_id, Partner.id == partner_id)
        .values(updated_at=now)
    )
    return session.scalars(
        select(Partner)
        .where(Partner.team_id == team_id, Partner.id == partner_id)
        .with_for_update()
    ).first()


def _drop_clashes(session: Session, team_id: str, source: int, target: int) -> None:
    """Documents and busy seasons the target already has (same kind and person, same start)
    can't exist twice: keep the target's document unless the source's expires later, and the
    target's busy season."""
    theirs = {
        (d.kind, d.subject_key): d
        for d in session.scalars(
            select(ComplianceDocument).where(
                ComplianceDocument.team_id == team_id, ComplianceDocument.partner_id == target
            )
        )
    }
    for doc in session.scalars(
        select(ComplianceDocument).where(
            ComplianceDocument.team_id == team_id, ComplianceDocument.partner_id == source
        )
    ).all():
        kept = theirs.get((doc.kind, doc.subject_key))
        if kept is None:
            continue
        later = doc.expires_on is None or (
            kept.expires_on is not None and doc.expires_on > kept.expires_on
        )
        session.delete(kept if later else doc)
    starts = {
        (s.start_month, s.start_day)
        for s in session.scalars(
            select(BusySeason).where(BusySeason.team_id == team_id, BusySeason.partner_id == target)
        )
    }
    for season in session.scalars(
        select(BusySeason).where(BusySeason.team_id == team_id, BusySeason.partner_id == source)
    ).all():
        if (season.start_month, season.start_day) in starts:
            session.delete(season)
    session.flush()


def _one_primary(session: Session, team_id: str, source: int, target: int) -> None:
    """A partner has at most one primary contact: the target's stays primary."""
    has_primary = session.scalar(
        select(func.count()).where(
            BusinessContact.team_id == team_id,
            BusinessContact.partner_id == target,
            BusinessContact.is_primary.is_(True),
        )
    )
    if has_primary:
        session.execute(
            update(BusinessContact)
            .where(BusinessContact.team_id == team_id, BusinessContact.partner_id == source)
            .values(is_primary=False)
        )


def _fold_fields(source: Partner, target: Partner, *, now: datetime) -> None:
    """The target keeps its own fields, takes the source's where it has none, the later of
    the last contact and thank-you, every pathway, and the source's name in its notes."""
    target.industry = target.industry or source.industry
    target.source = target.source or source.source
    seen = {p.casefold() for p in target.pathways or []}
    target.pathways = list(target.pathways or []) + [
        p for p in source.pathways or [] if p.casefold() not in seen
    ]
    for column in ("last_contact_at", "last_thanked_at"):
        moments = [m for m in (getattr(source, column), getattr(target, column)) if m]
        setattr(target, column, max(moments) if moments else None)
    alias = f"Also known as: {source.name} (merged into this partner)."
    notes = [n for n in (target.notes, alias, source.notes) if n]
    target.notes = "\n".join(notes)[:MAX_NOTES_LENGTH]
    target.updated_at = now


def merge_partners(
    session: Session, team_id: str, source: Partner, target: Partner, *, by: str, now: datetime
) -> Attached:
    """Move everything of `source` to `target` (rows locked by the caller), record it in the
    target's history and delete `source`. Returns what moved."""
    moved = attached(session, team_id, source.id)
    _drop_clashes(session, team_id, source.id, target.id)
    _one_primary(session, team_id, source.id, target.id)
    session.execute(_creation(team_id, source.id))  # the target has its own
    for _, table in (*_TABLES, ("", PartnerChange), ("", OwnershipChange)):
        session.execute(
            update(table)
            .where(table.team_id == team_id, table.partner_id == source.id)  # type: ignore[attr-defined]
            .values(partner_id=target.id)
        )
    _fold_fields(source, target, now=now)
    what = moved.describe()
    record_change(
        session,
        team_id,
        target.id,
        MERGE,
        f"merged {source.name} into {target.name}" + f" (moved {what})",
        by=by,
        now=now,
    )
    session.execute(delete(Partner).where(Partner.team_id == team_id, Partner.id == source.id))
    session.flush()
    names_changed(session, team_id)
    return moved


def _creation(team_id: str, partner_id: int) -> Delete:
    """The partner's "added" ownership record."""
    return delete(OwnershipChange).where(
        OwnershipChange.team_id == team_id,
        OwnershipChange.partner_id == partner_id,
        OwnershipChange.reason == ADDED,
    )


def delete_partner(session: Session, team_id: str, partner: Partner) -> PartnerView:
    """Delete a partner with nothing attached (its creation record goes with it)."""
    view = PartnerView.of(partner)
    session.execute(_creation(team_id, partner.id))
    session.execute(delete(Partner).where(Partner.team_id == team_id, Partner.id == partner.id))
    session.flush()
    names_changed(session, team_id)
    return view
