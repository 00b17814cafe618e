"""A board's card (members by industry, meetings against the rule, the next meeting, what is
missing), the boards' list, and their lines in the digest and the report. Pure."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from handlers.common.blocks import SECTION_TEXT_LIMIT, Blocks, context, section
from handlers.common.mrkdwn import clip, day, link, quote
from storage.boards import MINUTES_GRACE_DAYS, BoardCard, Meeting

NO_INDUSTRY = "industry not set"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _short(on: date) -> str:
    return f"{on:%b} {on.day}"


def missing(card: BoardCard, *, grace_days: int = 0) -> list[str]:
    """What the board lacks against the rule, in words (escaped): meetings still needed before
    the year's last day, members from industry, wanted industries, minutes."""
    lines = []
    if card.meetings_needed:
        lines.append(
            f"{_plural(card.meetings_needed, 'more meeting')} needed before "
            f"{_short(card.year_last)}"
        )
    short = card.rule.members - len(card.members)
    if short > 0:
        lines.append(
            f"{_plural(short, 'more member')} from industry needed "
            f"({len(card.members)} of {card.rule.members})"
        )
    lines += [f"no member from {quote(w, 100)}" for w in card.missing_industries()]
    lines += [f"minutes missing for {_short(m.held_on)}" for m in card.minutes_missing(grace_days)]
    return lines


def _meeting(m: Meeting) -> str:
    minutes = link(m.minutes_url, "minutes") if m.minutes_url else "_no minutes_"
    came = f", {len(m.attended)} came" if m.attended else ""
    return f"{day(m.held_on)} ({minutes}{came})"


def card_text(card: BoardCard) -> str:
    """The card as mrkdwn."""
    by_industry: dict[str, list[str]] = {}
    for m in card.members:
        by_industry.setdefault(m.industry or NO_INDUSTRY, []).append(
            f"{quote(m.name, 80)} ({quote(m.employer, 80)})"
        )
    members = "\n".join(
        f"• {quote(industry, 80)}: " + ", ".join(names)
        for industry, names in sorted(by_industry.items(), key=lambda i: i[0].casefold())
    )
    held = card.held
    rule = card.rule
    lines = [
        f"🏛 *{quote(card.pathway, 100)} advisory board*",
        f"*Members* ({len(card.members)} from industry, rule: {rule.members})"
        + (f"\n{members}" if members else ": _none yet_"),
        f"*Meetings this school year* ({day(card.year_first)} – {day(card.year_last)}): "
        f"{len(held)} of {rule.meetings} held"
        + (": " + "; ".join(_meeting(m) for m in held) if held else ""),
    ]
    upcoming = card.next_meeting
    lines.append(f"*Next meeting:* {day(upcoming.held_on) if upcoming else '_none planned_'}")
    gaps = missing(card)
    lines.append(
        "*Missing:* " + " · ".join(gaps) if gaps else "✅ Nothing missing: it meets the rule."
    )
    if not rule.set:
        lines.append("_The rule is the default until a program lead sets it (`board rule …`)._")
    return "\n".join(lines)


def card_blocks(card: BoardCard, done: str = "") -> Blocks:
    """The card, after what was just done."""
    blocks: Blocks = [section(f"✅ {quote(done, 500)}")] if done else []
    blocks.append(section(clip(card_text(card), SECTION_TEXT_LIMIT)))
    return blocks


def list_blocks(cards: Sequence[BoardCard]) -> Blocks:
    """Every board, one line each."""
    if not cards:
        return [
            section(
                "No advisory boards yet. Seat a first member: `/partnerbot board Welding add "
                "Jane Ortiz`."
            )
        ]
    blocks: Blocks = [section("🏛 *Advisory boards* this school year")]
    for card in cards[:45]:
        gaps = missing(card)
        status = "✅ meets the rule" if not gaps else "⚠️ " + " · ".join(gaps)
        blocks.append(
            section(
                clip(
                    f"*{quote(card.pathway, 100)}* — {_plural(len(card.members), 'member')}, "
                    f"{len(card.held)} of {card.rule.meetings} meetings held — {status}",
                    SECTION_TEXT_LIMIT,
                )
            )
        )
    if len(cards) > 45:
        blocks.append(context(f"… and {len(cards) - 45} more."))
    return blocks


def attention_line(card: BoardCard) -> str:
    """A board in a lead's digest: a meeting due and minutes missing."""
    gaps = []
    if card.behind:
        gaps.append(
            f"a meeting is due ({len(card.held)} of {card.rule.meetings} held, "
            f"{card.meetings_needed} needed before {_short(card.year_last)}"
            + (f", next {_short(card.next_meeting.held_on)})" if card.next_meeting else ")")
        )
    gaps += [
        f"minutes missing for {_short(m.held_on)}" for m in card.minutes_missing(MINUTES_GRACE_DAYS)
    ]
    return f"🏛 *{quote(card.pathway, 100)}* board: " + "; ".join(gaps)


def report_line(card: BoardCard) -> str:
    """A board in a report: meetings and membership against the rule."""
    gaps = missing(card)
    return (
        f"• *{quote(card.pathway, 100)}*: {len(card.held)} of {card.rule.meetings} meetings, "
        f"{len(card.members)} of {card.rule.members} members from industry"
        + (" — " + " · ".join(gaps) if gaps else " — ✅ meets the rule")
    )
