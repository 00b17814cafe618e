"""What the bot sent to the fake Slack, printed as the console shows it: messages, ephemerals
and the App Home, their buttons and selects numbered for `press N`."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from slack_bolt import BoltResponse

from bot.console.render import mrkdwn_to_text, render_blocks
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

    def _has_news(self) -> bool:
        """True when the bot posted something visible since the last flush."""
        shown = ("chat.postMessage", "chat.postEphemeral", "chat.update", "file_upload")
        with self._lock:
            return any(c.method in shown and not c.failed for c in self._calls)

    def _retire(self, *, response_url: str | None = None, ts: str | None = None) -> None:
        """The message at `response_url` (or posted at `ts`) was replaced or removed: its
        buttons can no longer be pressed."""
        for shown in self.shown:
            if (response_url is not None and shown.response_url == response_url) or (
                ts is not None and str(shown.container.get("message_ts")) == ts
            ):
                shown.gone = True

    def _flush(self) -> None:
        """Print what the bot sent to Slack since the last flush."""
        for call in self._take_calls():
            if call.method in QUIET_METHODS or call.failed:
                continue
            body = call.body
            if call.method == "response_url" and (
                body.get("delete_original") or body.get("replace_original")
            ):
                self._retire(response_url=self.slack.base_url + call.path)
            elif call.method == "chat.update":
                self._retire(ts=str(body.get("ts")))
            if call.method == "file_upload":
                self.saved_files[str(body["file_id"])] = str(body.get("saved_to") or "")
            elif call.method == "files.completeUploadExternal":
                self._show_upload(body)
            elif call.method == "response_url":
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
                    for shown in self.shown:
                        shown.gone = shown.gone or shown.container.get("view_id") == "VHOME"
                    self._show_message(
                        "App Home:",
                        view,
                        container={"type": "view", "view_id": "VHOME"},
                        view={**view, "id": "VHOME"},
                    )
        if self.modal is not None:
            self._fill_modal()

    def _dm_user(self, channel: str) -> str:
        """Whose DM with the bot `channel` is (`D…` from conversations.open, or a user id)."""
        if channel[:1] != "D":
            return channel
        for candidate in (channel[1:], "U" + channel[1:]):
            if candidate in self.slack.users:
                return candidate
        return channel

    def _show_upload(self, body: Mapping[str, Any]) -> None:
        """files_upload_v2's last step: the file is shared in a channel or DM."""
        channel = str(body.get("channel_id") or "")
        files = body.get("files")
        if isinstance(files, str):
            try:
                files = json.loads(files)
            except ValueError:
                files = []
        listed = [f for f in files if isinstance(f, dict)] if isinstance(files, list) else []
        where = self._heading("chat.postMessage", channel, body) if channel else "partnerbot:"
        self._print(where)
        comment = str(body.get("initial_comment") or "")
        for line in mrkdwn_to_text(comment, self.name_of).splitlines():
            self._print(f"  {line}")
        for shared in listed:
            title = str(shared.get("title") or shared.get("id"))
            path = self.saved_files.get(str(shared.get("id"))) or "(not written)"
            self._print(f"  📎 {title} — written to {path}")

    def _heading(self, method: str, channel: str, body: Mapping[str, Any]) -> str:
        if method == "chat.update":
            return "partnerbot (updated a message):"
        if method == "chat.postEphemeral":
            return f"partnerbot (only visible to @{self.name_of(str(body.get('user', '')))}):"
        if channel.startswith(("U", "W", "D")):
            return f"partnerbot → DM to @{self.name_of(self._dm_user(channel))}:"
        return f"partnerbot in #{self.channel_name(channel)}:"

    def _fill_modal(self) -> None:
        """Ask for the open modal's fields and submit them (see `forms.ConsoleForms`)."""
        raise NotImplementedError
