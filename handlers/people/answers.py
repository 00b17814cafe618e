"""What the people verbs share: the answer they return and the partner a query names."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from handlers.common.mrkdwn import quote
from handlers.deps import Person
from storage.partners.lookup import resolve_partner
from storage.records import PartnerView

Answer = dict[str, Any] | None


def partner_refusal(query: str, candidates: Sequence[PartnerView]) -> str:
    """Why `query` names no one partner: several could be meant, or none."""
    if candidates:
        names = ", ".join(f"*{quote(p.name, 100)}*" for p in candidates)
        return f"“{quote(query, 200)}” could be {names}. Write more of the name."
    return f"No partner matches “{quote(query, 200)}”. See `/partner list`."


def partner_named(who: Person, query: str, *, archived: bool = False) -> PartnerView | str:
    """The one partner `query` names, or why not."""
    with who.deps.sessions() as session:
        found = resolve_partner(session, who.team_id, query, include_archived=archived)
    if found.single is not None:
        return found.single
    if found.candidates:
        names = ", ".join(f"*{quote(p.name, 100)}*" for p in found.candidates)
        return f"“{quote(query, 200)}” could be {names}. Write more of the name."
    return f"No partner matches “{quote(query, 200)}”. See `/partner list`."
