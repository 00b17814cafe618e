"""The Web API methods the fake Slack answers, the way Slack documents them: auth.test, chat.*,
views.*, users.*, conversations.* and the files_upload_v2 steps, as a mixin of `LocalSlack`
(its workspace and counters)."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.console.records import FakeUser, SharedFile, SlackCall

BOT_ID = "B0001"
FIRST_TS_SECONDS = 1_763_900_000

Method = Callable[[dict[str, Any]], dict[str, Any]]


class WebApi:
    """Answers to Web API calls from the state of a `LocalSlack`."""

    team_id: str
    team_domain: str
    bot_user_id: str
    calls: list[SlackCall]
    users: dict[str, FakeUser]
    files: dict[str, SharedFile]
    _lock: threading.Lock
    _ts: Iterator[int]
    _ids: Iterator[int]
    _file_names: dict[str, str]

    def _web_api_methods(self) -> dict[str, Method]:
        return {
            "auth.test": self._auth_test,
            "chat.postMessage": self._chat_post_message,
            "chat.update": self._chat_update,
            "chat.postEphemeral": self._chat_post_ephemeral,
            "chat.delete": self._chat_delete,
            "chat.getPermalink": self._chat_get_permalink,
            "views.open": self._views_open,
            "views.push": self._views_push,
            "views.update": self._views_update,
            "views.publish": self._views_publish,
            "users.info": self._users_info,
            "users.list": self._users_list,
            "users.lookupByEmail": self._users_lookup_by_email,
            "files.info": self._files_info,
            "conversations.open": self._conversations_open,
            "conversations.history": self._conversations_history,
            "files.getUploadURLExternal": self._files_get_upload_url,
            "files.completeUploadExternal": self._files_complete_upload,
        }

    @property
    def base_url(self) -> str:
        """Where the server answers (`LocalSlack` knows its port)."""
        raise NotImplementedError

    def _next_ts(self) -> str:
        with self._lock:
            n = next(self._ts)
        return f"{FIRST_TS_SECONDS + n // 1_000_000}.{n % 1_000_000:06d}"

    def _next_id(self, prefix: str) -> str:
        with self._lock:
            n = next(self._ids)
        return f"{prefix}{n:08d}"

    def _auth_test(self, body: dict[str, Any]) -> dict[str, Any]:
        return {
            "ok": True,
            "url": f"https://{self.team_domain}.slack.com/",
            "team": self.team_domain,
            "user": "partnerbot",
            "team_id": self.team_id,
            "user_id": self.bot_user_id,
            "bot_id": BOT_ID,
            "is_enterprise_install": False,
        }

    def _message(self, body: dict[str, Any], ts: str) -> dict[str, Any]:
        message: dict[str, Any] = {
            "type": "message",
            "text": body.get("text") or "",
            "user": self.bot_user_id,
            "bot_id": BOT_ID,
            "team": self.team_id,
            "ts": ts,
        }
        for key in ("blocks", "attachments", "metadata", "thread_ts"):
            if body.get(key) is not None:
                message[key] = body[key]
        return message

    @staticmethod
    def _channel(body: dict[str, Any]) -> str:
        channel = str(body.get("channel") or "")
        return "D" + channel if channel[:1] in ("U", "W") else channel

    def _chat_post_message(self, body: dict[str, Any]) -> dict[str, Any]:
        ts = self._next_ts()
        return {
            "ok": True,
            "channel": self._channel(body),
            "ts": ts,
            "message": self._message(body, ts),
        }

    def _chat_update(self, body: dict[str, Any]) -> dict[str, Any]:
        ts = str(body.get("ts") or "")
        return {
            "ok": True,
            "channel": self._channel(body),
            "ts": ts,
            "text": body.get("text") or "",
            "message": self._message(body, ts),
        }

    def _chat_post_ephemeral(self, body: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "message_ts": self._next_ts()}

    def _chat_delete(self, body: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "channel": self._channel(body), "ts": str(body.get("ts") or "")}

    def _chat_get_permalink(self, body: dict[str, Any]) -> dict[str, Any]:
        channel = str(body.get("channel") or "")
        ts = str(body.get("message_ts") or "").replace(".", "")
        return {
            "ok": True,
            "channel": channel,
            "permalink": f"https://{self.team_domain}.slack.com/archives/{channel}/p{ts}",
        }

    def _view(self, body: dict[str, Any], view_id: str | None = None) -> dict[str, Any]:
        given = body.get("view")
        view: dict[str, Any] = dict(given) if isinstance(given, dict) else {}
        view.update(
            {
                "id": view_id or self._next_id("V"),
                "team_id": self.team_id,
                "app_id": "A0001",
                "bot_id": BOT_ID,
                "hash": f"{FIRST_TS_SECONDS}.{self._next_id('h')}",
                "state": {"values": {}},
            }
        )
        return {"ok": True, "view": view}

    def _views_open(self, body: dict[str, Any]) -> dict[str, Any]:
        return self._view(body)

    def _views_push(self, body: dict[str, Any]) -> dict[str, Any]:
        return self._view(body)

    def _views_update(self, body: dict[str, Any]) -> dict[str, Any]:
        return self._view(body, str(body.get("view_id") or "") or None)

    def _views_publish(self, body: dict[str, Any]) -> dict[str, Any]:
        return self._view(body)

    def user_json(self, user_id: str) -> dict[str, Any]:
        """Member `user_id` as users.info and the `user_change` event show it."""
        with self._lock:
            user = self.users[user_id]
        return self._user_json(user)

    def _user_json(self, user: FakeUser) -> dict[str, Any]:
        try:
            zone = ZoneInfo(user.tz)
        except (ZoneInfoNotFoundError, ValueError):
            zone = ZoneInfo("UTC")
        now = datetime.now(UTC).astimezone(zone)
        offset = now.utcoffset()
        return {
            "id": user.id,
            "team_id": self.team_id,
            "name": user.name,
            "real_name": user.real_name,
            "deleted": user.deleted,
            "is_admin": user.is_admin,
            "is_owner": user.is_owner,
            "is_bot": user.is_bot,
            "tz": user.tz,
            "tz_label": now.tzname() or user.tz,
            "tz_offset": int(offset.total_seconds()) if offset is not None else 0,
            "profile": {
                "real_name": user.real_name,
                "display_name": user.name,
                **({"email": user.email} if user.email else {}),
            },
        }

    def _users_info(self, body: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            user = self.users.get(str(body.get("user") or ""))
        if user is None:
            return {"ok": False, "error": "user_not_found"}
        return {"ok": True, "user": self._user_json(user)}

    def _users_list(self, body: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            users = list(self.users.values())
        return {
            "ok": True,
            "members": [self._user_json(user) for user in users],
            "response_metadata": {"next_cursor": ""},
        }

    def _users_lookup_by_email(self, body: dict[str, Any]) -> dict[str, Any]:
        email = str(body.get("email") or "").casefold()
        with self._lock:
            found = [u for u in self.users.values() if u.email and u.email.casefold() == email]
        if not found:
            return {"ok": False, "error": "users_not_found"}
        return {"ok": True, "user": self._user_json(found[0])}

    def file_json(self, shared: SharedFile) -> dict[str, Any]:
        """A shared file as files.info and a `file_share` message show it."""
        extension = shared.name.rsplit(".", 1)[-1].lower() if "." in shared.name else "text"
        url = f"{self.base_url}/files-pri/{self.team_id}-{shared.id}/{shared.name}"
        return {
            "id": shared.id,
            "name": shared.name,
            "title": shared.name,
            "filetype": extension,
            "size": len(shared.content),
            "user": shared.user,
            "url_private": url,
            "url_private_download": url + "?download=1",
        }

    def _files_info(self, body: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            shared = self.files.get(str(body.get("file") or ""))
        if shared is None:
            return {"ok": False, "error": "file_not_found"}
        return {"ok": True, "file": self.file_json(shared)}

    def _conversations_history(self, body: dict[str, Any]) -> dict[str, Any]:
        channel = str(body.get("channel") or "")
        with_metadata = str(body.get("include_all_metadata")).lower() in ("1", "true")
        with self._lock:
            posted = [
                dict(c.response["message"])
                for c in self.calls
                if c.method == "chat.postMessage"
                and c.response.get("ok")
                and c.response.get("channel") == channel
            ]
        if not with_metadata:
            for message in posted:
                message.pop("metadata", None)
        return {"ok": True, "messages": posted[::-1], "has_more": False}

    def _files_get_upload_url(self, body: dict[str, Any]) -> dict[str, Any]:
        file_id = self._next_id("F")
        with self._lock:
            self._file_names[file_id] = str(body.get("filename") or file_id)
        return {"ok": True, "file_id": file_id, "upload_url": f"{self.base_url}/upload/{file_id}"}

    def _files_complete_upload(self, body: dict[str, Any]) -> dict[str, Any]:
        files = body.get("files")
        if isinstance(files, str):
            try:
                files = json.loads(files)
            except ValueError:
                files = []
        listed = files if isinstance(files, list) else []
        return {
            "ok": True,
            "files": [
                {"id": f.get("id"), "title": f.get("title"), "channels": [body.get("channel_id")]}
                for f in listed
                if isinstance(f, dict)
            ],
        }

    def _conversations_open(self, body: dict[str, Any]) -> dict[str, Any]:
        if body.get("channel"):
            return {"ok": True, "channel": {"id": str(body["channel"])}}
        users = [u.strip() for u in str(body.get("users") or "").split(",") if u.strip()]
        if not users:
            return {"ok": False, "error": "users_list_not_supplied"}
        channel = "D" + users[0] if len(users) == 1 else "G" + "".join(u[-4:] for u in users)
        return {"ok": True, "channel": {"id": channel}}
