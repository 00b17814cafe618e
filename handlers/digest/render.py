"""Block Kit for the morning digest, as plain dicts (hundreds are rendered a tick; the tests
validate samples with slack_sdk's models), laid out from the sections its parts render
(`Feature.digest_parts`). Pure."""

from __future__ import annotations

from handlers.common.blocks import (
    MESSAGE_BLOCK_LIMIT,
    Blocks,
    context,
    fit,
    header,
    more_line,
    section,
)
from handlers.common.digest_parts import Digest, DigestOf, DigestSection
from handlers.common.mrkdwn import day
from handlers.school_year.sections import away_line


def render_digest(digest: Digest) -> tuple[str, Blocks]:
    """The morning DM: each part's lists (overdue, due today, going-cold partners…), each item
    with its buttons, under a summary of them all."""
    today, away = digest.local_date, digest.away
    of = DigestOf(today, away)
    ranked = [(part, part.render(found, of)) for part, found in digest.found]
    summary_ranked = sorted(ranked, key=lambda rendered: rendered[0].summary_rank)
    summary = ", ".join(p for _, s in summary_ranked for p in s.summary) or "nothing due"
    greeting = "Welcome back" if away else "Good morning"
    head: Blocks = [
        header(f"{greeting} — {day(today)}"),
        context(f"Your partners today: {summary}."),
    ]
    if away is not None:
        said = " ".join(s.after_break for _, s in ranked if s.after_break) or "nothing new"
        head.append(section(f"{away_line(away)} {said.capitalize()}."))
    sections = [rendered for _, s in ranked for rendered in s.lists]
    body, left_out = fit(sections, MESSAGE_BLOCK_LIMIT - len(head) - 1)
    left_out += sum(s.not_read for _, s in ranked)
    tail = _fills([s for _, s in ranked], MESSAGE_BLOCK_LIMIT - len(head) - len(body) - 1)
    more = more_line(left_out + tail[1], " — see partnerbot's *Home* tab.")
    return f"partnerbot: {summary}", head + body + tail[0] + more


def _fills(sections: list[DigestSection], room: int) -> tuple[Blocks, int]:
    """What the sections draw in the room the lists leave, in order, and how many did not fit."""
    out: Blocks = []
    not_shown = 0
    for s in sections:
        if s.fill is not None:
            blocks, left = s.fill(room - len(out))
            out += blocks
            not_shown += left
    return out, not_shown
