"""Checking rendered Block Kit the way Slack would: slack_sdk's models parse it and write it
back unchanged, within Slack's block and text limits, and no user text can ping anyone."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

from slack_sdk.models.blocks import Block, Option
from slack_sdk.models.views import View

from handlers.common.blocks import (
    MESSAGE_BLOCK_LIMIT,
    SECTION_TEXT_LIMIT,
    VIEW_BLOCK_LIMIT,
    Blocks,
    button,
    context,
    section,
)
from handlers.common.mrkdwn import day, quote
from handlers.school_year.render import busy_flag
from storage.models import Stage
from storage.partners.names import MAX_NAME_LENGTH
from storage.partners.records import MAX_FIELD_LENGTH, MAX_NOTES_LENGTH, MAX_PATHWAYS
from storage.records import PartnerView

NOW = datetime(2026, 11, 23, 15, tzinfo=UTC)
ATTACK = "<!channel> <!here> <!subteam^S1> <@U123> & < > 🎉 *bold* `code` _it_ "
# A user-typed ping, raw (escaped it reads `&lt;!here&gt;`): the samples' user ids are U1, U2.
PING = re.compile(r"<!(?:channel|here|everyone|subteam)|<@U123")


def hostile(length: int) -> str:
    """User text at `length` characters, full of pings, markup and emoji."""
    return (ATTACK * (length // len(ATTACK) + 1))[:length]


def dense(length: int) -> str:
    """User text at `length` characters that escaping makes four times as long."""
    return ("<&>" * (length // 3 + 1))[:length]


FILLS = (hostile, dense)


def date_flags(fill: Callable[[int], str], on: date) -> Blocks:
    """The day-off and busy-season flags as handlers.school_year.sections.date_flags writes
    them (it reads the calendar), for the confirmations that carry them."""
    move = button(f"Move to {day(on)}", "move_to_school_day", value=f"{2**31 - 1}:{on}")
    off = section(f"🏫 {day(on)} is not a school day ({quote(fill(200), 100)}).", accessory=move)
    return [off, context(busy_flag(fill(200), on))]


def texts(value: Any) -> Iterator[str]:
    """Every "text" string anywhere in a block."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "text" and isinstance(item, str):
                yield item
            else:
                yield from texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from texts(item)


def mrkdwn(value: Any) -> Iterator[str]:
    """Every mrkdwn text (what Slack reads mentions in; plain_text never pings)."""
    if isinstance(value, dict):
        if value.get("type") == "mrkdwn" and isinstance(value.get("text"), str):
            yield value["text"]
        for item in value.values():
            yield from mrkdwn(item)
    elif isinstance(value, list):
        for item in value:
            yield from mrkdwn(item)


def inputs(value: Any) -> Iterator[dict[str, Any]]:
    """Every plain_text_input element."""
    if isinstance(value, dict):
        if value.get("type") == "plain_text_input":
            yield value
        for item in value.values():
            yield from inputs(item)
    elif isinstance(value, list):
        for item in value:
            yield from inputs(item)


def assert_valid(blocks: Blocks, limit: int = MESSAGE_BLOCK_LIMIT) -> None:
    """Each block parses into slack_sdk's model, passes its validation and writes back the
    same JSON; within the block limit and the 3,000-character text limit; pings nobody; a
    text field's initial value fits its max_length."""
    assert 0 < len(blocks) <= limit
    for block in blocks:
        model = Block.parse(block)
        assert model is not None, block
        assert model.to_dict() == block  # to_dict() runs the model's validators
        assert all(len(text) <= SECTION_TEXT_LIMIT for text in texts(block))
        for text in mrkdwn(block):
            assert not PING.search(text), text
        for field in inputs(block):
            initial = field.get("initial_value") or ""
            assert len(initial) <= field.get("max_length", 3000), field["action_id"]


def assert_message(text: str, blocks: Blocks) -> None:
    """A message (or ephemeral answer): valid blocks, and a notification text that pings
    nobody."""
    assert text
    assert not PING.search(text), text
    assert_valid(blocks)


def assert_reply(reply: dict[str, Any]) -> None:
    """An ephemeral reply dict ({"text", "blocks"})."""
    assert_message(reply["text"], reply["blocks"])


def assert_view(view: dict[str, Any]) -> None:
    """A modal or Home view (a views.open / views.publish payload): slack_sdk's View writes it
    back unchanged (title, buttons, metadata within limits) and its blocks are valid."""
    assert View(**view).to_dict() == view
    assert_valid(view["blocks"], VIEW_BLOCK_LIMIT)


def assert_options(options: list[dict[str, Any]]) -> None:
    """A typeahead answer: at most 100 options, each what slack_sdk's Option accepts."""
    assert 0 < len(options) <= 100
    for option in options:
        model = Option(text=option["text"]["text"], value=option["value"])
        assert model.to_dict() == option


def partner_view(n: int, fill: Callable[[int], str], *, archived: bool = False) -> PartnerView:
    """A partner with every text field at its longest stored length."""
    return PartnerView(
        id=n, team_id="T1", name=fill(MAX_NAME_LENGTH), stage=Stage.ACTIVE,
        industry=fill(MAX_FIELD_LENGTH), pathways=(fill(MAX_FIELD_LENGTH),) * MAX_PATHWAYS,
        source=fill(MAX_FIELD_LENGTH), notes=fill(MAX_NOTES_LENGTH), owner_user_id="U1",
        cadence_days=None, last_contact_at=NOW - timedelta(days=90),
        last_thanked_at=None if n % 2 else NOW - timedelta(days=200), archived=archived,
    )  # fmt: skip
