"""Modals in the console: each input asked for in turn, then submitted as Slack would
(`view_submission`, and `block_suggestion` for external selects)."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from bot.console import payloads
from bot.console.render import render_blocks
from bot.console.screen import ConsoleScreen
from bot.console.session import Modal


class ConsoleForms(ConsoleScreen):
    """A console session that fills in the modals the bot opens."""

    def _fill_modal(self) -> None:
        errors: dict[str, str] = {}
        while self.modal is not None:
            modal = self.modal
            view = modal.view
            title = (view.get("title") or {}).get("text", "Form")
            self._print(f"┌ {title}" + (" (fix the fields below)" if errors else ""))
            for block in view.get("blocks") or []:
                if block.get("type") != "input":
                    rendered = render_blocks([block], self.name_of)
                    for line in rendered.lines:
                        self._print(f"│ {line}")
                    continue
                block_id = str(block.get("block_id"))
                if errors and block_id not in errors:
                    continue
                if block_id in errors:
                    self._print(f"│ ⚠ {errors[block_id]}")
                answer = self._ask_input(block, modal)
                if answer is None:
                    self._print("└ form closed")
                    self.modal = None
                    return
                modal.answers[block_id] = answer
            self._print("└ submitted")
            errors = self._submit(modal)
            if self.modal is modal and not errors:
                self.modal = None
            self._flush_without_modal()

    def _flush_without_modal(self) -> None:
        pending = self.modal
        self.modal = None
        self._flush()
        if self.modal is None:
            self.modal = pending

    def _ask_input(self, block: Mapping[str, Any], modal: Modal) -> dict[str, Any] | None:
        element = block.get("element") or {}
        kind = element.get("type")
        action_id = element.get("action_id", "value")
        label = (block.get("label") or {}).get("text", "")
        optional = " (optional)" if block.get("optional") else ""
        if kind in ("static_select", "external_select"):
            options = list(element.get("options") or [])
            initial = (element.get("initial_option") or {}).get("text", {}).get("text", "")
            if kind == "static_select":
                listing = ", ".join(
                    f"{i}) {o['text']['text']}" for i, o in enumerate(options, start=1)
                )
                self._print(f"│ {label}: {listing}")
            while True:
                answer = self._ask(f"│ {label}{optional} [{initial}]: ")
                if answer is None or answer.strip() == "/cancel":
                    return None
                if not answer.strip() and initial:
                    return {"type": kind, "selected_option": element.get("initial_option")}
                if not answer.strip() and block.get("optional"):
                    return {"type": kind, "selected_option": None}
                if kind == "external_select":
                    options = self._suggest(modal, block, element, answer)
                chosen = choose(options, answer)
                if chosen is not None:
                    return {"type": kind, "selected_option": chosen}
                self._print(f"│ ⚠ “{answer}” is not one of the choices.")
        if kind == "users_select":
            initial = element.get("initial_user")
            shown = f"@{self.name_of(initial)}" if initial else ""
            answer = self._ask(f"│ {label}{optional} (a name like @maria) [{shown}]: ")
            if answer is None or answer.strip() == "/cancel":
                return None
            if not answer.strip():
                return {"type": kind, "selected_user": initial}
            return {"type": kind, "selected_user": self.local_user(answer).id}
        if kind == "conversations_select":
            initial = element.get("initial_conversation") or ""
            shown = f"#{self.channel_name(initial)}" if initial else ""
            answer = self._ask(f"│ {label}{optional} (a channel like #partner-wins) [{shown}]: ")
            if answer is None or answer.strip() == "/cancel":
                return None
            typed = answer.strip()
            picked = (
                typed
                if re.fullmatch(r"[CGD][A-Z0-9]{8,}", typed)
                else self.channel_id(typed)
                if typed
                else initial
            )
            return {"type": kind, "selected_conversation": picked or None}
        if kind == "checkboxes":
            names = ", ".join(o["text"]["text"] for o in element.get("options") or [])
            answer = self._ask(f"│ {label}{optional} — {names}? (y/N): ")
            if answer is None or answer.strip() == "/cancel":
                return None
            ticked = list(element.get("options") or []) if answer.strip().lower()[:1] == "y" else []
            return {"type": kind, "selected_options": ticked}
        if kind == "datepicker":
            initial = element.get("initial_date") or ""
            answer = self._ask(f"│ {label}{optional} (YYYY-MM-DD) [{initial}]: ")
            if answer is None or answer.strip() == "/cancel":
                return None
            value = answer.strip() or initial
            return {"type": kind, "selected_date": None if value == "-" else value or None}
        initial = element.get("initial_value") or ""
        shown = initial if len(initial) <= 60 else initial[:57] + "…"
        answer = self._ask(f"│ {label}{optional} [{shown}]: ")
        if answer is None or answer.strip() == "/cancel":
            return None
        value = initial if answer == "" else ("" if answer.strip() == "-" else answer)
        return {"type": kind or "plain_text_input", "value": value or None, "_action": action_id}

    def _suggest(
        self, modal: Modal, block: Mapping[str, Any], element: Mapping[str, Any], typed: str
    ) -> list[dict[str, Any]]:
        payload = payloads.block_suggestion(
            self.workspace,
            self.user.id,
            modal.view,
            action_id=str(element.get("action_id")),
            block_id=str(block.get("block_id")),
            value=typed,
            user_name=self.user.name,
        )
        response = self._interactive(payload)
        try:
            body = json.loads(response.body or "{}")
        except ValueError:
            return []
        options = body.get("options") or []
        for group in body.get("option_groups") or []:
            options.extend(group.get("options") or [])
        if options:
            self._print("│   " + ", ".join(o["text"]["text"] for o in options[:10]))
        return list(options)

    def _submit(self, modal: Modal) -> dict[str, str]:
        values: dict[str, dict[str, Any]] = {}
        for block in modal.view.get("blocks") or []:
            if block.get("type") != "input":
                continue
            block_id = str(block.get("block_id"))
            action_id = str((block.get("element") or {}).get("action_id", "value"))
            answer = {k: v for k, v in modal.answers.get(block_id, {}).items() if k != "_action"}
            values[block_id] = {action_id: answer}
        payload = payloads.view_submission(
            self.workspace,
            self.user.id,
            modal.view,
            values,
            trigger_id=self.ids.trigger_id(),
            user_name=self.user.name,
        )
        body = self._show_ack(self._interactive(payload), None)
        action = body.get("response_action")
        if action == "errors":
            return {str(k): str(v) for k, v in (body.get("errors") or {}).items()}
        if action in ("update", "push") and isinstance(body.get("view"), dict):
            self.modal = Modal({**body["view"], "id": modal.view.get("id")})
        return {}


def choose(options: list[dict[str, Any]], answer: str) -> dict[str, Any] | None:
    """The option `answer` names: its number, value or text (or the only one)."""
    answer = answer.strip()
    if answer.isdigit() and 1 <= int(answer) <= len(options):
        return options[int(answer) - 1]
    folded = answer.casefold()
    for option in options:
        text = str(option["text"]["text"]).casefold()
        if folded in (str(option.get("value", "")).casefold(), text) or text.endswith(f" {folded}"):
            return option
    return options[0] if len(options) == 1 and folded else None
