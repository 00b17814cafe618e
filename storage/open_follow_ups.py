"""The open follow-up lists: one person's, one partner's or the team's, soonest first, how many
more there are, and what is due for many owners at once (the digests)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import Session

from storage.models import FollowUp, FollowUpStatus, Partner
from storage.records import FollowUpView


def open_follow_ups(
    session: Session,
    team_id: str,
    *,
    owner_user_id: str | None = None,
    partner_id: int | None = None,
    due_by: date | None = None,
    limit: int = 500,
) -> list[FollowUpView]:
    """Open follow-ups, soonest first, optionally one owner's, one partner's, or due by a date."""
    stmt = (
        select(FollowUp, Partner.name)
        .join(Partner, Partner.id == FollowUp.partner_id)
        .where(*open_where(team_id, owner_user_id, partner_id, due_by))
        .order_by(FollowUp.due_date, FollowUp.due_time, FollowUp.id)
        .limit(limit)
    )
    return [FollowUpView.of(row, name) for row, name in session.execute(stmt)]


def open_follow_ups_with_rest(
    session: Session,
    team_id: str,
    *,
    owner_user_id: str | None = None,
    due_by: date | None = None,
    limit: int = 500,
) -> tuple[list[FollowUpView], int]:
    """The first `limit` open follow-ups (soonest first), and how many more there are."""
    items = open_follow_ups(
        session, team_id, owner_user_id=owner_user_id, due_by=due_by, limit=limit
    )
    if len(items) < limit:
        return items, 0
    total = count_open_follow_ups(session, team_id, owner_user_id=owner_user_id, due_by=due_by)
    return items, total - len(items)


def count_open_follow_ups(
    session: Session,
    team_id: str,
    *,
    owner_user_id: str | None = None,
    partner_id: int | None = None,
    due_by: date | None = None,
) -> int:
    """How many follow-ups `open_follow_ups` would list with no limit."""
    stmt = (
        select(func.count())
        .select_from(FollowUp)
        .join(Partner, Partner.id == FollowUp.partner_id)
        .where(*open_where(team_id, owner_user_id, partner_id, due_by))
    )
    return int(session.execute(stmt).scalar_one())


def open_where(
    team_id: str, owner_user_id: str | None, partner_id: int | None, due_by: date | None
) -> list[ColumnElement[bool]]:
    # A follow-up kept open when its partner was archived stays on everyone's lists.
    where = [FollowUp.team_id == team_id, FollowUp.status == FollowUpStatus.OPEN]
    if owner_user_id is not None:
        where.append(FollowUp.owner_user_id == owner_user_id)
    if partner_id is not None:
        where.append(FollowUp.partner_id == partner_id)
    if due_by is not None:
        where.append(FollowUp.due_date <= due_by)
    return where


@dataclass(frozen=True)
class OwnerDue:
    """One owner's open follow-ups due by a date: the first ones (soonest first), how many are
    due before that date and how many in all (also those beyond the ones read)."""

    items: tuple[FollowUpView, ...]
    before_total: int
    total: int


def due_by_owner(
    session: Session, team_id: str, owners: Sequence[str], *, due_by: date, limit: int
) -> dict[str, OwnerDue]:
    """`open_follow_ups(owner, due_by, limit)` and its counts for many owners in one query
    (a window per owner); owners with nothing due are left out."""
    if not owners:
        return {}
    owner = FollowUp.owner_user_id
    ranked = (
        select(
            FollowUp.id.label("id"),
            func.row_number()
            .over(partition_by=owner, order_by=(FollowUp.due_date, FollowUp.due_time, FollowUp.id))
            .label("rank"),
            func.count(case((FollowUp.due_date < due_by, 1)))
            .over(partition_by=owner)
            .label("before_total"),
            func.count().over(partition_by=owner).label("total"),
        )
        .join(Partner, Partner.id == FollowUp.partner_id)
        .where(*open_where(team_id, None, None, due_by), owner.in_(list(owners)))
        .subquery()
    )
    rows = session.execute(  # columns, not ORM rows: hundreds of people's items at once
        select(
            FollowUp.id,
            FollowUp.partner_id,
            Partner.name,
            owner,
            FollowUp.note,
            FollowUp.due_date,
            FollowUp.due_time,
            FollowUp.status,
            FollowUp.closed_by,
            FollowUp.closed_at,
            ranked.c.before_total,
            ranked.c.total,
        )
        .join(ranked, ranked.c.id == FollowUp.id)
        .join(Partner, Partner.id == FollowUp.partner_id)
        .where(ranked.c.rank <= limit)
        .order_by(owner, FollowUp.due_date, FollowUp.due_time, FollowUp.id)
    )
    items: dict[str, list[FollowUpView]] = {}
    counts: dict[str, tuple[int, int]] = {}
    for *fields, before_total, total in rows:
        key = str(fields[3])
        items.setdefault(key, []).append(FollowUpView(*fields))
        counts[key] = (int(before_total), int(total))
    return {key: OwnerDue(tuple(views), *counts[key]) for key, views in items.items()}
