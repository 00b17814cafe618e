"""The local console: type what you would type in Slack, see what the bot would post.

It builds the payloads Slack would send, signs them, dispatches them through the same Bolt app,
and prints every message, ephemeral and modal the bot sends to a fake Slack on loopback. Buttons
and selects get numbers (`press 2`); modals ask for their fields one by one.
"""

from __future__ import annotations

import contextlib
import getpass
import hashlib
import itertools
import json
import re
import secrets
import sys
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, TextIO

from slack_bolt import App, BoltResponse

from bot.app import create_app
from bot.config import Settings
from bot.console import payloads
from bot.console.localslack import FakeUser, LocalSlack, SlackCall
from bot.console.render import Element, render_blocks
from bot.lazywork import DrainableExecutor
from scheduler.jobs import run_due_jobs
from scheduler.when import parse_at
from storage.clock import Clock

TEAM_ID = "T0LOCAL"
TEAM_DOMAIN = "partnerbot-local"
CHANNEL_ID = "C0CONSOLE"
CHANNEL_NAME = "console"
APP_ID = "A0CONSOLE"
CONSOLE_TOKEN = "console"  # noqa: S105 (Slack's legacy verification token field; Bolt ignores it)
QUIET_METHODS = {"auth.test", "users.info", "users.list", "conversations.open", "chat.getPermalink"}
COMMANDS = ("/partner", "/contact", "/followup", "/celebrate", "/partnerbot")

HELP = """Type slash commands as you would in Slack, e.g.
  /partner add Acme Health industry: Healthcare pathway: Nursing
  /partner acme
  /partner help
Console commands:
  press N [CHOICE]   press button N (or choose CHOICE in select N) of the last messages
  home               open your App Home tab
  jobs run [--at T]  send the digests due now (or at T, e.g. 2026-11-23T08:00-06:00)
  /as NAME           act as another local user (mentions like @maria create users too)
  /users             list local users
  help               this text
  quit               leave (Ctrl-D works too)
In a form, answer each field; an empty answer keeps the value shown in [brackets];
type - to clear an optional field and /cancel to close the form."""


@dataclass
class Shown:
    """Where an element was shown: a message (with its response_url) or a view."""

    element: Element
    container: dict[str, Any]
    message: dict[str, Any] | None = None
    view: dict[str, Any] | None = None
    response_url: str | None = None


@dataclass
class Modal:
    """The modal currently open."""

    view: dict[str, Any]
    answers: dict[str, dict[str, Any]] = field(default_factory=dict)


class Console:
    """One console session bound to one Bolt app and one fake Slack."""

    def __init__(
        self,
        settings: Settings,
        *,
        user: str | None = None,
        out: TextIO | None = None,
        inp: TextIO | None = None,
        interactive: bool | None = None,
        clock: Clock | None = None,
    ) -> None:
        self.out = out or sys.stdout
        self.inp = inp or sys.stdin
        self.interactive = self.inp.isatty() if interactive is None else interactive
        self._lock = threading.Lock()
        self._calls: list[SlackCall] = []
        self.slack = LocalSlack(team_id=TEAM_ID, team_domain=TEAM_DOMAIN, on_call=self._record)
        self.slack.start()
        self._secret = secrets.token_hex(16)
        local = settings.model_copy(
            update={
                "slack_bot_token": "xoxb-console-local",
                "slack_signing_secret": self._secret,
                "slack_api_url": self.slack.api_url,
                "slack_app_token": None,
            }
        )
        self.settings = local
        self.workspace = payloads.Workspace(
            team_id=TEAM_ID, team_domain=TEAM_DOMAIN, api_app_id=APP_ID, token=CONSOLE_TOKEN
        )
        self.ids = payloads.Ids()
        self.executor = DrainableExecutor()
        self.app: App
        self.app, self.deps = create_app(local, clock=clock, listener_executor=self.executor)
        self._ids = itertools.count(1)
        self.user = self.local_user(user or _login_name())
        self.shown: list[Shown] = []
        self.modal: Modal | None = None

    # -- users -------------------------------------------------------------------------------

    def local_user(self, name: str) -> FakeUser:
        """The local user called `name`, created with a stable id the first time."""
        name = name.strip().lstrip("@").casefold() or "staff"
        for existing in self.slack.users.values():
            if existing.name == name:
                return existing
        user_id = "U" + hashlib.sha1(name.encode(), usedforsecurity=False).hexdigest()[:10].upper()
        created = FakeUser(
            id=user_id, name=name, real_name=name.title(), tz=self.settings.partnerbot_timezone
        )
        self.slack.add_user(created)
        return created

    def name_of(self, user_id: str) -> str:
        """A user's local name, for printing mentions."""
        found = self.slack.users.get(user_id)
        return found.name if found else user_id

    def _mentions(self, text: str) -> str:
        """Turn `@maria` into Slack's escaped mention `<@U…|maria>`, as Slack does."""

        def swap(match: re.Match[str]) -> str:
            person = self.local_user(match.group(1))
            return f"<@{person.id}|{person.name}>"

        return re.sub(r"(?<![\w<])@([A-Za-z][\w.\-]{0,40})", swap, text)

    # -- plumbing ----------------------------------------------------------------------------

    def _record(self, call: SlackCall) -> None:
        with self._lock:
            self._calls.append(call)

    def _take_calls(self) -> list[SlackCall]:
        with self._lock:
            calls, self._calls = self._calls, []
        return calls

    def _dispatch(self, body: str, content_type: str) -> BoltResponse:
        """Sign and dispatch as Slack would, then wait for the lazy listeners it started."""
        response = self.app.dispatch(payloads.bolt_request(self._secret, body, content_type))
        self.executor.drain()
        return response

    def _interactive(self, payload: Mapping[str, Any]) -> BoltResponse:
        return self._dispatch(payloads.interactive_body(payload), payloads.FORM)

    def _print(self, text: str = "") -> None:
        print(text, file=self.out, flush=True)

    # -- output --------------------------------------------------------------------------------

    def _show_message(
        self,
        heading: str,
        message: Mapping[str, Any],
        *,
        container: dict[str, Any],
        response_url: str | None = None,
        view: dict[str, Any] | None = None,
    ) -> None:
        blocks = message.get("blocks") or []
        rendered = render_blocks(
            blocks,
            self.name_of,
            first_number=len(self.shown) + 1,
            fallback_text=str(message.get("text") or ""),
        )
        self._print(heading)
        for line in rendered.lines:
            self._print(f"  {line}")
        stored = {"type": "message", "text": message.get("text", ""), "blocks": blocks}
        for element in rendered.elements:
            self.shown.append(Shown(element, container, message=stored, response_url=response_url))

    def _show_ack(self, response: BoltResponse, response_url: str | None) -> dict[str, Any]:
        if response.status == 401:
            self._print("partnerbot: (request refused: bad signature)")
            return {}
        if response.status == 404:
            return {"unhandled": True}
        if not response.body:
            return {}
        try:
            body = json.loads(response.body)
        except ValueError:
            self._print(f"partnerbot: {response.body}")
            return {}
        if not isinstance(body, dict):
            return {}
        if "response_action" not in body and (body.get("text") or body.get("blocks")):
            self._show_message(
                "partnerbot (only visible to you):",
                body,
                container={
                    "type": "message",
                    "message_ts": "0",
                    "channel_id": CHANNEL_ID,
                    "is_ephemeral": True,
                },
                response_url=response_url,
            )
        return body

    def _flush(self) -> None:
        """Print what the bot sent to Slack since the last flush."""
        for call in self._take_calls():
            if call.method in QUIET_METHODS or call.failed:
                continue
            body = call.body
            if call.method == "response_url":
                if body.get("delete_original"):
                    self._print("partnerbot: (removed the message above)")
                    continue
                heading = (
                    "partnerbot (updates the message above):"
                    if body.get("replace_original")
                    else "partnerbot (only visible to you):"
                )
                self._show_message(
                    heading,
                    body,
                    container={
                        "type": "message",
                        "message_ts": "0",
                        "channel_id": CHANNEL_ID,
                        "is_ephemeral": True,
                    },
                    response_url=self.slack.response_url(),
                )
            elif call.method in ("chat.postMessage", "chat.postEphemeral", "chat.update"):
                channel = str(body.get("channel", ""))
                self._show_message(
                    self._heading(call.method, channel, body),
                    body,
                    container={
                        "type": "message",
                        "message_ts": str(body.get("ts", "0")),
                        "channel_id": channel,
                        "is_ephemeral": call.method == "chat.postEphemeral",
                    },
                    response_url=self.slack.response_url(),
                )
            elif call.method in ("views.open", "views.push"):
                view = body.get("view")
                if isinstance(view, dict):
                    view.setdefault("id", f"V{next(self._ids):08d}")
                    self.modal = Modal(view)
            elif call.method == "views.update" and self.modal is not None:
                view = body.get("view")
                if isinstance(view, dict):
                    self.modal = Modal({**view, "id": self.modal.view.get("id")})
            elif call.method == "views.publish":
                view = body.get("view")
                if isinstance(view, dict) and body.get("user_id") == self.user.id:
                    self._show_message(
                        "App Home:",
                        view,
                        container={"type": "view", "view_id": "VHOME"},
                        view={**view, "id": "VHOME"},
                    )
        if self.modal is not None:
            self._fill_modal()

    def _heading(self, method: str, channel: str, body: Mapping[str, Any]) -> str:
        if method == "chat.update":
            return "partnerbot (updated a message):"
        if method == "chat.postEphemeral":
            return f"partnerbot (only visible to @{self.name_of(str(body.get('user', '')))}):"
        if channel.startswith(("U", "W", "D")):
            person = self.name_of(channel if channel[0] != "D" else "U" + channel[1:])
            return f"partnerbot → DM to @{person}:"
        return f"partnerbot in #{channel}:"

    # -- modals ----------------------------------------------------------------------------------

    def _ask(self, prompt: str) -> str | None:
        if self.interactive:
            try:
                return input(prompt)
            except EOFError:
                return None
        line = self.inp.readline()
        if not line:
            return None
        answer = line.rstrip("\n")
        self._print(f"{prompt}{answer}")
        return answer

    def _fill_modal(self) -> None:
        errors: dict[str, str] = {}
        while self.modal is not None:
            modal = self.modal
            view = modal.view
            title = (view.get("title") or {}).get("text", "Form")
            self._print(f"┌ {title}" + (" (fix the fields below)" if errors else ""))
            for block in view.get("blocks") or []:
                if block.get("type") != "input":
                    rendered = render_blocks([block], self.name_of)
                    for line in rendered.lines:
                        self._print(f"│ {line}")
                    continue
                block_id = str(block.get("block_id"))
                if errors and block_id not in errors:
                    continue
                if block_id in errors:
                    self._print(f"│ ⚠ {errors[block_id]}")
                answer = self._ask_input(block, modal)
                if answer is None:
                    self._print("└ form closed")
                    self.modal = None
                    return
                modal.answers[block_id] = answer
            self._print("└ submitted")
            errors = self._submit(modal)
            if self.modal is modal and not errors:
                self.modal = None
            self._flush_without_modal()

    def _flush_without_modal(self) -> None:
        pending = self.modal
        self.modal = None
        self._flush()
        if self.modal is None:
            self.modal = pending

    def _ask_input(self, block: Mapping[str, Any], modal: Modal) -> dict[str, Any] | None:
        element = block.get("element") or {}
        kind = element.get("type")
        action_id = element.get("action_id", "value")
        label = (block.get("label") or {}).get("text", "")
        optional = " (optional)" if block.get("optional") else ""
        if kind in ("static_select", "external_select"):
            options = list(element.get("options") or [])
            initial = (element.get("initial_option") or {}).get("text", {}).get("text", "")
            if kind == "static_select":
                listing = ", ".join(
                    f"{i}) {o['text']['text']}" for i, o in enumerate(options, start=1)
                )
                self._print(f"│ {label}: {listing}")
            while True:
                answer = self._ask(f"│ {label}{optional} [{initial}]: ")
                if answer is None or answer.strip() == "/cancel":
                    return None
                if not answer.strip() and initial:
                    return {"type": kind, "selected_option": element.get("initial_option")}
                if not answer.strip() and block.get("optional"):
                    return {"type": kind, "selected_option": None}
                if kind == "external_select":
                    options = self._suggest(modal, block, element, answer)
                chosen = _choose(options, answer)
                if chosen is not None:
                    return {"type": kind, "selected_option": chosen}
                self._print(f"│ ⚠ “{answer}” is not one of the choices.")
        if kind == "users_select":
            initial = element.get("initial_user")
            shown = f"@{self.name_of(initial)}" if initial else ""
            answer = self._ask(f"│ {label}{optional} (a name like @maria) [{shown}]: ")
            if answer is None or answer.strip() == "/cancel":
                return None
            if not answer.strip():
                return {"type": kind, "selected_user": initial}
            return {"type": kind, "selected_user": self.local_user(answer).id}
        if kind == "datepicker":
            initial = element.get("initial_date") or ""
            answer = self._ask(f"│ {label}{optional} (YYYY-MM-DD) [{initial}]: ")
            if answer is None or answer.strip() == "/cancel":
                return None
            value = answer.strip() or initial
            return {"type": kind, "selected_date": None if value == "-" else value or None}
        initial = element.get("initial_value") or ""
        shown = initial if len(initial) <= 60 else initial[:57] + "…"
        answer = self._ask(f"│ {label}{optional} [{shown}]: ")
        if answer is None or answer.strip() == "/cancel":
            return None
        value = initial if answer == "" else ("" if answer.strip() == "-" else answer)
        return {"type": kind or "plain_text_input", "value": value or None, "_action": action_id}

    def _suggest(
        self, modal: Modal, block: Mapping[str, Any], element: Mapping[str, Any], typed: str
    ) -> list[dict[str, Any]]:
        payload = payloads.block_suggestion(
            self.workspace,
            self.user.id,
            modal.view,
            action_id=str(element.get("action_id")),
            block_id=str(block.get("block_id")),
            value=typed,
            user_name=self.user.name,
        )
        response = self._interactive(payload)
        try:
            body = json.loads(response.body or "{}")
        except ValueError:
            return []
        options = body.get("options") or []
        for group in body.get("option_groups") or []:
            options.extend(group.get("options") or [])
        if options:
            self._print("│   " + ", ".join(o["text"]["text"] for o in options[:10]))
        return list(options)

    def _submit(self, modal: Modal) -> dict[str, str]:
        values: dict[str, dict[str, Any]] = {}
        for block in modal.view.get("blocks") or []:
            if block.get("type") != "input":
                continue
            block_id = str(block.get("block_id"))
            action_id = str((block.get("element") or {}).get("action_id", "value"))
            answer = {k: v for k, v in modal.answers.get(block_id, {}).items() if k != "_action"}
            values[block_id] = {action_id: answer}
        payload = payloads.view_submission(
            self.workspace,
            self.user.id,
            modal.view,
            values,
            trigger_id=self.ids.trigger_id(),
            user_name=self.user.name,
        )
        body = self._show_ack(self._interactive(payload), None)
        action = body.get("response_action")
        if action == "errors":
            return {str(k): str(v) for k, v in (body.get("errors") or {}).items()}
        if action in ("update", "push") and isinstance(body.get("view"), dict):
            self.modal = Modal({**body["view"], "id": modal.view.get("id")})
        return {}

    # -- commands ------------------------------------------------------------------------------

    def command(self, command: str, text: str) -> None:
        """Send a slash command as Slack would."""
        self.shown = []
        response_url = self.slack.response_url()
        body = payloads.slash_command_body(
            command,
            self._mentions(text),
            user_id=self.user.id,
            user_name=self.user.name,
            team_id=TEAM_ID,
            team_domain=TEAM_DOMAIN,
            channel_id=CHANNEL_ID,
            channel_name=CHANNEL_NAME,
            response_url=response_url,
            trigger_id=self.ids.trigger_id(),
            api_app_id=APP_ID,
            token=CONSOLE_TOKEN,
        )
        answer = self._show_ack(self._dispatch(body, payloads.FORM), response_url)
        if answer.get("unhandled"):
            self._print(
                f"partnerbot: {command} is not a partnerbot command. Try: {', '.join(COMMANDS)}"
            )
        self._flush()

    def press(self, number: int, choice: str | None) -> None:
        """Press button `number`, or choose `choice` in select `number`."""
        if not 1 <= number <= len(self.shown):
            self._print(
                f"partnerbot: there is no button {number}"
                + (f" (1–{len(self.shown)} are shown)" if self.shown else " on screen")
            )
            return
        shown = self.shown[number - 1]
        element = shown.element.element
        kind = shown.element.kind
        chosen: dict[str, Any] = {}
        if kind in ("static_select", "overflow"):
            option = _choose(list(element.get("options") or []), choice or "")
            if option is None:
                labels = ", ".join(
                    f"{i}) {o['text']['text']}"
                    for i, o in enumerate(element.get("options") or [], 1)
                )
                self._print(f"partnerbot: choose one with `press {number} N`: {labels}")
                return
            chosen["selected_option"] = option
        elif kind == "users_select":
            if not choice:
                self._print(f"partnerbot: say who, e.g. `press {number} @maria`")
                return
            chosen["selected_user"] = self.local_user(choice).id
        elif kind == "datepicker":
            if not choice:
                self._print(f"partnerbot: give a date, e.g. `press {number} 2026-12-01`")
                return
            chosen["selected_date"] = choice
        action = payloads.action(
            element, shown.element.block_id, action_ts=self.ids.action_ts(), **chosen
        )
        in_message = shown.container.get("type") == "message"
        posted = in_message and not shown.container.get("is_ephemeral")
        payload = payloads.block_actions(
            self.workspace,
            self.user.id,
            [action],
            container=shown.container,
            trigger_id=self.ids.trigger_id(),
            user_name=self.user.name,
            channel=(
                {"id": shown.container.get("channel_id"), "name": CHANNEL_NAME}
                if in_message
                else None
            ),
            response_url=shown.response_url if in_message else None,
            message=(
                payloads.posted_message(shown.message or {}, str(shown.container.get("message_ts")))
                if posted
                else None
            ),
            view=None if in_message else (shown.view or {"id": shown.container.get("view_id")}),
        )
        self.shown = []
        self._show_ack(self._interactive(payload), shown.response_url)
        self._flush()

    def open_home(self) -> None:
        """Open the App Home tab, as clicking the app's name in Slack does."""
        self.shown = []
        before = len(self.slack.calls_to("views.publish"))
        event = payloads.app_home_opened(self.user.id, event_ts=self.ids.action_ts())
        self._dispatch(
            payloads.event_request(self.workspace, event, event_id=self.ids.event_id()),
            payloads.JSON,
        )
        self._flush()
        if len(self.slack.calls_to("views.publish")) == before:
            self._print("partnerbot: (the Home tab is empty)")

    def run_jobs(self, rest: str) -> None:
        """`jobs run [--at WHEN]`: what the scheduler would send now (or at WHEN)."""
        words = rest.split()
        at = None
        if (
            words[:1] != ["run"]
            or len(words) not in (1, 3)
            or (len(words) == 3 and words[1] != "--at")
        ):
            self._print("partnerbot: write `jobs run` or `jobs run --at 2026-11-23T08:00-06:00`")
            return
        if len(words) == 3:
            try:
                at = parse_at(words[2])
            except ValueError as exc:
                self._print(f"partnerbot: --at: {exc}")
                return
        self.shown = []
        report = run_due_jobs(
            self.deps.sessions, self.app.client, self.deps.zones, now=at or self.deps.clock.now()
        )
        self._flush()
        self._print(f"partnerbot: {report}")

    def handle(self, line: str) -> bool:
        """Act on one typed line; False means the person asked to leave."""
        line = line.strip()
        if not line or line.startswith("#"):
            return True
        word, _, rest = line.partition(" ")
        lowered = word.casefold()
        if lowered in ("quit", "exit", "/quit", "/exit"):
            return False
        if lowered in ("help", "/help", "?"):
            self._print(HELP)
        elif lowered in ("press", "click", "choose"):
            number, _, choice = rest.strip().partition(" ")
            if not number.isdigit():
                self._print("partnerbot: write `press N`, N being the number shown in [N: …]")
            else:
                self.press(int(number), choice.strip() or None)
        elif lowered == "/as":
            if not rest.strip():
                self._print(f"partnerbot: you are @{self.user.name}; write `/as NAME` to switch")
            else:
                self.user = self.local_user(rest)
                self._print(f"partnerbot: you are now @{self.user.name}")
        elif lowered in ("home", "/home"):
            self.open_home()
        elif lowered == "jobs":
            self.run_jobs(rest)
        elif lowered == "/users":
            names = ", ".join(f"@{u.name}" for u in self.slack.users.values())
            self._print(f"partnerbot: local users: {names}")
        elif word.startswith("/"):
            self.command(lowered, rest)
        else:
            self._print("partnerbot: start with a slash command such as `/partner help`, or `help`")
        return True

    def run(self) -> int:
        """Read lines until end of input or `quit`; returns the exit status."""
        if self.interactive:
            with contextlib.suppress(ImportError):
                import readline  # noqa: F401  (line editing and history for input())
            self._print(
                f"partnerbot console — you are @{self.user.name}. Type `help`, or try "
                "`/partner add Acme Health`. Ctrl-D to leave."
            )
        try:
            while True:
                line = self._ask("> " if self.interactive else "")
                if line is None or not self.handle(line):
                    return 0
        except KeyboardInterrupt:
            self._print("")
            return 0
        finally:
            self.close()

    def close(self) -> None:
        """Finish the lazy work, stop its threads and the fake Slack."""
        self.executor.drain()
        self.executor.shutdown(wait=True)
        self.slack.stop()


def _choose(options: list[dict[str, Any]], answer: str) -> dict[str, Any] | None:
    answer = answer.strip()
    if answer.isdigit() and 1 <= int(answer) <= len(options):
        return options[int(answer) - 1]
    folded = answer.casefold()
    for option in options:
        text = str(option["text"]["text"]).casefold()
        if folded in (str(option.get("value", "")).casefold(), text) or text.endswith(f" {folded}"):
            return option
    return options[0] if len(options) == 1 and folded else None


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "staff"


def run_console(settings: Settings, *, user: str | None = None) -> int:
    """Run the console on standard input and output."""
    return Console(settings, user=user).run()
