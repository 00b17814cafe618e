"""What other features may show of compliance documents: a partner's documents on its card and
the expiry reminders of the morning digest."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from handlers.common.blocks import SECTION_TEXT_LIMIT, Blocks, section
from handlers.common.mrkdwn import clip
from handlers.compliance.render import document_line, documents_text
from storage.compliance import DocumentView, Reminder


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
