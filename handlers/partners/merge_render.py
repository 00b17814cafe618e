"""What `/partner add` (a name close to existing partners), `/partner merge` and `/partner
delete` show: pure Block Kit."""

from __future__ import annotations

from collections.abc import Sequence

from handlers.common.blocks import Blocks, actions, button, section
from handlers.common.mrkdwn import clip, escape, quote
from handlers.partners import ids
from storage.partners.merge import Attached
from storage.records import PartnerView


def what_is_attached(counts: Attached) -> str:
    """ "3 logged contacts, 1 follow-up …" (or "nothing attached")."""
    return escape(counts.describe())


def _named(p: PartnerView) -> str:
    return f"*{quote(p.name, 120)}*" + (" (archived)" if p.archived else "")


def looks_like(name: str, partners: Sequence[PartnerView], anyway: str | None) -> Blocks:
    """A name close to existing partners: each with *Open existing*, and *Add anyway* (when
    what was typed fits in a button, `anyway`; else how to add it with the form)."""
    names = ", ".join(_named(p) for p in partners[:5])
    text = (
        f"“{quote(name, 120)}” looks like {names}, already a partner. "
        "Nothing was added — open the existing one, or add it anyway."
    )
    if anyway is None:
        text += " (To add it anyway, use `/partner add` and tick *Add anyway*.)"
    elements = [
        button(clip(f"Open {p.name}", 75), f"{ids.PARTNER_SHOW}:{p.id}", value=str(p.id))
        for p in partners[:4]
    ]
    if anyway is not None:
        elements.append(button("Add anyway", ids.PARTNER_ADD_ANYWAY, value=anyway))
    return [section(text), actions(elements)]


def merge_preview(source: PartnerView, target: PartnerView, counts: Attached, value: str) -> Blocks:
    """The merge question: what moves, Confirm / Cancel."""
    text = (
        f"Merge {_named(source)} into {_named(target)}? This moves its "
        f"{what_is_attached(counts)} to {_named(target)}, keeps “{quote(source.name, 120)}” "
        f"in {_named(target)}'s notes and history, and deletes {_named(source)}."
    )
    return [
        section(text),
        actions(
            [
                button("Confirm", f"{ids.PARTNER_MERGE}:confirm", value=value, style="primary"),
                button("Cancel", f"{ids.PARTNER_MERGE}:cancel", value="cancel"),
            ]
        ),
    ]


def delete_preview(partner: PartnerView) -> Blocks:
    """The delete question: Delete / Cancel."""
    text = (
        f"Delete {_named(partner)}? Nothing is attached to it (no contacts, follow-ups, "
        "engagements, documents, business contacts or history). This can't be undone."
    )
    return [
        section(text),
        actions(
            [
                button(
                    "Delete", f"{ids.PARTNER_DELETE}:confirm", value=str(partner.id), style="danger"
                ),
                button("Cancel", f"{ids.PARTNER_DELETE}:cancel", value="cancel"),
            ]
        ),
    ]


def only_archive_or_merge(partner: PartnerView, counts: Attached) -> str:
    """Why a partner with records can't be deleted."""
    name = quote(partner.name, 120)
    return (
        f"*{name}* has {what_is_attached(counts)}, so it can't be deleted — it can only be "
        f"archived (`/partner archive {name}`) or merged into another partner "
        f"(`/partner merge {name} into …`). Nothing changed."
    )
