"""Block Kit for partners: pure functions from plain values to message and modal dicts."""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from typing import Any
from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    CheckboxesElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextObject,
    SectionBlock,
    StaticSelectElement,
    UserSelectElement,
)
from slack_sdk.models.views import View

from handlers.common.blocks import SECTION_TEXT_LIMIT, Blocks, dicts, text_blocks, text_input
from handlers.common.labels import stage_label
from handlers.common.mrkdwn import clip, day, escape, local_day, quote, user
from handlers.contact_log.sections import contact_history_button, log_contact_button
from handlers.partners import ids
from handlers.partners.sections import add_partner_button
from storage.models import Stage
from storage.partners.cadence import ColdPartner
from storage.partners.listing import Described
from storage.records import PartnerProfile, PartnerView

MAX_LIST_ROWS = 40
MAX_SEARCH_LENGTH = 200  # of the search a Restore button carries, to redraw its list


def partner_line(p: PartnerView, note: str | None = None) -> str:
    """One list row: name, stage, industry, owner (and a note such as days since contact)."""
    extra = f" · {quote(p.industry, 60)}" if p.industry else ""
    owner = f" · {user(p.owner_user_id)}" if p.owner_user_id else " · _unowned_"
    tail = f" · _{note}_" if note else ""
    archived = " · 🗄️ _archived_" if p.archived else ""
    return f"*{quote(p.name, 120)}* — {stage_label(p.stage)}{extra}{owner}{tail}{archived}"


def render_partner_card(profile: PartnerProfile, tz: ZoneInfo) -> Blocks:
    """The partner's profile card: details, people, last contacts, open follow-ups, buttons."""
    p = profile.partner
    fields = [
        MarkdownTextObject(text=f"*Stage*\n{stage_label(p.stage)}"),
        MarkdownTextObject(
            text=f"*Owner*\n{user(p.owner_user_id) if p.owner_user_id else '_unowned_'}"
        ),
        MarkdownTextObject(text=f"*Industry*\n{quote(p.industry, 200) if p.industry else '—'}"),
        MarkdownTextObject(
            text="*Pathways*\n" + (", ".join(quote(x, 80) for x in p.pathways) or "—")
        ),
    ]
    if p.source:
        fields.append(MarkdownTextObject(text=f"*Source*\n{quote(p.source, 200)}"))
    blocks: list[Block] = [
        HeaderBlock(text=PlainTextObject(text=clip(p.name, 150))),
        SectionBlock(fields=fields),
    ]
    if p.archived:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text="🗄️ _Archived_")]))
    if p.notes:
        blocks.append(SectionBlock(text=f"*Notes*\n{quote(p.notes, 1500)}"))
    recent = [
        f"• {local_day(i.occurred_at, tz)} · {i.kind.value} · {user(i.user_id)}"
        f" — {quote(i.summary, 200)}"
        for i in profile.recent
    ]
    blocks.append(
        SectionBlock(
            text=clip(
                "*Last contacts*\n"
                + ("\n".join(recent) or "_No contacts logged yet — press *Log contact*._"),
                SECTION_TEXT_LIMIT,
            )
        )
    )
    follow_ups = [
        f"• due {day(f.due_date)} · {user(f.owner_user_id)} — {quote(f.note, 200) or '_no note_'}"
        for f in profile.open_follow_ups[:10]
    ]
    more = len(profile.open_follow_ups) - len(follow_ups)
    if more > 0:
        follow_ups.append(f"_… and {more} more_")
    blocks.append(
        SectionBlock(
            text=clip(
                "*Open follow-ups*\n" + ("\n".join(follow_ups) or "_No open follow-ups._"),
                SECTION_TEXT_LIMIT,
            )
        )
    )
    value = str(p.id)
    blocks.append(
        ActionsBlock(
            block_id=f"partner_card:{p.id}",
            elements=[
                log_contact_button(p.id),
                ButtonElement(text="Edit", action_id=ids.PARTNER_EDIT, value=value),
                ButtonElement(text="Assign", action_id=ids.PARTNER_ASSIGN, value=value),
                contact_history_button(p.id),
            ],
        )
    )
    return dicts(blocks)


def render_partner_list(
    title: str,
    partners: Sequence[PartnerView],
    empty: str,
    *,
    notes: dict[int, str] | None = None,
    total: int | None = None,
    search: str | None = None,
) -> Blocks:
    """A list of partners, each with a button to open its card; long lists are cut with a count
    (`total`: how many there are in all, when `partners` holds only the first). In the results
    of a `search` that includes archived partners, an archived one has a Restore button."""
    if not partners:
        return text_blocks(f"*{title}*\n{empty}")
    count = total if total is not None else len(partners)
    blocks: list[Block] = [SectionBlock(text=f"*{title}* ({count})")]
    shown = partners[:MAX_LIST_ROWS]
    for p in shown:
        blocks.append(
            SectionBlock(
                block_id=f"partner_row:{p.id}",
                text=partner_line(p, (notes or {}).get(p.id)),
                accessory=_row_button(p, search),
            )
        )
    if count > len(shown):
        blocks.append(
            ContextBlock(
                elements=[
                    MarkdownTextObject(
                        text=f"… and {count - len(shown)} more — narrow it down with "
                        "`/partner list STAGE`, `/partner list PATHWAY` or `/partner find WORDS`."
                    )
                ]
            )
        )
    return dicts(blocks)


def render_choices(question: str, partners: Sequence[PartnerView], action_prefix: str) -> Blocks:
    """Ask which partner was meant, one button per candidate."""
    blocks: list[Block] = [SectionBlock(text=question)]
    buttons = [
        ButtonElement(text=clip(p.name, 75), action_id=f"{action_prefix}:{p.id}", value=str(p.id))
        for p in partners[:25]
    ]
    for start in range(0, len(buttons), 5):
        blocks.append(ActionsBlock(elements=buttons[start : start + 5]))
    return dicts(blocks)


def render_not_found(query: str, usage: str) -> Blocks:
    """No partner matched: say so, offer to add it, and show how to write the command."""
    blocks: list[Block] = [
        SectionBlock(
            text=f"No partner matches “{quote(query, 200)}”.",
            accessory=add_partner_button(
                " ".join(query.split()), f"Add “{' '.join(query.split())}”"
            ),
        ),
        DividerBlock(),
        SectionBlock(text=usage),
    ]
    return dicts(blocks)


def render_archive_question(p: PartnerView, open_follow_ups: int) -> Blocks:
    """Archiving a partner with open follow-ups: close them, keep them, or don't archive."""
    count = f"{open_follow_ups} open follow-up{'s' if open_follow_ups != 1 else ''}"
    value = str(p.id)
    return dicts(
        [
            SectionBlock(
                text=f"*{quote(p.name, 200)}* still has {count}. Archive it and close them, or "
                "archive it and keep them on their owners' lists? Nothing changed yet."
            ),
            ActionsBlock(
                elements=[
                    ButtonElement(
                        text=f"Archive, close the {count}",
                        action_id=f"{ids.PARTNER_ARCHIVE}:close",
                        value=value,
                        style="danger",
                    ),
                    ButtonElement(
                        text="Archive, keep them",
                        action_id=f"{ids.PARTNER_ARCHIVE}:keep",
                        value=value,
                    ),
                    ButtonElement(
                        text="Don't archive", action_id=f"{ids.PARTNER_ARCHIVE}:cancel", value=value
                    ),
                ]
            ),
        ]
    )


def _row_button(p: PartnerView, search: str | None) -> ButtonElement:
    if p.archived and search is not None:
        return ButtonElement(
            text="Restore",
            action_id=f"{ids.PARTNER_RESTORE}:{p.id}",
            value=json.dumps({"id": p.id, "q": search[:MAX_SEARCH_LENGTH]}),
        )
    return ButtonElement(text="Open", action_id=f"{ids.PARTNER_SHOW}:{p.id}", value=str(p.id))


def render_archived(p: PartnerView, follow_ups: str = "") -> Blocks:
    """Confirmation of an archive (and what happened to its follow-ups), with an Undo button."""
    return dicts(
        [
            SectionBlock(
                text=f"🗄️ Archived *{quote(p.name, 200)}*. It no longer shows in lists or digests; "
                f"its history is kept.{follow_ups}",
                accessory=ButtonElement(
                    text="Undo", action_id=ids.PARTNER_UNARCHIVE, value=str(p.id)
                ),
            )
        ]
    )


def _stage_options() -> list[Option]:
    return [Option(text=stage_label(s), value=s.value) for s in Stage]


def partner_form(
    *, partner: PartnerView | None = None, name: str = "", channel_id: str | None = None
) -> dict[str, Any]:
    """The partner modal: edit `partner`, or add one (its name prefilled with `name`). The
    confirmation goes to `channel_id` when it was opened from a channel."""
    editing = partner is not None
    metadata: dict[str, Any] = {"channel_id": channel_id}
    if partner is not None:
        metadata["partner_id"] = partner.id
    stage = partner.stage if partner else Stage.PROSPECT
    stage_options = _stage_options()
    initial_stage = next(o for o in stage_options if o.value == stage.value)

    blocks: list[Block] = [
        text_input(
            "name",
            "Business name",
            partner.name if partner else name,
            optional=False,
            placeholder="Acme Health",
        ),
        InputBlock(
            block_id="stage",
            label="Stage",
            element=StaticSelectElement(
                action_id="value", options=stage_options, initial_option=initial_stage
            ),
        ),
        text_input(
            "industry", "Industry", partner.industry if partner else None, placeholder="Healthcare"
        ),
        text_input(
            "pathways",
            "Pathways (comma-separated)",
            ", ".join(partner.pathways) if partner else None,
            max_length=3000,
            placeholder="Nursing, Health Science",
        ),
        text_input(
            "source",
            "How we met them",
            partner.source if partner else None,
            placeholder="Chamber of commerce, parent, advisory board…",
        ),
        text_input(
            "notes", "Notes", partner.notes if partner else None, multiline=True, max_length=3000
        ),
    ]
    if not editing:
        blocks.append(_anyway_box())
    view = View(
        type="modal",
        callback_id=ids.VIEW_PARTNER_EDIT if editing else ids.VIEW_PARTNER_ADD,
        title=PlainTextObject(text="Edit partner" if editing else "Add a partner"),
        submit=PlainTextObject(text="Save" if editing else "Add"),
        close=PlainTextObject(text="Cancel"),
        private_metadata=json.dumps(metadata),
        blocks=blocks,
    )
    return view.to_dict()


def _anyway_box() -> InputBlock:
    """The add form's "add it even if its name is close to an existing partner's" box."""
    return InputBlock(
        block_id=ids.ANYWAY,
        label="Similar names",
        optional=True,
        element=CheckboxesElement(
            action_id="value",
            options=[
                Option(value="yes", text="Add anyway, even if its name is close to a partner's")
            ],
        ),
    )


def assign_form(partner: PartnerView) -> dict[str, Any]:
    """A modal with a user picker to choose the partner's school-side owner."""
    view = View(
        type="modal",
        callback_id=ids.VIEW_PARTNER_ASSIGN,
        title=PlainTextObject(text="Assign owner"),
        submit=PlainTextObject(text="Assign"),
        close=PlainTextObject(text="Cancel"),
        private_metadata=json.dumps({"partner_id": partner.id}),
        blocks=[
            SectionBlock(
                text=f"Who owns the relationship with *{escape(clip(partner.name, 200))}*?"
            ),
            InputBlock(
                block_id="owner",
                label="School-side owner",
                element=UserSelectElement(
                    action_id="value", initial_user=partner.owner_user_id or None
                ),
            ),
        ],
    )
    return view.to_dict()


def render_list_title(
    person: str | None,
    asker: str,
    stage: Stage | None,
    cold: bool,
    described: Sequence[Described],
) -> str:
    """The title of `/partner list`, naming every filter used ("Your partners going cold at
    stage active in the Welding industry")."""
    if person is None:
        title = "Partners" if cold or stage or described else "All partners"
    else:
        title = "Your partners" if person == asker else f"{user(person)}’s partners"
    if cold:
        title += " going cold"
    if stage is not None:
        title += f" at stage {stage.value}"
    for d in described:
        title += f" in the {quote(d.typed, 100)} {d.field}"
    return title


def render_list_notes(backups: Collection[int], cold: Sequence[ColdPartner]) -> dict[int, str]:
    """Each listed partner's note: "backup" when the person listed backs it up, and how long
    a cold one has been silent."""
    notes = dict.fromkeys(backups, "backup")
    for c in cold:
        days = (
            f"no contact logged in {c.days_since_contact} days"
            if c.never_contacted
            else f"{c.days_since_contact} days since contact"
        )
        notes[c.partner.id] = f"{notes[c.partner.id]}; {days}" if c.partner.id in notes else days
    return notes


def render_unknown_filter(typed: str) -> str:
    """Why nothing was listed: a word names no pathway or industry."""
    return (
        f"No partner has a pathway or industry like “{quote(typed, 100)}”, so nothing is "
        f"listed. Filters: `mine`, `@person`, `cold`, a stage, a pathway or an industry — "
        f"or search names with `/partner find {escape(typed)}`."
    )
