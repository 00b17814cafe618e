"""The workspace's members as Slack lists them (users.list), page by page, at most `pages`
pages of 200; a page Slack refuses ends the list there (logged), since callers only use the
names to recognise people."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

log = logging.getLogger(__name__)


def workspace_members(client: WebClient, *, pages: int, why: str) -> Iterator[dict[str, Any]]:
    """Each member of the first `pages` pages of users.list; `why` names the caller in the
    log line when Slack refuses a page."""
    cursor: str | None = None
    for _ in range(pages):
        try:
            page = client.users_list(limit=200, cursor=cursor)
        except SlackApiError as exc:
            log.warning("users.list failed (%s): %s", exc.response.get("error"), why)
            return
        yield from page.get("members") or []
        cursor = (page.get("response_metadata") or {}).get("next_cursor") or None
        if not cursor:
            return
