"""The other ways Slack reaches the app, in the console: a direct message to the bot, the
message and global shortcuts, members leaving and coming back (`user_change`), who you are
(roles) and the clock (moving it runs the scheduler's due work on the way)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.console import payloads
from bot.console.clock import read_move
from bot.console.forms import ConsoleForms
from bot.console.session import CHANNEL_ID, CHANNEL_NAME, TEAM_ID
from scheduler.jobs import run_due_jobs
from storage.people.leads import add_lead, leads_now
from storage.school_year import school_calendar

MESSAGE_SHORTCUT = "log_partner_contact"
GLOBAL_SHORTCUT = "log_partner_contact_global"
TICKS_FROM, TICKS_TO = time(6, 0), time(18, 0)
TICK = timedelta(minutes=30)
"""As the clock passes a school day, the scheduler runs every half hour from 6:00 to 18:00
(the console's time zone): digests, prompts, nudges and debriefs then go out, a little late at
most, as a scheduler ticking every minute would send them."""


class ConsoleWays(ConsoleForms):
    """Direct messages, shortcuts, leavers, roles and the clock."""

    @property
    def zone(self) -> ZoneInfo:
        """The console's time zone (every local user's)."""
        return ZoneInfo(self.settings.partnerbot_timezone)

    def _ts(self) -> str:
        return self.ids.action_ts()

    # -- ways in -----------------------------------------------------------------------------

    def direct_message(self, text: str) -> None:
        """`dm TEXT`: a message to partnerbot in its Messages tab (`message.im`)."""
        if not text.strip():
            self._print("partnerbot: write `dm` and the message, e.g. `dm called Acme, f/u fri`")
            return
        ts = self._ts()
        event = {
            "type": "message",
            "channel": "D" + self.user.id[1:],
            "channel_type": "im",
            "user": self.user.id,
            "text": self._mentions(text),
            "ts": ts,
            "event_ts": ts,
            "team": TEAM_ID,
        }
        self._dispatch(
            payloads.event_request(self.workspace, event, event_id=self.ids.event_id()),
            payloads.JSON,
        )
        self._flush()

    def shortcut(self, text: str) -> None:
        """`shortcut TEXT`: *Log partner contact* on a message saying TEXT (written by you, in
        #console, now); `shortcut` alone: the global shortcut."""
        if text.strip():
            ts = self._ts()
            message = {"type": "message", "user": self.user.id, "text": self._mentions(text)}
            payload = payloads.message_action(
                self.workspace,
                self.user.id,
                MESSAGE_SHORTCUT,
                channel={"id": CHANNEL_ID, "name": CHANNEL_NAME},
                message={**message, "ts": ts},
                trigger_id=self.ids.trigger_id(),
                action_ts=ts,
                response_url=self.slack.response_url(),
                user_name=self.user.name,
            )
        else:
            payload = payloads.global_shortcut(
                self.workspace,
                self.user.id,
                GLOBAL_SHORTCUT,
                trigger_id=self.ids.trigger_id(),
                action_ts=self._ts(),
                user_name=self.user.name,
            )
        self._show_ack(self._interactive(payload), None)
        self._flush()

    def member_leaves(self, name: str, *, deleted: bool) -> None:
        """`leave @maria` / `return @maria`: Slack deactivates (or reactivates) her account."""
        if not name.strip():
            self._print("partnerbot: say who, e.g. `leave @maria` or `return @maria`")
            return
        person = self.local_user(name)
        person.deleted = deleted
        self.save_world()
        self._print(
            f"partnerbot: (Slack: @{person.name}'s account is "
            + ("deactivated)" if deleted else "active again)")
        )
        event = payloads.user_change(self.slack.user_json(person.id), event_ts=self._ts())
        self._dispatch(
            payloads.event_request(self.workspace, event, event_id=self.ids.event_id()),
            payloads.JSON,
        )
        self._flush()

    # -- who you are -------------------------------------------------------------------------

    def act_as(self, rest: str) -> None:
        """`/as NAME [admin] [--lead]`: act as NAME, made a workspace admin or a program lead."""
        words = rest.split()
        flags = {w.lstrip("-").casefold() for w in words[1:]}
        unknown = flags - {"admin", "lead"}
        if not words or unknown:
            self._print(
                f"partnerbot: you are {self.role()}; write `/as NAME`, `/as NAME admin` "
                "(a workspace admin) or `/as NAME --lead` (a program lead)"
            )
            return
        self.user = self.local_user(words[0])
        if "admin" in flags and not self.user.is_admin:
            self.user.is_admin = True
            self.save_world()
        if "lead" in flags:
            leads = add_lead(self.deps.sessions, TEAM_ID, self.user.id, now=self.clock.now())
            named = ", ".join(f"@{self.name_of(u)}" for u in leads)
            self._print(f"partnerbot: the program leads are now {named}")
        self._print(f"partnerbot: you are now {self.role()}")

    def role(self) -> str:
        """`@dana (lead)`, `@casey (admin)` or `@maria`."""
        roles = []
        if self.user.is_admin:
            roles.append("admin")
        if self.user.id in leads_now(self.deps.sessions, TEAM_ID):
            roles.append("lead")
        if self.user.deleted:
            roles.append("left")
        return f"@{self.user.name}" + (f" ({', '.join(roles)})" if roles else "")

    def prompt(self) -> str:
        """The prompt: who you are, and the day when the clock was moved."""
        when = ""
        if self.clock.moved:
            when = f"{self.clock.now().astimezone(self.zone):%a %b %-d %H:%M} "
        return f"{when}{self.role()}> "

    # -- the clock ---------------------------------------------------------------------------

    def move_clock(self, text: str) -> None:
        """`clock …`: move the console's time; due scheduled work runs as it passes."""
        before = self.clock.now()
        if text.strip().casefold() in ("", "show"):
            self._print(f"partnerbot: it is {self._local(before)}")
            return
        if text.strip().casefold() == "now":
            self.clock.offset = timedelta(0)
            self.save_world()
            self._print(f"partnerbot: back to the real time, {self._local(self.clock.now())}")
            return
        move = read_move(text, before, self.zone, self._next_school_day)
        if move.when is None:
            self._print(f"partnerbot: {move.error}")
            return
        if move.when < before:
            self.clock.set(move.when)
            self.save_world()
            self._print(
                f"partnerbot: it is now {self._local(move.when)} (the clock went back: "
                "nothing scheduled is run again)"
            )
            return
        self._pass_time(before, move.when)
        self.clock.set(move.when)
        self.save_world()
        self._print(f"partnerbot: it is now {self._local(move.when)}")

    def _local(self, when: datetime) -> str:
        return f"{when.astimezone(self.zone):%a %b %-d %Y %H:%M} ({self.zone.key})"

    def _calendar_days(self, first: date, last: date) -> set[date]:
        with self.deps.sessions() as session:
            calendar = school_calendar(session, TEAM_ID, today=first)
        days = (first + timedelta(days=n) for n in range((last - first).days + 1))
        return {d for d in days if calendar.is_school_day(d)}

    def _next_school_day(self, day: date) -> date:
        with self.deps.sessions() as session:
            calendar = school_calendar(session, TEAM_ID, today=day)
        return calendar.next_school_day(day + timedelta(days=1))

    def _pass_time(self, start: datetime, end: datetime) -> None:
        """Run the scheduler at every tick between `start` and `end` (and at `end`), showing
        what it sends under the day and time it was sent."""
        zone = self.zone
        first, last = start.astimezone(zone).date(), end.astimezone(zone).date()
        school_days = self._calendar_days(first, last)
        moments = [
            t for t in self._ticks(start, end, zone) if t.astimezone(zone).date() in school_days
        ]
        for moment in [*moments, end]:
            self.clock.set(moment)
            run_due_jobs(self.deps.sessions, self.app.client, self.deps.zones, now=moment)
            if self._has_news():
                self._print(f"── {moment.astimezone(zone):%a %b %-d %H:%M} ──")
            self._flush()

    @staticmethod
    def _ticks(start: datetime, end: datetime, zone: ZoneInfo) -> list[datetime]:
        first = start.astimezone(zone).date()
        found = []
        for n in range((end.astimezone(zone).date() - first).days + 1):
            moment = datetime.combine(first + timedelta(days=n), TICKS_FROM, tzinfo=zone)
            while moment.time() <= TICKS_TO:
                if start < moment < end:
                    found.append(moment)
                moment += TICK
        return found
