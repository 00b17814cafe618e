"""Text for compliance documents: one line per document with its status. Pure."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from handlers.common.mrkdwn import day, quote, user
from handlers.common.mrkdwn import link as to
from handlers.compliance.grammar import KIND_LABELS, SAFE_LINK
from storage.compliance import DocumentView
from storage.models import DocumentKind


def what(doc: DocumentView) -> str:
    """ "Background check — Jane Ortiz" / "Other: CPR card"."""
    name = KIND_LABELS[doc.kind]
    if doc.kind is DocumentKind.OTHER and doc.label:
        name = f"Other: {quote(doc.label, 100)}"
    elif doc.label:
        name += f" ({quote(doc.label, 100)})"
    if doc.contact_name:
        name += f" — {quote(doc.contact_name, 100)}"
    return name


def status(doc: DocumentView, today: date, *, soon_days: int) -> str:
    """ "✅ valid until Jun 30, 2027" / "⚠️ expires in 12 days" / "❌ expired Nov 2"."""
    left = doc.days_left(today)
    if left is None or doc.expires_on is None:
        return "✅ valid (no expiry)"
    if left < 0:
        return f"❌ *expired* {day(doc.expires_on)}, {doc.expires_on.year}"
    if left == 0:
        return "⚠️ *expires today*"
    if left <= soon_days:
        return f"⚠️ *expires in {left} day{'s' * (left != 1)}* ({day(doc.expires_on)})"
    return f"✅ valid until {day(doc.expires_on)}, {doc.expires_on.year}"


def document_line(
    doc: DocumentView, today: date, *, soon_days: int, partner: bool = False, owner: bool = False
) -> str:
    """One document: what, status, link (and the partner and owner in team lists)."""
    head = f"*{quote(doc.partner_name, 100)}* · " if partner else ""
    link = ""
    if doc.link and SAFE_LINK.fullmatch(doc.link):
        link = f" · {to(doc.link, 'where it is kept')}"
    elif doc.link:  # kept before links were checked: shown as text, never as markup
        link = f" · link: {quote(doc.link, 200)}"
    who = f" · {user(doc.owner_user_id)}" if owner else ""
    return f"• {head}{what(doc)} · {status(doc, today, soon_days=soon_days)}{link}{who}"


def documents_text(
    title: str,
    docs: Sequence[DocumentView],
    today: date,
    *,
    soon_days: int,
    team: bool = False,
    empty: str,
) -> str:
    """A titled list of documents."""
    if not docs:
        return f"{title}\n{empty}"
    lines = [
        document_line(d, today, soon_days=soon_days, partner=team, owner=team) for d in docs[:40]
    ]
    if len(docs) > 40:
        lines.append(f"_… and {len(docs) - 40} more_")
    return "\n".join([title, *lines])
