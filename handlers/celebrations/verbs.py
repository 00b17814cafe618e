"""What celebrations add to other commands and cards: `/partner list unthanked` and the
card's "last thanked" line."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from handlers.common.blocks import Blocks, text_blocks
from handlers.common.labels import stage_label
from handlers.common.mrkdwn import day, quote, user
from handlers.common.replies import ephemeral
from handlers.deps import Person
from storage.celebration_nudges import UNTHANKED_DAYS, unthanked_partners
from storage.celebrations import thank_you_counts
from storage.errors import NotFound
from storage.partners.records import get_partner
from storage.recognition import school_year_start
from storage.records import PartnerView

MAX_ROWS = 40


def _thanked(p: PartnerView, who: Person) -> str:
    if p.last_thanked_at is None:
        return "never thanked in public"
    return f"last thanked {day(p.last_thanked_at.astimezone(who.zone()).date())}"


def unthanked_verb(who: Person, rest: str, command: dict[str, Any]) -> dict[str, Any]:
    """`/partner list unthanked`: partners nobody thanked in public for 90 days."""
    with who.deps.sessions() as session:
        partners, total = unthanked_partners(
            session, who.team_id, now=who.deps.clock.now(), stage=None, limit=MAX_ROWS
        )
    title = f"Partners not thanked in {UNTHANKED_DAYS} days"
    if not partners:
        return ephemeral(title, text_blocks(f"*{title}*\n🎉 Everyone was thanked lately."))
    lines = [
        f"• *{quote(p.name, 120)}* — {stage_label(p.stage)} · {_thanked(p, who)}"
        f" · {user(p.owner_user_id) if p.owner_user_id else '_unowned_'}"
        for p in partners
    ]
    more = f"\n_… and {total - len(partners)} more_" if total > len(partners) else ""
    hint = "\nThank one with `/celebrate Acme hosted 12 students for job shadow day`."
    return ephemeral(title, text_blocks(f"*{title}*\n" + "\n".join(lines) + more + hint))


def thanked_card_part(who: Person, partner_id: int) -> Blocks:
    """The card's line: when the partner was last thanked, and how often this school year."""
    local, tz = who.local_now()
    with who.deps.sessions() as session:
        try:
            partner = get_partner(session, who.team_id, partner_id)
        except NotFound:
            return []
        first = school_year_start(session, who.team_id, local.date())
        since = datetime.combine(first, time(0), tz)
        count = thank_you_counts(session, who.team_id, since=since, until=who.deps.clock.now())
    n = count.get(partner_id, 0)
    year = f" · {n} thank-you{'' if n == 1 else 's'} this school year" if n else ""
    if partner.last_thanked_at is None:
        text = "🎉 *Last thanked* never — `/celebrate` thanks a partner in public"
    else:
        text = f"🎉 *Last thanked* {day(partner.last_thanked_at.astimezone(tz).date())}{year}"
    return [{"type": "context", "elements": [{"type": "mrkdwn", "text": text}]}]
