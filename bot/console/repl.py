"""The local console: type what you would type in Slack, see what the bot would post.

It builds the payloads Slack would send, signs them, dispatches them through the same Bolt app,
and prints every message, ephemeral and modal the bot sends to a fake Slack on loopback. Buttons
and selects get numbers (`press 2`); modals ask for their fields one by one.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from bot.config import Settings
from bot.console import payloads
from bot.console.forms import ConsoleForms, choose
from bot.console.session import (
    APP_ID,
    CHANNEL_ID,
    CHANNEL_NAME,
    CONSOLE_TOKEN,
    TEAM_DOMAIN,
    TEAM_ID,
)
from scheduler.jobs import run_due_jobs
from scheduler.when import parse_at

COMMANDS = ("/partner", "/contact", "/followup", "/celebrate", "/partnerbot")

HELP = """Type slash commands as you would in Slack, e.g.
  /partner add Acme Health industry: Healthcare pathway: Nursing
  /partner acme
  /partner help
Console commands:
  press N [CHOICE]   press button N (or choose CHOICE in select N) of the last messages
  home               open your App Home tab
  jobs run [--at T]  send the digests due now (or at T, e.g. 2026-11-23T08:00-06:00)
  import FILE        send a spreadsheet (.xlsx, .csv) to partnerbot in a DM: its import preview
  /as NAME           act as another local user (mentions like @maria create users too)
  /users             list local users
  help               this text
  quit               leave (Ctrl-D works too)
In a form, answer each field; an empty answer keeps the value shown in [brackets];
type - to clear an optional field and /cancel to close the form."""


class Console(ConsoleForms):
    """One console session: slash commands, `press`, `home`, `jobs run` and the read loop."""

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
            option = choose(list(element.get("options") or []), choice or "")
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

    def import_file(self, rest: str) -> None:
        """`import FILE`: send the file to partnerbot in a DM, as dragging it into Slack does."""
        path = Path(rest.strip()).expanduser()
        if not rest.strip():
            self._print("partnerbot: write `import FILE`, e.g. `import partners.xlsx`")
            return
        try:
            content = path.read_bytes()
        except OSError as exc:
            self._print(f"partnerbot: can't read {path}: {exc.strerror or exc}")
            return
        self.shown = []
        shared = self.slack.share_file(path.name, content, user=self.user.id)
        event = payloads.file_shared_in_dm(self.user.id, shared, ts=self.ids.action_ts())
        self._dispatch(
            payloads.event_request(self.workspace, event, event_id=self.ids.event_id()),
            payloads.JSON,
        )
        self._flush()

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
        elif lowered in ("import", "/import"):
            self.import_file(rest)
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


def run_console(settings: Settings, *, user: str | None = None) -> int:
    """Run the console on standard input and output."""
    return Console(settings, user=user).run()
