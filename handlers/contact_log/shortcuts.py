"""The "Log partner contact" shortcuts (on a message, and global) and the partner typeahead."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from handlers.contact_log.buttons import open_form
from handlers.contact_log.render import partner_options
from handlers.deps import Deps, Person
from storage.partners.lookup import resolve_partner_prefix
from storage.partners.records import list_partners
from storage.partners.search import find_partners


def global_shortcut(body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    """The empty contact modal."""
    open_form(Person.of(body, client, context), body["trigger_id"], None)


def message_shortcut(body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    """The contact modal prefilled with the message, its permalink and its author."""
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
    with who.deps.sessions() as session:
        found, _, _ = resolve_partner_prefix(session, who.team_id, text)
    open_form(
        who,
        body["trigger_id"],
        found.exact,
        text=text,
        meta={
            "permalink": permalink,
            "author": message.get("user"),
            "channel_id": channel,
            "source": f"msg:{channel}:{ts}",
        },
    )


def partner_typeahead(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
    """Options for the modal's partner picker, as the person types."""
    deps = Deps.of(context)
    team_id = body["team"]["id"]
    typed = str(body.get("value") or "").strip()
    with deps.sessions() as session:
        found = (
            find_partners(session, team_id, typed, limit=25)
            if typed
            else list_partners(session, team_id, limit=25)
        )
    ack(options=partner_options(found))
