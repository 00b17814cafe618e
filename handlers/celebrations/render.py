"""Block Kit for celebrations: the public spotlight. Pure."""

from __future__ import annotations

from slack_sdk.models.blocks import ContextBlock, MarkdownTextObject, SectionBlock

from handlers.common.blocks import Blocks, dicts
from handlers.common.mrkdwn import quote, user
from storage.records import PartnerView

USAGE_EXAMPLE = "/celebrate Acme hosted 12 students for job shadow day"
USAGE = f"""*Celebrate a partner* in public:
• `{USAGE_EXAMPLE}` — posts a thank-you spotlight
• `/celebrate channel #partner-wins` — where spotlights go (`/celebrate channel here` to post
  in whichever channel you type it)"""


def spotlight(partner: PartnerView, story: str, by: str) -> tuple[str, Blocks]:
    """The public thank-you message: its notification text and its blocks, user text escaped."""
    text = f"🎉 Thank you, {quote(partner.name, 150)}!"
    blocks = [
        SectionBlock(text=f"🎉 *Thank you, {quote(partner.name, 150)}!*\n{quote(story, 2500)}"),
        ContextBlock(elements=[MarkdownTextObject(text=f"Shared by {user(by)} with partnerbot")]),
    ]
    return text, dicts(blocks)
