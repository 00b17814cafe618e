"""Drive the real Bolt app exactly as Slack does: signed form posts and JSON events, built by
`bot.console.payloads`, dispatched through `App.dispatch`; then wait for the lazy listeners they
started, so a test sees everything that happened, as the person would have.

    reply = bot.command("/partner", "add Acme")     # signed, dispatched, lazy work drained
    reply.text                                      # what Maria saw (ack, else respond())
    bot.press(reply.body["blocks"], "partner_edit")  # a button in that reply
    bot.press_in(bot.slack.calls_to("chat.postMessage")[0], "fu_done")  # in a posted message
    bot.submit(bot.opened_views()[-1], {...})       # a modal the app opened

Slack misbehaving: `bot.slack.fail("chat.postMessage", status=429, retry_after=30)` (the retry
waits are recorded in `bot.sleeps`, never slept), `fail(..., status=200, error="not_in_channel")`
for an API error, `hold = bot.slack.hold("views.publish")` for a slow answer (send with
`wait=False`, then `hold.release()` and `bot.drain()`)."""

from __future__ import annotations

import dataclasses
import json
import logging
import sys
import time
import traceback
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from slack_bolt import App

from bot.app import create_app
from bot.config import Settings
from bot.console import payloads
from bot.console.localslack import LocalSlack
from bot.console.payloads import FORM, JSON, find_element
from bot.console.records import RESPONSE_URL_METHOD, FakeUser, SlackCall
from bot.lazywork import DrainableExecutor, LaneExecutor
from handlers.deps import Deps
from storage.clock import FrozenClock
from storage.db import make_engine, make_session_factory
from storage.migrate import upgrade

TEAM_ID = "T0001"
SECRET = "test-signing-secret-0123456789"
MARIA = "U0MARIA"
JUAN = "U0JUAN"
CHANNEL = {"id": "C0001", "name": "cte-team"}
LAZY_TIMEOUT = 10.0
"""Seconds a test waits for lazy listeners before failing."""

__all__ = [
    "JUAN",
    "MARIA",
    "SECRET",
    "TEAM_ID",
    "Bot",
    "Reply",
    "RetrySleeps",
    "contact_form",
    "find_element",
    "make_bot",
    "members",
    "select_value",
    "text_value",
]


def members() -> list[FakeUser]:
    """The fake workspace's members at the start of every test: Maria (Chicago), Juan (New York)."""
    return [
        FakeUser(id=MARIA, name="maria", real_name="Maria Lopez"),
        FakeUser(id=JUAN, name="juan", real_name="Juan Perez", tz="America/New_York"),
    ]


@dataclass
class Reply:
    """What the person saw in answer to one request.

    `ack` is the JSON body of Bolt's HTTP answer ({} when the listener acked with nothing, and
    `{"text": …}` for a plain-text `ack("…")`, which Slack shows as a message);
    `responses` are the messages the app posted to this request's response_url (Bolt's
    `respond()`, from the listener or its lazy listeners), oldest first. `body` is what was
    shown: the ack when it had content, else the last response_url message. So a listener that
    moves from `ack(text=…)` to `ack()` + a lazy `respond(text=…)` reads the same in a test."""

    status: int
    ack: dict[str, Any]
    responses: list[dict[str, Any]] = field(default_factory=list)
    elapsed: float = 0.0
    """Seconds until Bolt answered (the ack), lazy work not included."""

    @property
    def body(self) -> dict[str, Any]:
        """The ack if it said anything, else the last response_url message, else {}."""
        if self.ack:
            return self.ack
        return self.responses[-1] if self.responses else {}

    @property
    def text(self) -> str:
        """Every piece of text in `body`, blocks included, for assertions."""
        return json.dumps(self.body, ensure_ascii=False)


@dataclass
class RetrySleeps:
    """Stands in for `time.sleep` in the Web API client's retries: records each wait, returns
    at once. `waits` are seconds (Retry-After plus slack_sdk's jitter of under a second)."""

    waits: list[float] = field(default_factory=list)

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)

    @property
    def whole_seconds(self) -> list[int]:
        """The waits without jitter: `[30]` after one `Retry-After: 30`."""
        return [int(w) for w in self.waits]


class _LazyErrors(logging.Handler):
    """Bolt logs (and swallows) an exception raised in a lazy listener; collect them."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if "Failed to run an internal function" in message or record.name == "bot.lazywork":
            # Bolt logs from inside its `except`, without the traceback: take it from here.
            if sys.exc_info()[0] is not None:
                message += "\n" + traceback.format_exc()
            self.messages.append(message)


@dataclass
class Bot:
    """The app under test, its fake Slack, its clock and its lazy-listener executor.

    Every request method signs as Slack does, dispatches, then waits for the lazy listeners it
    started (`wait=False` returns at the ack; call `drain()` later). A lazy listener that
    raises fails the test at that point unless `lazy_errors_ok` is set."""

    app: App
    deps: Deps
    slack: LocalSlack
    clock: FrozenClock
    executor: DrainableExecutor
    sleeps: RetrySleeps
    workspace: payloads.Workspace = field(
        default_factory=lambda: payloads.Workspace(team_id=TEAM_ID)
    )
    ids: payloads.Ids = field(default_factory=payloads.Ids)
    lazy_errors_ok: bool = False
    _lazy_errors: _LazyErrors = field(default_factory=_LazyErrors)

    # -- waiting ---------------------------------------------------------------------------------

    def drain(self, timeout: float = LAZY_TIMEOUT) -> None:
        """Wait for every lazy listener started so far; fail if one raised or never ended."""
        if not self.executor.drain(timeout):
            raise AssertionError(f"lazy listeners still running after {timeout} s")
        errors, self._lazy_errors.messages[:] = list(self._lazy_errors.messages), []
        if errors and not self.lazy_errors_ok:
            raise AssertionError("a lazy listener failed: " + "; ".join(errors))

    @property
    def lazy_errors(self) -> list[str]:
        """Errors of lazy listeners not yet reported by `drain()`."""
        return list(self._lazy_errors.messages)

    def other_team(self, team_id: str) -> Bot:
        """The same app, fake Slack and database, with requests coming from workspace `team_id`
        (e.g. to check that one workspace's ids reveal and change nothing in another)."""
        return dataclasses.replace(self, workspace=payloads.Workspace(team_id=team_id))

    # -- sending ---------------------------------------------------------------------------------

    def dispatch(
        self,
        body: str,
        content_type: str,
        *,
        extra: dict[str, str] | None = None,
        wait: bool = True,
    ) -> Reply:
        """Sign `body` as Slack does (`extra`: more headers, e.g. X-Slack-Retry-Num), dispatch
        it through Bolt and (unless `wait=False`) wait for its lazy listeners."""
        url = payloads.response_url_of(body, content_type)
        request = payloads.bolt_request(SECRET, body, content_type, extra=extra)
        began = time.perf_counter()
        response = self.app.dispatch(request)
        elapsed = time.perf_counter() - began
        if wait:
            self.drain()
        try:
            parsed = json.loads(response.body) if response.body else {}
        except ValueError:  # `ack("text")`: Slack shows a plain-text answer as a message
            parsed = {"text": response.body}
        ack = parsed if isinstance(parsed, dict) else {"text": str(parsed)}
        return Reply(response.status, ack, self.responses_to(url), elapsed)

    def responses_to(self, response_url: str | None) -> list[dict[str, Any]]:
        """What was posted to `response_url` so far, oldest first."""
        if not response_url:
            return []
        path = urlsplit(response_url).path
        return [c.body for c in self.slack.calls_to(RESPONSE_URL_METHOD) if c.path == path]

    def interact(self, payload: dict[str, Any], *, wait: bool = True) -> Reply:
        """Send an interactivity payload (block_actions, view_submission, shortcuts…)."""
        return self.dispatch(payloads.interactive_body(payload), FORM, wait=wait)

    def event(self, event: dict[str, Any], *, wait: bool = True) -> Reply:
        """Deliver an Events API event in its `event_callback` envelope."""
        body = payloads.event_request(self.workspace, event, event_id=self.ids.event_id())
        return self.dispatch(body, JSON, wait=wait)

    def command(
        self,
        command: str,
        text: str,
        *,
        user_id: str = MARIA,
        channel_id: str = "C0001",
        trigger_id: str | None = None,
        extra: dict[str, str] | None = None,
        wait: bool = True,
    ) -> Reply:
        """Send a slash command (`text` as Slack escapes it: `<@U0JUAN|juan>`)."""
        body = self.command_body(
            command, text, user_id=user_id, channel_id=channel_id, trigger_id=trigger_id
        )
        return self.dispatch(body, FORM, extra=extra, wait=wait)

    def command_body(
        self,
        command: str,
        text: str,
        *,
        user_id: str = MARIA,
        channel_id: str = "C0001",
        trigger_id: str | None = None,
    ) -> str:
        """The form body of a slash command with a fresh response_url, to send (and resend, as
        Slack's retries do) with `dispatch(body, FORM)`."""
        return payloads.slash_command_body(
            command,
            text,
            user_id=user_id,
            team_id=self.workspace.team_id,
            channel_id=channel_id,
            response_url=self.slack.response_url(),
            trigger_id=trigger_id or self.ids.trigger_id(),
        )

    def press(
        self,
        blocks: list[dict[str, Any]],
        action_id: str,
        *,
        user_id: str = MARIA,
        value: str | None = None,
        wait: bool = True,
        **chosen: Any,
    ) -> Reply:
        """Press the button with `action_id` (prefix match, and `value` if given) in `blocks`,
        as on an ephemeral message or a command's reply; for a select, `chosen` is what was
        picked (`selected_option={…}`, `selected_user="U0JUAN"`, `selected_date="2026-12-01"`)."""
        element, block_id = find_element(blocks, action_id, value)
        payload = payloads.block_actions(
            self.workspace,
            user_id,
            [payloads.action(element, block_id, action_ts=self.ids.action_ts(), **chosen)],
            container=payloads.ephemeral_container(str(CHANNEL["id"])),
            trigger_id=self.ids.trigger_id(),
            channel=CHANNEL,
            response_url=self.slack.response_url(),
        )
        return self.interact(payload, wait=wait)

    def press_in(
        self,
        posted: SlackCall,
        action_id: str,
        *,
        user_id: str = MARIA,
        value: str | None = None,
        wait: bool = True,
        **chosen: Any,
    ) -> Reply:
        """Use an element of a message the bot posted (chat.postMessage / chat.update, e.g. a
        digest DM), as Slack sends it: with the message, its channel and ts."""
        channel, ts = str(posted.response["channel"]), str(posted.response["ts"])
        element, block_id = find_element(posted.body["blocks"], action_id, value)
        payload = payloads.block_actions(
            self.workspace,
            user_id,
            [payloads.action(element, block_id, action_ts=self.ids.action_ts(), **chosen)],
            container=payloads.message_container(channel, ts),
            trigger_id=self.ids.trigger_id(),
            channel={"id": channel, "name": "directmessage"},
            message=payloads.posted_message(posted.body, ts, bot_user_id=self.slack.bot_user_id),
            response_url=self.slack.response_url(),
        )
        return self.interact(payload, wait=wait)

    def press_in_view(
        self,
        view: dict[str, Any],
        action_id: str,
        *,
        user_id: str = MARIA,
        value: str | None = None,
        wait: bool = True,
        **chosen: Any,
    ) -> Reply:
        """Use an element of a view (the App Home, or an open modal), as Slack sends it."""
        element, block_id = find_element(view["blocks"], action_id, value)
        view_id = str(view.get("id") or "VHOME")
        payload = payloads.block_actions(
            self.workspace,
            user_id,
            [payloads.action(element, block_id, action_ts=self.ids.action_ts(), **chosen)],
            container=payloads.view_container(view_id),
            trigger_id=self.ids.trigger_id(),
            view={**view, "id": view_id},
        )
        return self.interact(payload, wait=wait)

    def submit(
        self,
        view: dict[str, Any],
        values: dict[str, dict[str, Any]],
        *,
        user_id: str = MARIA,
        wait: bool = True,
    ) -> Reply:
        """Submit a modal the app opened, with `values` as Slack's view.state.values."""
        payload = payloads.view_submission(
            self.workspace, user_id, view, values, trigger_id=self.ids.trigger_id()
        )
        return self.interact(payload, wait=wait)

    def suggest(
        self,
        view: dict[str, Any],
        action_id: str,
        typed: str,
        *,
        user_id: str = MARIA,
        block_id: str | None = None,
    ) -> Reply:
        """Type `typed` in the external select `action_id` of `view`: the options the app
        offers are in `reply.body["options"]`."""
        if block_id is None:
            block_id = next(
                str(b.get("block_id"))
                for b in view.get("blocks") or []
                if (b.get("element") or {}).get("action_id") == action_id
            )
        payload = payloads.block_suggestion(
            self.workspace, user_id, view, action_id=action_id, block_id=block_id, value=typed
        )
        return self.interact(payload)

    def message_shortcut(
        self,
        callback_id: str,
        message: dict[str, Any],
        *,
        channel: dict[str, Any] | None = None,
        user_id: str = MARIA,
        wait: bool = True,
    ) -> Reply:
        """Use the message shortcut `callback_id` on `message` (with its `ts`, `text`, `user`)."""
        payload = payloads.message_action(
            self.workspace,
            user_id,
            callback_id,
            channel=channel or CHANNEL,
            message=message,
            trigger_id=self.ids.trigger_id(),
            action_ts=self.ids.action_ts(),
            response_url=self.slack.response_url(),
        )
        return self.interact(payload, wait=wait)

    def global_shortcut(
        self, callback_id: str, *, user_id: str = MARIA, wait: bool = True
    ) -> Reply:
        """Use the global shortcut `callback_id`."""
        payload = payloads.global_shortcut(
            self.workspace,
            user_id,
            callback_id,
            trigger_id=self.ids.trigger_id(),
            action_ts=self.ids.action_ts(),
        )
        return self.interact(payload, wait=wait)

    def open_home(self, user_id: str = MARIA) -> dict[str, Any]:
        """Open the App Home tab as `user_id`; the view the app published for it."""
        before = len(self.slack.calls_to("views.publish"))
        reply = self.event(payloads.app_home_opened(user_id, event_ts=self.ids.action_ts()))
        assert reply.status == 200
        [published] = self.slack.calls_to("views.publish")[before:]
        assert published.body["user_id"] == user_id
        view = published.body["view"]
        assert isinstance(view, dict)
        return view

    def user_change(self, user_id: str, **changes: Any) -> Reply:
        """Change member `user_id` in the fake Slack (e.g. `deleted=True`, `tz="Europe/Paris"`)
        and deliver the `user_change` event Slack sends for it."""
        user = self.slack.users[user_id]
        self.slack.add_user(dataclasses.replace(user, **changes))
        event = payloads.user_change(self.slack.user_json(user_id), event_ts=self.ids.action_ts())
        return self.event(event)

    def opened_views(self) -> list[dict[str, Any]]:
        """Every modal the app asked Slack to open, oldest first."""
        return [c.body["view"] for c in self.slack.calls_to("views.open")]


def text_value(value: str | None) -> dict[str, Any]:
    """A plain_text_input's state, under action_id "value"."""
    return {"value": payloads.text_state(value)}


def select_value(value: str) -> dict[str, Any]:
    """A static_select's state, under action_id "value"."""
    return {"value": payloads.select_state(value)}


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
            "contact_partner_pick": payloads.select_state(
                str(partner_id), text="x", kind="external_select"
            )
        },
        "kind": select_value(kind),
        "happened_on": {"value": payloads.date_state(happened_on)},
        "summary": text_value(summary),
        "follow_up_on": {"value": payloads.date_state(follow_up_on)},
        "follow_up_note": text_value(note),
    }


TEST_KEEP_BUDGET = 30.0


def make_bot(
    db_url: str,
    slack: LocalSlack,
    clock: FrozenClock,
    *,
    migrate: bool = True,
    keep_budget: float = TEST_KEEP_BUDGET,
    **env: Any,
) -> Bot:
    """Migrate the database (unless `migrate=False`: it already is) and build the real app
    against the fake Slack, with a drainable lazy-listener executor and retry waits recorded
    instead of slept.

    `keep_budget`: how long keeping a request may take (production's 2 s is for Slack's
    3-second window; a test machine running many tests at once can be slower than that,
    so only the tests of the budget itself use it). `env` sets further configuration
    variables by name, as an operator would."""
    if migrate:
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
    executor = LaneExecutor()
    sleeps = RetrySleeps()
    app, deps = create_app(
        settings,
        sessions=sessions,
        clock=clock,
        listener_executor=executor,
        retry_sleep=sleeps,
        keep_budget=keep_budget,
    )
    bot = Bot(app=app, deps=deps, slack=slack, clock=clock, executor=executor, sleeps=sleeps)
    app.logger.addHandler(bot._lazy_errors)
    logging.getLogger("bot.lazywork").addHandler(bot._lazy_errors)
    return bot


def close_bot(bot: Bot) -> None:
    """Finish lazy work, stop its threads, unhook the error collector, close the database."""
    try:
        bot.drain()
    finally:
        bot.executor.shutdown(wait=True)
        bot.app.logger.removeHandler(bot._lazy_errors)
        logging.getLogger("bot.lazywork").removeHandler(bot._lazy_errors)
        bot.deps.sessions.kw["bind"].dispose()
