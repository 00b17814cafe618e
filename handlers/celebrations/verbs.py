"""What celebrations add to other commands and cards: `/partner list unthanked` and the
card's "last thanked" line."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from handlers.common.blocks import Blocks, text_blocks
from handlers.common.labels import stage_label
from handlers.common.mrkdwn import day, quote, user
from handlers.common.replies import ephemeral
from handlers.deps import Person
from storage.celebration_nudges import UNTHANKED_DAYS, list_unthanked
from storage.recognition import read_thanked_on_card
from storage.records import PartnerView

MAX_ROWS = 40


def _thanked(p: PartnerView, tz: ZoneInfo) -> str:
    if p.last_thanked_at is None:
        return "never thanked in public"
    return f"last thanked {day(p.last_thanked_at.astimezone(tz).date())}"


def unthanked_verb(who: Person, rest: str, command: dict[str, Any]) -> dict[str, Any]:
    """`/partner list unthanked`: partners nobody thanked in public for 90 days."""
    tz = who.zone()
    partners, total = list_unthanked(
        who.deps.sessions, who.team_id, now=who.deps.clock.now(), limit=MAX_ROWS
    )
    title = f"Partners not thanked in {UNTHANKED_DAYS} days"
    if not partners:
        return ephemeral(title, text_blocks(f"*{title}*\n🎉 Everyone was thanked lately."))
    lines = [
        f"• *{quote(p.name, 120)}* — {stage_label(p.stage)} · {_thanked(p, tz)}"
        f" · {user(p.owner_user_id) if p.owner_user_id else '_unowned_'}"
        for p in partners
    ]
    more = f"\n_… and {total - len(partners)} more_" if total > len(partners) else ""
    hint = "\nThank one with `/celebrate Acme hosted 12 students for job shadow day`."
    return ephemeral(title, text_blocks(f"*{title}*\n" + "\n".join(lines) + more + hint))


def thanked_card_part(who: Person, partner_id: int) -> Blocks:
    """The card's line: when the partner was last thanked, and how often this school year."""
    local, tz = who.local_now()
    line = read_thanked_on_card(
        who.deps.sessions,
        who.team_id,
        partner_id,
        today=local.date(),
        tz=tz,
        now=who.deps.clock.now(),
    )
    if line is None:
        return []
    n = line.this_year
    year = f" · {n} thank-you{'' if n == 1 else 's'} this school year" if n else ""
    if line.last_thanked_at is None:
        text = "🎉 *Last thanked* never — `/celebrate` thanks a partner in public"
    else:
        text = f"🎉 *Last thanked* {day(line.last_thanked_at.astimezone(tz).date())}{year}"
    return [{"type": "context", "elements": [{"type": "mrkdwn", "text": text}]}]
