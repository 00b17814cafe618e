"""`/partner merge A into B` and `/partner delete A`, one transaction per request: the preview
(who the names mean, the permission check, what would move or go) and the Confirm (the check
again, and the change only if the counts are still what the preview showed)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session

from storage.db import SessionFactory
from storage.partners.lookup import Resolution, resolve_partner
from storage.partners.merge import Attached, attached, delete_partner, lock_partner, merge_partners
from storage.people.members import is_known_lead
from storage.records import PartnerView

# What a merge or delete request came to.
NOT_ONE = "not one"  # a name means no partner, or several
SAME = "same"
NOT_YOURS = "not yours"
PLANNED = "planned"
GONE = "gone"
CHANGED = "changed"
HAS_HISTORY = "has history"
DONE = "done"


@dataclass(frozen=True)
class MergeAnswer:
    """A merge or delete request's outcome (`kind`): the name at fault and who it could be;
    or the partners (`source` merged into `target`, or `source` deleted) and their counts:
    what would move (a preview), what is attached now (changed), what moved (done)."""

    kind: str
    name: str = ""
    found: Resolution | None = None
    source: PartnerView | None = None
    target: PartnerView | None = None
    counts: Attached = field(default_factory=Attached)


def _may(session: Session, team_id: str, by: str, partners: Sequence[PartnerView]) -> bool:
    """The owner of every partner (or of one nobody owns) or a program lead."""
    if all(p.owner_user_id in (None, by) for p in partners):
        return True
    return is_known_lead(session, team_id, by)


def _named(session: Session, team_id: str, name: str) -> tuple[PartnerView | None, Resolution]:
    """The one partner `name` means, archived ones too (a duplicate is often archived)."""
    found = resolve_partner(session, team_id, name)
    if found.single is None:
        found = resolve_partner(session, team_id, name, include_archived=True)
    return found.single, found


def preview_merge(
    sessions: SessionFactory, team_id: str, source_name: str, target_name: str, *, by: str
) -> MergeAnswer:
    """What merging the partner `source_name` means into `target_name`'s would move."""
    with sessions() as session:
        source, found = _named(session, team_id, source_name)
        if source is None:
            return MergeAnswer(NOT_ONE, source_name, found)
        target, found = _named(session, team_id, target_name)
        if target is None:
            return MergeAnswer(NOT_ONE, target_name, found)
        if source.id == target.id:
            return MergeAnswer(SAME, source=source, target=target)
        if not _may(session, team_id, by, (source, target)):
            return MergeAnswer(NOT_YOURS, source=source, target=target)
        counts = attached(session, team_id, source.id)
        return MergeAnswer(PLANNED, source=source, target=target, counts=counts)


def confirm_merge(
    sessions: SessionFactory,
    team_id: str,
    source_id: int,
    target_id: int,
    shown: object,
    *,
    by: str,
    now: datetime,
) -> MergeAnswer:
    """Merge as the preview showed (`shown`: its counts), in one transaction; nothing moves
    when either partner is gone or what would move changed since."""
    with sessions.begin() as session:
        first, second = sorted((source_id, target_id))  # always lock in the same order
        rows = {i: lock_partner(session, team_id, i, now=now) for i in (first, second)}
        source, target = rows[source_id], rows[target_id]
        if source is None or target is None or source_id == target_id:
            return MergeAnswer(GONE)
        views = (PartnerView.of(source), PartnerView.of(target))
        if not _may(session, team_id, by, views):
            return MergeAnswer(NOT_YOURS, source=views[0], target=views[1])
        now_attached = attached(session, team_id, source_id)
        if now_attached.as_list() != shown:
            return MergeAnswer(CHANGED, source=views[0], target=views[1], counts=now_attached)
        moved = merge_partners(session, team_id, source, target, by=by, now=now)
        return MergeAnswer(DONE, source=views[0], target=PartnerView.of(target), counts=moved)


def preview_delete(sessions: SessionFactory, team_id: str, name: str, *, by: str) -> MergeAnswer:
    """Whether the partner `name` means may be deleted: nothing attached, and `by` may."""
    with sessions() as session:
        partner, found = _named(session, team_id, name)
        if partner is None:
            return MergeAnswer(NOT_ONE, name, found)
        if not _may(session, team_id, by, (partner,)):
            return MergeAnswer(NOT_YOURS, source=partner)
        counts = attached(session, team_id, partner.id)
        kind = PLANNED if counts.empty else HAS_HISTORY
        return MergeAnswer(kind, source=partner, counts=counts)


def confirm_delete(
    sessions: SessionFactory, team_id: str, partner_id: int, *, by: str, now: datetime
) -> MergeAnswer:
    """Delete the partner, only when nothing is attached to it still."""
    with sessions.begin() as session:
        row = lock_partner(session, team_id, partner_id, now=now)
        if row is None:
            return MergeAnswer(GONE)
        partner = PartnerView.of(row)
        if not _may(session, team_id, by, (partner,)):
            return MergeAnswer(NOT_YOURS, source=partner)
        counts = attached(session, team_id, partner_id)
        if not counts.empty:
            return MergeAnswer(HAS_HISTORY, source=partner, counts=counts)
        return MergeAnswer(DONE, source=delete_partner(session, team_id, row))
