"""A prompt's buttons — Post spotlight, Not now, Already thanked — wherever it is shown (its
DM, the digest, the App Home), and "I'll thank them" in the weekly nudge. Each runs after the
ack and redraws only the item pressed, in the message (or Home) it was pressed in."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from slack_bolt import BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from handlers.celebrations import ids
from handlers.celebrations.render import (
    default_story,
    later_line,
    replace_prompt,
    settled_line,
    spotlight_form,
    state_blocks,
    thanked_line,
)
from handlers.common.blocks import Blocks
from handlers.common.mrkdwn import quote, user
from handlers.common.replies import tell
from handlers.deps import Deps
from storage import celebrations_requests as requests
from storage.celebrations import PromptView
from storage.models import PromptStatus
from storage.send_log import key_kind

log = logging.getLogger(__name__)
GONE = "That celebration is no longer there (its partner may have been removed)."
ALREADY = "That win was already celebrated (or its partner removed) — nothing to do."


def not_yours(refused: requests.NotYours) -> str:
    """The answer to someone pressing another person's celebration prompt."""
    return (
        f"That celebration prompt is {user(refused.owner)}'s: only they or a program lead can "
        "answer it. Nothing changed."
    )


@dataclass(frozen=True)
class Click:
    """A click on a prompt: who, which prompt and round, and where it was shown."""

    deps: Deps
    client: WebClient
    respond: Respond
    body: dict[str, Any]
    team_id: str
    clicker: str
    prompt_id: int
    round: int
    where: str

    @classmethod
    def of(
        cls, body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
    ) -> Click:
        """Read the click from Slack's block_actions payload."""
        action = body["actions"][0]
        first, _, second = str(action.get("value") or "").partition(":")
        where = [*str(action.get("block_id") or "").split(":"), "", "", ""][2]
        return cls(
            Deps.of(context),
            client,
            respond,
            body,
            body["team"]["id"],
            body["user"]["id"],
            int(first) if first.isdigit() else 0,
            int(second) if second.isdigit() else 0,
            where or ids.IN_DM,
        )

    def today(self) -> date:
        """Today for the clicker."""
        return self.deps.local_now(self.client, self.team_id, self.clicker)[0].date()


def post_spotlight(
    body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
) -> None:
    """Post spotlight: the form, prefilled with an editable thank-you and the channel."""
    click = Click.of(body, client, respond, context)
    start = requests.start_spotlight_form(
        click.deps.sessions, click.team_id, click.prompt_id, by=click.clicker
    )
    prompt = start.prompt
    if prompt is None:
        tell(client, respond, body, GONE)
        return
    if start.not_yours is not None:
        tell(client, respond, body, not_yours(start.not_yours))
        return
    if prompt.status is not PromptStatus.OPEN:
        redraw(click, prompt, settled_line(prompt, click.today()))
        return
    container = body.get("container") or {}
    meta = {
        "p": prompt.id,
        "w": click.where,
        "c": container.get("channel_id"),
        "t": container.get("message_ts"),
    }
    view = spotlight_form(prompt, story=default_story(prompt), channel=start.channel, meta=meta)
    try:
        client.views_open(trigger_id=body["trigger_id"], view=view)
    except SlackApiError as exc:
        log.warning("spotlight form not opened: %s", exc.response.get("error"))
        tell(client, respond, body, "Slack would not open the form — press the button again.")
        return


def not_now(
    body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
) -> None:
    """Not now: ask again in a week."""
    click = Click.of(body, client, respond, context)
    local, tz = click.deps.local_now(client, click.team_id, click.clicker)
    change = requests.not_now(
        click.deps.sessions,
        click.team_id,
        click.prompt_id,
        click.round,
        by=click.clicker,
        now=click.deps.clock.now(),
    )
    if change is None:
        tell(client, respond, body, GONE)
        return
    if isinstance(change, requests.NotYours):
        tell(client, respond, body, not_yours(change))
        return
    prompt = change.prompt
    if change.changed:
        redraw(click, prompt, later_line(prompt, prompt.ask_after.astimezone(tz).date()))
    else:
        redraw(click, prompt, settled_line(prompt, local.date()))


def already_thanked(
    body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
) -> None:
    """Already thanked: the thank-you is recorded, nothing is posted."""
    click = Click.of(body, client, respond, context)
    today = click.today()
    change = requests.thanked_outside(
        click.deps.sessions,
        click.team_id,
        click.prompt_id,
        by=click.clicker,
        now=click.deps.clock.now(),
    )
    if change is None:
        tell(client, respond, body, GONE)
        return
    if isinstance(change, requests.NotYours):
        tell(client, respond, body, not_yours(change))
        return
    line = (
        thanked_line(change.prompt, click.clicker, today)
        if change.changed
        else settled_line(change.prompt, today)
    )
    redraw(click, change.prompt, line)


def redraw(click: Click, prompt: PromptView, line: str) -> None:
    """Swap the prompt's blocks for `line` where it was clicked: a posted message
    (chat.update), else the App Home (redrawn)."""
    container = click.body.get("container") or {}
    message = click.body.get("message") or {}
    if container.get("type") == "view":
        click.deps.redraw_home(click.client, click.team_id, click.clicker)
        return
    blocks = message.get("blocks")
    if not blocks:
        tell(click.client, click.respond, click.body, line)
        return
    new = replace_prompt(blocks, prompt.id, state_blocks(prompt, line, click.where))
    update_message(click.client, container, new, message.get("text"))


def update_message(
    client: WebClient, container: dict[str, Any], blocks: Blocks, text: str | None
) -> None:
    """Replace a posted message's blocks; a Slack failure is logged (the change is saved)."""
    try:
        client.chat_update(
            channel=str(container.get("channel_id")),
            ts=str(container.get("message_ts")),
            text=text or "partnerbot",
            blocks=blocks,
        )
    except SlackApiError as exc:
        log.warning("could not update the message: %s", exc.response.get("error"))


def take(body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext) -> None:
    """I'll thank them (weekly nudge): a follow-up for the clicker, once per item; the item
    says who took it."""
    deps = Deps.of(context)
    team_id, clicker = body["team"]["id"], body["user"]["id"]
    action = body["actions"][0]
    value = str(action.get("value") or "")
    kind, _, raw_id = value.partition(":")
    container = body.get("container") or {}
    message = body.get("message") or {}
    ts = str(container.get("message_ts") or message.get("ts") or "0")
    now, tz = deps.local_now(client, team_id, clicker)
    taken = requests.take_nudge_item(
        deps.sessions,
        team_id,
        clicker,
        (kind, int(raw_id) if raw_id.isdigit() else 0),
        key=key_kind("cel:take", f"{container.get('channel_id')}:{ts}:{value}"),
        posted_on=datetime.fromtimestamp(float(ts or 0), UTC).date(),
        tz=tz,
        now=now,
    )
    if not taken.note:
        tell(client, respond, body, ALREADY)
        return
    if not taken.took:
        tell(client, respond, body, "Someone already said they'd thank them — see the message.")
        return
    block_id = str(action.get("block_id") or "")
    blocks = [
        _taken(b, clicker) if b.get("block_id") == block_id else dict(b)
        for b in message.get("blocks") or []
    ]
    if blocks:
        update_message(client, container, blocks, message.get("text"))
    tell(
        client,
        respond,
        body,
        f"📝 Added a follow-up for today: _{quote(taken.note, 200)}_ — it is in `/followup`.",
    )


def _taken(block: dict[str, Any], clicker: str) -> dict[str, Any]:
    """A nudge item once someone said they'd thank them: its text, who, no button."""
    text = str((block.get("text") or {}).get("text") or "")
    return {
        "type": "section",
        "block_id": block.get("block_id"),
        "text": {"type": "mrkdwn", "text": f"{text} — ✋ {user(clicker)} will thank them"},
    }
