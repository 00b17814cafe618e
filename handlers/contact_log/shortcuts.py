"""The "Log partner contact" shortcuts (on a message, and global) and the partner typeahead."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from handlers.contact_log.buttons import open_form
from handlers.contact_log.kinds import infer_kind
from handlers.contact_log.render import partner_options
from handlers.contact_log.sections import contact_form
from handlers.deps import Deps, Person
from storage.contact_requests import active_partner_in, partner_choices


def global_shortcut(body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    """The empty contact modal."""
    open_form(Person.of(body, client, context), body["trigger_id"], None)


def message_shortcut(body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    """The contact modal prefilled from the message: its text, the partner it names, the kind
    its words say, the day it was posted (in the clicker's time zone), its permalink; the
    message's author is saved as who said it, the clicker as who logged it."""
    who = Person.of(body, client, context)
    message = body.get("message") or {}
    text = str(message.get("text") or "")
    channel = (body.get("channel") or {}).get("id")
    ts = message.get("ts") or body.get("message_ts")
    permalink = None
    if channel and ts:
        try:
            permalink = client.chat_getPermalink(channel=channel, message_ts=ts).get("permalink")
        except SlackApiError:
            permalink = None
    partner = active_partner_in(who.deps.sessions, who.team_id, text)
    author = message.get("user") or None
    view = contact_form(
        partner=partner,
        text=text,
        kind=infer_kind(text),
        happened_on=_posted_on(who, ts) or who.local_now()[0].date(),
        said_by=author if author != who.user_id else None,
        meta={
            "permalink": permalink,
            "author": author,
            "channel_id": channel,
            "source": f"msg:{channel}:{ts}",
        },
    )
    client.views_open(trigger_id=body["trigger_id"], view=view)


def _posted_on(who: Person, ts: object) -> date | None:
    """The day a message was posted, in the person's time zone (None: no usable ts)."""
    try:
        posted = datetime.fromtimestamp(float(str(ts)), UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return None
    return posted.astimezone(who.zone()).date()


def partner_typeahead(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
    """Options for the modal's partner picker, as the person types."""
    deps = Deps.of(context)
    team_id = body["team"]["id"]
    typed = str(body.get("value") or "").strip()
    ack(options=partner_options(partner_choices(deps.sessions, team_id, typed)))
