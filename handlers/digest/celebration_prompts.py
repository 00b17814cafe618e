"""The digest's "Celebrations to post", as plain dicts. Pure."""

from __future__ import annotations

from handlers.celebrations.sections import IN_DIGEST, prompt_lines
from handlers.common.blocks import Blocks
from storage.celebrations import PromptView


def celebrations_to_post(prompts: list[PromptView], budget: int) -> tuple[Blocks, int]:
    """The digest's "Celebrations to post" within `budget` blocks, and how many did not fit."""
    return prompt_lines(prompts, IN_DIGEST, budget)
