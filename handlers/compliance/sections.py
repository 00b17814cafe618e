"""What other features may show of compliance documents: a partner's documents on its card,
the expiry reminders and expired documents of the morning digest, and the engagements coming
up without a valid background check."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from handlers.common.blocks import SECTION_TEXT_LIMIT, Blocks, section
from handlers.common.mrkdwn import clip, day, quote
from handlers.compliance.render import document_line, documents_text
from storage.compliance import DocumentView, Reminder
from storage.compliance_risks import UncheckedEngagement
from storage.engagements import kind_words


def card_blocks(docs: Sequence[DocumentView], soon: int, today: date) -> Blocks:
    """The card's *Documents* section (nothing when none are on file); a document expires
    soon within `soon` days."""
    if not docs:
        return []
    text = documents_text("*Documents*", docs, today, soon_days=soon, empty="")
    return [section(clip(text, SECTION_TEXT_LIMIT))]


def reminder_blocks(reminder: Reminder, today: date) -> Blocks:
    """One expiry reminder in the digest."""
    line = document_line(
        reminder.document, today, soon_days=max(reminder.days_before, 1), partner=True
    )
    return [section(clip(line.removeprefix("• "), SECTION_TEXT_LIMIT))]


def is_expired(reminder: Reminder, today: date) -> bool:
    """Whether the reminded document has expired (it stays in the digest until renewed)."""
    left = reminder.document.days_left(today)
    return left is not None and left < 0


def unchecked_blocks(item: UncheckedEngagement, today: date) -> Blocks:
    """An engagement coming up whose host has no valid background check, in the digest."""
    who = f"{quote(item.contact_name, 80)}" if item.contact_name else "anyone there"
    when = "starts *today*" if item.starts_on == today else f"starts {day(item.starts_on)}"
    students = f", {item.student_count} students" if item.student_count else ""
    for_whom = f" for {quote(item.contact_name, 60)}" if item.contact_name else ""
    text = (
        f"⚠️ *{quote(item.partner_name, 100)}* · {kind_words(item.kind)} {when}{students} — "
        f"no background check on file for {who} valid through {day(item.ends_on)}. Record one "
        f"with `/partner doc add {quote(item.partner_name, 60)} background check expires "
        f"YYYY-MM-DD{for_whom}`."
    )
    return [section(clip(text, SECTION_TEXT_LIMIT))]
