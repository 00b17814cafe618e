"""Handoffs, one transaction per request: the preview (the lead check, the partners named,
what would move) and the Confirm (the lead check again, the move only if it is still what
the preview showed)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from storage.db import SessionFactory
from storage.partners.lookup import resolve_partner
from storage.people.handoff import HandoffDone, HandoffPlan, hand_off, plan_handoff
from storage.people.leads import check_lead
from storage.records import PartnerView

# What a handoff request came to.
NOT_LEAD = "not a lead"
NO_MATCH = "no match"
SEVERAL = "several"
NOT_OWNED = "not owned"
PLANNED = "planned"
NOTHING_LEFT = "nothing left"
CHANGED = "changed"
DONE = "done"


def plan_counts(plan: HandoffPlan) -> list[int]:
    """What a preview showed (partners, follow-ups, backup roles, engagements, prompts), to
    check it at Confirm."""
    return [len(plan.partners), plan.follow_ups, plan.backups, plan.engagements, plan.prompts]


def _may(
    session: Session,
    team_id: str,
    from_user: str,
    by: str,
    slack_admin: bool | None,
    now: datetime,
) -> bool:
    """Only `from_user` or a program lead hands over `from_user`'s partners."""
    if by == from_user:
        return True
    return check_lead(session, team_id, by, slack_admin=slack_admin, now=now).is_lead


@dataclass(frozen=True)
class HandoffPreview:
    """A preview's outcome (`kind`): the name at fault, or the partner someone else owns, or
    the partners named (None: a whole handoff) and the plan."""

    kind: str
    name: str = ""
    partner: PartnerView | None = None
    partner_ids: tuple[int, ...] | None = None
    plan: HandoffPlan | None = None


def preview_handoff(
    sessions: SessionFactory,
    team_id: str,
    from_user: str,
    to_user: str,
    names: Sequence[str],
    *,
    by: str,
    slack_admin: bool | None,
    now: datetime,
) -> HandoffPreview:
    """What handing over `from_user`'s partners (those `names` names, or all) would move;
    only `from_user` or a lead may (`slack_admin`: what Slack says of `by`)."""
    with sessions.begin() as session:
        if not _may(session, team_id, from_user, by, slack_admin, now):
            return HandoffPreview(NOT_LEAD)
        partner_ids: list[int] | None = None
        if names:
            partner_ids = []
            for name in names:
                found = resolve_partner(session, team_id, name)
                p = found.single
                if p is None:
                    return HandoffPreview(SEVERAL if found.candidates else NO_MATCH, name)
                if p.owner_user_id != from_user:
                    return HandoffPreview(NOT_OWNED, name, p)
                partner_ids.append(p.id)
        plan = plan_handoff(session, team_id, from_user, to_user, partner_ids, today=now.date())
        ids = None if partner_ids is None else tuple(partner_ids)
        return HandoffPreview(PLANNED, partner_ids=ids, plan=plan)


@dataclass(frozen=True)
class HandoffConfirmed:
    """A Confirm's outcome (`kind`): refused, nothing left, changed since the preview (the
    plan now), or done (what moved)."""

    kind: str
    plan: HandoffPlan | None = None
    done: HandoffDone | None = None


def confirm_handoff(
    sessions: SessionFactory,
    team_id: str,
    from_user: str,
    to_user: str,
    partner_ids: Sequence[int] | None,
    shown: object,
    *,
    by: str,
    reason: str,
    slack_admin: bool | None,
    now: datetime,
    tz: ZoneInfo,
) -> HandoffConfirmed:
    """Hand over what the preview showed (`shown`, its `plan_counts`), in one transaction;
    nothing moves when that changed since."""
    with sessions.begin() as session:
        if not _may(session, team_id, from_user, by, slack_admin, now):
            return HandoffConfirmed(NOT_LEAD)
        plan = plan_handoff(session, team_id, from_user, to_user, partner_ids, today=now.date())
        if plan.empty:  # a second click, or someone handed it over first
            return HandoffConfirmed(NOTHING_LEFT, plan)
        if plan_counts(plan) != shown:
            return HandoffConfirmed(CHANGED, plan)
        done = hand_off(
            session,
            team_id,
            from_user,
            to_user,
            partner_ids,
            by=by,
            reason=reason,
            now=now,
            tz=tz,
        )
        return HandoffConfirmed(DONE, plan, done)
