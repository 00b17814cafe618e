"""Block Kit helpers and Slack's limits, shared by every feature's rendering."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from slack_sdk.models.blocks import (
    Block,
    ContextBlock,
    InputBlock,
    MarkdownTextObject,
    PlainTextInputElement,
    SectionBlock,
)

from handlers.common.mrkdwn import clip

Blocks = list[dict[str, Any]]

MESSAGE_BLOCK_LIMIT = 50
VIEW_BLOCK_LIMIT = 100
SECTION_TEXT_LIMIT = 3000
BUTTON_VALUE_LIMIT = 2000


def dicts(blocks: Sequence[Block]) -> Blocks:
    """slack_sdk block models as the plain dicts Slack receives."""
    return [b.to_dict() for b in blocks]


def text_blocks(text: str) -> Blocks:
    """One section of already-safe mrkdwn (clipped to Slack's section limit)."""
    return dicts([SectionBlock(text=clip(text, SECTION_TEXT_LIMIT))])


def fit(sections: Sequence[tuple[str, list[list[Block]]]], budget: int) -> tuple[list[Block], int]:
    """Titled groups of items within `budget` blocks, and how many items did not fit."""
    out: list[Block] = []
    left_out = 0
    for title, items in sections:
        if not items:
            continue
        if len(out) + 2 > budget:
            left_out += len(items)
            continue
        out.append(SectionBlock(text=title))
        for i, item in enumerate(items):
            if len(out) + len(item) > budget:
                left_out += len(items) - i
                break
            out.extend(item)
    return out, left_out


def more_line(left_out: int, hint: str) -> list[Block]:
    """The closing "… and 23 more" line, when something did not fit."""
    if not left_out:
        return []
    return [ContextBlock(elements=[MarkdownTextObject(text=f"… and {left_out} more{hint}")])]


def text_input(
    block_id: str,
    label: str,
    value: str | None,
    *,
    placeholder: str | None = None,
    optional: bool = True,
    multiline: bool = False,
    max_length: int = 200,
) -> InputBlock:
    """A modal's text field (its action id "value", read back by `forms.form_values`)."""
    return InputBlock(
        block_id=block_id,
        label=label,
        optional=optional,
        element=PlainTextInputElement(
            action_id="value",
            initial_value=value or None,
            multiline=multiline,
            max_length=max_length,
            placeholder=placeholder,
        ),
    )
