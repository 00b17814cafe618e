"""The people feature's part of the App Home: for a program lead, partners that need a new
owner."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from handlers.common.home_parts import HomeAdds, HomeFor, HomePart
from handlers.people.owner_blocks import unowned_blocks
from storage.people.members import digest_leads, needs_new_owner
from storage.records import PartnerView


def people_home(unowned: Sequence[PartnerView]) -> HomeAdds:
    """*Partners that need a new owner*, each with a "New owner…" picker."""
    gone = {p.owner_user_id or "" for p in unowned}
    blocks = unowned_blocks(unowned, gone)
    return HomeAdds(sections=(("*🧭 Partners that need a new owner*", [[b] for b in blocks]),))


def read(session: Session, who: HomeFor) -> HomeAdds:
    """Partners without an owner, for a lead only."""
    is_lead = who.user_id in digest_leads(session, who.team_id)
    return people_home(needs_new_owner(session, who.team_id) if is_lead else [])


HOME_PART = HomePart(read, rank=50)
