"""Block Kit for engagements and debriefs: lines, the confirmation, lists, the card's section,
the Home's items, the debrief DM and the two forms. Pure."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DatePickerElement,
    ExternalDataSelectElement,
    InputBlock,
    MarkdownTextObject,
    Option,
    SectionBlock,
    StaticSelectElement,
    UserSelectElement,
)
from slack_sdk.models.views import View

from handlers.common.blocks import SECTION_TEXT_LIMIT, Blocks, dicts, text_input
from handlers.common.mrkdwn import clip, day, quote, user
from handlers.engagements import ids
from handlers.engagements.change_render import change_buttons
from handlers.engagements.labels import KIND_LABELS, OUTCOME_LABELS
from storage.engagements import DEBRIEFED, EngagementView, kind_words
from storage.models import DebriefOutcome, EngagementKind
from storage.records import ContactPersonView, PartnerView


def span(first: date, last: date) -> str:
    """ "Wed Dec 9", or "Tue Jan 12 – Sat Mar 6" for a range."""
    return day(first) if first == last else f"{day(first)} – {day(last)}"


def students(count: int | None) -> str:
    """ "12 students" (a count, never names)."""
    if count is None:
        return ""
    return f"{count} student{'s' * (count != 1)}"


def debrief_text(e: EngagementView) -> str:
    """The debrief's answers in one line (empty when not answered)."""
    if e.debrief_outcome is None:
        return ""
    parts = [f"debrief: {OUTCOME_LABELS[e.debrief_outcome]}"]
    if e.students_came is not None:
        parts.append(f"{students(e.students_came)} came")
    if e.partner_feedback:
        parts.append(f"partner said “{quote(e.partner_feedback, 200)}”")
    if e.to_change:
        parts.append(f"change: “{quote(e.to_change, 200)}”")
    return " · ".join(parts)


def engagement_line(e: EngagementView, today: date, *, partner: bool = True) -> str:
    """ "• *Acme* — 👀 Job shadow, Wed Dec 9 · 12 students · host Jane Ortiz · @maria"."""
    head = f"*{quote(e.partner_name, 100)}* — " if partner else ""
    what = KIND_LABELS[e.kind] + (f": {quote(e.label, 120)}" if e.label else "")
    parts = [f"{head}{what}, {span(e.starts_on, e.ends_on)}"]
    if e.student_count is not None:
        parts.append(students(e.student_count))
    if e.contact_name:
        parts.append(f"host {quote(e.contact_name, 80)}")
    if e.pathway:
        parts.append(f"pathway {quote(e.pathway, 60)}")
    parts.append(user(e.owner_user_id))
    if e.cancelled:
        return "• ~" + " · ".join(parts) + "~ _cancelled_"
    if e.debriefed:
        parts.append(debrief_text(e))
    elif e.awaits_debrief(today):
        parts.append("_debrief not written yet_")
    return "• " + " · ".join(parts)


def debrief_button(e: EngagementView, outcome: DebriefOutcome | None = None) -> ButtonElement:
    """A button opening the debrief form (with `outcome` chosen)."""
    text = OUTCOME_LABELS[outcome] if outcome else "Write debrief"
    value = json.dumps({"e": e.id, "o": outcome.value if outcome else None})
    return ButtonElement(
        text=text,
        action_id=f"{ids.DEBRIEF_OPEN}:{outcome.value if outcome else 'open'}",
        value=value,
        style="primary" if outcome is DebriefOutcome.GREAT else None,
    )


def item_blocks(
    e: EngagementView,
    today: date,
    where: str,
    *,
    partner: bool = True,
    partner_id: int | None = None,
) -> list[Block]:
    """One engagement, with Write debrief once it has ended and is not debriefed, and Edit /
    Cancel (and Remove while planned) unless it was cancelled."""
    text = clip(engagement_line(e, today, partner=partner).removeprefix("• "), SECTION_TEXT_LIMIT)
    if e.cancelled:
        return [SectionBlock(text=text)]
    debrief = [debrief_button(e)] if e.awaits_debrief(today) else []
    return [
        SectionBlock(text=text),
        ActionsBlock(
            block_id=f"engage_item:{e.id}",
            elements=debrief + change_buttons(e, today, where, partner_id),
        ),
    ]


def confirmation(
    e: EngagementView, created: bool, today: date, warnings: Sequence[str], flags: Blocks
) -> Blocks:
    """What `/engage` and the form answer: the engagement, the background-check warning and
    the day-off flags."""
    head = "🤝 Recorded" if created else "🤝 Already recorded (nothing changed)"
    blocks: list[Block] = [
        SectionBlock(text=clip(f"{head}:\n{engagement_line(e, today)}", SECTION_TEXT_LIMIT))
    ]
    blocks += [SectionBlock(text=clip(w, SECTION_TEXT_LIMIT)) for w in warnings]
    if created and e.ends_on >= today and e.kind in DEBRIEFED:  # only kinds that get one
        blocks.append(
            ContextBlock(
                elements=[
                    MarkdownTextObject(
                        text=f"{user(e.owner_user_id)} gets a short debrief the school morning "
                        "after it ends."
                    )
                ]
            )
        )
    return dicts(blocks) + flags


def check_warning(e: EngagementView) -> str:
    """The missing background check, said plainly."""
    who = f"{quote(e.contact_name, 80)} at " if e.contact_name else "anyone at "
    return (
        f"⚠️ *No background check on file* for {who}*{quote(e.partner_name, 100)}* valid "
        f"through {day(e.ends_on)}. {kind_words(e.kind).capitalize()} puts adults with "
        "students one-on-one: record a valid check with `/partner doc add "
        f"{quote(e.partner_name, 60)} background check expires YYYY-MM-DD"
        f"{' for ' + quote(e.contact_name, 60) if e.contact_name else ''}` before it starts."
    )


def list_blocks(
    title: str,
    views: Sequence[EngagementView],
    total: int,
    today: date,
    *,
    when: str = "all",
    partner_id: int | None = None,
) -> Blocks:
    """An `/engage list` (`when`, of one partner's or all): a title, one item per engagement,
    "… and N more"."""
    blocks: list[Block] = [SectionBlock(text=clip(title, SECTION_TEXT_LIMIT))]
    if not views:
        blocks.append(
            SectionBlock(
                text="_None yet — record one with `/engage Acme job shadow Dec 9, 12 students`._"
            )
        )
    for e in views:
        blocks += item_blocks(e, today, when, partner_id=partner_id)
    if total > len(views):
        blocks.append(
            ContextBlock(elements=[MarkdownTextObject(text=f"… and {total - len(views)} more")])
        )
    return dicts(blocks)


def card_blocks(
    partner_id: int, views: Sequence[EngagementView], total: int, today: date
) -> Blocks:
    """The partner card's *Engagements*: the latest, with the debriefs, and Record engagement."""
    title = f"*Engagements* ({total})" if total else "*Engagements*\n_None recorded yet._"
    blocks: list[Block] = [SectionBlock(text=title)]
    for e in views:
        blocks += item_blocks(e, today, "card", partner=False, partner_id=partner_id)
    if total > len(views):
        blocks.append(
            ContextBlock(
                elements=[
                    MarkdownTextObject(
                        text=f"… and {total - len(views)} more: `/engage list` and its name"
                    )
                ]
            )
        )
    blocks.append(
        ActionsBlock(
            block_id=f"engage_card:{partner_id}",
            elements=[
                ButtonElement(
                    text="Record engagement", action_id=ids.ENGAGE_OPEN, value=str(partner_id)
                )
            ],
        )
    )
    return dicts(blocks)


def home_items(views: Sequence[EngagementView], today: date) -> list[list[Block]]:
    """The Home's engagements: awaiting a debrief (with its button), then coming up."""
    return [item_blocks(e, today, "home") for e in views]


def debrief_request(e: EngagementView) -> tuple[str, Blocks]:
    """The debrief DM: how did it go? Great / Fine / Problems, each opening the form."""
    what = KIND_LABELS[e.kind].split(" ", 1)[1].lower()
    planned = f", {students(e.student_count)} planned" if e.student_count is not None else ""
    text = (
        f"📝 *How did the {what} with {quote(e.partner_name, 100)} go?* "
        f"({span(e.starts_on, e.ends_on)}{planned})\n"
        "Two minutes: how many students came, how it went, what the partner said, what to "
        "change. It stays on your follow-ups until it is written."
    )
    blocks: list[Block] = [
        SectionBlock(text=clip(text, SECTION_TEXT_LIMIT)),
        ActionsBlock(
            block_id=f"debrief:{e.id}",
            elements=[debrief_button(e, o) for o in DebriefOutcome],
        ),
    ]
    return f"How did the {what} with {quote(e.partner_name, 100)} go?", dicts(blocks)


def debrief_answered(e: EngagementView) -> tuple[str, Blocks]:
    """The debrief DM once answered (its buttons gone)."""
    text = (
        f"✅ *Debrief of the {kind_words(e.kind)} with {quote(e.partner_name, 100)}* "
        f"({span(e.starts_on, e.ends_on)}) — {debrief_text(e)}"
    )
    blocks: list[Block] = [
        SectionBlock(text=clip(text, SECTION_TEXT_LIMIT)),
        ContextBlock(elements=[MarkdownTextObject(text="Saved on the partner's card. Thank you!")]),
    ]
    return "Debrief saved", dicts(blocks)


def _options(values: dict[Any, str]) -> list[Option]:
    return [Option(text=label, value=k.value) for k, label in values.items()]


def engage_form(
    *,
    partner: PartnerView | None,
    contacts: Sequence[ContactPersonView],
    owner: str,
    today: date,
    meta: dict[str, Any],
    kind: EngagementKind | None = None,
    students_count: int | None = None,
) -> dict[str, Any]:
    """The engagement form: partner, kind, dates, students (a count), host, owner, pathway;
    prefilled with what a logged contact said, when opened from one."""
    hosts = [Option(text=clip(c.name, 75), value=str(c.id)) for c in contacts[:100]]
    blocks = _what_and_when(partner, kind, today, students_count)
    if hosts:
        blocks.append(
            InputBlock(
                block_id="contact",
                label="Host contact",
                optional=True,
                element=StaticSelectElement(action_id="value", options=hosts),
            )
        )
    blocks += [
        InputBlock(
            block_id="owner",
            label="School owner",
            element=UserSelectElement(action_id="value", initial_user=owner),
        ),
        text_input("pathway", "Pathway", None, max_length=100),
    ]
    return View(
        type="modal",
        callback_id=ids.VIEW_ENGAGE,
        title="Record engagement",
        submit="Save",
        close="Cancel",
        private_metadata=json.dumps(meta),
        blocks=blocks,
    ).to_dict()


def _what_and_when(
    partner: PartnerView | None, kind: EngagementKind | None, today: date, count: int | None
) -> list[Block]:
    """The engagement form's partner, kind, label, dates and student count."""
    kinds = _options(KIND_LABELS)
    return [
        InputBlock(
            block_id="partner",
            label="Partner",
            element=ExternalDataSelectElement(
                action_id=ids.ENGAGE_PARTNER_PICK,
                placeholder="Start typing a partner's name",
                min_query_length=1,
                initial_option=Option(text=clip(partner.name, 75), value=str(partner.id))
                if partner
                else None,
            ),
        ),
        InputBlock(
            block_id="kind",
            label="Kind",
            element=StaticSelectElement(
                action_id="value",
                options=kinds,
                initial_option=next((o for o in kinds if kind and o.value == kind.value), None),
            ),
        ),
        text_input("label", "What it was (for “other”, or a few words)", None, max_length=200),
        InputBlock(
            block_id="starts_on",
            label="Date (first day)",
            element=DatePickerElement(action_id="value", initial_date=today.isoformat()),
        ),
        InputBlock(
            block_id="ends_on",
            label="Last day (for a range, e.g. an internship)",
            optional=True,
            element=DatePickerElement(action_id="value"),
        ),
        text_input(
            "students",
            "How many students (a number — never names)",
            None if count is None else str(count),
            placeholder="12",
            max_length=6,
        ),
    ]


def debrief_form(
    e: EngagementView, outcome: DebriefOutcome | None, meta: dict[str, Any]
) -> dict[str, Any]:
    """The debrief form, prefilled with what is known (or was answered before)."""
    outcomes = _options(OUTCOME_LABELS)
    chosen = outcome or e.debrief_outcome
    came = e.students_came if e.students_came is not None else e.student_count
    blocks: list[Block] = [
        SectionBlock(
            text=clip(
                f"*{quote(e.partner_name, 100)}* — {KIND_LABELS[e.kind]}, "
                f"{span(e.starts_on, e.ends_on)}",
                SECTION_TEXT_LIMIT,
            )
        ),
        InputBlock(
            block_id="outcome",
            label="How did it go?",
            element=StaticSelectElement(
                action_id="value",
                options=outcomes,
                initial_option=next(
                    (o for o in outcomes if chosen and o.value == chosen.value), None
                ),
            ),
        ),
        text_input(
            "students",
            "How many students came (a number)",
            None if came is None else str(came),
            max_length=6,
        ),
        text_input(
            "feedback",
            "What the partner said",
            e.partner_feedback,
            multiline=True,
            max_length=2000,
        ),
        text_input(
            "change", "What to change next time", e.to_change, multiline=True, max_length=2000
        ),
    ]
    return View(
        type="modal",
        callback_id=ids.VIEW_DEBRIEF,
        title="Debrief",
        submit="Save",
        close="Cancel",
        private_metadata=json.dumps(meta),
        blocks=blocks,
    ).to_dict()
