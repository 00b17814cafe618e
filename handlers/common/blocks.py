"""Block Kit helpers and Slack's limits, shared by every feature's rendering."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from slack_sdk.models.blocks import (
    Block,
    InputBlock,
    PlainTextInputElement,
)

from handlers.common.mrkdwn import clip

BlockDict = dict[str, Any]
Blocks = list[BlockDict]

MESSAGE_BLOCK_LIMIT = 50
VIEW_BLOCK_LIMIT = 100
SECTION_TEXT_LIMIT = 3000
BUTTON_VALUE_LIMIT = 2000


def dicts(blocks: Sequence[Block | BlockDict]) -> Blocks:
    """slack_sdk block models as the plain dicts Slack receives (plain dicts pass through)."""
    return [b if isinstance(b, dict) else b.to_dict() for b in blocks]


# Plain-dict builders: the same JSON slack_sdk's models produce, without their validation on
# every call (the digest renders hundreds of messages a tick). Callers keep text within
# Slack's limits; tests/test_block_kit.py validates samples of every builder with the models.


def plain(text: str) -> BlockDict:
    """A plain_text object (emoji on, as slack_sdk writes it for buttons and menus)."""
    return {"type": "plain_text", "text": text, "emoji": True}


def section(
    text: str, *, block_id: str | None = None, accessory: BlockDict | None = None
) -> BlockDict:
    """A section block of already-safe mrkdwn."""
    block: BlockDict = {"type": "section", "text": {"type": "mrkdwn", "text": text}}
    if block_id is not None:
        block["block_id"] = block_id
    if accessory is not None:
        block["accessory"] = accessory
    return block


def header(text: str) -> BlockDict:
    """A header block (plain text)."""
    return {"type": "header", "text": {"type": "plain_text", "text": text}}


def context(text: str) -> BlockDict:
    """A context block with one mrkdwn element."""
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": text}]}


def actions(elements: list[BlockDict], *, block_id: str | None = None) -> BlockDict:
    """An actions block."""
    block: BlockDict = {"type": "actions", "elements": elements}
    if block_id is not None:
        block["block_id"] = block_id
    return block


def button(
    text: str, action_id: str, *, value: str | None = None, style: str | None = None
) -> BlockDict:
    """A button element."""
    element: BlockDict = {"type": "button", "action_id": action_id, "text": plain(text)}
    if value is not None:
        element["value"] = value
    if style is not None:
        element["style"] = style
    return element


def static_select(
    action_id: str, placeholder: str, options: Sequence[tuple[str, str]]
) -> BlockDict:
    """A static select menu of (label, value) options."""
    return {
        "type": "static_select",
        "action_id": action_id,
        "placeholder": plain(placeholder),
        "options": [{"text": plain(label), "value": value} for label, value in options],
    }


def user_select(action_id: str, placeholder: str) -> BlockDict:
    """A users select menu."""
    return {"type": "users_select", "action_id": action_id, "placeholder": plain(placeholder)}


def text_blocks(text: str) -> Blocks:
    """One section of already-safe mrkdwn (clipped to Slack's section limit)."""
    return [section(clip(text, SECTION_TEXT_LIMIT))]


def fit(
    sections: Sequence[tuple[str, Sequence[Sequence[Block | BlockDict]]]], budget: int
) -> tuple[Blocks, int]:
    """Titled groups of items within `budget` blocks (as dicts), and how many items did not
    fit."""
    out: Blocks = []
    left_out = 0
    for title, items in sections:
        if not items:
            continue
        if len(out) + 2 > budget:
            left_out += len(items)
            continue
        out.append(section(title))
        for i, item in enumerate(items):
            if len(out) + len(item) > budget:
                left_out += len(items) - i
                break
            out.extend(dicts(item))
    return out, left_out


def more_line(left_out: int, hint: str) -> Blocks:
    """The closing "… and 23 more" line, when something did not fit."""
    if not left_out:
        return []
    return [context(f"… and {left_out} more{hint}")]


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
