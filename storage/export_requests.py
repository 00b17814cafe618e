"""Who may export what, one transaction per request: a program lead the whole workspace, a
partner's owner (or a lead) that partner; and the partner a typed name means."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage.db import SessionFactory
from storage.engagements_requests import NoSinglePartner
from storage.partners.lookup import resolve_partner
from storage.people.leads import check_lead
from storage.records import PartnerView


@dataclass(frozen=True)
class ExportAllowed:
    """The export may go ahead: of the whole workspace (`partner` None) or of one partner."""

    partner: PartnerView | None = None


@dataclass(frozen=True)
class ExportRefused:
    """The asker may not export that: the named leads still here (empty: the admins are)."""

    leads: tuple[str, ...]
    partner: PartnerView | None = None


def export_check(
    sessions: SessionFactory,
    team_id: str,
    user_id: str,
    *,
    partner: str | None,
    slack_admin: bool | None,
    now: datetime,
) -> ExportAllowed | ExportRefused | NoSinglePartner:
    """Whether `user_id` may export the workspace (`partner` None: program leads only) or the
    partner `partner` names (its owner or a lead); archived partners are found too."""
    with sessions.begin() as session:
        lead = check_lead(session, team_id, user_id, slack_admin=slack_admin, now=now)
        if partner is None:
            return ExportAllowed() if lead.is_lead else ExportRefused(lead.leads)
        found = resolve_partner(session, team_id, partner, include_archived=True)
        one = found.single
        if one is None:
            return NoSinglePartner(partner, found.candidates)
        if lead.is_lead or one.owner_user_id == user_id:
            return ExportAllowed(one)
        return ExportRefused(lead.leads, one)


def partner_to_export(
    sessions: SessionFactory, team_id: str, partner: str
) -> PartnerView | NoSinglePartner:
    """The partner `partner` names in the workspace (archived ones too), for the CLI."""
    with sessions() as session:
        found = resolve_partner(session, team_id, partner, include_archived=True)
        return found.single or NoSinglePartner(partner, found.candidates)
