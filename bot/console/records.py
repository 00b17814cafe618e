"""What the fake Slack records and serves: each call the app made (`SlackCall`) and each member
of the fake workspace (`FakeUser`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

RESPONSE_URL_METHOD = "response_url"
"""The `SlackCall.method` recorded for posts to a response_url."""
FILE_DOWNLOAD_METHOD = "file_download"
"""The `SlackCall.method` recorded for a GET of a shared file's url_private (with the bot token)."""
FILE_UPLOAD_METHOD = "file_upload"
"""The `SlackCall.method` recorded for a file's bytes posted to its upload URL (the second step
of files_upload_v2): body `{"file_id": …, "content": …, "bytes": …}` (`content` decoded as
UTF-8 for text files, `bytes` as sent, for binary ones such as .xlsx and .zip)."""


@dataclass(frozen=True)
class SlackCall:
    """One request the app made to the fake Slack, as it arrived."""

    method: str
    token: str | None
    body: dict[str, Any]
    headers: dict[str, str]
    path: str
    failed: bool = False
    status: int = 200
    response: dict[str, Any] = field(default_factory=dict)


@dataclass
class FakeUser:
    """A member of the fake workspace, answered by users.info and users.list."""

    id: str
    name: str
    real_name: str
    tz: str = "America/Chicago"
    deleted: bool = False
    is_admin: bool = False
    is_owner: bool = False
    is_bot: bool = False
    email: str = ""


@dataclass(frozen=True)
class SharedFile:
    """A file someone shared in the fake workspace: served at its url_private."""

    id: str
    name: str
    content: bytes
    user: str
