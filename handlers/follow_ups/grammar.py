"""The `/followup` grammar. Pure: the date words are read later by the date reader."""

from __future__ import annotations

from dataclasses import dataclass

from handlers.common.mrkdwn import mentioned_users, strip_mentions

USAGE = """*Follow-ups* — what you owe your partners.
• `/followup` — yours: overdue, today, next 7 days
• `/followup all` — the team's, by owner · `/followup @maria` — hers
• `/followup Acme fri send the thank-you letter` — add one
  (dates like `tomorrow`, `next tue`, `Dec 3`, `in 2 weeks`; from the school calendar
  `after winter break`, `first day back`, `next semester`, `end of the term`)
Each one has *Done*, *Snooze* and *Reassign*; your *Home* tab shows them too."""


@dataclass(frozen=True)
class Mine:
    """My follow-ups."""


@dataclass(frozen=True)
class Team:
    """Everyone's, grouped by owner."""


@dataclass(frozen=True)
class Theirs:
    """One colleague's."""

    user_id: str


@dataclass(frozen=True)
class FollowUpHelp:
    """Usage."""


@dataclass(frozen=True)
class Create:
    """Add one: partner words, date words and the note are split by the listener."""

    text: str


FollowUpCommand = Mine | Team | Theirs | FollowUpHelp | Create


def parse_followup_command(text: str) -> FollowUpCommand:
    """Read what followed `/followup`."""
    text = " ".join(text.split())
    lowered = text.casefold()
    if not text or lowered in ("mine", "me", "my"):
        return Mine()
    if lowered in ("help", "?", "-h", "--help"):
        return FollowUpHelp()
    if lowered in ("all", "team", "everyone"):
        return Team()
    users = mentioned_users(text)
    if len(users) == 1 and not strip_mentions(text):
        return Theirs(users[0])
    return Create(text)
