"""Block Kit for the weekly celebration nudge in the celebration channel, as plain dicts: this
week's wins not yet celebrated and active partners nobody thanked lately, each with "I'll thank
them". Pure."""

from __future__ import annotations

from datetime import date

from handlers.celebrations.sections import partner_item, win_item
from handlers.common.blocks import MESSAGE_BLOCK_LIMIT, Blocks
from storage.celebration_nudges import UNTHANKED_DAYS, NudgeContent

PER_KIND = 20


def _title(text: str) -> dict[str, object]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def _more(n: int, hint: str) -> list[dict[str, object]]:
    if n <= 0:
        return []
    return [{"type": "context", "elements": [{"type": "mrkdwn", "text": f"… and {n} more{hint}"}]}]


def render_nudge(content: NudgeContent, today: date) -> tuple[str, Blocks]:
    """The nudge: notification text and blocks (within Slack's 50-block limit)."""
    wins = list(content.wins[:PER_KIND])
    partners = list(content.unthanked[:PER_KIND])
    blocks: Blocks = [
        {
            "type": "header",
            "text": {"type": "plain_text", "text": "🎉 Who should we thank this week?"},
        }
    ]
    if wins:
        blocks.append(_title("*This week's wins not yet celebrated*"))
        blocks += [win_item(p) for p in wins]
        blocks += _more(content.wins_total - len(wins), ".")
    if partners:
        blocks.append(_title(f"*Active partners not thanked in {UNTHANKED_DAYS} days*"))
        blocks += [partner_item(p, today) for p in partners]
        blocks += _more(
            content.unthanked_total - len(partners), " — see `/partner list unthanked`."
        )
    counts = []
    if content.wins_total:
        counts.append(f"{content.wins_total} win{'s' * (content.wins_total != 1)} to celebrate")
    if content.unthanked_total:
        n = content.unthanked_total
        counts.append(f"{n} partner{'s' * (n != 1)} to thank")
    text = "partnerbot: " + (", ".join(counts) or "nobody to thank")
    return text, blocks[:MESSAGE_BLOCK_LIMIT]
