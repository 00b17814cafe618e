"""Drive the real Bolt app exactly as Slack does: signed form posts and JSON events."""

from __future__ import annotations

import itertools
import json
import time
from dataclasses import dataclass, field
from typing import Any

from slack_bolt import App, BoltRequest, BoltResponse

from bot.app import create_app
from bot.config import Settings
from bot.localslack import LocalSlack, SlackCall
from handlers.deps import Deps
from storage.clock import FrozenClock
from storage.db import make_engine, make_session_factory, upgrade
from tests.support.signing import (
    event_body,
    interactive_body,
    signed_headers,
    slash_command_body,
)

TEAM_ID = "T0001"
SECRET = "test-signing-secret-0123456789"
MARIA = "U0MARIA"
JUAN = "U0JUAN"


@dataclass
class Reply:
    """What the app answered: HTTP status and the JSON body of the ack (empty when none)."""

    status: int
    body: dict[str, Any]

    @property
    def text(self) -> str:
        """Every piece of text in the reply, blocks included, for assertions."""
        return json.dumps(self.body, ensure_ascii=False)


@dataclass
class Bot:
    """The app under test, its fake Slack and its clock."""

    app: App
    deps: Deps
    slack: LocalSlack
    clock: FrozenClock
    _triggers: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def dispatch(
        self, body: str, content_type: str, *, extra: dict[str, str] | None = None
    ) -> Reply:
        """Sign `body` as Slack does and dispatch it through Bolt."""
        headers = {
            **signed_headers(SECRET, body, timestamp=int(time.time()), content_type=content_type),
            **(extra or {}),
        }
        response: BoltResponse = self.app.dispatch(
            BoltRequest(body=body, headers={k.lower(): [v] for k, v in headers.items()})
        )
        try:
            parsed = json.loads(response.body) if response.body else {}
        except ValueError:
            parsed = {"raw": response.body}
        return Reply(response.status, parsed if isinstance(parsed, dict) else {"raw": parsed})

    def command(
        self,
        command: str,
        text: str,
        *,
        user_id: str = MARIA,
        channel_id: str = "C0001",
        trigger_id: str | None = None,
        extra: dict[str, str] | None = None,
    ) -> Reply:
        """Send a slash command."""
        body = slash_command_body(
            command,
            text,
            user_id=user_id,
            team_id=TEAM_ID,
            channel_id=channel_id,
            response_url=self.slack.response_url(),
            trigger_id=trigger_id or f"{next(self._triggers)}.1.test",
        )
        return self.dispatch(body, "application/x-www-form-urlencoded", extra=extra)

    def interact(self, payload: dict[str, Any]) -> Reply:
        """Send an interactivity payload (block_actions, view_submission, shortcuts…)."""
        return self.dispatch(interactive_body(payload), "application/x-www-form-urlencoded")

    def press(
        self,
        blocks: list[dict[str, Any]],
        action_id: str,
        *,
        user_id: str = MARIA,
        value: str | None = None,
        **chosen: Any,
    ) -> Reply:
        """Press the button with `action_id` (prefix match) in `blocks`, as on an ephemeral; for
        a select, `chosen` is what was picked (e.g. `selected_user="U0JUAN"`)."""
        return self._act(
            blocks,
            action_id,
            value,
            chosen,
            user_id=user_id,
            container={
                "type": "message",
                "message_ts": "0",
                "channel_id": "C0001",
                "is_ephemeral": True,
            },
            channel={"id": "C0001", "name": "cte-team"},
        )

    def press_in(
        self,
        posted: SlackCall,
        action_id: str,
        *,
        user_id: str = MARIA,
        value: str | None = None,
        **chosen: Any,
    ) -> Reply:
        """Use an element of a message the bot posted (e.g. a digest DM), as Slack sends it:
        with the message, its channel and ts."""
        channel, ts = str(posted.response["channel"]), str(posted.response["ts"])
        return self._act(
            posted.body["blocks"],
            action_id,
            value,
            chosen,
            user_id=user_id,
            container={
                "type": "message",
                "message_ts": ts,
                "channel_id": channel,
                "is_ephemeral": False,
            },
            channel={"id": channel, "name": "directmessage"},
            message={"type": "message", "ts": ts, **posted.body},
        )

    def _act(
        self,
        blocks: list[dict[str, Any]],
        action_id: str,
        value: str | None,
        chosen: dict[str, Any],
        *,
        user_id: str,
        container: dict[str, Any],
        channel: dict[str, Any],
        message: dict[str, Any] | None = None,
    ) -> Reply:
        element, block_id = find_element(blocks, action_id, value)
        clicked = (
            {"text": element.get("text"), "value": element.get("value")}
            if element["type"] == "button"
            else chosen
        )
        return self.interact(
            {
                "type": "block_actions",
                "user": {"id": user_id, "username": user_id.lower(), "team_id": TEAM_ID},
                "api_app_id": "A0001",
                "token": "legacy",
                "container": container,
                "trigger_id": f"{next(self._triggers)}.1.test",
                "team": {"id": TEAM_ID, "domain": "test"},
                "channel": channel,
                **({"message": message} if message is not None else {}),
                "response_url": self.slack.response_url(),
                "state": {"values": {}},
                "actions": [
                    {
                        "type": element["type"],
                        "action_id": element["action_id"],
                        "block_id": block_id,
                        **clicked,
                        "action_ts": f"1763900000.{next(self._triggers):06d}",
                    }
                ],
            }
        )

    def open_home(self, user_id: str = MARIA) -> dict[str, Any]:
        """Open the App Home tab as `user_id`; the view the app published for it."""
        before = len(self.slack.calls_to("views.publish"))
        event = {
            "type": "app_home_opened",
            "user": user_id,
            "channel": f"D{user_id}",
            "tab": "home",
            "event_ts": "1.1",
        }
        reply = self.dispatch(
            event_body(event, team_id=TEAM_ID, event_id=f"EvHome{next(self._triggers)}"),
            "application/json",
        )
        assert reply.status == 200
        [published] = self.slack.calls_to("views.publish")[before:]
        assert published.body["user_id"] == user_id
        view = published.body["view"]
        assert isinstance(view, dict)
        return view

    def submit(
        self, view: dict[str, Any], values: dict[str, dict[str, Any]], *, user_id: str = MARIA
    ) -> Reply:
        """Submit a modal the app opened, with `values` as Slack's view.state.values."""
        return self.interact(
            {
                "type": "view_submission",
                "team": {"id": TEAM_ID, "domain": "test"},
                "user": {"id": user_id, "username": user_id.lower(), "team_id": TEAM_ID},
                "api_app_id": "A0001",
                "token": "legacy",
                "trigger_id": f"{next(self._triggers)}.1.test",
                "view": {**view, "state": {"values": values}, "team_id": TEAM_ID},
                "response_urls": [],
                "is_enterprise_install": False,
            }
        )

    def opened_views(self) -> list[dict[str, Any]]:
        """Every modal the app asked Slack to open, oldest first."""
        return [c.body["view"] for c in self.slack.calls_to("views.open")]


def find_element(
    blocks: list[dict[str, Any]], action_id: str, value: str | None = None
) -> tuple[dict[str, Any], str]:
    """The first button or select whose action_id starts with `action_id` (and has `value`)."""
    for block in blocks:
        candidates = list(block.get("elements") or [])
        if block.get("accessory"):
            candidates.append(block["accessory"])
        for element in candidates:
            if str(element.get("action_id", "")).startswith(action_id) and (
                value is None or element.get("value") == value
            ):
                return element, str(block.get("block_id", ""))
    raise AssertionError(f"no element {action_id!r} in {json.dumps(blocks)[:500]}")


def text_value(value: str | None) -> dict[str, Any]:
    """A plain_text_input's state."""
    return {"value": {"type": "plain_text_input", "value": value}}


def select_value(value: str) -> dict[str, Any]:
    """A static_select's state."""
    return {"value": {"type": "static_select", "selected_option": {"value": value}}}


def contact_form(
    partner_id: int,
    summary: str | None,
    *,
    kind: str = "note",
    happened_on: str | None = "2026-11-23",
    follow_up_on: str | None = None,
    note: str | None = None,
) -> dict[str, dict[str, Any]]:
    """The contact modal's view.state.values as Slack sends them on submit."""
    return {
        "partner": {
            "contact_partner_pick": {
                "type": "external_select",
                "selected_option": {
                    "text": {"type": "plain_text", "text": "x"},
                    "value": str(partner_id),
                },
            }
        },
        "kind": select_value(kind),
        "happened_on": {"value": {"type": "datepicker", "selected_date": happened_on}},
        "summary": text_value(summary),
        "follow_up_on": {"value": {"type": "datepicker", "selected_date": follow_up_on}},
        "follow_up_note": text_value(note),
    }


def make_bot(db_url: str, slack: LocalSlack, clock: FrozenClock, **env: Any) -> Bot:
    """Migrate the database and build the real app against the fake Slack.

    `env` sets further configuration variables by name, as an operator would."""
    upgrade(db_url)
    settings = Settings(
        SLACK_BOT_TOKEN="xoxb-test-token",
        SLACK_SIGNING_SECRET=SECRET,
        SLACK_API_URL=slack.api_url,
        DATABASE_URL=db_url,
        PARTNERBOT_TIMEZONE="America/Chicago",
        _env_file=None,
        **env,
    )
    sessions = make_session_factory(make_engine(db_url))
    app, deps = create_app(settings, sessions=sessions, clock=clock)
    return Bot(app=app, deps=deps, slack=slack, clock=clock)
