"""Fixing a follow-up later: Reopen one marked done (its buttons come back, in place), and Edit
its text and day in a small modal. Only its owner, the partner's owner or a program lead may;
everyone else is told so and nothing changes."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.models.blocks import DatePickerElement, InputBlock
from slack_sdk.models.views import View

from handlers.common.blocks import dicts, text_blocks, text_input
from handlers.common.forms import form_values, metadata
from handlers.common.mrkdwn import day, quote
from handlers.common.people import zone
from handlers.common.refusals import follow_up_refused
from handlers.common.replies import notify
from handlers.common.values import record_id
from handlers.deps import Deps
from handlers.follow_ups import ids
from handlers.follow_ups.buttons import redraw
from handlers.follow_ups.clicks import Click, act, ids_of, listed_of, wanted_list
from storage.errors import InvalidInput, NotFound
from storage.follow_up_fixes import NotAllowed, edit_follow_up, reopen_clicked, view_of
from storage.follow_ups import MAX_NOTE_LENGTH
from storage.follow_ups_requests import ZoneNeeded
from storage.records import FollowUpView

SAVED = "follow_up_edited"


def reopen(body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext) -> None:
    """Reopen a follow-up marked done: it is open again, with its buttons, where it was."""
    click = Click.of(body, client, respond, context)
    asked = wanted_list(click)
    try:
        clicked = act(
            click,
            lambda: reopen_clicked(
                click.deps.sessions,
                *ids_of(click),
                by=click.clicker,
                now=click.deps.clock.now(),
                wanted=asked[1] if asked else None,
            ),
        )
    except NotAllowed as exc:
        click.tell(follow_up_refused(exc))
        return
    if clicked is None or clicked.outcome is None:
        return
    f = clicked.follow_up
    if not clicked.outcome.changed:
        click.tell(f"That follow-up is {f.status.value}, not done — nothing changed.")
    redraw(click, f, None, listed=listed_of(asked, clicked))
    for person in sorted({click.clicker, f.owner_user_id or click.clicker}):
        click.deps.redraw_home(click.client, click.team_id, person)


def edit_pressed(
    body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
) -> None:
    """Edit on a follow-up: a small form with its text and day (its owner's today first)."""
    click = Click.of(body, client, respond, context)
    try:
        current = view_of(click.deps.sessions, *ids_of(click))
    except NotFound:
        click.tell("That follow-up no longer exists.")
        return
    owner = current.owner_user_id or click.clicker
    tz = click.deps.zones.of(client, click.team_id, owner)
    channel = (body.get("container") or {}).get("channel_id")
    meta = {"id": current.id, "owner": owner, "tz": tz.key, "channel_id": channel}
    client.views_open(trigger_id=body["trigger_id"], view=edit_form(current, meta))


def edit_form(f: FollowUpView, meta: dict[str, Any]) -> dict[str, Any]:
    """The follow-up's text and day, to change."""
    return View(
        type="modal",
        callback_id=ids.VIEW_FU_EDIT,
        title="Edit follow-up",
        submit="Save",
        close="Cancel",
        private_metadata=json.dumps(meta),
        blocks=[
            *text_blocks(f"*{quote(f.partner_name, 120)}*"),
            text_input(
                "note",
                "What to do",
                f.note,
                optional=False,
                multiline=True,
                max_length=MAX_NOTE_LENGTH,
            ),
            InputBlock(
                block_id="due_date",
                label="Due",
                element=DatePickerElement(action_id="value", initial_date=f.due_date.isoformat()),
            ),
        ],
    ).to_dict()


def edit_submitted(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient, context: BoltContext
) -> None:
    """Save the new text and day (errors go back to the form)."""
    deps = Deps.of(context)
    team_id, user_id = body["team"]["id"], body["user"]["id"]
    values, meta = form_values(view), metadata(view)
    note = (values.get("note") or "").strip()
    try:
        due = date.fromisoformat(values.get("due_date") or "")
    except ValueError:
        ack(response_action="errors", errors={"due_date": "Pick the day it is due."})
        return
    if not note:
        ack(response_action="errors", errors={"note": "Say what to do."})
        return
    zones = {str(meta.get("owner")): zone(str(meta.get("tz") or "")) or deps.zones.default}
    follow_up_id = record_id(meta.get("id")) or 0
    while True:
        try:
            outcome = edit_follow_up(
                deps.sessions,
                team_id,
                follow_up_id,
                note=note,
                due_date=due,
                zones=zones,
                by=user_id,
                now=deps.clock.now(),
            )
            break
        except ZoneNeeded as exc:  # reassigned since the form opened
            zones[exc.user_id] = deps.zones.of(client, team_id, exc.user_id)
        except NotAllowed as exc:
            ack(response_action="errors", errors={"note": follow_up_refused(exc)[:150]})
            return
        except NotFound:
            ack(response_action="errors", errors={"note": "That follow-up no longer exists."})
            return
        except InvalidInput as exc:
            field = "note" if exc.field == "note" else "due_date"
            ack(response_action="errors", errors={field: exc.message})
            return
    context[SAVED] = outcome.follow_up
    ack()


def edit_saved(body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    """Tell the person what the follow-up now says, and redraw the Homes it is on."""
    f = context.get(SAVED)
    if not isinstance(f, FollowUpView):
        return
    deps = Deps.of(context)
    team_id, user_id = body["team"]["id"], body["user"]["id"]
    text = (
        f"✏️ Saved — your follow-up with *{quote(f.partner_name, 120)}* is due "
        f"{day(f.due_date)}: {quote(f.note, 300)}"
    )
    channel = metadata(body.get("view") or {}).get("channel_id")
    notify(
        client,
        user_id=user_id,
        channel_id=channel if isinstance(channel, str) else None,
        text=text,
        blocks=dicts(text_blocks(text)),
    )
    for person in sorted({str(user_id), f.owner_user_id or str(user_id)}):
        deps.redraw_home(client, team_id, person)
