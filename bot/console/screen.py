"""What the bot sent to the fake Slack, printed as the console shows it: messages, ephemerals
and the App Home, their buttons and selects numbered for `press N`."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from slack_bolt import BoltResponse

from bot.console.render import render_blocks
from bot.console.session import CHANNEL_ID, ConsoleSession, Modal, Shown

QUIET_METHODS = {"auth.test", "users.info", "users.list", "conversations.open", "chat.getPermalink"}


class ConsoleScreen(ConsoleSession):
    """A console session that shows what the bot sends."""

    def _show_message(
        self,
        heading: str,
        message: Mapping[str, Any],
        *,
        container: dict[str, Any],
        response_url: str | None = None,
        view: dict[str, Any] | None = None,
    ) -> None:
        blocks = message.get("blocks") or []
        rendered = render_blocks(
            blocks,
            self.name_of,
            first_number=len(self.shown) + 1,
            fallback_text=str(message.get("text") or ""),
        )
        self._print(heading)
        for line in rendered.lines:
            self._print(f"  {line}")
        stored = {"type": "message", "text": message.get("text", ""), "blocks": blocks}
        for element in rendered.elements:
            self.shown.append(Shown(element, container, message=stored, response_url=response_url))

    def _show_ack(self, response: BoltResponse, response_url: str | None) -> dict[str, Any]:
        if response.status == 401:
            self._print("partnerbot: (request refused: bad signature)")
            return {}
        if response.status == 404:
            return {"unhandled": True}
        if not response.body:
            return {}
        try:
            body = json.loads(response.body)
        except ValueError:
            self._print(f"partnerbot: {response.body}")
            return {}
        if not isinstance(body, dict):
            return {}
        if "response_action" not in body and (body.get("text") or body.get("blocks")):
            self._show_message(
                "partnerbot (only visible to you):",
                body,
                container={
                    "type": "message",
                    "message_ts": "0",
                    "channel_id": CHANNEL_ID,
                    "is_ephemeral": True,
                },
                response_url=response_url,
            )
        return body

    def _flush(self) -> None:
        """Print what the bot sent to Slack since the last flush."""
        for call in self._take_calls():
            if call.method in QUIET_METHODS or call.failed:
                continue
            body = call.body
            if call.method == "response_url":
                if body.get("delete_original"):
                    self._print("partnerbot: (removed the message above)")
                    continue
                heading = (
                    "partnerbot (updates the message above):"
                    if body.get("replace_original")
                    else "partnerbot (only visible to you):"
                )
                self._show_message(
                    heading,
                    body,
                    container={
                        "type": "message",
                        "message_ts": "0",
                        "channel_id": CHANNEL_ID,
                        "is_ephemeral": True,
                    },
                    response_url=self.slack.response_url(),
                )
            elif call.method in ("chat.postMessage", "chat.postEphemeral", "chat.update"):
                channel = str(body.get("channel", ""))
                self._show_message(
                    self._heading(call.method, channel, body),
                    body,
                    container={
                        "type": "message",
                        "message_ts": str(body.get("ts", "0")),
                        "channel_id": channel,
                        "is_ephemeral": call.method == "chat.postEphemeral",
                    },
                    response_url=self.slack.response_url(),
                )
            elif call.method in ("views.open", "views.push"):
                view = body.get("view")
                if isinstance(view, dict):
                    view.setdefault("id", f"V{next(self._ids):08d}")
                    self.modal = Modal(view)
            elif call.method == "views.update" and self.modal is not None:
                view = body.get("view")
                if isinstance(view, dict):
                    self.modal = Modal({**view, "id": self.modal.view.get("id")})
            elif call.method == "views.publish":
                view = body.get("view")
                if isinstance(view, dict) and body.get("user_id") == self.user.id:
                    self._show_message(
                        "App Home:",
                        view,
                        container={"type": "view", "view_id": "VHOME"},
                        view={**view, "id": "VHOME"},
                    )
        if self.modal is not None:
            self._fill_modal()

    def _heading(self, method: str, channel: str, body: Mapping[str, Any]) -> str:
        if method == "chat.update":
            return "partnerbot (updated a message):"
        if method == "chat.postEphemeral":
            return f"partnerbot (only visible to @{self.name_of(str(body.get('user', '')))}):"
        if channel.startswith(("U", "W", "D")):
            person = self.name_of(channel if channel[0] != "D" else "U" + channel[1:])
            return f"partnerbot → DM to @{person}:"
        return f"partnerbot in #{channel}:"

    def _fill_modal(self) -> None:
        """Ask for the open modal's fields and submit them (see `forms.ConsoleForms`)."""
        raise NotImplementedError
