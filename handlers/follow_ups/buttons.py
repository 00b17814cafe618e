"""Done / Done + log contact / Snooze / Reassign, wherever a follow-up is shown. Each runs after
the ack and redraws only the item pressed, in the message (or Home) it was pressed in."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from slack_bolt import BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.models.blocks import Block

from handlers.common.blocks import Blocks, dicts, text_blocks
from handlers.common.mrkdwn import day, escape, local_day, user
from handlers.common.replies import notify, tell
from handlers.contact_log.sections import contact_form
from handlers.deps import Deps
from handlers.follow_ups import ids
from handlers.follow_ups.command import list_blocks
from handlers.follow_ups.render import closed_line, created_head, replace_follow_up, state_line
from handlers.follow_ups.sections import date_picker_blocks, follow_up_blocks, handed_to_you
from handlers.follow_ups.snooze import snooze_target
from storage.errors import InvalidInput, NotFound
from storage.follow_ups import (
    Outcome,
    complete_follow_up,
    get_follow_up,
    reassign_follow_up,
    snooze_follow_up,
)
from storage.models import FollowUpStatus
from storage.partners.records import get_partner
from storage.records import FollowUpView

log = logging.getLogger(__name__)
GONE = "That follow-up no longer exists."


@dataclass(frozen=True)
class Click:
    """A click on a follow-up: who, which one, and where it was shown."""

    deps: Deps
    client: WebClient
    respond: Respond
    body: dict[str, Any]
    team_id: str
    clicker: str
    follow_up_id: int
    origin: str
    scope: str
    acted: tuple[int, ...]
    block_id: str

    @classmethod
    def of(
        cls, body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
    ) -> Click:
        """Read the click from Slack's block_actions payload."""
        action = body["actions"][0]
        block_id = str(action.get("block_id", ""))
        _, fid, origin, scope, acted = [*block_id.split(":", 4), "", "", "", "", ""][:5]
        value = str((action.get("selected_option") or {}).get("value") or action.get("value") or "")
        try:
            follow_up_id = int(value.rpartition(":")[2] or fid or 0)
        except ValueError:
            follow_up_id = 0
        return cls(
            Deps.of(context),
            client,
            respond,
            body,
            body["team"]["id"],
            body["user"]["id"],
            follow_up_id,
            origin or ids.ORIGIN_LIST,
            scope or (ids.SCOPE_MINE if (origin or ids.ORIGIN_LIST) == ids.ORIGIN_LIST else ""),
            tuple(int(i) for i in acted.split(",") if i.isdigit()),
            block_id,
        )

    def tell(self, text: str) -> None:
        """A note to the clicker only."""
        tell(self.client, self.respond, self.body, text)

    @property
    def show_owner(self) -> bool:
        """Whether items redrawn here name their owner (a follow-up just given to someone)."""
        return self.scope == ids.SCOPE_ONE

    def today(self, owner: str | None) -> date:
        """Today for the follow-up's owner (the clicker when it has none)."""
        tz = self.deps.zones.of(self.client, self.team_id, owner or self.clicker)
        return self.deps.clock.now().astimezone(tz).date()


def done(body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext) -> None:
    """Done."""
    click = Click.of(body, client, respond, context)
    outcome = _complete(click)
    if outcome is not None:
        settle(click, outcome, f"✅ Done by {user(click.clicker)}")


def done_and_log(
    body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
) -> None:
    """Done, then the contact modal for the same partner."""
    click = Click.of(body, client, respond, context)
    outcome = _complete(click)
    if outcome is None:
        return
    if outcome.changed:
        with click.deps.sessions() as session:
            partner = get_partner(session, click.team_id, outcome.follow_up.partner_id)
        channel = (body.get("container") or {}).get("channel_id")
        _open_view(
            click,
            contact_form(
                partner=partner,
                happened_on=click.today(click.clicker),
                meta={"channel_id": channel},
            ),
        )
    settle(click, outcome, f"✅ Done by {user(click.clicker)}")


def snooze(body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext) -> None:
    """Snooze to tomorrow, next week, next month, or the date picked in the date picker that
    "Pick a date…" swapped in."""
    click = Click.of(body, client, respond, context)
    current = _current(click)
    if current is None:
        return
    action = body["actions"][0]
    today = click.today(current.owner_user_id)
    if action.get("type") == "datepicker":
        try:
            until = date.fromisoformat(str(action.get("selected_date") or ""))
        except ValueError:
            click.tell("Pick a date in the date picker.")
            return
    else:
        code = str((action.get("selected_option") or {}).get("value", "")).partition(":")[0]
        picked = snooze_target(code, today)
        if picked is None:
            picker = date_picker_blocks(current, today, click.block_id, show_owner=click.show_owner)
            redraw(click, current, picker, home=True)
            return
        until = picked
    _snooze(click, current, until)


def snooze_cancel(
    body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
) -> None:
    """Cancel picking a date: the follow-up's buttons come back."""
    click = Click.of(body, client, respond, context)
    current = _current(click)
    if current is not None:
        redraw(click, current, None, home=True)


def reassign(
    body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
) -> None:
    """Hand the follow-up to the person picked, and tell them."""
    click = Click.of(body, client, respond, context)
    to_user = body["actions"][0].get("selected_user")
    if not to_user:
        return
    outcome = _act(
        click,
        reassign_follow_up,
        to_user=to_user,
        tz=click.deps.zones.of(client, click.team_id, to_user),
    )
    if outcome is None:
        return
    settle(click, outcome, f"👉 Reassigned to {user(to_user)}")
    if outcome.changed and to_user != click.clicker:
        text, blocks = handed_to_you(outcome.follow_up, click.today(to_user), click.clicker)
        notify(client, user_id=to_user, channel_id=None, text=text, blocks=dicts(blocks))


def settle(click: Click, outcome: Outcome, verb: str) -> None:
    """Show the result where the click happened, and redraw the App Homes concerned."""
    f = outcome.follow_up
    if not outcome.changed:
        when = ""
        if f.closed_at is not None:
            tz = click.deps.zones.of(click.client, click.team_id, click.clicker)
            when = f" on {local_day(f.closed_at, tz)} at {f.closed_at.astimezone(tz):%H:%M}"
        state = "done" if f.status is FollowUpStatus.DONE else f.status.value
        verb = f"Already {state} by {user(f.closed_by)}{when} — nothing changed"
        click.tell(f"{verb}.")
    redraw(click, f, closed_line(f, verb))
    people = {click.clicker, f.owner_user_id, outcome.previous_owner_user_id} - {None}
    for person in sorted(str(p) for p in people):
        click.deps.redraw_home(click.client, click.team_id, person)


def redraw(click: Click, f: FollowUpView, new: list[Block] | None, *, home: bool = False) -> None:
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
    else:
        blocks = _same_list(click, f, new)
    click.respond(text="Follow-ups", blocks=blocks, replace_original=True)


def _same_list(click: Click, f: FollowUpView, new: list[Block] | None) -> Blocks:
    """The ephemeral list the click came from, as it was: items acted on earlier keep their
    lines (their ids ride in the block ids, as Slack never sends an ephemeral message back),
    the item pressed shows `new` (None: its buttons)."""
    acted = [i for i in click.acted if i != f.id]
    earlier: list[FollowUpView] = []
    with click.deps.sessions() as session:
        for follow_up_id in acted:
            try:
                earlier.append(get_follow_up(session, click.team_id, follow_up_id))
            except NotFound:
                continue
    today = click.today(click.clicker)
    replaced = {e.id: state_line(e, today) for e in earlier}
    if new is not None:
        replaced[f.id] = new
        acted.append(f.id)
    return list_blocks(
        click.deps,
        click.client,
        click.team_id,
        click.clicker,
        click.scope,
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


def _current(click: Click) -> FollowUpView | None:
    try:
        with click.deps.sessions() as session:
            return get_follow_up(session, click.team_id, click.follow_up_id)
    except NotFound:
        click.tell(GONE)
        return None


def _complete(click: Click) -> Outcome | None:
    return _act(click, complete_follow_up)


def _act(click: Click, operation: Callable[..., Outcome], **details: Any) -> Outcome | None:
    """Apply a storage operation to the follow-up clicked; None (and a note) when it is gone or
    the change is refused."""
    try:
        with click.deps.sessions.begin() as session:
            return operation(
                session,
                click.team_id,
                click.follow_up_id,
                by=click.clicker,
                now=click.deps.clock.now(),
                **details,
            )
    except NotFound:
        click.tell(GONE)
    except InvalidInput as exc:
        click.tell(f"{escape(exc.message)} Nothing changed.")
    return None


def _snooze(click: Click, current: FollowUpView, until: date) -> None:
    owner = current.owner_user_id or click.clicker
    tz = click.deps.zones.of(click.client, click.team_id, owner)
    outcome = _act(click, snooze_follow_up, until=until, tz=tz)
    if outcome is not None:
        settle(click, outcome, f"😴 Snoozed to {day(until)}")
