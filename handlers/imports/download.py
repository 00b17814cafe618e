"""Fetching a file someone shared with the bot: files.info for its size and private URL, then
that URL with the bot token (only to Slack's own hosts, or the host the Web API client talks
to), at most MAX_BYTES. Errors become Unreadable with a sentence for the person."""

from __future__ import annotations

import logging
import urllib.request
from typing import Any
from urllib.parse import urlsplit

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from handlers.imports.files import MAX_BYTES, Unreadable, megabytes

log = logging.getLogger(__name__)
TIMEOUT = 30.0


def _too_big(size: int) -> Unreadable:
    return Unreadable(
        f"That file is {megabytes(size)}; I import files of at most {megabytes(MAX_BYTES)}. "
        "Split it, or leave out columns you don't need."
    )


def _trusted(url: str, client: WebClient) -> bool:
    host = (urlsplit(url).hostname or "").casefold()
    api_host = (urlsplit(client.base_url).hostname or "").casefold()
    return urlsplit(url).scheme in ("https", "http") and (
        host == "slack.com" or host.endswith(".slack.com") or host == api_host
    )


def file_info(client: WebClient, file_id: str) -> dict[str, Any]:
    """Slack's description of a shared file."""
    try:
        found = client.files_info(file=file_id).get("file")
    except SlackApiError as exc:
        log.warning("files.info %s failed: %s", file_id, exc.response.get("error"))
        raise Unreadable("I couldn't open that file in Slack. Send it to me again.") from exc
    if not isinstance(found, dict):
        raise Unreadable("I couldn't open that file in Slack. Send it to me again.")
    return found


def download(client: WebClient, shared: dict[str, Any]) -> tuple[str, bytes]:
    """The name and bytes of a shared file (as an event or a file_input gives it)."""
    info = shared if shared.get("url_private_download") or shared.get("url_private") else {}
    if not info:
        info = file_info(client, str(shared.get("id") or ""))
    size = int(info.get("size") or 0)
    if size > MAX_BYTES:
        raise _too_big(size)
    url = str(info.get("url_private_download") or info.get("url_private") or "")
    if not _trusted(url, client):
        raise Unreadable("I couldn't download that file from Slack. Send it to me again.")
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {client.token}"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310
            data: bytes = response.read(MAX_BYTES + 1)
    except OSError as exc:
        log.warning("downloading %s failed: %s", info.get("id"), exc)
        raise Unreadable("I couldn't download that file from Slack. Send it again.") from exc
    if len(data) > MAX_BYTES:
        raise _too_big(len(data))
    return str(info.get("name") or info.get("title") or "file"), data
