"""Reading the contact log: a partner's history page by page, and colleagues' recent contacts
with a partner (the heads-up under a new one)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from storage.models import Interaction, Partner
from storage.partners.records import get_partner
from storage.records import InteractionView

# Built once: it runs under every contact logged.
_RECENT_BY_OTHERS = (
    select(Interaction, Partner.name)
    .join(Partner, Partner.id == Interaction.partner_id)
    .where(
        Interaction.team_id == bindparam("team_id"),
        Interaction.partner_id == bindparam("partner_id"),
        Interaction.user_id != bindparam("user_id"),
        Interaction.deleted_at.is_(None),
        Interaction.occurred_at >= bindparam("since"),
    )
    .order_by(Interaction.occurred_at.desc(), Interaction.id.desc())
    .limit(10)
)


def recent_contacts_by_others(
    session: Session, team_id: str, partner_id: int, user_id: str, *, since: datetime
) -> list[InteractionView]:
    """Contacts with this partner by other people since `since`, newest first."""
    rows = session.execute(
        _RECENT_BY_OTHERS,
        {"team_id": team_id, "partner_id": partner_id, "user_id": user_id, "since": since},
    )
    return [InteractionView.of(row, name) for row, name in rows]


def contact_history(
    session: Session, team_id: str, partner_id: int, *, offset: int = 0, limit: int = 10
) -> tuple[list[InteractionView], int]:
    """One page of a partner's log, newest first, and how many entries there are in all."""
    partner = get_partner(session, team_id, partner_id)
    live = (
        Interaction.team_id == team_id,
        Interaction.partner_id == partner_id,
        Interaction.deleted_at.is_(None),
    )
    total = session.scalar(select(func.count()).select_from(Interaction).where(*live)) or 0
    rows = session.scalars(
        select(Interaction)
        .where(*live)
        .order_by(Interaction.occurred_at.desc(), Interaction.id.desc())
        .offset(max(0, offset))
        .limit(limit)
    )
    return [InteractionView.of(r, partner.name) for r in rows], total
