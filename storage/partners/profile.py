"""A partner's card as storage sees it: the partner with its business contacts, its last
contacts and its open follow-ups."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import FollowUp, FollowUpStatus, Interaction
from storage.partners.records import get_partner
from storage.people.contacts import business_contacts
from storage.people.members import deactivated_users
from storage.records import FollowUpView, InteractionView, PartnerProfile


def partner_profile(
    session: Session, team_id: str, partner_id: int, *, recent: int = 5
) -> PartnerProfile:
    """The partner with its business contacts, last contacts and open follow-ups."""
    partner = get_partner(session, team_id, partner_id)
    contacts = business_contacts(session, team_id, partner_id)
    owner_gone = bool(
        partner.owner_user_id and deactivated_users(session, team_id, [partner.owner_user_id])
    )
    interactions = session.scalars(
        select(Interaction)
        .where(
            Interaction.team_id == team_id,
            Interaction.partner_id == partner_id,
            Interaction.deleted_at.is_(None),
        )
        .order_by(Interaction.occurred_at.desc(), Interaction.id.desc())
        .limit(recent)
    )
    follow_ups = session.scalars(
        select(FollowUp)
        .where(
            FollowUp.team_id == team_id,
            FollowUp.partner_id == partner_id,
            FollowUp.status == FollowUpStatus.OPEN,
        )
        .order_by(FollowUp.due_at, FollowUp.id)
    )
    return PartnerProfile(
        partner=partner,
        contacts=tuple(contacts),
        recent=tuple(InteractionView.of(i, partner.name) for i in interactions),
        open_follow_ups=tuple(FollowUpView.of(f, partner.name) for f in follow_ups),
        owner_deactivated=owner_gone,
    )
