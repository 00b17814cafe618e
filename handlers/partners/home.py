"""The partners' part of the App Home: "Add a partner", and the person's partners going cold."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from handlers.common.home_parts import HomeAdds, HomeFor, HomePart
from handlers.partners.sections import add_partner_button, cold_blocks
from storage.partners.cadence import ColdPartner, going_cold


def partners_home(cold: Sequence[ColdPartner]) -> HomeAdds:
    """The add-partner button and *Your partners going cold*."""
    return HomeAdds(
        buttons=(add_partner_button(),),
        sections=(("*🧊 Your partners going cold*", [cold_blocks(c) for c in cold]),),
    )


def read(session: Session, who: HomeFor) -> HomeAdds:
    """The person's partners going cold."""
    cold = going_cold(session, who.team_id, now=who.now, today=who.today, owner_user_id=who.user_id)
    return partners_home(cold)


HOME_PART = HomePart(read, rank=40)
