"""Done / Done + log contact / Snooze / Reassign, wherever a follow-up is shown. Each runs after
the ack and redraws only the item pressed, in the message (or Home) it was pressed in."""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from slack_bolt import BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.models.blocks import Block

from handlers.common.blocks import Blocks, dicts, text_blocks
from handlers.common.mrkdwn import day, local_day, user
from handlers.common.replies import notify
from handlers.contact_log.sections import contact_form
from handlers.follow_ups import ids
from handlers.follow_ups.clicks import Click, Listed, act, ids_of, listed_of, wanted_list, zoned
from handlers.follow_ups.command import render_list
from handlers.follow_ups.render import closed_line, created_head, replace_follow_up, state_line
from handlers.follow_ups.sections import (
    date_picker_blocks,
    follow_up_blocks,
    handed_to_you,
    item_block_id,
)
from handlers.follow_ups.snooze import snooze_target
from storage.follow_ups_requests import (
    Clicked,
    ListWanted,
    complete_clicked,
    read_clicked,
    reassign_clicked,
    snooze_clicked,
)
from storage.models import FollowUpStatus
from storage.records import FollowUpView

log = logging.getLogger(__name__)


def done(body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext) -> None:
    """Done."""
    click = Click.of(body, client, respond, context)
    asked = wanted_list(click)
    clicked = act(click, lambda: _complete(click, asked, with_partner=False))
    if clicked is not None:
        settle(click, clicked, f"✅ Done by {user(click.clicker)}", listed_of(asked, clicked))


def done_and_log(
    body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
) -> None:
    """Done, then the contact modal for the same partner."""
    click = Click.of(body, client, respond, context)
    asked = wanted_list(click)
    clicked = act(click, lambda: _complete(click, asked, with_partner=True))
    if clicked is None:
        return
    if clicked.partner is not None:
        channel = (body.get("container") or {}).get("channel_id")
        _open_view(
            click,
            contact_form(
                partner=clicked.partner,
                happened_on=click.today(click.clicker),
                meta={"channel_id": channel},
            ),
        )
    settle(click, clicked, f"✅ Done by {user(click.clicker)}", listed_of(asked, clicked))


def _complete(
    click: Click, asked: tuple[date, ListWanted] | None, *, with_partner: bool
) -> Clicked:
    return complete_clicked(
        click.deps.sessions,
        click.team_id,
        click.follow_up_id,
        by=click.clicker,
        now=click.deps.clock.now(),
        wanted=asked[1] if asked else None,
        with_partner=with_partner,
    )


def snooze(body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext) -> None:
    """Snooze to tomorrow, next week, next month, or the date picked in the date picker that
    "Pick a date…" swapped in."""
    click = Click.of(body, client, respond, context)
    action = body["actions"][0]
    until: date | None = None
    code = ""
    if action.get("type") == "datepicker":
        try:
            until = date.fromisoformat(str(action.get("selected_date") or ""))
        except ValueError:
            if act(click, lambda: read_clicked(click.deps.sessions, *ids_of(click), None)):
                click.tell("Pick a date in the date picker.")
            return
    else:
        code = str((action.get("selected_option") or {}).get("value", "")).partition(":")[0]
    asked = wanted_list(click)
    zones = {click.clicker: click.deps.zones.of(client, click.team_id, click.clicker)}

    def run() -> Clicked:
        return snooze_clicked(
            click.deps.sessions,
            click.team_id,
            click.follow_up_id,
            until=until,
            choice=lambda today: snooze_target(code, today),
            zones=zones,
            by=click.clicker,
            now=click.deps.clock.now(),
            wanted=asked[1] if asked else None,
        )

    clicked = act(click, lambda: zoned(click, zones, run))
    if clicked is None:
        return
    current, listed = clicked.follow_up, listed_of(asked, clicked)
    if clicked.outcome is None:  # "Pick a date…": the date picker in place of the buttons
        owner = current.owner_user_id or click.clicker
        today = click.deps.clock.now().astimezone(zones[owner]).date()
        picker = date_picker_blocks(current, today, click.block_id, show_owner=click.show_owner)
        redraw(click, current, picker, home=True, listed=listed)
        return
    settle(click, clicked, f"😴 Snoozed to {day(current.due_date)}", listed)


def snooze_cancel(
    body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
) -> None:
    """Cancel picking a date: the follow-up's buttons come back."""
    click = Click.of(body, client, respond, context)
    asked = wanted_list(click)
    wanted = asked[1] if asked else None
    clicked = act(click, lambda: read_clicked(click.deps.sessions, *ids_of(click), wanted))
    if clicked is not None:
        redraw(click, clicked.follow_up, None, home=True, listed=listed_of(asked, clicked))


def reassign(
    body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
) -> None:
    """Hand the follow-up to the person picked, and tell them."""
    click = Click.of(body, client, respond, context)
    to_user = body["actions"][0].get("selected_user")
    if not to_user:
        return
    tz = click.deps.zones.of(client, click.team_id, to_user)
    asked = wanted_list(click)
    clicked = act(
        click,
        lambda: reassign_clicked(
            click.deps.sessions,
            *ids_of(click),
            to_user=to_user,
            tz=tz,
            by=click.clicker,
            now=click.deps.clock.now(),
            wanted=asked[1] if asked else None,
        ),
    )
    if clicked is None or clicked.outcome is None:
        return
    settle(click, clicked, f"👉 Reassigned to {user(to_user)}", listed_of(asked, clicked))
    if clicked.outcome.changed and to_user != click.clicker:
        text, blocks = handed_to_you(clicked.follow_up, click.today(to_user), click.clicker)
        notify(client, user_id=to_user, channel_id=None, text=text, blocks=dicts(blocks))


def settle(click: Click, clicked: Clicked, verb: str, listed: Listed | None) -> None:
    """Show the result where the click happened, and redraw the App Homes concerned."""
    assert clicked.outcome is not None
    outcome, f = clicked.outcome, clicked.follow_up
    if not outcome.changed:
        when = ""
        if f.closed_at is not None:
            tz = click.deps.zones.of(click.client, click.team_id, click.clicker)
            when = f" on {local_day(f.closed_at, tz)} at {f.closed_at.astimezone(tz):%H:%M}"
        state = "done" if f.status is FollowUpStatus.DONE else f.status.value
        verb = f"Already {state} by {user(f.closed_by)}{when} — nothing changed"
        click.tell(f"{verb}.")
    acted = [*click.acted, f.id]
    where = item_block_id(f.id, click.origin, click.scope, acted)
    redraw(click, f, closed_line(f, verb, block_id=where), listed=listed)
    people = {click.clicker, f.owner_user_id, outcome.previous_owner_user_id} - {None}
    for person in sorted(str(p) for p in people):
        click.deps.redraw_home(click.client, click.team_id, person)


def redraw(
    click: Click,
    f: FollowUpView,
    new: list[Block] | None,
    *,
    home: bool = False,
    listed: Listed | None = None,
) -> None:
    """Swap one follow-up's blocks for `new` (None: its usual buttons) where it was clicked:
    a posted message (chat.update), an ephemeral list (its response URL), or — with `home`,
    else the Home redraw after a change does it — the App Home."""
    container = click.body.get("container") or {}
    message = click.body.get("message") or {}
    if container.get("type") == "view" or click.origin == ids.ORIGIN_HOME:
        view_blocks = (click.body.get("view") or {}).get("blocks")
        if home and view_blocks:
            fresh = new if new is not None else _buttons(click, f)
            _publish(click, replace_follow_up(view_blocks, f.id, dicts(fresh)))
        return
    if message.get("blocks"):
        blocks = message["blocks"]
        fresh = new if new is not None else _buttons(click, f)
        _update(click, replace_follow_up(blocks, f.id, dicts(fresh)), message.get("text"))
        return
    if click.scope == ids.SCOPE_ONE:
        head = text_blocks(created_head(f, click.clicker))
        blocks = head + dicts(new if new is not None else _buttons(click, f))
    elif listed is not None:  # read with the change (`_wanted` asked for it)
        blocks = _same_list(click, f, new, listed)
    else:
        return
    click.respond(text="Follow-ups", blocks=blocks, replace_original=True)


def _same_list(click: Click, f: FollowUpView, new: list[Block] | None, listed: Listed) -> Blocks:
    """The ephemeral list the click came from, as it was: items acted on earlier keep their
    lines (their ids ride in the block ids, as Slack never sends an ephemeral message back),
    the item pressed shows `new` (None: its buttons)."""
    acted = [i for i in click.acted if i != f.id]
    earlier = list(listed.read.earlier)
    today = click.today(click.clicker)
    replaced = {
        e.id: state_line(e, today, block_id=item_block_id(e.id, click.origin, click.scope, acted))
        for e in earlier
    }
    if new is not None:
        replaced[f.id] = new
        acted.append(f.id)
    return render_list(
        listed.read,
        click.clicker,
        click.scope,
        listed.today,
        replaced=replaced,
        keep=[*earlier, f],
        acted=acted,
    )


def _buttons(click: Click, f: FollowUpView) -> Blocks:
    return follow_up_blocks(
        f,
        click.today(f.owner_user_id),
        click.origin,
        show_owner=click.show_owner,
        scope=click.scope,
        acted=click.acted,
    )


def _update(click: Click, blocks: Blocks, text: str | None) -> None:
    container = click.body.get("container") or {}
    try:
        click.client.chat_update(
            channel=container["channel_id"],
            ts=str(container.get("message_ts") or (click.body.get("message") or {}).get("ts")),
            text=text or "partnerbot",
            blocks=blocks,
        )
    except SlackApiError as exc:
        log.warning("could not update the message: %s", exc.response.get("error"))
        click.tell("Saved — but Slack would not let me update that message; it may look stale.")


def _publish(click: Click, blocks: Blocks) -> None:
    """Republish the Home the click came from, unless it changed meanwhile (Slack's `hash`):
    then draw it afresh."""
    seen = (click.body.get("view") or {}).get("hash")
    try:
        click.client.views_publish(
            user_id=click.clicker, view={"type": "home", "blocks": blocks}, hash=seen
        )
    except SlackApiError as exc:
        log.info("Home of %s not redrawn in place: %s", click.clicker, exc.response.get("error"))
        click.deps.redraw_home(click.client, click.team_id, click.clicker)


def _open_view(click: Click, view: dict[str, Any]) -> None:
    try:
        click.client.views_open(trigger_id=click.body["trigger_id"], view=view)
    except SlackApiError as exc:
        log.warning("could not open the contact form: %s", exc.response.get("error"))
        click.tell("Marked done — but Slack would not open the form; log it with `/contact`.")
