"""Block Kit for changing an engagement: its Edit / Cancel / Remove buttons (carrying the list
they are shown in, to redraw it), what a change answers, and the edit form. Pure."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from slack_sdk.models.blocks import ButtonElement, ConfirmObject

from handlers.common.mrkdwn import clip, quote, user
from handlers.engagements import ids
from storage.engagement_change_requests import ASSIGN, CANCEL, EDIT, REMOVE, EditForm
from storage.engagement_changes import ALREADY, CANCELLED_ONE, DONE, NOT_REMOVABLE, Change
from storage.engagements import PLANNED, EngagementView, kind_words, span_text


def change_buttons(
    e: EngagementView, today: date, where: str, partner_id: int | None = None
) -> list[ButtonElement]:
    """Edit and Cancel (asked to confirm), and Remove while it is still planned; each carries
    the engagement and the list it is shown in (`where`: "upcoming", "past", "all" with
    `partner_id` for one partner's, "card", "home")."""
    value = json.dumps({"e": e.id, "w": where, "p": partner_id})
    what = f"{kind_words(e.kind)} of {span_text(e)}"
    buttons = [
        ButtonElement(text="Edit", action_id=ids.ENGAGE_EDIT, value=value),
        ButtonElement(
            text="Cancel",
            action_id=ids.ENGAGE_CANCEL,
            value=value,
            confirm=ConfirmObject(
                title="Cancel this engagement?",
                text=f"The {what} is kept as cancelled: no debrief, no thank-you prompt, and "
                "its students are not counted.",
                confirm="Cancel it",
                deny="Keep it",
            ),
        ),
    ]
    if e.status(today) == PLANNED:
        buttons.append(
            ButtonElement(
                text="Remove",
                action_id=ids.ENGAGE_REMOVE,
                value=value,
                style="danger",
                confirm=ConfirmObject(
                    title="Remove this engagement?",
                    text=f"Only for one recorded by mistake: the {what} is deleted (the "
                    "partner's history keeps that you removed it).",
                    confirm="Remove",
                    deny="Keep it",
                ),
            )
        )
    return buttons


def what(e: EngagementView) -> str:
    """ "the job shadow of Dec 9 with *Acme*"."""
    return f"the {kind_words(e.kind)} of {span_text(e)} with *{quote(e.partner_name, 100)}*"


def starting(e: EngagementView) -> str:
    """`what`, starting a sentence."""
    return "T" + what(e)[1:]


def change_answer(change: Change, verb: str) -> str:
    """What a change says, done or not."""
    e = change.view
    if change.kind == DONE:
        done = {
            CANCEL: f"🚫 Cancelled {what(e)}: no debrief, no thank-you prompt, and its "
            "students are not counted. It stays on the record as cancelled.",
            REMOVE: f"🗑️ Removed {what(e)} (recorded by mistake).",
            ASSIGN: f"👤 {starting(e)} is now {user(e.owner_user_id)}'s, with its "
            "debrief and thank-you prompts.",
            EDIT: f"✏️ Updated {what(e)}.",
        }
        return done[verb]
    if change.kind == ALREADY and verb == ASSIGN:
        return f"{starting(e)} is already {user(e.owner_user_id)}'s. Nothing changed."
    if change.kind == ALREADY:
        return f"{starting(e)} was already cancelled. Nothing changed."
    if change.kind == NOT_REMOVABLE:
        return (
            f"{starting(e)} is not just planned (it happened, was debriefed or was "
            "cancelled), so it stays on the record: cancel it instead. Nothing changed."
        )
    if change.kind == CANCELLED_ONE:
        return f"{starting(e)} was cancelled: it can't be changed now. Nothing changed."
    author = f"the person who recorded it ({user(e.created_by)}), " if e.created_by else ""
    return (
        f"Only {author}its owner ({user(e.owner_user_id)}) or a program lead can change "
        f"{what(e)}. Nothing changed."
    )


def _set(blocks: list[dict[str, Any]], block_id: str, **initial: Any) -> None:
    for block in blocks:
        if block.get("block_id") == block_id:
            block["element"].update(initial)


def edit_form(form: EditForm, base: dict[str, Any]) -> dict[str, Any]:
    """The engagement form (`base`, as `engage_form` drew it for this engagement's partner,
    kind, first day and students) with the rest filled in, to edit it."""
    e = form.view
    view = json.loads(json.dumps(base))
    blocks = view["blocks"]
    name = {"type": "plain_text", "text": clip(e.partner_name, 75)}
    _set(blocks, "partner", initial_option={"text": name, "value": str(e.partner_id)})
    if e.label:
        _set(blocks, "label", initial_value=e.label)
    if e.ends_on != e.starts_on:
        _set(blocks, "ends_on", initial_date=e.ends_on.isoformat())
    if e.pathway:
        _set(blocks, "pathway", initial_value=e.pathway)
    host = next((c for c in form.contacts if c.name == e.contact_name), None)
    if host is not None:
        option = {
            "text": {"type": "plain_text", "text": clip(host.name, 75)},
            "value": str(host.id),
        }
        _set(blocks, "contact", initial_option=option)
    view["title"] = {"type": "plain_text", "text": "Edit engagement"}
    return dict(view)
