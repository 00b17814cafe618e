"""Block Kit for the contact log: confirmations, questions, history. Pure functions."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    SectionBlock,
)

from handlers.common.blocks import (
    BUTTON_VALUE_LIMIT,
    SECTION_TEXT_LIMIT,
    Blocks,
    actions,
    button,
    section,
    text_blocks,
)
from handlers.common.mrkdwn import (
    clip,
    code,
    code_block,
    day,
    escape,
    quote,
    user,
)
from handlers.common.replies import ephemeral
from handlers.contact_log import ids
from handlers.contact_log.sections import partner_option
from handlers.people.sections import new_person_button
from storage.contact_log import LoggedContact
from storage.models import InteractionKind
from storage.records import FollowUpView, InteractionView, PartnerView

USAGE = """*Log a contact* — one line, in plain words:
• `/contact Acme called Jane about summer internships, follow up next tue`
• `/contact acme helth met with HR at the career fair yesterday; f/u in 2 weeks`
• `/contact "Riverside Auto" emailed the shop manager the MOU draft, remind me Dec 3`
• `/contact history Acme` — everything logged with a partner
The partner can be anywhere in the line. The kind (call, email, meeting, visit, event,
message, note) and the day (`yesterday`, `last Thu`, `on 11/3`) come from your words;
`follow up …`, `f/u …`, `remind me …`, `circle back …` with a date (`tmrw`, `in 2 wks`,
`the 15th`, `EOW`) adds a follow-up for you (or for the @person you mention).
Or use the message shortcut *Log partner contact* on any Slack message."""

_VERBS = {
    InteractionKind.CALL: "called",
    InteractionKind.EMAIL: "emailed",
    InteractionKind.MEETING: "met with",
    InteractionKind.VISIT: "visited",
    InteractionKind.EVENT: "saw",
    InteractionKind.MESSAGE: "messaged",
    InteractionKind.NOTE: "logged a note about",
}


def typed_back(text: str) -> str:
    """The command as typed, ready to copy, fix and send again."""
    return code_block(f"/contact {text}", 2800)


def carry(value: dict[str, Any]) -> str:
    """A small JSON value for a button, to act on later."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def day_words(occurred: datetime, tz: ZoneInfo, now: datetime) -> str:
    """When a contact happened, as the confirmation says it: "today", "yesterday, Tue Nov 17",
    "Mon Nov 16"."""
    then, today = occurred.astimezone(tz).date(), now.astimezone(tz).date()
    if then == today:
        return "today"
    if then == today - timedelta(days=1):
        return f"yesterday, {day(then)}"
    return day(then) if then.year == today.year else f"{day(then)}, {then.year}"


def confirmation(
    logged: LoggedContact,
    user_id: str,
    recent_by_others: Sequence[InteractionView],
    now: datetime,
    *,
    tz: ZoneInfo,
    flags: Sequence[dict[str, Any]] = (),
    to_close: FollowUpView | None = None,
    closed: FollowUpView | None = None,
) -> dict[str, Any]:
    """What was saved — kind, partner, the day, the follow-up and for whom — heads-ups about
    colleagues' recent contacts, `flags` about the follow-up's date, and Undo / Edit; with
    "Mark follow-up done" for the person's open follow-up on the partner (`to_close`), or
    the line saying it was just marked done (`closed`)."""
    entry = logged.interaction
    kind = entry.kind.value
    article = "an" if kind[0] in "aeiou" else "a"
    text = f"✅ Logged {article} {kind} with *{quote(entry.partner_name, 120)}*"
    if entry.contact_name:
        text += f" ({quote(entry.contact_name, 100)})"
    text += f" · {day_words(entry.occurred_at, tz, now)}"
    if logged.follow_up is not None:
        f = logged.follow_up
        whom = "you" if f.owner_user_id == user_id else user(f.owner_user_id)
        at = f" at {f.due_time:%-I:%M %p}" if f.due_time else ""
        text += f" · follow-up {day(f.due_date)}{at} for {whom}"
    text += f"\n> {quote(entry.summary, 300)}"
    if not logged.created:
        text += "\n_(already logged — this was a repeat, nothing new was saved)_"
    for other in recent_by_others[:3]:
        text += (
            f"\n👀 Heads-up: {user(other.user_id)} {_VERBS[other.kind]} "
            f"{quote(entry.partner_name, 120)} {_ago(now, other.occurred_at)}."
        )
    # Plain dicts (handlers.common.blocks): every logged contact is answered with these.
    buttons = [
        button("Undo", ids.CONTACT_UNDO, value=str(entry.id)),
        button("Edit", ids.CONTACT_EDIT, value=str(entry.id)),
    ]
    new_person = new_person_button(entry.partner_id, entry.summary, entry.contact_name)
    if new_person is not None:
        buttons.append(new_person.to_dict())
    loop: Blocks = []
    if to_close is not None:
        loop.append(
            section(
                f"📌 You have an open follow-up with *{quote(to_close.partner_name, 120)}*"
                f" (due {day(to_close.due_date)}): {quote(to_close.note, 300)}",
                accessory=button(
                    "Mark follow-up done",
                    ids.CONTACT_CLOSE_LOOP,
                    value=f"{to_close.id}:{entry.id}",
                    style="primary",
                ),
            )
        )
    if closed is not None:
        loop.append(
            section(
                f"☑️ Marked done: your follow-up with *{quote(closed.partner_name, 120)}*"
                f" (due {day(closed.due_date)}): {quote(closed.note, 300)}",
                accessory=button("Reopen", ids.CONTACT_REOPEN, value=f"{closed.id}:{entry.id}"),
            )
        )
    blocks = [
        section(clip(text, SECTION_TEXT_LIMIT)),
        *(dict(b) for b in flags),
        *loop,
        actions(buttons),
    ]
    return ephemeral(f"Logged {article} {kind} with {escape(entry.partner_name)}", blocks)


def which_partner(
    typed: str, candidates: Sequence[PartnerView], span: tuple[int, int] | None = None
) -> dict[str, Any]:
    """Several partners fit as closely: one button each, carrying the line (and where it
    names them, when that is one place)."""
    question = "Which partner do you mean? Nothing was saved yet."
    where = {"s": list(span)} if span else {}
    picks = [(p, carry({"p": p.id, "t": typed, **where})) for p in candidates[:5]]
    buttons = [
        ButtonElement(text=clip(p.name, 75), action_id=f"{ids.CONTACT_PICK}:{p.id}", value=value)
        for p, value in picks
        if len(value) <= BUTTON_VALUE_LIMIT
    ]
    asked = [SectionBlock(text=question).to_dict()]
    if buttons:
        asked.append(ActionsBlock(elements=buttons).to_dict())
    else:  # too long to carry in a button: ask for the full name instead
        names = ", ".join(f"*{quote(p.name, 80)}*" for p, _ in picks)
        asked += text_blocks(
            f"It could be {names}. Send it again with the full name:\n{typed_back(typed)}"
        )
    return ephemeral(question, asked)


def unknown_partner(name: str, typed: str, span: tuple[int, int]) -> dict[str, Any]:
    """No partner by that name: offer to add it and log the contact in one go."""
    text = f"I don't know a partner called “{quote(name, 100)}”. Nothing was saved yet."
    blocks = [SectionBlock(text=text).to_dict()]
    value = carry({"n": name, "t": typed, "s": list(span)})
    if len(value) <= BUTTON_VALUE_LIMIT:
        add = ButtonElement(
            text=clip(f"Add “{name}” as a new partner and log this", 75),
            action_id=ids.CONTACT_ADD_AND_LOG,
            value=value,
            style="primary",
        )
        blocks.append(ActionsBlock(elements=[add]).to_dict())
    blocks += text_blocks(
        f"Or check the name with {code(f'/partner find {name}', 120)}.\n{typed_back(typed)}"
    )
    return ephemeral(text, blocks)


def no_partner(typed: str) -> dict[str, Any]:
    """The line names no partner: say so, and how to write it."""
    text = (
        "I couldn't find a partner in that line, so nothing was saved. Name the partner "
        "anywhere in it, e.g. `/contact Acme Health called Jane about internships` — "
        "`/partner find …` checks a name, `/partner add …` adds a new partner."
    )
    return ephemeral(text, text_blocks(f"{text}\n{typed_back(typed)}"))


def archived_partner(partner: PartnerView, typed: str) -> dict[str, Any]:
    """The partner is archived: say so, and offer to restore it and log the line."""
    text = (
        f"*{quote(partner.name, 120)}* is archived, so nothing was saved. "
        "Restore it to log this contact?"
    )
    blocks = [SectionBlock(text=text).to_dict()]
    value = carry({"p": partner.id, "t": typed})
    if len(value) <= BUTTON_VALUE_LIMIT:
        restore = ButtonElement(
            text="Restore and log",
            action_id=ids.CONTACT_RESTORE_AND_LOG,
            value=value,
            style="primary",
        )
        blocks.append(ActionsBlock(elements=[restore]).to_dict())
    else:
        blocks += text_blocks(
            f"Restore it from its card (`/partner {escape(partner.name[:80])}`), then send "
            f"again:\n{typed_back(typed)}"
        )
    return ephemeral(f"{escape(partner.name)} is archived", blocks)


def day_question(
    partner: PartnerView,
    typed: str,
    asked: date,
    today: date,
    *,
    vague: bool = False,
    unsure: bool = False,
) -> dict[str, Any]:
    """The words name a day in the future, or long ago, or a time without a day ("in June",
    `vague`), or one that may be the day of what it was about (`unsure`): which day did it
    happen?"""
    value = carry({"p": partner.id, "t": typed})
    if unsure:
        text = (
            f"Did it happen on {day(asked)}, or is that the day of what it was about? "
            "Nothing was saved yet."
        )
        choices = [("said", clip(f"It happened {day(asked)}", 75)), ("today", "It happened today")]
    elif vague:
        text = (
            f"That names a time ({asked:%B %Y}), not a day, so nothing was saved yet. Log it "
            "today, or send it again with the day it happened (`on 6/12`)."
        )
        choices = [("today", "Log it today")]
    elif asked > today:
        text = (
            f"{day(asked)} is in the future — a contact is logged once it happened. "
            "Nothing was saved yet — what should I do?"
        )
        choices = [
            ("today", "It happened today"),
            ("follow", clip(f"Log today, follow up {day(asked)}", 75)),
        ]
    else:
        text = (
            f"{day(asked)}, {asked.year} is {(today - asked).days} days ago. "
            "Nothing was saved yet — when did it happen?"
        )
        choices = [("said", clip(f"On {day(asked)}, {asked.year}", 75)), ("today", "Today")]
    blocks = [SectionBlock(text=text).to_dict()]
    if len(value) <= BUTTON_VALUE_LIMIT:
        buttons = [
            ButtonElement(text=label, action_id=f"{ids.CONTACT_DAY}:{code_}", value=value)
            for code_, label in choices
        ]
        blocks.append(ActionsBlock(elements=buttons).to_dict())
    blocks.append(
        SectionBlock(text=f"Or fix the day and send again:\n{typed_back(typed)}").to_dict()
    )
    return ephemeral(text, blocks)


def past_follow_up_question(
    partner: PartnerView, typed: str, due: Any, *, day_choice: str | None = None
) -> dict[str, Any]:
    """The follow-up date is in the past: log without it, or follow up tomorrow? (The day
    already chosen, if one was asked about, rides along.)"""
    text = (
        f"The follow-up date, {day(due)}, is in the past. Nothing was saved yet — what should I do?"
    )
    value = carry({"p": partner.id, "t": typed, **({"d": day_choice} if day_choice else {})})
    buttons = [
        ButtonElement(
            text="Log it without a follow-up",
            action_id=f"{ids.CONTACT_PAST_FOLLOW_UP}:drop",
            value=value,
        ),
        ButtonElement(
            text="Follow up tomorrow instead",
            action_id=f"{ids.CONTACT_PAST_FOLLOW_UP}:tomorrow",
            value=value,
        ),
    ]
    blocks = [SectionBlock(text=text).to_dict()]
    if len(value) <= BUTTON_VALUE_LIMIT:
        blocks.append(ActionsBlock(elements=buttons).to_dict())
    blocks.append(
        SectionBlock(text=f"Or fix the date and send again:\n{typed_back(typed)}").to_dict()
    )
    return ephemeral(text, blocks)


def _ago(now: datetime, then: datetime) -> str:
    days = (now - then).days
    if days <= 0:
        return "today"
    return "yesterday" if days == 1 else f"{days} days ago"


def partner_options(partners: Sequence[PartnerView]) -> list[dict[str, Any]]:
    """Typeahead answer for the partner picker (Slack allows 100 options)."""
    return [partner_option(p).to_dict() for p in partners[:100]]
