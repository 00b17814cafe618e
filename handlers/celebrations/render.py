"""Block Kit for celebrations, as plain dicts: the public spotlight, a prompt (to post a
thank-you) with its buttons, what became of it, and the spotlight form. Pure."""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

from handlers.celebrations import ids
from handlers.common.blocks import BUTTON_VALUE_LIMIT, SECTION_TEXT_LIMIT, Blocks
from handlers.common.mrkdwn import clip, day, escape, quote, user
from storage.celebrations import PromptView
from storage.records import PartnerView

USAGE_EXAMPLE = "/celebrate Acme hosted 12 students for job shadow day"
USAGE = f"""*Celebrate a partner* in public:
• `{USAGE_EXAMPLE}` — posts a thank-you spotlight
• `/celebrate channel #partner-wins` — where spotlights go (`/celebrate channel here` to post
  in whichever channel you type it)
• `/celebrate year` — this school year's recognition: each partner's engagements, students
  served and thank-yous, as a message and a CSV file"""
MAX_STORY = 2500


def _section(text: str, block_id: str | None = None, **extra: Any) -> dict[str, Any]:
    block: dict[str, Any] = {
        "type": "section",
        "text": {"type": "mrkdwn", "text": clip(text, SECTION_TEXT_LIMIT)},
        **extra,
    }
    if block_id:
        block["block_id"] = block_id
    return block


def _context(text: str, block_id: str | None = None) -> dict[str, Any]:
    block: dict[str, Any] = {
        "type": "context",
        "elements": [{"type": "mrkdwn", "text": clip(text, SECTION_TEXT_LIMIT)}],
    }
    if block_id:
        block["block_id"] = block_id
    return block


def button(text: str, action_id: str, value: str, style: str | None = None) -> dict[str, Any]:
    """A button element."""
    element: dict[str, Any] = {
        "type": "button",
        "text": {"type": "plain_text", "text": text, "emoji": True},
        "action_id": action_id,
        "value": value,
    }
    if style:
        element["style"] = style
    return element


def spotlight(partner: PartnerView, story: str, by: str) -> tuple[str, Blocks]:
    """The public thank-you message: its notification text and its blocks, user text escaped."""
    text = f"🎉 Thank you, {quote(partner.name, 150)}!"
    blocks = [
        _section(f"🎉 *Thank you, {quote(partner.name, 150)}!*\n{quote(story, MAX_STORY)}"),
        _context(f"Shared by {user(by)} with partnerbot"),
    ]
    return text, blocks


def may_name_a_student(typed: str, names: list[str]) -> dict[str, Any]:
    """`/celebrate`'s warning, nothing posted: the names that may be a student's, with a "Post
    anyway" button carrying what was typed (when it fits)."""
    listed = ", ".join(f"“{quote(n, 60)}”" for n in names[:3])
    text = (
        f"⚠️ This thank-you may name a student ({listed}). Nothing was posted. Partners are "
        "thanked in public, so leave students' names out and send it again:\n"
        f"```{clip(escape(typed), 2800)}```"
    )
    blocks = [_section(text)]
    value = json.dumps({"t": typed}, ensure_ascii=False)
    if len(value) <= BUTTON_VALUE_LIMIT:  # quotes and backslashes count twice once in JSON
        blocks.append(
            {
                "type": "actions",
                "elements": [button("Post anyway — it names no student", ids.POST_ANYWAY, value)],
            }
        )
    return {"response_type": "ephemeral", "text": text, "blocks": blocks}


_RELATIVE_DAY = re.compile(
    r"\b(?:today|yesterday|tonight|last night|this (?:morning|afternoon|evening))\b",
    re.IGNORECASE,
)


def dated(prompt: PromptView, *, say_day: bool = False) -> str:
    """The win's headline naming its day ("… signed the MOU on Tue Dec 1"), never "today" or
    "yesterday", which stop being true by the time it is read; with `say_day`, the day is
    added when the headline names none."""
    on = f"on {day(prompt.happened_on)}"
    text, found = _RELATIVE_DAY.subn(on, prompt.headline)
    if not found and say_day:
        text = f"{text.rstrip(' .!')} {on}"
    return text


def where_to(channel: str | None) -> str:
    """ "in <#C…>", or a hint to choose the celebration channel."""
    return f"in <#{channel}>" if channel else "(choose a channel in the form)"


def prompt_question(prompt: PromptView, channel: str | None) -> str:
    """ "Acme hosted 12 students for job shadow day — post a thank-you in #partner-wins?" """
    text = quote(dated(prompt, say_day=True), 300)
    return f"🎉 *{text}* — post a thank-you {where_to(channel)}?"


def prompt_value(prompt: PromptView) -> str:
    """What a prompt's buttons carry: the prompt and the round they ask about."""
    return f"{prompt.id}:{prompt.round}"


def prompt_blocks(prompt: PromptView, channel: str | None, where: str) -> Blocks:
    """A prompt with Post spotlight, Not now and Already thanked (the DM that asks)."""
    key = f"{ids.PROMPT_BLOCK}:{prompt.id}:{where}"
    value = prompt_value(prompt)
    return [
        _section(prompt_question(prompt, channel), key),
        {
            "type": "actions",
            "block_id": f"{key}:act",
            "elements": [
                button("Post spotlight", ids.POST, value, "primary"),
                button("Not now", ids.LATER, value),
                button("Already thanked", ids.THANKED, value),
            ],
        },
    ]


def render_prompt(prompt: PromptView, channel: str | None) -> tuple[str, Blocks]:
    """The DM asking a win's owner to post a thank-you: notification text and blocks."""
    text = f"🎉 {quote(dated(prompt, say_day=True), 200)} — post a thank-you?"
    return text, prompt_blocks(prompt, channel, ids.IN_DM)


def prompt_line(prompt: PromptView, where: str) -> Blocks:
    """A prompt in a list (the digest, the App Home): one line and a Post spotlight button."""
    key = f"{ids.PROMPT_BLOCK}:{prompt.id}:{where}"
    text = f"{quote(dated(prompt), 300)} · _{day(prompt.happened_on)}_"
    post = button("Post spotlight", ids.POST, prompt_value(prompt))
    return [_section(text, key, accessory=post)]


def posted_line(prompt: PromptView, channel: str | None, by: str) -> str:
    """What a prompt shows once its spotlight is posted."""
    where = f" in <#{channel}>" if channel and channel[:1] in "CG" else ""
    return (
        f"🎉 {user(by)} posted a spotlight{where}: *{quote(dated(prompt), 300)}*. "
        f"{quote(prompt.partner_name, 150)} is marked thanked."
    )


def thanked_line(prompt: PromptView, by: str, today: date) -> str:
    """What a prompt shows once someone said the partner was already thanked."""
    return (
        f"✅ {user(by)} marked *{quote(prompt.partner_name, 150)}* thanked ({day(today)}): "
        f"{quote(dated(prompt), 300)}"
    )


def later_line(prompt: PromptView, on: date) -> str:
    """What a prompt shows after Not now."""
    return f"⏰ {quote(dated(prompt), 300)} — I'll ask again on {day(on)}."


def settled_line(prompt: PromptView, today: date) -> str:
    """What a prompt shows when a click comes after it was settled."""
    if prompt.resolved_by is None:
        return later_line(prompt, prompt.ask_after.date())
    if prompt.status.value == "posted":
        return posted_line(prompt, None, prompt.resolved_by)
    return thanked_line(prompt, prompt.resolved_by, today)


def state_blocks(prompt: PromptView, line: str, where: str) -> Blocks:
    """A prompt's blocks once acted on: one line, in place of its buttons."""
    return [_context(line, f"{ids.PROMPT_BLOCK}:{prompt.id}:{where}")]


def replace_prompt(blocks: list[dict[str, Any]], prompt_id: int, new: Blocks) -> Blocks:
    """`blocks` with one prompt's blocks swapped for `new` (to update a message in place)."""
    out: Blocks = []
    inserted = False
    for block in blocks:
        if str(block.get("block_id", "")).startswith(f"{ids.PROMPT_BLOCK}:{prompt_id}:"):
            if not inserted:
                out.extend(new)
                inserted = True
            continue
        out.append(dict(block))
    return out


def default_story(prompt: PromptView) -> str:
    """The thank-you the form starts with: the win, editable."""
    headline = dated(prompt).rstrip(".!")
    return f"{headline}. Thank you for all you do for our students!"


def spotlight_form(
    prompt: PromptView,
    *,
    story: str,
    channel: str | None,
    meta: dict[str, Any],
    warning: list[str] | None = None,
) -> dict[str, Any]:
    """The Post spotlight form: the thank-you (editable) and the channel; after a warning that
    the text may name a student, a "post anyway" box."""
    blocks: Blocks = [
        _context(f"For *{quote(prompt.partner_name, 150)}* — {quote(dated(prompt), 300)}"),
        {
            "type": "input",
            "block_id": ids.TEXT,
            "label": {"type": "plain_text", "text": "Thank-you"},
            "element": {
                "type": "plain_text_input",
                "action_id": "value",
                "multiline": True,
                "max_length": MAX_STORY,
                "initial_value": story[:MAX_STORY],
            },
            "hint": {
                "type": "plain_text",
                "text": "Name the business and what it did — never a student's name.",
            },
        },
        {
            "type": "input",
            "block_id": ids.CHANNEL,
            "label": {"type": "plain_text", "text": "Post in"},
            "element": {
                "type": "conversations_select",
                "action_id": "value",
                "filter": {"include": ["public", "private"], "exclude_bot_users": True},
                **({"initial_conversation": channel} if channel else {}),
            },
        },
    ]
    if warning:
        names = ", ".join(f"“{quote(n, 60)}”" for n in warning[:5])
        blocks.append(
            _section(
                f"⚠️ This seems to name a student: {names}. partnerbot never names students — "
                "edit the text, or tick the box if it is not a student "
                "(a business contact, a teacher)."
            )
        )
        blocks.append(
            {
                "type": "input",
                "block_id": ids.CONFIRM,
                "optional": True,
                "label": {"type": "plain_text", "text": "No student is named"},
                "element": {
                    "type": "checkboxes",
                    "action_id": "value",
                    "options": [
                        {
                            "text": {"type": "plain_text", "text": "Post anyway"},
                            "value": "yes",
                        }
                    ],
                },
            }
        )
    return {
        "type": "modal",
        "callback_id": ids.VIEW_SPOTLIGHT,
        "title": {"type": "plain_text", "text": "Post a spotlight"},
        "submit": {"type": "plain_text", "text": "Post"},
        "close": {"type": "plain_text", "text": "Cancel"},
        "private_metadata": json.dumps(meta),
        "blocks": blocks,
    }
