"""The people on a partner's card: owner status and backup, business contacts (mailto/tel
links, last contacted, Edit / Remove), Add contact and History. A card part the partners
feature shows above its buttons."""

from __future__ import annotations

from handlers.common.blocks import Blocks
from handlers.deps import Person
from handlers.people.contact_blocks import card_part
from storage.errors import NotFound
from storage.partners.records import get_partner
from storage.people.contacts import business_contacts
from storage.people.members import deactivated_users


def people_on_card(who: Person, partner_id: int) -> Blocks:
    """Blocks for the card of `partner_id` as `who` sees it (their time zone)."""
    try:
        with who.deps.sessions() as session:
            partner = get_partner(session, who.team_id, partner_id)
            contacts = business_contacts(session, who.team_id, partner_id)
            people = [p for p in (partner.owner_user_id, partner.backup_user_id) if p]
            gone = deactivated_users(session, who.team_id, people)
    except NotFound:
        return []
    return card_part(
        partner,
        contacts,
        who.zone(),
        owner_left=partner.owner_user_id in gone,
        backup_left=partner.backup_user_id in gone,
    )
