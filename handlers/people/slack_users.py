"""What Slack says about a member (users.info), and who the program leads are: those named
with `/partnerbot leads`, else the workspace's admins and owners."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from handlers.common.mrkdwn import user
from handlers.deps import Deps
from storage.people.leads import lead_check

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Member:
    """A Slack user as users.info (or a user_change event) describes them."""

    id: str
    deleted: bool
    is_bot: bool
    is_admin: bool

    @classmethod
    def of(cls, data: dict[str, Any]) -> Member:
        """From Slack's user object."""
        return cls(
            id=str(data.get("id") or ""),
            deleted=bool(data.get("deleted")),
            is_bot=bool(data.get("is_bot")) or data.get("id") == "USLACKBOT",
            is_admin=bool(
                data.get("is_admin") or data.get("is_owner") or data.get("is_primary_owner")
            ),
        )


class SlackUnavailable(Exception):
    """Slack could not be asked (not "no such user")."""


def member(client: WebClient, user_id: str) -> Member | None:
    """The member, or None when Slack knows no such user; SlackUnavailable on other errors."""
    try:
        response = client.users_info(user=user_id)
    except SlackApiError as exc:
        error = exc.response.get("error") if exc.response is not None else None
        if error in ("user_not_found", "user_not_visible"):
            return None
        raise SlackUnavailable(str(error)) from exc
    data = response.get("user")
    return Member.of(data) if isinstance(data, dict) else None


def refuse_as_owner(client: WebClient, user_id: str) -> str | None:
    """Why this person cannot take over partners (unknown, deactivated, a bot), or None."""
    try:
        found = member(client, user_id)
    except SlackUnavailable:
        return "I couldn't check that person with Slack just now — try again in a minute."
    if found is None:
        return f"I can't find {user(user_id)} in this workspace."
    if found.is_bot:
        return f"{user(user_id)} is a bot — partners need a person."
    if found.deleted:
        return f"{user(user_id)} is deactivated in Slack — pick someone who is still here."
    return None


def slack_admin(client: WebClient, user_id: str) -> bool | None:
    """Whether Slack says the person is a workspace admin or owner still here (None: Slack
    could not be asked), read before the request's one storage operation checks leads."""
    try:
        found = member(client, user_id)
    except SlackUnavailable:
        return None
    return found is not None and found.is_admin and not found.deleted


def leads_sentence(leads: Sequence[str]) -> str:
    """Who may change team-wide settings: the named leads still here, else the admins."""
    if leads:
        return "the program leads: " + ", ".join(user(u) for u in leads)
    return (
        "the workspace's admins and owners (no program leads are named yet: "
        "`/partnerbot leads @dana @lee`)"
    )


def lead_refusal(
    deps: Deps, client: WebClient, team_id: str, user_id: str, what: str
) -> str | None:
    """None when the person may do `what` (a team-wide change), else a message saying who can.
    Slack is asked first, then one storage operation decides (and remembers the answer)."""
    admin = slack_admin(client, user_id)
    check = lead_check(deps.sessions, team_id, user_id, slack_admin=admin, now=deps.clock.now())
    if check.is_lead:
        return None
    return f"Only {leads_sentence(check.leads)} can {what}. Nothing changed."


def lead_ids(client: WebClient, named: Sequence[str]) -> list[str]:
    """The people to prompt about a leaver: the named leads still here (`named`), else Slack's
    admins and owners (users.list), never bots or deactivated members."""
    if named:
        return list(named)
    admins: list[str] = []
    cursor: str | None = None
    try:
        for _ in range(50):
            response = (
                client.users_list(cursor=cursor, limit=200)
                if cursor
                else client.users_list(limit=200)
            )
            for data in response.get("members") or []:
                found = Member.of(data)
                if found.is_admin and not found.deleted and not found.is_bot:
                    admins.append(found.id)
            cursor = (response.get("response_metadata") or {}).get("next_cursor") or None
            if not cursor:
                break
    except SlackApiError as exc:
        log.warning("could not list the workspace's admins: %s", exc.response.get("error"))
    return admins
