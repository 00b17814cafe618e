"""The local console: type what you would type in Slack, see what the bot would post.

It builds the payloads Slack would send, signs them, dispatches them through the same Bolt app,
and prints every message, ephemeral and modal the bot sends to a fake Slack on loopback. Buttons
and selects get numbers (`press 2`); modals ask for their fields one by one.
"""

from __future__ import annotations

import contextlib
import io
import re
from datetime import datetime
from pathlib import Path
from typing import Any

from bot.config import Settings
from bot.console import payloads
from bot.console.forms import choose
from bot.console.session import (
    APP_ID,
    CHANNEL_ID,
    CHANNEL_NAME,
    CONSOLE_TOKEN,
    TEAM_DOMAIN,
    TEAM_ID,
)
from bot.console.tour import tour_lines
from bot.console.ways import ConsoleWays
from bot.console.world import database_file
from scheduler.jobs import JobReport, run_due_jobs
from scheduler.when import parse_at
from storage.installs import mark_installed

COMMANDS = ("/partner", "/contact", "/followup", "/celebrate", "/partnerbot")

HELP = """Type slash commands as you would in Slack, e.g.
  /partner add Acme Health industry: Healthcare pathway: Nursing
  /partner acme
  /partner help
@maria names a person (created the first time), #partner-wins a channel.
Console commands (Slack's other ways in):
  press N [CHOICE]   press button N (or choose CHOICE in menu N); every message's buttons
                     keep their numbers until the message changes; `press Done` presses
                     the newest button labelled so
  home               open your App Home tab
  dm TEXT            a direct message to partnerbot (its Messages tab)
  shortcut TEXT      the *Log partner contact* shortcut on a message saying TEXT
  shortcut           the global shortcut *Log a partner contact*
  leave @NAME        Slack deactivates NAME (user_change); `return @NAME` reactivates
  /as NAME [admin] [--lead]   act as NAME (a workspace admin, a program lead)
  uninstall          as if the workspace removed partnerbot (Slack's app_uninstalled)
  reinstall          as if it installed partnerbot again
  import FILE        send a spreadsheet (.xlsx, .csv) to partnerbot in a DM: its import preview
  /users             list local users
  clock [WHEN]       show or move the clock: `clock Jan 11 08:05`, `clock +1d`, `clock +2h`,
                     `clock next school day`, `clock now`; the scheduler's due work
                     (digests, debriefs, prompts, nudges) runs as the clock passes it
  jobs run [--at T]  run the scheduler's due work now (or at T, e.g. 2026-11-23T08:00-06:00)
  tour               seed a small school and live a week of it (in a new database: --fresh)
  help               this text
  quit               leave (Ctrl-D works too)
Files partnerbot uploads (CSV reports) are written to {files}.
In a form, answer each field; an empty answer keeps the value shown in [brackets];
type - to clear an optional field and /cancel to close the form."""


class Console(ConsoleWays):
    """One console session: slash commands, `press`, `home`, `jobs run` and the read loop."""

    # -- commands ------------------------------------------------------------------------------

    def command(self, command: str, text: str) -> None:
        """Send a slash command as Slack would."""
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
        if shown.gone:
            self._print(
                f"partnerbot: button {number} was on a message that has changed since; "
                "press one of the message as it is now"
            )
            return
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
        self._show_ack(self._interactive(payload), shown.response_url)
        self._flush()

    def labelled(self, label: str) -> int | None:
        """The number of the newest button still shown labelled `label`, else of the newest
        whose label starts with it."""
        wanted = _label_key(label)
        if not wanted:
            return None
        live = [n for n in range(len(self.shown), 0, -1) if not self.shown[n - 1].gone]
        labels = {n: _label_key(self.shown[n - 1].element.label) for n in live}
        exact = [n for n in live if labels[n] == wanted]
        start = [n for n in live if labels[n].startswith(wanted)]
        found = exact or start
        return found[0] if found else None

    def open_home(self) -> None:
        """Open the App Home tab, as clicking the app's name in Slack does."""
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
        report = self.jobs_at(at or self.clock.now())
        self._print(f"partnerbot: {report}")

    def jobs_at(self, at: datetime) -> JobReport:
        """Run the scheduler's due work as at `at`, showing what it sends."""
        report = run_due_jobs(
            self.deps.sessions,
            self.app.client,
            self.deps.zones,
            now=at,
            keep_days=self.settings.partnerbot_uninstalled_keep_days,
        )
        self._flush()
        return report

    def uninstall(self, again: bool) -> None:
        """`uninstall`: Slack's app_uninstalled event, as the app gets it; `reinstall`: what a
        finished install records."""
        if again:
            back = mark_installed(
                self.deps.sessions, self.workspace.team_id, None, now=self.deps.clock.now()
            )
            self._print("partnerbot: installed again" + (" (its data was kept)" if back else ""))
            return
        event = {"type": "app_uninstalled", "event_ts": self.ids.action_ts()}
        self._dispatch(
            payloads.event_request(self.workspace, event, event_id=self.ids.event_id()),
            payloads.JSON,
        )
        days = self.settings.partnerbot_uninstalled_keep_days
        self._print(
            f"partnerbot: uninstalled: nothing is sent any more; the data is erased by the "
            f"first `jobs run` {days} days from now, unless you `reinstall` before"
        )

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
            self._print(HELP.format(files=self.files_dir))
        elif lowered in ("press", "click", "choose"):
            number, _, choice = rest.strip().partition(" ")
            if number.isdigit():
                self.press(int(number), choice.strip() or None)
            elif self.labelled(rest) is not None:
                self.press(self.labelled(rest) or 0, None)
            else:
                self._print(
                    "partnerbot: write `press N`, N being the number shown in [N: …], "
                    "or `press LABEL` for the newest button showing LABEL"
                )
        elif lowered in ("/as", "as"):
            self.act_as(rest)
        elif lowered in ("home", "/home"):
            self.open_home()
        elif lowered == "jobs":
            self.run_jobs(rest)
        elif lowered in ("uninstall", "reinstall"):
            self.uninstall(lowered == "reinstall")
        elif lowered in ("import", "/import"):
            self.import_file(rest)
        elif lowered == "/users":
            names = ", ".join(
                f"@{u.name}" + (" (admin)" if u.is_admin else "") + (" (left)" if u.deleted else "")
                for u in self.slack.users.values()
            )
            self._print(f"partnerbot: local users: {names}")
        elif lowered in ("dm", "/dm"):
            self.direct_message(rest)
        elif lowered in ("shortcut", "/shortcut"):
            self.shortcut(rest)
        elif lowered in ("leave", "return"):
            self.member_leaves(rest, deleted=lowered == "leave")
        elif lowered in ("clock", "/clock"):
            self.move_clock(rest)
        elif lowered in ("tour", "/tour"):
            self.tour()
        elif word.startswith("/"):
            self.command(lowered, rest)
        else:
            self._print("partnerbot: start with a slash command such as `/partner help`, or `help`")
        return True

    def run(self, *, tour: bool = False) -> int:
        """Read lines until end of input or `quit` (after the tour, with `tour`); returns the
        exit status."""
        if self.interactive:
            with contextlib.suppress(ImportError):
                import readline  # noqa: F401  (line editing and history for input())
            self._print(
                f"partnerbot console — you are {self.role()}. Type `help`, or try "
                "`/partner add Acme Health`. Ctrl-D to leave."
            )
        try:
            if tour:
                self.tour()
            while True:
                line = self._ask(self.prompt())
                if line is None or not self.handle(line):
                    return 0
        except KeyboardInterrupt:
            self._print("")
            return 0
        finally:
            self.close()

    def tour(self) -> None:
        """`tour`: seed a small school and live a week of it, each line shown as typed (form
        answers included: the tour reads them as a pipe would)."""
        self._print("partnerbot: the tour — a small school and a week of it, typed for you")
        lines = tour_lines(self.clock.now().astimezone(self.zone).date())
        inp, interactive = self.inp, self.interactive
        self.inp, self.interactive = io.StringIO("\n".join(lines) + "\n"), False
        try:
            while line := self.inp.readline():
                line = line.rstrip("\n")
                if line.startswith("#"):
                    self._print(line)
                    continue
                self._print(f"{self.prompt()}{line}")
                self.handle(line)
        finally:
            self.inp, self.interactive = inp, interactive
        self._print("partnerbot: that was the tour; everything it made is yours to explore")


def _label_key(label: str) -> str:
    """A label as typed: without emoji, quotes or punctuation around it, any case."""
    return re.sub(r"^\W+|\W+$", "", label.strip()).casefold()


def where(settings: Settings) -> str:
    """Which database the console uses, for its first line."""
    found = database_file(settings)
    return str(found) if found is not None else "the database of DATABASE_URL"


def run_console(settings: Settings, *, user: str | None = None, tour: bool = False) -> int:
    """Run the console on standard input and output (the tour first, with `tour`)."""
    print(f"partnerbot console: database {where(settings)}", flush=True)
    return Console(settings, user=user).run(tour=tour)


def console_jobs(settings: Settings, at: datetime | None) -> JobReport:
    """`partnerbot jobs run [--at WHEN]` without Slack tokens: the due work on the console's
    database, its DMs printed instead of posted."""
    print(f"partnerbot: no SLACK_BOT_TOKEN: running on the console's database {where(settings)}")
    console = Console(settings, inp=io.StringIO(), interactive=False)
    try:
        return console.jobs_at(at or console.clock.now())
    finally:
        console.close()
