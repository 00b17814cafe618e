"""The people on a partner's card: owner status and backup, business contacts (mailto/tel
links, last contacted, Edit / Remove), Add contact and History. A card part the partners
feature shows above its buttons."""

from __future__ import annotations

from handlers.common.blocks import Blocks
from handlers.deps import Person
from handlers.people.contact_blocks import card_part
from storage.people.owner_requests import card_people


def people_on_card(who: Person, partner_id: int) -> Blocks:
    """Blocks for the card of `partner_id` as `who` sees it (their time zone), from one read
    of its own: `CardPart` gets no session, so the partners feature's card is read part by
    part; `read_card_people` reads this part in a given session, for when it does."""
    tz = who.zone()
    found = card_people(who.deps.sessions, who.team_id, partner_id)
    if found is None:
        return []
    partner = found.partner
    return card_part(
        partner,
        found.contacts,
        tz,
        owner_left=partner.owner_user_id in found.gone,
        backup_left=partner.backup_user_id in found.gone,
    )
