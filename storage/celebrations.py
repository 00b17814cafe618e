"""Celebration prompts: wins someone should thank a partner for in public, proposed once per
source record (an engagement, a debrief, a logged contact), asked about at the owner's local
morning, and the thank-yous that close them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Select, delete, func, select, update
from sqlalchemy.orm import Session

from storage.db import insert_unless_exists
from storage.models import (
    BusinessContact,
    CelebrationPrompt,
    Partner,
    PromptStatus,
    Staff,
    ThankYou,
)
from storage.partners.records import mark_thanked
from storage.thank_yous import close_thanked_prompts, thanked_after
from storage.workspaces import ensure_staff

FROM_CONTACT = "contact"
"""The source of a thank-you proposed by a logged contact (its source_id: the contact's id)."""
MAX_HEADLINE = 300
ASK_AGAIN = timedelta(days=7)
""""Not now" asks again after this."""
MAX_KNOWN_NAMES = 5000


@dataclass(frozen=True)
class PromptView:
    """A celebration prompt as the rest of the app sees it."""

    id: int
    team_id: str
    partner_id: int
    partner_name: str
    owner_user_id: str
    headline: str
    happened_on: date
    status: PromptStatus
    round: int
    asked_round: int
    ask_after: datetime
    resolved_by: str | None

    @classmethod
    def of(cls, row: CelebrationPrompt, partner_name: str) -> PromptView:
        """Copy the fields of an ORM row."""
        return cls(
            row.id,
            row.team_id,
            row.partner_id,
            partner_name,
            row.owner_user_id,
            row.headline,
            row.happened_on,
            row.status,
            row.round,
            row.asked_round,
            row.ask_after,
            row.resolved_by,
        )


def propose_win(
    session: Session,
    *,
    team_id: str,
    partner_id: int,
    owner_user_id: str,
    headline: str,
    source: str,
    source_id: int,
    happened_on: date,
    now: datetime,
) -> int | None:
    """Propose a thank-you for a win (`headline`, e.g. "Acme hosted 12 students for job shadow
    day"): its owner is asked at their next school-day morning. Idempotent on (workspace,
    source, source_id), under concurrency too: the new prompt's id, or None when that record
    already proposed one, or another record the same win (same partner, same day: a contact
    then recorded as an engagement)."""
    partner = session.get(Partner, partner_id)
    if partner is None or partner.team_id != team_id:
        return None
    same_win = session.scalar(
        select(CelebrationPrompt.id).where(
            CelebrationPrompt.team_id == team_id,
            CelebrationPrompt.partner_id == partner_id,
            CelebrationPrompt.happened_on == happened_on,
            CelebrationPrompt.source != source,
        )
    )
    if same_win is not None:  # a contact then recorded as an engagement: one win, one prompt
        return None
    if thanked_after(session, team_id, partner_id, happened_on):  # thanked since: settled
        return None
    ensure_staff(session, team_id, owner_user_id, now)
    text = " ".join(headline.split())[:MAX_HEADLINE] or f"{partner.name} helped our students"
    prompt_id = insert_unless_exists(
        session,
        CelebrationPrompt,
        {
            "team_id": team_id,
            "partner_id": partner_id,
            "owner_user_id": owner_user_id,
            "headline": text,
            "source": source[:20],
            "source_id": source_id,
            "happened_on": happened_on,
            "status": PromptStatus.OPEN,
            "round": 1,
            "asked_round": 0,
            "ask_after": now,
            "created_at": now,
        },
    )
    return int(prompt_id) if prompt_id is not None else None


def withdraw_win(session: Session, *, team_id: str, source: str, source_id: int) -> bool:
    """Forget the prompt a record proposed (a contact undone: its text must go with it); a
    thank-you already given keeps its record. True when there was one."""
    result = session.execute(
        delete(CelebrationPrompt).where(
            CelebrationPrompt.team_id == team_id,
            CelebrationPrompt.source == source[:20],
            CelebrationPrompt.source_id == source_id,
        )
    )
    return bool(getattr(result, "rowcount", 0))


def get_prompt(session: Session, team_id: str, prompt_id: int) -> PromptView | None:
    """The prompt with this id in this workspace, if there is one."""
    row = session.execute(
        _with_partner().where(
            CelebrationPrompt.id == prompt_id, CelebrationPrompt.team_id == team_id
        )
    ).first()
    return PromptView.of(row[0], row[1]) if row else None


@dataclass(frozen=True)
class DuePrompt:
    """A prompt whose owner may be asked now, with the owner's morning (their digest time)."""

    prompt: PromptView
    digest_time: time


def _with_partner() -> Select[CelebrationPrompt, str]:
    return select(CelebrationPrompt, Partner.name).join(
        Partner, Partner.id == CelebrationPrompt.partner_id
    )


def prompts_due(session: Session, *, now: datetime, limit: int = 2000) -> list[DuePrompt]:
    """Open prompts, in every workspace, not yet asked in their round and not put off past
    `now`, of owners still here and partners not archived; oldest first."""
    rows = session.execute(
        select(CelebrationPrompt, Partner.name, Staff.digest_time)
        .join(Partner, Partner.id == CelebrationPrompt.partner_id)
        .join(
            Staff,
            (Staff.team_id == CelebrationPrompt.team_id)
            & (Staff.user_id == CelebrationPrompt.owner_user_id),
        )
        .where(
            CelebrationPrompt.status == PromptStatus.OPEN,
            CelebrationPrompt.asked_round < CelebrationPrompt.round,
            CelebrationPrompt.ask_after <= now,
            Partner.archived_at.is_(None),
            Staff.deactivated_at.is_(None),
        )
        .order_by(CelebrationPrompt.id)
        .limit(limit)
    )
    return [DuePrompt(PromptView.of(p, name), at or time(8, 0)) for p, name, at in rows]


def mark_asked(session: Session, prompt_id: int, round_: int) -> None:
    """The owner was asked about this round of the prompt."""
    session.execute(
        update(CelebrationPrompt)
        .where(CelebrationPrompt.id == prompt_id, CelebrationPrompt.asked_round < round_)
        .values(asked_round=round_)
        .execution_options(synchronize_session=False)
    )


def open_prompts(
    session: Session,
    team_id: str,
    user_id: str,
    *,
    now: datetime,
    asked_only: bool = False,
    limit: int = 20,
) -> list[PromptView]:
    """A person's open prompts not put off past `now` (with `asked_only`, only those they
    were already asked about), newest win first."""
    found = open_prompts_by_owner(
        session, team_id, [user_id], now=now, asked_only=asked_only, limit=limit
    )
    return found.get(user_id, [])


def open_prompts_by_owner(
    session: Session,
    team_id: str,
    users: Sequence[str],
    *,
    now: datetime,
    asked_only: bool = False,
    limit: int = 20,
) -> dict[str, list[PromptView]]:
    """`open_prompts` for many people in one query (the digest reads a batch at once): owner
    → their first `limit` prompts, newest win first; people with none are left out."""
    c = CelebrationPrompt
    stmt = (
        select(
            c.id,
            c.team_id,
            c.partner_id,
            Partner.name.label("partner_name"),
            c.owner_user_id,
            c.headline,
            c.happened_on,
            c.status,
            c.round,
            c.asked_round,
            c.ask_after,
            c.resolved_by,
        )
        .join(Partner, Partner.id == c.partner_id)
        .where(
            c.team_id == team_id,
            c.owner_user_id.in_(list(users)),
            c.status == PromptStatus.OPEN,
            c.ask_after <= now,
            Partner.archived_at.is_(None),
        )
    )  # columns, not rows
    if asked_only:
        stmt = stmt.where(c.asked_round >= c.round)
    stmt = stmt.order_by(c.owner_user_id, c.happened_on.desc(), c.id.desc())
    if len(users) == 1:
        stmt = stmt.limit(limit)
    found: dict[str, list[PromptView]] = {}
    for row in session.execute(stmt):
        mine = found.setdefault(row.owner_user_id, [])
        if len(mine) < limit:
            mine.append(PromptView(**row._asdict()))
    return found


@dataclass(frozen=True)
class Change:
    """A prompt after a click, and whether the click changed it (False: already settled)."""

    prompt: PromptView
    changed: bool


def _settle(
    session: Session, team_id: str, prompt_id: int, *where: Any, **values: Any
) -> Change | None:
    result = session.execute(
        update(CelebrationPrompt)
        .where(
            CelebrationPrompt.id == prompt_id,
            CelebrationPrompt.team_id == team_id,
            CelebrationPrompt.status == PromptStatus.OPEN,
            *where,
        )
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    session.expire_all()
    prompt = get_prompt(session, team_id, prompt_id)
    if prompt is None:
        return None
    return Change(prompt, bool(getattr(result, "rowcount", 0)))


def put_off(
    session: Session, team_id: str, prompt_id: int, round_: int, *, now: datetime
) -> Change | None:
    """ "Not now": ask again in a week (a new round). Only the round the click was about
    moves: a double click or a stale message changes nothing. None: no such prompt."""
    return _settle(
        session,
        team_id,
        prompt_id,
        CelebrationPrompt.round == round_,
        round=round_ + 1,
        ask_after=now + ASK_AGAIN,
    )


def close_prompt(
    session: Session,
    team_id: str,
    prompt_id: int,
    status: PromptStatus,
    *,
    by: str,
    now: datetime,
) -> Change | None:
    """Close an open prompt as posted or already thanked, atomically: of two clicks (or two
    forms) only one changes it. None: no such prompt."""
    return _settle(session, team_id, prompt_id, status=status, resolved_by=by, resolved_at=now)


def reopen_prompt(session: Session, team_id: str, prompt_id: int) -> None:
    """Undo a close whose spotlight could not be posted."""
    session.execute(
        update(CelebrationPrompt)
        .where(CelebrationPrompt.id == prompt_id, CelebrationPrompt.team_id == team_id)
        .values(status=PromptStatus.OPEN, resolved_by=None, resolved_at=None)
        .execution_options(synchronize_session=False)
    )


def record_thank_you(
    session: Session,
    team_id: str,
    partner_id: int,
    *,
    by: str,
    how: str,
    now: datetime,
    prompt_id: int | None = None,
    channel: str | None = None,
    ts: str | None = None,
) -> None:
    """Keep a thank-you ("spotlight" posted, or given "outside" partnerbot), show the
    partner as thanked now, and close its open prompts for wins before."""
    session.add(
        ThankYou(
            team_id=team_id,
            partner_id=partner_id,
            by_user_id=by,
            how=how,
            prompt_id=prompt_id,
            channel=channel,
            ts=ts,
            thanked_at=now,
        )
    )
    mark_thanked(session, team_id, partner_id, now=now)
    close_thanked_prompts(session, team_id, partner_id, by=by, now=now)


def thank_you_counts(
    session: Session, team_id: str, *, since: datetime, until: datetime
) -> dict[int, int]:
    """How many thank-yous each partner got between two moments (both included)."""
    rows = session.execute(
        select(ThankYou.partner_id, func.count())
        .where(
            ThankYou.team_id == team_id,
            ThankYou.thanked_at >= since,
            ThankYou.thanked_at <= until,
        )
        .group_by(ThankYou.partner_id)
    )
    return {partner_id: int(n) for partner_id, n in rows}


def known_names(session: Session, team_id: str, *, limit: int = MAX_KNOWN_NAMES) -> list[str]:
    """Names a spotlight may say freely: the workspace's partners and their business contacts."""
    partners = session.scalars(
        select(Partner.name).where(Partner.team_id == team_id).order_by(Partner.id).limit(limit)
    )
    people = session.scalars(
        select(BusinessContact.name)
        .where(BusinessContact.team_id == team_id)
        .order_by(BusinessContact.id)
        .limit(limit)
    )
    return [*partners, *people]
