"""What other features may show of compliance documents: a partner's documents on its card and
the expiry reminders of the morning digest."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from handlers.common.blocks import SECTION_TEXT_LIMIT, Blocks, section
from handlers.common.mrkdwn import clip
from handlers.compliance.render import document_line, documents_text
from storage.compliance import Reminder, partner_documents, reminder_days


def card_blocks(session: Session, team_id: str, partner_id: int, today: date) -> Blocks:
    """The card's *Documents* section (nothing when none are on file)."""
    docs = partner_documents(session, team_id, partner_id)
    if not docs:
        return []
    soon = max(reminder_days(session, team_id), default=30)
    text = documents_text("*Documents*", docs, today, soon_days=soon, empty="")
    return [section(clip(text, SECTION_TEXT_LIMIT))]


def reminder_blocks(reminder: Reminder, today: date) -> Blocks:
    """One expiry reminder in the digest."""
    line = document_line(
        reminder.document, today, soon_days=max(reminder.days_before, 1), partner=True
    )
    return [section(clip(line.removeprefix("• "), SECTION_TEXT_LIMIT))]
