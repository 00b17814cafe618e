"""Direct messages to partnerbot: a line sent in its Messages tab is read as a `/contact` (the
same confirmation, Undo and Edit, posted in the DM); anything else gets a short help.

Only a person's own new message is read: bot messages, edits, deletions and other subtypes are
left alone, and a Slack retry of an event already read (the same event_id) does nothing, so a
line is never logged or answered twice."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from handlers.common.blocks import text_blocks
from handlers.contact_log.command import history, log_text
from handlers.contact_log.fixes import undo_last
from handlers.deps import Deps, Person
from storage.contact_requests import claim_message

log = logging.getLogger(__name__)

DM_EVENT = "message.im"
DM_HELP = (
    "I log contacts with partners. Send me one line, like\n"
    "`Acme called Jane about summer internships, follow up next tue`\n"
    "and I save it (you get *Undo* and *Edit*). `/contact help` shows everything I read; "
    "`/partner find WORDS` looks up a partner."
)
_HELLO = frozenset({"hi", "hello", "hey", "help", "?", "thanks", "thank you", "ok", "yo"})


def _poster(client: WebClient, channel: str) -> Callable[..., Any]:
    """A `respond` that posts the reply in the DM (an event has no response URL)."""

    def post(**reply: Any) -> None:
        try:
            client.chat_postMessage(
                channel=channel, text=str(reply.get("text") or ""), blocks=reply.get("blocks")
            )
        except SlackApiError as exc:
            log.warning("could not answer in %s: %s", channel, exc.response.get("error"))

    return post


def _read_by_me(event: dict[str, Any]) -> bool:
    """A person's own new message in a DM with the bot (no bot, no edit, no other subtype)."""
    return (
        event.get("channel_type") == "im"
        and not event.get("subtype")
        and not event.get("bot_id")
        and bool(event.get("user"))
        and bool(event.get("channel"))
    )


def direct_message(
    body: dict[str, Any], event: dict[str, Any], client: WebClient, context: BoltContext
) -> None:
    """Lazy: read a DM as a /contact line, or answer with help."""
    if not _read_by_me(event):
        return
    deps = Deps.of(context)
    team_id = str(context.get("team_id") or body.get("team_id") or event.get("team") or "")
    channel, ts = str(event["channel"]), str(event.get("ts") or "")
    event_id = str(body.get("event_id") or f"{channel}:{ts}")
    if not claim_message(deps.sessions, team_id, event_id, now=deps.clock.now()):
        return  # a retry of a message already read
    who = Person(deps, client, team_id, str(event["user"]))
    respond = _poster(client, channel)
    typed = " ".join(str(event.get("text") or "").split())
    verb, _, rest = typed.partition(" ")
    if verb.casefold() == "history" and rest:
        respond(**history(who, rest, 0))
        return
    if typed.casefold().strip("!.") in ("undo", "undo last"):
        undo_last(who, respond)
        return
    help_reply = {"text": DM_HELP, "blocks": text_blocks(DM_HELP)}
    if not typed or typed.casefold().strip("!.?") in _HELLO:
        respond(**help_reply)
        return
    # A line naming no partner, nor anything that may be one, gets the help too.
    log_text(who, typed, respond, key=f"dm:{channel}:{ts}", unnamed=help_reply)
