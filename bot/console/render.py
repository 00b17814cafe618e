"""Block Kit as terminal text, for the console: pure functions, numbered interactive elements."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|([^>]*))?>")
_CHANNEL = re.compile(r"<#([CGD][A-Z0-9]+)(?:\|([^>]*))?>")
_LINK = re.compile(r"<((?:https?://|mailto:|tel:)[^|>]+)(?:\|([^>]*))?>")
_SPECIAL = re.compile(r"<!(\w+)(?:\|([^>]*))?>")
_UNLABELLED = {
    "users_select": "a person",
    "datepicker": "a date",
    "conversations_select": "a channel",
    "static_select": "an option",
    "external_select": "an option",
}


@dataclass(frozen=True)
class Element:
    """A button or select the person can press, with the block it sits in."""

    element: Mapping[str, Any]
    block_id: str

    @property
    def kind(self) -> str:
        """Slack's element type, e.g. "button", "static_select"."""
        return str(self.element.get("type", ""))

    @property
    def label(self) -> str:
        """What the person sees on it (a menu: its choices; never an internal id)."""
        if self.kind == "overflow":
            options = self.element.get("options") or []
            return "⋯ " + " / ".join(str(o["text"]["text"]) for o in options)
        text = self.element.get("text") or self.element.get("placeholder") or {}
        if text.get("text"):
            return str(text["text"])
        return _UNLABELLED.get(self.kind, "an option")


@dataclass
class Rendered:
    """Lines to print and the elements they numbered, in order."""

    lines: list[str] = field(default_factory=list)
    elements: list[Element] = field(default_factory=list)


def mrkdwn_to_text(text: str, name_of: Callable[[str], str]) -> str:
    """Slack mrkdwn as a person reads it: mentions as @name, links as text, entities decoded."""
    text = _MENTION.sub(lambda m: "@" + (m.group(2) or name_of(m.group(1))), text)
    text = _CHANNEL.sub(lambda m: "#" + (m.group(2) or name_of(m.group(1))), text)
    text = _LINK.sub(_link, text)
    text = _SPECIAL.sub(lambda m: "@" + m.group(1), text)
    return html.unescape(text)


def _link(match: re.Match[str]) -> str:
    url, label = match.group(1), match.group(2)
    if not label:
        return url
    return label if url.startswith(("mailto:", "tel:")) else f"{label} ({url})"


def _text(obj: Mapping[str, Any] | None, name_of: Callable[[str], str]) -> str:
    if not obj:
        return ""
    raw = str(obj.get("text", ""))
    return mrkdwn_to_text(raw, name_of) if obj.get("type") == "mrkdwn" else raw


def render_blocks(
    blocks: Sequence[Mapping[str, Any]],
    name_of: Callable[[str], str],
    *,
    first_number: int = 1,
    fallback_text: str = "",
) -> Rendered:
    """Render message or modal blocks; every button and select gets a number from `first_number`."""
    out = Rendered()

    def number(element: Mapping[str, Any], block_id: str) -> str:
        out.elements.append(Element(element, block_id))
        n = first_number + len(out.elements) - 1
        label = Element(element, block_id).label
        if element.get("type") in ("button", "overflow"):
            return f"[{n}: {label}]"
        return f"[{n}: choose {label.rstrip('…')}…]"

    if not blocks and fallback_text:
        out.lines.extend(mrkdwn_to_text(fallback_text, name_of).splitlines())
    for block in blocks:
        kind = block.get("type")
        block_id = str(block.get("block_id", ""))
        if kind == "header":
            title = _text(block.get("text"), name_of)
            out.lines += [title.upper(), "=" * min(len(title), 60)]
        elif kind == "section":
            body = _text(block.get("text"), name_of)
            lines = body.splitlines() if body else []
            for f in block.get("fields") or []:
                label, _, value = _text(f, name_of).partition("\n")
                lines.append(f"{label.strip('*')}: {value}" if value else label)
            accessory = block.get("accessory")
            if accessory and accessory.get("type") in (
                "button",
                "static_select",
                "users_select",
                "overflow",
                "external_select",
                "datepicker",
            ):
                tag = number(accessory, block_id)
                lines = [*lines[:-1], f"{lines[-1]}  {tag}"] if lines else [tag]
            out.lines.extend(lines)
        elif kind == "context":
            parts = [_text(e, name_of) for e in block.get("elements") or [] if "text" in e]
            out.lines.append("  " + " · ".join(parts))
        elif kind == "divider":
            out.lines.append("-" * 40)
        elif kind == "actions":
            tags = [number(e, block_id) for e in block.get("elements") or []]
            out.lines.append(" ".join(tags))
        elif kind == "input":
            out.lines.append(f"  {_text(block.get('label'), name_of)}")
        elif kind == "rich_text":
            out.lines.append(_rich_text(block))
    return out


def _rich_text(block: Mapping[str, Any]) -> str:
    parts: list[str] = []
    for section in block.get("elements") or []:
        for element in section.get("elements") or []:
            parts.append(str(element.get("text", element.get("url", ""))))
    return "".join(parts)
