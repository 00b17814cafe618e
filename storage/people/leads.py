"""Program leads and leavers, one transaction per request: whether someone is a lead (with
what Slack said about them, asked before), naming the leads, and a `user_change` event."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from storage.db import SessionFactory
from storage.open_follow_ups import count_open_follow_ups
from storage.partners.records import list_partners
from storage.people.handoff_work import count_work
from storage.people.members import (
    active_leads,
    claim_event,
    named_leads,
    remember_admin,
    set_deactivated,
    set_leads,
)
from storage.records import PartnerView


@dataclass(frozen=True)
class LeadCheck:
    """Whether the person is a program lead, and the named leads still here (empty: the
    workspace's admins and owners are the leads)."""

    is_lead: bool
    leads: tuple[str, ...]


def check_lead(
    session: Session, team_id: str, user_id: str, *, slack_admin: bool | None, now: datetime
) -> LeadCheck:
    """A named lead still here, or (none is) a workspace admin or owner as Slack said
    (`slack_admin`, remembered; None: Slack could not say, so not a lead)."""
    named = active_leads(session, team_id)
    if named:
        return LeadCheck(user_id in named, tuple(named))
    if slack_admin is None:
        return LeadCheck(False, ())
    remember_admin(session, team_id, user_id, slack_admin, now=now)
    return LeadCheck(slack_admin, ())


def lead_check(
    sessions: SessionFactory,
    team_id: str,
    user_id: str,
    *,
    slack_admin: bool | None,
    now: datetime,
) -> LeadCheck:
    """`check_lead` in its own transaction (a team-wide change checked before it is made)."""
    with sessions.begin() as session:
        return check_lead(session, team_id, user_id, slack_admin=slack_admin, now=now)


def leads_now(sessions: SessionFactory, team_id: str) -> tuple[str, ...]:
    """`/partnerbot leads`: the named leads still here."""
    with sessions() as session:
        return tuple(active_leads(session, team_id))


def add_lead(
    sessions: SessionFactory, team_id: str, user_id: str, *, now: datetime
) -> tuple[str, ...]:
    """Name `user_id` a program lead beside the named leads still here (the console's
    `/as NAME --lead`, standing in for a lead's `/partnerbot leads`); the leads now."""
    with sessions.begin() as session:
        leads = [*active_leads(session, team_id), user_id]
        set_leads(session, team_id, leads, by=user_id, now=now)
        return tuple(named_leads(session, team_id))


@dataclass(frozen=True)
class LeadsNamed:
    """`/partnerbot leads @dana @lee`: the asker's lead check, and the leads now (None: nothing
    changed)."""

    check: LeadCheck
    leads: tuple[str, ...] | None


def name_leads(
    sessions: SessionFactory,
    team_id: str,
    user_ids: Sequence[str],
    *,
    by: str,
    slack_admin: bool | None,
    people_ok: bool,
    now: datetime,
) -> LeadsNamed:
    """Name the program leads when `by` is a lead and Slack found every one of them a person
    who is still here (`people_ok`)."""
    with sessions.begin() as session:
        check = check_lead(session, team_id, by, slack_admin=slack_admin, now=now)
        if not check.is_lead or not people_ok:
            return LeadsNamed(check, None)
        set_leads(session, team_id, user_ids, by=by, now=now)
        return LeadsNamed(check, tuple(named_leads(session, team_id)))


@dataclass(frozen=True)
class MemberChange:
    """What a `user_change` event changed: whether the person left or came back (`changed`),
    a leaver's partners and open follow-ups, and the named leads still here."""

    changed: bool
    partners: tuple[PartnerView, ...] = ()
    follow_ups: int = 0
    leads: tuple[str, ...] = ()
    work: int = 0
    """Their engagements (planned or awaiting a debrief) and open celebration prompts."""


def member_changed(
    sessions: SessionFactory,
    team_id: str,
    event_id: str,
    user_id: str,
    *,
    deleted: bool,
    is_admin: bool,
    now: datetime,
) -> MemberChange | None:
    """Record a leaver (or their return) once per event, with what the leads are told; None
    for a retry of an event already acted on."""
    with sessions.begin() as session:
        if not claim_event(session, team_id, event_id, "user_change", now=now):
            return None
        changed = set_deactivated(session, team_id, user_id, deleted, now=now)
        remember_admin(session, team_id, user_id, is_admin and not deleted, now=now, create=False)
        if not changed:
            return MemberChange(False)
        leads = tuple(active_leads(session, team_id))
        if not deleted:
            return MemberChange(True, leads=leads)
        partners = list_partners(session, team_id, owner_user_id=user_id)
        follow_ups = count_open_follow_ups(session, team_id, owner_user_id=user_id)
        engagements, prompts = count_work(session, team_id, user_id, None, now.date())
        return MemberChange(True, tuple(partners), follow_ups, leads, engagements + prompts)
