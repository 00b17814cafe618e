"""Who the Owner and Backup cells name: the workspace's members from Slack (users.list: handle,
real and display names, emails), and users.lookupByEmail for an email not listed there
(a guest, or a member past the pages read). Deactivated members and bots are left out."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from handlers.common.members import workspace_members
from handlers.imports.rows import People

log = logging.getLogger(__name__)

MAX_PAGES = 25
"""users.list pages (200 members each) read: 5,000 members."""
MAX_EMAIL_LOOKUPS = 50


def _names(member: dict[str, object]) -> list[str]:
    profile = member.get("profile")
    said = [member.get("name"), member.get("real_name")]
    if isinstance(profile, dict):
        said += [profile.get(k) for k in ("real_name", "display_name", "email")]
    return [s.strip().casefold() for s in said if isinstance(s, str) and s.strip()]


def _members(client: WebClient) -> dict[str, str]:
    found: dict[str, str] = {}
    for member in workspace_members(client, pages=MAX_PAGES, why="owners read by id only"):
        if member.get("deleted") or member.get("is_bot") or member.get("id") == "USLACKBOT":
            continue
        user_id = str(member.get("id") or "")
        for name in _names(member):
            found.setdefault(name, user_id)
        found.setdefault(user_id.casefold(), user_id)
    return found


def slack_people(client: WebClient, named: Iterable[str]) -> People:
    """The people an import's Owner and Backup cells (`named`) may be."""
    found = _members(client)
    emails = sorted(
        {
            n.strip().casefold()
            for n in named
            if "@" in n.strip()[1:] and n.strip().casefold() not in found
        }
    )
    for email in emails[:MAX_EMAIL_LOOKUPS]:
        try:
            user = client.users_lookupByEmail(email=email).get("user") or {}
        except SlackApiError:
            continue
        if user.get("id") and not user.get("deleted"):
            found[email] = str(user["id"])
    return People(found)
