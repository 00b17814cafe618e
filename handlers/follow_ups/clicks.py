"""A click on a follow-up's buttons: who, which one, where it was shown, the list to read again
with the change, and running the click's one storage operation."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from slack_bolt import BoltContext, Respond
from slack_sdk import WebClient

from handlers.common.mrkdwn import escape
from handlers.common.refusals import follow_up_refused
from handlers.common.replies import tell
from handlers.deps import Deps
from handlers.follow_ups import ids
from handlers.follow_ups.command import list_today, list_wanted
from storage.errors import InvalidInput, NotFound
from storage.follow_ups import NotAllowed
from storage.follow_ups_requests import Clicked, FollowUpList, ListWanted, ZoneNeeded

GONE = "That follow-up no longer exists."


@dataclass(frozen=True)
class Click:
    """A click on a follow-up: who, which one, and where it was shown."""

    deps: Deps
    client: WebClient
    respond: Respond
    body: dict[str, Any]
    team_id: str
    clicker: str
    follow_up_id: int
    origin: str
    scope: str
    acted: tuple[int, ...]
    block_id: str

    @classmethod
    def of(
        cls, body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
    ) -> Click:
        """Read the click from Slack's block_actions payload."""
        action = body["actions"][0]
        block_id = str(action.get("block_id", ""))
        _, fid, origin, scope, acted = [*block_id.split(":", 4), "", "", "", "", ""][:5]
        value = str((action.get("selected_option") or {}).get("value") or action.get("value") or "")
        try:
            follow_up_id = int(value.rpartition(":")[2] or fid or 0)
        except ValueError:
            follow_up_id = 0
        return cls(
            Deps.of(context),
            client,
            respond,
            body,
            body["team"]["id"],
            body["user"]["id"],
            follow_up_id,
            origin or ids.ORIGIN_LIST,
            scope or (ids.SCOPE_MINE if (origin or ids.ORIGIN_LIST) == ids.ORIGIN_LIST else ""),
            tuple(int(i) for i in acted.split(",") if i.isdigit()),
            block_id,
        )

    def tell(self, text: str) -> None:
        """A note to the clicker only."""
        tell(self.client, self.respond, self.body, text)

    @property
    def show_owner(self) -> bool:
        """Whether items redrawn here name their owner (a follow-up just given to someone)."""
        return self.scope == ids.SCOPE_ONE

    def today(self, owner: str | None) -> date:
        """Today for the follow-up's owner (the clicker when it has none)."""
        tz = self.deps.zones.of(self.client, self.team_id, owner or self.clicker)
        return self.deps.clock.now().astimezone(tz).date()


@dataclass(frozen=True)
class Listed:
    """The ephemeral list a click came from, read again: its day and what it holds."""

    today: date
    read: FollowUpList


def wanted_list(click: Click) -> tuple[date, ListWanted] | None:
    """The list to read again with the change, when the click came from an ephemeral
    `/followup` list (Slack never sends it back), with that list's today."""
    container = click.body.get("container") or {}
    if container.get("type") == "view" or click.origin == ids.ORIGIN_HOME:
        return None
    if (click.body.get("message") or {}).get("blocks") or click.scope == ids.SCOPE_ONE:
        return None
    today = list_today(click.deps, click.client, click.team_id, click.clicker, click.scope)
    earlier = [i for i in click.acted if i != click.follow_up_id]
    return today, list_wanted(click.scope, click.clicker, today, earlier)


def listed_of(asked: tuple[date, ListWanted] | None, clicked: Clicked) -> Listed | None:
    """The list read again by the click's operation, when one was asked for."""
    if asked is None or clicked.listed is None:
        return None
    return Listed(asked[0], clicked.listed)


def zoned(click: Click, zones: dict[str, ZoneInfo], run: Callable[[], Clicked]) -> Clicked:
    """`run`, given the time zone of each person it turns out to need (the follow-up's owner
    when it is not the clicker's): such a first try changed nothing."""
    while True:
        try:
            return run()
        except ZoneNeeded as exc:
            zones[exc.user_id] = click.deps.zones.of(click.client, click.team_id, exc.user_id)


def ids_of(click: Click) -> tuple[str, int]:
    """The workspace and the follow-up clicked."""
    return click.team_id, click.follow_up_id


def act(click: Click, run: Callable[[], Clicked]) -> Clicked | None:
    """Run the one storage operation of the click; None (and a note) when the follow-up is gone
    or the change is refused."""
    try:
        return run()
    except NotFound:
        click.tell(GONE)
    except NotAllowed as exc:
        click.tell(follow_up_refused(exc))
    except InvalidInput as exc:
        click.tell(f"{escape(exc.message)} Nothing changed.")
    return None
