"""Block Kit for business contacts, owners and backups, handoffs, history and leavers. Pure."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any
from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    CheckboxesElement,
    ContextBlock,
    InputBlock,
    MarkdownTextObject,
    Option,
    OverflowMenuElement,
    PlainTextObject,
    SectionBlock,
    UserSelectElement,
)
from slack_sdk.models.views import View

from handlers.common.blocks import SECTION_TEXT_LIMIT, Blocks, dicts, text_blocks, text_input
from handlers.common.mrkdwn import clip, escape, local_day, quote, user
from handlers.people import ids
from storage.people.contacts import tel_uri
from storage.people.handoff import HandoffDone, HandoffPlan, PartnerBrief
from storage.people.history import BACKUP, CONTACT, OWNER, STAGE, HistoryEntry
from storage.records import ContactPersonView, PartnerView

MAX_NAMES = 15
_MENTION = re.compile(r"&lt;@([UW][A-Z0-9]+)&gt;")


def contact_line(c: ContactPersonView, tz: ZoneInfo) -> str:
    """One business contact: name, role, mailto/tel links, flags, last contacted."""
    parts = [f"*{quote(c.name, 100)}*"]
    if c.role:
        parts.append(quote(c.role, 100))
    if c.email:
        parts.append(f"<mailto:{escape(c.email)}|{escape(c.email)}>")
    if c.phone:
        parts.append(f"<tel:{tel_uri(c.phone)}|{escape(c.phone)}>")
    if c.is_primary:
        parts.append("⭐ primary")
    if c.is_decision_maker:
        parts.append("decision-maker")
    parts.append(
        f"last contacted {local_day(c.last_contacted_at, tz)}"
        if c.last_contacted_at
        else "_not contacted yet_"
    )
    return " · ".join(parts)


def contact_menu(c: ContactPersonView) -> OverflowMenuElement:
    """Edit / Remove for one business contact."""
    return OverflowMenuElement(
        action_id=f"{ids.CONTACT_MENU}:{c.id}",
        options=[
            Option(text="Edit", value=f"edit:{c.id}"),
            Option(text="Remove", value=f"remove:{c.id}"),
        ],
    )


def card_part(
    partner: PartnerView,
    contacts: Sequence[ContactPersonView],
    tz: ZoneInfo,
    *,
    owner_left: bool,
    backup_left: bool = False,
) -> Blocks:
    """The partner card's people: the owner's status and backup, each business contact (with
    Edit / Remove), and Add contact / History buttons."""
    school = f"*Backup*: {user(partner.backup_user_id) if partner.backup_user_id else '—'}"
    if backup_left:
        school += " (left — name a new backup with `/partner assign … backup @someone`)"
    if owner_left:
        school = f"⚠️ {user(partner.owner_user_id)} left — *needs a new owner*. " + school
    elif partner.owner_user_id is None:
        school = "⚠️ *Needs an owner.* " + school
    blocks: list[Block] = [
        SectionBlock(text=school),
        SectionBlock(
            text="*Business contacts*"
            if contacts
            else "*Business contacts*\n_No business contacts yet — press *Add contact*._"
        ),
    ]
    for c in contacts[:20]:
        blocks.append(
            SectionBlock(
                text=clip(contact_line(c, tz), SECTION_TEXT_LIMIT), accessory=contact_menu(c)
            )
        )
    if len(contacts) > 20:
        blocks.append(
            ContextBlock(
                elements=[
                    MarkdownTextObject(
                        text=f"… and {len(contacts) - 20} more: "
                        f"`/partner contacts {escape(partner.name)}`"
                    )
                ]
            )
        )
    blocks.append(
        ActionsBlock(
            block_id=f"people_card:{partner.id}",
            elements=[
                ButtonElement(text="Add contact", action_id=ids.CONTACT_ADD, value=str(partner.id)),
                ButtonElement(text="History", action_id=ids.HISTORY, value=str(partner.id)),
            ],
        )
    )
    return dicts(blocks)


def contacts_list(
    partner: PartnerView, contacts: Sequence[ContactPersonView], tz: ZoneInfo
) -> Blocks:
    """`/partner contacts Acme`."""
    head = f"*Business contacts — {quote(partner.name, 120)}*"
    if not contacts:
        return text_blocks(
            f"{head}\n_None yet._ Add one: `/partner contact add {escape(partner.name)} "
            "Jane Ortiz, HR director, jane@acme.org`"
        )
    blocks: list[Block] = [SectionBlock(text=head)]
    for c in contacts[:45]:
        blocks.append(
            SectionBlock(
                text=clip(contact_line(c, tz), SECTION_TEXT_LIMIT), accessory=contact_menu(c)
            )
        )
    blocks.append(
        ActionsBlock(
            elements=[
                ButtonElement(text="Add contact", action_id=ids.CONTACT_ADD, value=str(partner.id))
            ]
        )
    )
    return dicts(blocks)


def contact_form(
    partner: PartnerView,
    contact: ContactPersonView | None = None,
    *,
    name: str = "",
    role: str = "",
    channel_id: str | None = None,
) -> dict[str, Any]:
    """The business-contact modal: add one to `partner`, or edit `contact`."""
    flags = [
        Option(text="Primary contact", value="primary"),
        Option(text="Decision-maker", value="dm"),
    ]
    chosen = [
        o
        for o, on in zip(
            flags,
            (
                contact is not None and contact.is_primary,
                contact is not None and contact.is_decision_maker,
            ),
            strict=True,
        )
        if on
    ]

    meta: dict[str, Any] = {"partner_id": partner.id, "channel_id": channel_id}
    if contact is not None:
        meta["contact_id"] = contact.id
    blocks: list[Block] = [
        SectionBlock(text=f"A person at *{escape(clip(partner.name, 150))}*"),
        text_input(
            "name",
            "Name",
            contact.name if contact else name,
            placeholder="Jane Ortiz",
            optional=False,
        ),
        text_input("role", "Role", contact.role if contact else role, placeholder="HR director"),
        text_input(
            "email",
            "Email",
            contact.email if contact else None,
            placeholder="jane@acme.org",
            max_length=320,
        ),
        text_input(
            "phone",
            "Phone",
            contact.phone if contact else None,
            placeholder="555-0100",
            max_length=64,
        ),
        InputBlock(
            block_id="flags",
            label="This person is",
            optional=True,
            element=CheckboxesElement(
                action_id="value", options=flags, initial_options=chosen or None
            ),
        ),
    ]
    return View(
        type="modal",
        callback_id=ids.VIEW_CONTACT,
        title=PlainTextObject(text="Edit contact" if contact else "Add a contact"),
        submit=PlainTextObject(text="Save" if contact else "Add"),
        close=PlainTextObject(text="Cancel"),
        private_metadata=json.dumps(meta),
        blocks=blocks,
    ).to_dict()


def suggest_contact_button(partner_id: int, name: str, role: str) -> ButtonElement:
    """ "Add Bob Lee (HR) as a contact": opens the contact form prefilled."""
    value = json.dumps({"p": partner_id, "n": name[:200], "r": role[:200]}, ensure_ascii=False)
    return ButtonElement(
        text=clip(f"Add {name} ({role}) as a contact", 75),
        action_id=ids.CONTACT_SUGGESTED,
        value=value[:2000],
    )


def _names(partners: Sequence[PartnerView]) -> str:
    shown = ", ".join(f"*{quote(p.name, 80)}*" for p in partners[:MAX_NAMES])
    more = len(partners) - MAX_NAMES
    return shown + (f" and {more} more" if more > 0 else "")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def handoff_preview(plan: HandoffPlan, value: str, reason: str) -> Blocks:
    """The handoff question: counts, names, Confirm / Cancel."""
    moves = [
        f"*{_plural(len(plan.partners), 'partner')}*",
        f"*{_plural(plan.follow_ups, 'open follow-up')}*",
    ]
    if plan.backups:
        moves.append(f"the backup role on *{_plural(plan.backups, 'partner')}*")
    text = (
        f"Hand over {', '.join(moves[:-1])} and {moves[-1]} from {user(plan.from_user_id)} "
        f"to {user(plan.to_user_id)}?"
    )
    if plan.partners:
        text += f"\n{_names(plan.partners)}"
    if reason:
        text += f"\n_Why: {quote(reason, 200)}_"
    return dicts(
        [
            SectionBlock(text=clip(text, SECTION_TEXT_LIMIT)),
            ActionsBlock(
                elements=[
                    ButtonElement(
                        text="Confirm", action_id=ids.HANDOFF_CONFIRM, value=value, style="primary"
                    ),
                    ButtonElement(text="Cancel", action_id=ids.HANDOFF_CANCEL, value="cancel"),
                ]
            ),
        ]
    )


def handoff_result(done: HandoffDone) -> str:
    """What the person who confirmed sees."""
    if done.empty:
        return (
            f"Nothing left to hand over from {user(done.from_user_id)} — it was already handed "
            "over (or changed meanwhile). Nothing changed."
        )
    extra = f", and the backup role on {_plural(done.backups, 'partner')}" if done.backups else ""
    return (
        f"✅ Handed over {_plural(len(done.partners), 'partner')} and "
        f"{_plural(done.follow_ups, 'open follow-up')} from {user(done.from_user_id)} to "
        f"{user(done.to_user_id)}{extra}. {user(done.to_user_id)} got a summary by DM."
    )


def brief_line(b: PartnerBrief, tz: ZoneInfo) -> str:
    """One partner in the new owner's summary."""
    p = b.partner
    last = (
        f"last contact {local_day(p.last_contact_at, tz)}"
        if p.last_contact_at
        else "no contact logged yet"
    )
    primary = (
        f"primary contact {quote(b.primary_contact, 100)}"
        if b.primary_contact
        else "no primary contact yet"
    )
    open_count = _plural(b.open_follow_ups, "open follow-up")
    return f"• *{quote(p.name, 120)}* — {last} · {open_count} · {primary}"


def new_owner_summary(
    briefs: Sequence[PartnerBrief],
    by: str,
    from_user: str | None,
    tz: ZoneInfo,
    *,
    follow_ups: int,
    backups: int = 0,
) -> tuple[str, Blocks]:
    """The DM to whoever takes partners over: one line per partner."""
    source = f" from {user(from_user)}" if from_user else ""
    head = f"👋 {user(by)} handed you {_plural(len(briefs), 'partner')}{source}"
    if follow_ups:
        head += (
            f" with {_plural(follow_ups, 'open follow-up')} (they're in your Home tab and digest)"
        )
    if backups:
        head += f"; you're also the backup on {_plural(backups, 'partner')}"
    lines = [brief_line(b, tz) for b in briefs]
    blocks: list[Block] = [SectionBlock(text=head + ".")]
    chunk: list[str] = []
    for line in lines[:200]:
        if sum(len(x) + 1 for x in chunk) + len(line) > SECTION_TEXT_LIMIT - 10:
            blocks.append(SectionBlock(text="\n".join(chunk)))
            chunk = []
        chunk.append(line)
        if len(blocks) >= 45:
            break
    if chunk and len(blocks) < 46:
        blocks.append(SectionBlock(text="\n".join(chunk)))
    return f"{user(by)} handed you {_plural(len(briefs), 'partner')}", dicts(blocks)


_KIND_LABELS = {OWNER: "👤 owner", STAGE: "📈 stage", BACKUP: "🤝 backup", CONTACT: "📇 contact"}


def history_line(e: HistoryEntry, tz: ZoneInfo) -> str:
    """One change, with who made it and when."""
    when = f"{local_day(e.at, tz)} {e.at.astimezone(tz):%H:%M}"
    if e.kind == OWNER:
        before = user(e.from_user_id) if e.from_user_id else "_nobody_"
        what = f"{before} → {user(e.to_user_id)} ({quote(e.summary, 200)})"
    else:
        what = quote(e.summary, 300)
        if e.kind == BACKUP:
            what = _MENTION.sub(r"<@\1>", what)
    by = f" · by {user(e.by_user_id)}" if e.by_user_id else ""
    return f"• {when} · {_KIND_LABELS.get(e.kind, e.kind)} — {what}{by}"


def history_blocks(
    partner: PartnerView, entries: Sequence[HistoryEntry], total: int, tz: ZoneInfo
) -> Blocks:
    """`/partner history Acme`: newest first."""
    head = f"*History — {quote(partner.name, 120)}* ({total})"
    if not entries:
        return text_blocks(f"{head}\n_No changes recorded yet._")
    blocks: list[Block] = [SectionBlock(text=head)]
    chunk: list[str] = []
    for line in (history_line(e, tz) for e in entries):
        if sum(len(x) + 1 for x in chunk) + len(line) > SECTION_TEXT_LIMIT - 10:
            blocks.append(SectionBlock(text="\n".join(chunk)))
            chunk = []
        chunk.append(line)
    if chunk:
        blocks.append(SectionBlock(text="\n".join(chunk)))
    if total > len(entries):
        blocks.append(
            ContextBlock(
                elements=[MarkdownTextObject(text=f"Showing the newest {len(entries)} of {total}.")]
            )
        )
    return dicts(blocks[:49])


def leaver_prompt(
    leaver: str, partners: Sequence[PartnerView], follow_ups: int
) -> tuple[str, Blocks]:
    """The DM to program leads when someone is deactivated: their partners, a user picker and
    Hand over."""
    text = (
        f"👋 {user(leaver)} was deactivated in Slack. Their {_plural(len(partners), 'partner')} "
        f"and {_plural(follow_ups, 'open follow-up')} need a new owner"
    )
    body = text + (f": {_names(partners)}." if partners else ".")
    body += (
        "\nNothing of theirs is lost — pick who takes over and press *Hand over* to see what moves."
    )
    blocks = [
        SectionBlock(text=clip(body, SECTION_TEXT_LIMIT)),
        ActionsBlock(
            block_id=f"people_leaver:{leaver}",
            elements=[
                UserSelectElement(action_id=ids.LEAVER_PICK, placeholder="Who takes over?"),
                ButtonElement(
                    text="Hand over", action_id=ids.LEAVER_HAND_OVER, value=leaver, style="primary"
                ),
            ],
        ),
    ]
    return f"{user(leaver)} left: {_plural(len(partners), 'partner')} need a new owner", dicts(
        blocks
    )


def unowned_blocks(
    partners: Sequence[PartnerView], gone: set[str], *, limit: int = 20
) -> list[Block]:
    """Partners that need a new owner, each with a "New owner…" picker."""
    blocks: list[Block] = []
    for p in partners[:limit]:
        why = f"{user(p.owner_user_id)} left" if p.owner_user_id in gone else "no owner"
        blocks.append(
            SectionBlock(
                block_id=f"people_unowned:{p.id}",
                text=f"🧭 *{quote(p.name, 120)}* — {why}",
                accessory=UserSelectElement(
                    action_id=f"{ids.NEW_OWNER_PICK}:{p.id}", placeholder="New owner…"
                ),
            )
        )
    if len(partners) > limit:
        blocks.append(
            ContextBlock(
                elements=[
                    MarkdownTextObject(
                        text=f"… and {len(partners) - limit} more: `/partner list unowned`"
                    )
                ]
            )
        )
    return blocks


def unowned_list(partners: Sequence[PartnerView], gone: set[str]) -> Blocks:
    """`/partner list unowned`."""
    if not partners:
        return text_blocks(
            "*Partners that need a new owner*\n"
            "_None — every partner has an owner who is still here._"
        )
    head: list[Block] = [SectionBlock(text=f"*Partners that need a new owner* ({len(partners)})")]
    return dicts(head + unowned_blocks(partners, gone, limit=45))


def follow_up_note(by: str, what: str) -> str:
    """The opening line of a DM about follow-ups someone gave you."""
    return f"👉 {user(by)} {what}"
