"""Which Web API client speaks for which workspace. With one bot token (one workspace) it is
always the same client; installed in many workspaces (OAuth), each workspace has its own
token, and a workspace that uninstalled partnerbot, or whose token stopped working during a
run, has none: nothing is sent there. Scheduled jobs ask `client(team_id)` before each send."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from slack_sdk import WebClient


@runtime_checkable
class Workspaces(Protocol):
    """The client for each workspace partnerbot may send to."""

    def client(self, team_id: str) -> WebClient | None:
        """The client that speaks for `team_id`, or None: nothing may be sent there."""
        ...


class Everywhere:
    """One client for every workspace (a single bot token), but those in `skip`."""

    def __init__(self, client: WebClient, skip: frozenset[str] = frozenset()) -> None:
        self._client = client
        self._skip = skip

    def client(self, team_id: str) -> WebClient | None:
        """The one client, unless `team_id` is skipped."""
        return None if team_id in self._skip else self._client


Slack = WebClient | Workspaces
"""What a scheduled job is given: one client for everyone, or a client per workspace."""


def workspaces(slack: Slack) -> Workspaces:
    """`slack` as a client per workspace."""
    return Everywhere(slack) if isinstance(slack, WebClient) else slack
