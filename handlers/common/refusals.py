"""What a person is told when a record is not theirs to change."""

from __future__ import annotations

from handlers.common.mrkdwn import user
from storage.follow_ups import NotAllowed


def follow_up_refused(exc: NotAllowed, verb: str = "change") -> str:
    """Who may `verb` a follow-up, when the person asking may not; nothing was changed."""
    who = [user(u) for u in dict.fromkeys((exc.owner_user_id, exc.partner_owner)) if u]
    named = " or ".join(who) + " (its owner, or the partner's)" if who else "its owner"
    return f"Only {named} or a program lead can {verb} that follow-up. Nothing was changed."
