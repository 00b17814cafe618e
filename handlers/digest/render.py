"""Block Kit for the morning digest, as plain dicts (hundreds are rendered a tick; the tests
validate samples with slack_sdk's models). Pure."""

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
from handlers.common.mrkdwn import day
from handlers.compliance.sections import is_expired, reminder_blocks, unchecked_blocks
from handlers.digest.celebration_prompts import celebrations_to_post
from handlers.follow_ups.sections import digest_item
from handlers.partners.sections import cold_blocks
from handlers.people.sections import unowned_blocks
from handlers.school_year.sections import away_line
from storage.digest import Digest


def render_digest(digest: Digest) -> tuple[str, Blocks]:
    """The morning DM: overdue, due today and going-cold partners, each with its buttons."""
    today = digest.local_date
    counts = []
    if digest.overdue_total:
        counts.append(f"{digest.overdue_total} overdue")
    if digest.today_total:
        counts.append(f"{digest.today_total} due today")
    if digest.going_cold:
        counts.append(f"{len(digest.going_cold)} going cold")
    if digest.needs_owner:
        counts.append(f"{len(digest.needs_owner)} need a new owner")
    expired = len([r for r in digest.expiring if is_expired(r, today)])
    if len(digest.expiring) > expired:
        soon = len(digest.expiring) - expired
        counts.append(f"{soon} document{'s' * (soon > 1)} expiring")
    if expired:
        counts.append(f"{expired} document{'s' * (expired > 1)} expired")
    if digest.unchecked:
        n = len(digest.unchecked)
        counts.append(f"{n} engagement{'s' * (n > 1)} without a background check")
    if digest.celebrations:
        counts.append(f"{len(digest.celebrations)} to celebrate")
    summary = ", ".join(counts) or "nothing due"
    greeting = "Welcome back" if digest.away else "Good morning"
    head: Blocks = [
        header(f"{greeting} — {day(today)}"),
        context(f"Your partners today: {summary}."),
    ]
    away, overdue = digest.away, list(digest.overdue)
    during = [f for f in overdue if away and away.first <= f.due_date <= away.last]
    if away is not None:
        during_text = f"{len(during)} came due while school was out" if during else "nothing new"
        head.append(section(f"{away_line(away)} {during_text.capitalize()}."))
    sections = [
        (
            "*🏖️ Came due during the break*",
            [digest_item(f, today) for f in during],
        ),
        (
            "*⏰ Overdue*",
            [digest_item(f, today) for f in overdue if f not in during],
        ),
        ("*📅 Due today*", [digest_item(f, today) for f in digest.today]),
        ("*🛡️ No background check*", [unchecked_blocks(u, today) for u in digest.unchecked]),
        ("*🧊 Going cold*", [cold_blocks(c) for c in digest.going_cold]),
        ("*🧭 Need a new owner*", [[b] for b in unowned_blocks(digest.needs_owner, _gone(digest))]),
        (
            "*📄 Documents expiring or expired*",
            [reminder_blocks(r, today) for r in digest.expiring],
        ),
    ]
    body, left_out = fit(sections, MESSAGE_BLOCK_LIMIT - len(head) - 1)
    left_out += digest.overdue_total - len(digest.overdue) + digest.today_total - len(digest.today)
    room = MESSAGE_BLOCK_LIMIT - len(head) - len(body) - 1
    cheers, not_shown = celebrations_to_post(list(digest.celebrations), room)
    more = more_line(left_out + not_shown, " — see partnerbot's *Home* tab.")
    return f"partnerbot: {summary}", head + body + cheers + more


def _gone(digest: Digest) -> set[str]:
    """Owners of partners that need a new one: every owner named there has left."""
    return {p.owner_user_id for p in digest.needs_owner if p.owner_user_id}
