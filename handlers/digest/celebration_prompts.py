"""Block Kit for a celebration prompt's DM ("Acme hosted 12 students for job shadow day — post
a thank-you in #partner-wins?") and the digest's "Celebrations to post", as plain dicts. Pure."""

from __future__ import annotations

from handlers.celebrations.sections import IN_DIGEST, IN_DM, prompt_blocks, prompt_lines
from handlers.common.blocks import Blocks
from handlers.common.mrkdwn import quote
from storage.celebrations import PromptView


def render_prompt(prompt: PromptView, channel: str | None) -> tuple[str, Blocks]:
    """The DM asking a win's owner to post a thank-you: notification text and blocks."""
    text = f"🎉 {quote(prompt.headline, 200)} — post a thank-you?"
    return text, prompt_blocks(prompt, channel, IN_DM)


def celebrations_to_post(prompts: list[PromptView], budget: int) -> tuple[Blocks, int]:
    """The digest's "Celebrations to post" within `budget` blocks, and how many did not fit."""
    return prompt_lines(prompts, IN_DIGEST, budget)
