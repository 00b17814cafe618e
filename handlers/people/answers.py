"""What the people verbs share: the answer they return, and what to say when a typed name
names no one partner."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from handlers.common.mrkdwn import quote
from storage.records import PartnerView

Answer = dict[str, Any] | None


def partner_refusal(query: str, candidates: Sequence[PartnerView]) -> str:
    """Why `query` names no one partner: several could be meant, or none."""
    if candidates:
        names = ", ".join(f"*{quote(p.name, 100)}*" for p in candidates)
        return f"“{quote(query, 200)}” could be {names}. Write more of the name."
    return f"No partner matches “{quote(query, 200)}”. See `/partner list`."
