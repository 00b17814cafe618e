"""Handing partners over: a preview (what would move), then one transaction that moves the
partners and the giver's open follow-ups, engagements and celebration prompts on them
(storage.people.handoff_work), recording who, when and why. A partner or
follow-up moves only while the giver still holds it, so two handoffs at once move each once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, and_, func, insert, select, update
from sqlalchemy.orm import Session

from storage.follow_ups import due_moment
from storage.models import (
    BusinessContact,
    FollowUp,
    FollowUpEvent,
    FollowUpStatus,
    Handoff,
    Partner,
)
from storage.people.handoff_work import count_work, move_work, record_ownership_changes
from storage.people.history import BACKUP, record_change
from storage.records import PartnerView
from storage.workspaces import ensure_staff


@dataclass(frozen=True)
class HandoffPlan:
    """What a handoff would move now: the partners, the open follow-ups, partners where the
    giver is the backup (whole handoffs only)."""

    from_user_id: str
    to_user_id: str
    partners: tuple[PartnerView, ...]
    follow_ups: int
    backups: int
    engagements: int = 0
    prompts: int = 0

    @property
    def empty(self) -> bool:
        """Nothing to hand over."""
        return not (
            self.partners or self.follow_ups or self.backups or self.engagements or self.prompts
        )


@dataclass(frozen=True)
class PartnerBrief:
    """One partner as the new owner's summary shows it."""

    partner: PartnerView
    open_follow_ups: int
    primary_contact: str | None


@dataclass(frozen=True)
class HandoffDone:
    """What a handoff moved."""

    id: int
    from_user_id: str
    to_user_id: str
    partners: tuple[PartnerBrief, ...]
    follow_ups: int
    backups: int
    engagements: int = 0
    prompts: int = 0

    @property
    def empty(self) -> bool:
        """Nothing moved (someone else handed it over first)."""
        return not (
            self.partners or self.follow_ups or self.backups or self.engagements or self.prompts
        )


def _partner_scope(
    team_id: str, from_user: str, partner_ids: Sequence[int] | None
) -> list[ColumnElement[bool]]:
    where = [
        Partner.team_id == team_id,
        Partner.owner_user_id == from_user,
        Partner.archived_at.is_(None),
    ]
    if partner_ids is not None:
        where.append(Partner.id.in_(list(partner_ids)))
    return where


def _follow_up_scope(
    team_id: str, from_user: str, partner_ids: Sequence[int] | None
) -> list[ColumnElement[bool]]:
    where = [
        FollowUp.team_id == team_id,
        FollowUp.owner_user_id == from_user,
        FollowUp.status == FollowUpStatus.OPEN,
    ]
    if partner_ids is not None:
        where.append(FollowUp.partner_id.in_(list(partner_ids)))
    return where


def plan_handoff(
    session: Session,
    team_id: str,
    from_user: str,
    to_user: str,
    partner_ids: Sequence[int] | None = None,
    *,
    today: date,
) -> HandoffPlan:
    """What `hand_off` would move now. `partner_ids` None: everything `from_user` holds —
    their partners, all their open follow-ups, engagements and prompts, and their backup
    roles."""
    partners = session.scalars(
        select(Partner)
        .where(*_partner_scope(team_id, from_user, partner_ids))
        .order_by(Partner.name_key)
    ).all()
    moving = partner_ids if partner_ids is not None else None
    follow_ups = session.scalar(
        select(func.count())
        .select_from(FollowUp)
        .where(*_follow_up_scope(team_id, from_user, moving))
    )
    backups = 0
    if partner_ids is None:
        backups = (
            session.scalar(
                select(func.count())
                .select_from(Partner)
                .where(Partner.team_id == team_id, Partner.backup_user_id == from_user)
            )
            or 0
        )
    engagements, prompts = count_work(session, team_id, from_user, partner_ids, today)
    return HandoffPlan(
        from_user,
        to_user,
        tuple(PartnerView.of(p) for p in partners),
        int(follow_ups or 0),
        int(backups),
        engagements,
        prompts,
    )


def hand_off(
    session: Session,
    team_id: str,
    from_user: str,
    to_user: str,
    partner_ids: Sequence[int] | None,
    *,
    by: str,
    reason: str,
    now: datetime,
    tz: ZoneInfo,
) -> HandoffDone:
    """Move the partners `from_user` still owns (all, or those in `partner_ids`) to `to_user`,
    with `from_user`'s open follow-ups on them (all of them for a whole handoff: `partner_ids`
    None), due in `to_user`'s time zone `tz`; a whole handoff also passes on backup roles.
    Each partner and follow-up moves only if `from_user` still holds it at that moment."""
    ensure_staff(session, team_id, to_user, now)
    moved_ids = _move_partners(session, team_id, from_user, to_user, partner_ids, now=now)
    follow_ups = _move_follow_ups(
        session,
        team_id,
        from_user,
        to_user,
        partner_ids if partner_ids is None else moved_ids,
        by=by,
        now=now,
        tz=tz,
    )
    engagements, prompts = move_work(
        session,
        team_id,
        from_user,
        to_user,
        partner_ids if partner_ids is None else moved_ids,
        today=now.date(),
        by=by,
        now=now,
    )
    backups = 0
    if partner_ids is None:
        backups = _pass_on_backups(session, team_id, from_user, to_user, by=by, now=now)
    record_ownership_changes(
        session, team_id, moved_ids, from_user, to_user, by=by, reason=reason, now=now
    )
    record = Handoff(
        team_id=team_id,
        from_user_id=from_user,
        to_user_id=to_user,
        by_user_id=by,
        reason=reason[:200],
        partners_moved=len(moved_ids),
        follow_ups_moved=follow_ups,
        at=now,
    )
    session.add(record)
    session.flush()
    return HandoffDone(
        record.id,
        from_user,
        to_user,
        tuple(partner_briefs(session, team_id, moved_ids, to_user)),
        follow_ups,
        backups,
        engagements,
        prompts,
    )


def _move_partners(
    session: Session,
    team_id: str,
    from_user: str,
    to_user: str,
    partner_ids: Sequence[int] | None,
    *,
    now: datetime,
) -> list[int]:
    """Give `to_user` the partners `from_user` still owns; the ids that moved."""
    moved_ids = list(
        session.scalars(
            update(Partner)
            .where(*_partner_scope(team_id, from_user, partner_ids))
            .values(owner_user_id=to_user, updated_at=now)
            .returning(Partner.id)
            .execution_options(synchronize_session=False)
        )
    )
    # The new owner is no longer their own backup.
    if moved_ids:
        session.execute(
            update(Partner)
            .where(Partner.id.in_(moved_ids), Partner.backup_user_id == to_user)
            .values(backup_user_id=None)
            .execution_options(synchronize_session=False)
        )
    return moved_ids


def _move_follow_ups(
    session: Session,
    team_id: str,
    from_user: str,
    to_user: str,
    partner_ids: Sequence[int] | None,
    *,
    by: str,
    now: datetime,
    tz: ZoneInfo,
) -> int:
    """Give `to_user` `from_user`'s open follow-ups (on `partner_ids`, or all), due in `tz`,
    each with a reassign event; how many moved."""
    rows = session.execute(
        select(FollowUp.id, FollowUp.due_date, FollowUp.due_time)
        .where(*_follow_up_scope(team_id, from_user, partner_ids))
        .with_for_update()
    ).all()
    if not rows:
        return 0
    session.execute(
        update(FollowUp),
        [
            {"id": fid, "owner_user_id": to_user, "due_at": due_moment(d, t, tz)}
            for fid, d, t in rows
        ],
        execution_options={"synchronize_session": False},
    )
    session.execute(
        insert(FollowUpEvent),
        [
            {
                "team_id": team_id,
                "follow_up_id": fid,
                "action": "reassign",
                "by_user_id": by,
                "old_value": from_user,
                "new_value": to_user,
                "at": now,
            }
            for fid, _, _ in rows
        ],
    )
    return len(rows)


def _pass_on_backups(
    session: Session, team_id: str, from_user: str, to_user: str, *, by: str, now: datetime
) -> int:
    """Make `to_user` the backup wherever `from_user` was (except on `to_user`'s own partners,
    where the role is dropped); how many passed on."""
    backed = list(
        session.scalars(
            update(Partner)
            .where(
                Partner.team_id == team_id,
                Partner.backup_user_id == from_user,
                Partner.owner_user_id != to_user,
            )
            .values(backup_user_id=to_user, updated_at=now)
            .returning(Partner.id)
            .execution_options(synchronize_session=False)
        )
    )
    session.execute(
        update(Partner)
        .where(Partner.team_id == team_id, Partner.backup_user_id == from_user)
        .values(backup_user_id=None, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    for pid in backed:
        record_change(
            session,
            team_id,
            pid,
            BACKUP,
            f"backup <@{from_user}> → <@{to_user}> (handoff)",
            by=by,
            now=now,
        )
    return len(backed)


def partner_briefs(
    session: Session, team_id: str, partner_ids: Sequence[int], owner: str
) -> list[PartnerBrief]:
    """For each partner: the partner, `owner`'s open follow-ups on it, its primary contact."""
    if not partner_ids:
        return []
    ids = list(partner_ids)
    partners = session.scalars(
        select(Partner)
        .where(Partner.team_id == team_id, Partner.id.in_(ids))
        .order_by(Partner.name_key)
    ).all()
    counts: dict[int, int] = {
        pid: int(n)
        for pid, n in session.execute(
            select(FollowUp.partner_id, func.count())
            .where(
                FollowUp.team_id == team_id,
                FollowUp.partner_id.in_(ids),
                FollowUp.owner_user_id == owner,
                FollowUp.status == FollowUpStatus.OPEN,
            )
            .group_by(FollowUp.partner_id)
        )
    }
    primaries: dict[int, str] = dict(
        session.execute(
            select(BusinessContact.partner_id, BusinessContact.name).where(
                and_(
                    BusinessContact.team_id == team_id,
                    BusinessContact.partner_id.in_(ids),
                    BusinessContact.is_primary.is_(True),
                )
            )
        ).all()
    )
    return [
        PartnerBrief(PartnerView.of(p), int(counts.get(p.id, 0)), primaries.get(p.id))
        for p in partners
    ]
