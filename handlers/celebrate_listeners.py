"""`/celebrate`: thank a partner in public, and remember when they were last thanked."""

from __future__ import annotations

import re
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.models.blocks import ContextBlock, MarkdownTextObject, SectionBlock

from handlers.deps import Deps
from handlers.mrkdwn import escape, quote, user
from handlers.render_partners import Blocks, text_blocks
from storage.contact_lookup import resolve_partner_prefix
from storage.partners import mark_thanked
from storage.views import PartnerView
from storage.workspaces import celebration_channel, set_celebration_channel

USAGE = """*Celebrate a partner* in public:
• `/celebrate Acme hosted 12 students for job shadow day` — posts a thank-you spotlight
• `/celebrate channel #partner-wins` — where spotlights go (`/celebrate channel here` to post
  in whichever channel you type it)"""
_CHANNEL = re.compile(r"^<#(C[A-Z0-9]+)(?:\|[^>]*)?>$")


def _ephemeral(text: str, blocks: Blocks | None = None) -> dict[str, Any]:
    return {"response_type": "ephemeral", "text": text, "blocks": blocks or text_blocks(text)}


def spotlight(partner: PartnerView, story: str, by: str) -> tuple[str, Blocks]:
    """The public thank-you message."""
    text = f"🎉 Thank you, {partner.name}!"
    blocks = [
        SectionBlock(text=f"🎉 *Thank you, {quote(partner.name, 150)}!*\n{quote(story, 2500)}"),
        ContextBlock(elements=[MarkdownTextObject(text=f"Shared by {user(by)} with partnerbot")]),
    ]
    return text, [b.to_dict() for b in blocks]


def register(app: App, deps: Deps) -> None:
    """Register `/celebrate`."""

    @app.command("/celebrate")
    def celebrate(ack: Ack, command: dict[str, Any], client: WebClient) -> None:
        team_id, user_id = command["team_id"], command["user_id"]
        typed = " ".join((command.get("text") or "").split())
        verb, _, rest = typed.partition(" ")
        if not typed or verb.casefold() in ("help", "?"):
            ack(**_ephemeral(USAGE))
            return
        if verb.casefold() == "channel":
            ack(**choose_channel(team_id, rest))
            return
        with deps.sessions() as session:
            found, story, words = resolve_partner_prefix(session, team_id, typed)
            target = celebration_channel(session, team_id) or command.get("channel_id")
        partner = found.single
        if partner is None:
            names = ", ".join(f"*{quote(p.name, 80)}*" for p in found.candidates)
            why = (
                f"“{quote(words, 100)}” could be {names}"
                if names
                else (f"I don't know a partner called “{quote(words, 100)}”")
            )
            ack(**_ephemeral(f"{why}. Write the name as it is on `/partner list`.\n\n{USAGE}"))
            return
        if not story.strip():
            ack(**_ephemeral(f"What did *{quote(partner.name, 120)}* do? e.g. `{USAGE_EXAMPLE}`"))
            return
        text, blocks = spotlight(partner, story, user_id)
        try:
            client.chat_postMessage(channel=str(target), text=text, blocks=blocks)
        except SlackApiError as exc:
            error = str(exc.response.get("error", "unknown_error"))
            ack(
                **_ephemeral(
                    f"I couldn't post in that channel ({escape(error)}). Invite partnerbot there, "
                    "or choose a channel with `/celebrate channel #partner-wins`. "
                    "Nothing was posted."
                )
            )
            return
        with deps.sessions.begin() as session:
            mark_thanked(session, team_id, partner.id, now=deps.clock.now())
        where = f"<#{target}>" if str(target).startswith("C") else "this conversation"
        ack(**_ephemeral(f"🎉 Posted a thank-you for *{quote(partner.name, 120)}* in {where}."))

    def choose_channel(team_id: str, rest: str) -> dict[str, Any]:
        wanted = rest.strip()
        match = _CHANNEL.match(wanted)
        if wanted.casefold() in ("here", "none", "off"):
            channel = None
        elif match:
            channel = match.group(1)
        else:
            return _ephemeral(
                "Pick the channel with a #mention: `/celebrate channel #partner-wins` "
                "(or `/celebrate channel here`)."
            )
        with deps.sessions.begin() as session:
            set_celebration_channel(session, team_id, channel, now=deps.clock.now())
        if channel is None:
            return _ephemeral("Spotlights now go to the channel where `/celebrate` is typed.")
        return _ephemeral(f"Spotlights now go to <#{channel}>. Make sure partnerbot is in it.")


USAGE_EXAMPLE = "/celebrate Acme hosted 12 students for job shadow day"
