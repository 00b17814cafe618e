"""Nothing acknowledged is lost: a request whose work runs after the ack (a slash command, a
button, an event) is kept in the database's inbox *before* Slack gets its HTTP 200, and marked
done when its work has run. A process that stops or crashes first leaves it there; the next
process (or another replica, once the lease runs out) takes it over and runs the work again.

The work is written to be run twice without doing anything twice (idempotency keys from
Slack's trigger ids; done is done), as a Slack retry would run it. When the database cannot
keep a request within the budget, the person is told at once that nothing was saved."""

from __future__ import annotations

import json
import logging
import os
import socket
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import Executor, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from typing import Any

from slack_bolt import App, BoltRequest, BoltResponse
from slack_bolt.listener import Listener
from slack_bolt.listener.thread_runner import ThreadListenerRunner
from sqlalchemy.exc import SQLAlchemyError

from bot.errors import DATABASE_DOWN, polite_response, tell
from storage.clock import Clock
from storage.db import SessionFactory
from storage.inbox import finish, forget_done, keep, owners_waiting, take_over

log = logging.getLogger(__name__)

HEADER = "x-partnerbot-inbox"
"""The header that carries a kept request's key to its work (and marks a replay)."""
SWEEP_SECONDS = 10.0
TAKE_BATCH = 50
"""Requests claimed per statement when taking over."""
MAX_BATCHES = 200
"""Batches one sweep takes at most (10,000 requests); the next sweep goes on."""
"""How often a serving process looks for requests another process left unfinished."""
BUDGET_SECONDS = 2.0
"""How long keeping a request may take before the person is told nothing was saved."""
KEEP_THREADS = 16
MAYBE_KEPT = (
    "The database is very slow: if your request was saved, its answer comes within a couple "
    "of minutes; if none comes, nothing was saved — send it again."
)


def process_id() -> str:
    """This process, as the inbox names its owner: host, pid and a start-up token."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def request_key(body: dict[str, Any]) -> tuple[str, str, str | None] | None:
    """(key, team, person) of a request whose work is kept; None for the ones that only read
    or open a form (forms save before the ack already)."""
    if "command" in body:
        team, user, trigger = body.get("team_id"), body.get("user_id"), body.get("trigger_id")
        return f"{team}:cmd:{trigger or uuid.uuid4().hex}", str(team), str(user)
    kind = body.get("type")
    if kind == "block_actions":
        team = (body.get("team") or {}).get("id")
        user = (body.get("user") or {}).get("id")
        trigger = body.get("trigger_id") or uuid.uuid4().hex
        return f"{team}:act:{trigger}", str(team), str(user) if user else None
    if kind == "event_callback":
        event = body.get("event") or {}
        if not isinstance(event, dict) or event.get("type") == "app_home_opened":
            return None  # the Home is drawn again on the next visit
        team = body.get("team_id") or ""
        user = event.get("user") if isinstance(event.get("user"), str) else None
        return f"{team}:ev:{body.get('event_id') or uuid.uuid4().hex}", str(team), user
    return None


class NotKept(Exception):
    """The database did not keep a request in time; `str()` is what to tell the person."""


class _Abandoned(Exception):
    """Raised inside a late keep's transaction so that it rolls back."""


@dataclass
class _Attempt:
    """One keep, decided once: abandoned by the waiting request, or committing."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    abandoned: bool = False
    committing: bool = False


class Inbox:
    """Keeps requests, marks them done, and takes over the ones stopped processes left."""

    def __init__(
        self,
        sessions: SessionFactory,
        clock: Clock,
        owner: str | None = None,
        *,
        budget: float = BUDGET_SECONDS,
    ) -> None:
        self.sessions = sessions
        self.clock = clock
        self.owner = owner or process_id()
        self.budget = budget
        self._pool = ThreadPoolExecutor(max_workers=KEEP_THREADS, thread_name_prefix="keep")

    def keep(self, body: dict[str, Any]) -> str | bool | None:
        """Keep `body` before the ack: its key; None when this kind is not kept; False when
        it is a retry of a request already kept. Raises `NotKept` when the database did not
        commit it within the budget (then nothing of it is ever committed)."""
        found = request_key(body)
        if found is None:
            return None
        attempt = _Attempt()
        future = self._pool.submit(self._keep, found, body, attempt)
        try:
            return future.result(timeout=self.budget)
        except FutureTimeout:
            with attempt.lock:
                if not attempt.committing:
                    attempt.abandoned = True
                    raise NotKept(DATABASE_DOWN) from None
        try:  # the commit had begun: its outcome decides
            return future.result(timeout=self.budget / 2)
        except FutureTimeout:
            raise NotKept(MAYBE_KEPT) from None

    def _keep(
        self, found: tuple[str, str, str | None], body: dict[str, Any], attempt: _Attempt
    ) -> str | bool:
        key, team, user = found
        with self.sessions.begin() as session:
            kept = keep(
                session,
                key=key,
                team_id=team,
                user_id=user,
                body=json.dumps(body, ensure_ascii=False),
                owner=self.owner,
                now=self.clock.now(),
            )
            with attempt.lock:
                if attempt.abandoned:  # the person was told nothing was saved
                    raise _Abandoned
                attempt.committing = True
        return key if kept else False

    def done(self, key: str) -> None:
        """The work of `key` has run (or failed and the person was told)."""
        try:
            with self.sessions.begin() as session:
                finish(session, key, self.clock.now())
        except SQLAlchemyError:  # it runs again later: the work is safe to repeat
            log.warning("inbox: could not mark %s done", key, exc_info=True)

    def stopped_here(self) -> frozenset[str]:
        """Owners on this host whose process is gone (or is this one under an older token)."""
        host = socket.gethostname()
        with self.sessions() as session:
            owners = owners_waiting(session)
        gone = set()
        for owner in owners:
            name, _, rest = owner.partition(":")
            pid, _, _token = rest.partition(":")
            if name != host or owner == self.owner or not pid.isdigit():
                continue
            if int(pid) == os.getpid() or not _alive(int(pid)):
                gone.add(owner)
        return frozenset(gone)

    def take_over(self) -> list[tuple[str, dict[str, Any]]]:
        """Claim the requests left unfinished by a stopped process of this host (at once) or
        by any whose lease ran out: (key, payload) of each."""
        stopped = self.stopped_here()
        now = self.clock.now()
        with self.sessions.begin() as session:
            taken = take_over(session, owner=self.owner, now=now, stopped=stopped, limit=TAKE_BATCH)
            forget_done(session, now)
        found = []
        for kept in taken:
            try:
                found.append((kept.key, json.loads(kept.body)))
            except ValueError:
                log.error("inbox: %s is unreadable; dropped", kept.key)
                self.done(kept.key)
        return found


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class KeepingListenerRunner(ThreadListenerRunner):
    """Bolt's listener runner, keeping each request with work after the ack in the inbox
    before the ack (so before Slack's HTTP 200)."""

    def __init__(self, base: ThreadListenerRunner, inbox: Inbox, executor: Executor) -> None:
        super().__init__(
            logger=base.logger,
            process_before_response=base.process_before_response,
            listener_error_handler=base.listener_error_handler,
            listener_start_handler=base.listener_start_handler,
            listener_completion_handler=base.listener_completion_handler,
            listener_executor=base.listener_executor,
            lazy_listener_runner=base.lazy_listener_runner,
        )
        self.inbox = inbox
        self.executor = executor

    def run(
        self,
        request: BoltRequest,
        response: BoltResponse,
        listener_name: str,
        listener: Listener,
        starting_time: float | None = None,
    ) -> BoltResponse | None:
        if request.lazy_only or len(listener.lazy_functions) != 1:
            return super().run(request, response, listener_name, listener, starting_time)
        body = request.body if isinstance(request.body, dict) else {}
        try:
            key = self.inbox.keep(body)
        except (SQLAlchemyError, NotKept) as error:
            log.error("inbox: could not keep a request (%s); the person is told", error)
            text = f"⚠️ {error if isinstance(error, NotKept) else DATABASE_DOWN}"
            answer = polite_response(body, text)
            if not answer.body and body.get("type") != "event_callback":
                self.executor.submit(tell, request, text)
            return answer
        if key is False:
            log.info("a retry of a request already kept; answered, not run again")
            return BoltResponse(status=200, body="")
        if isinstance(key, str):
            request.headers[HEADER] = [key]
        return super().run(request, response, listener_name, listener, starting_time)


def kept_key(request: BoltRequest) -> str | None:
    """The inbox key a request's work carries, if it was kept."""
    values = request.headers.get(HEADER) or []
    return values[0] if values else None


def install_inbox(app: App, inbox: Inbox, executor: Executor) -> Callable[[BoltRequest], None]:
    """Keep requests before their ack; returns what the lazy runner calls when work is done."""
    base = app._listener_runner  # Bolt has no public hook around a listener's ack
    app._listener_runner = KeepingListenerRunner(base, inbox, executor)

    def work_done(request: BoltRequest) -> None:
        key = kept_key(request)
        if key is not None:
            inbox.done(key)

    return work_done


def run_again(app: App, key: str, body: dict[str, Any]) -> None:
    """Dispatch a kept request's work again (its ack was given long ago): Bolt runs only the
    lazy listener, on the app's executor. Socket Mode's shape skips the signature check,
    which the request passed when it was kept."""
    request = BoltRequest(body=body, headers={HEADER: [key]}, mode="socket_mode")
    request.lazy_only = True
    app.dispatch(request)


class Redelivery:
    """Takes over requests that stopped processes left, at start and then every
    `SWEEP_SECONDS`: at once those of a stopped process on this host (a replica killed beside
    this one), else once their lease has run out."""

    def __init__(self, app: App, inbox: Inbox, interval: float = SWEEP_SECONDS) -> None:
        self.app = app
        self.inbox = inbox
        self.interval = interval
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def sweep(self) -> int:
        """Run again what was left, batch after batch while batches come full (a killed
        process may leave hundreds); how many requests."""
        done = 0
        for _ in range(MAX_BATCHES):
            try:
                taken = self.inbox.take_over()
            except SQLAlchemyError as error:
                log.warning("inbox: could not look for unfinished requests (%s)", error)
                break
            for key, body in taken:
                log.info("inbox: running %s again (left unfinished)", key)
                try:
                    run_again(self.app, key, body)
                except Exception:
                    log.exception("inbox: could not run %s again", key)
            done += len(taken)
            if len(taken) < TAKE_BATCH:
                break
        return done

    def start(self) -> None:
        """Sweep now, then in a daemon thread until `stop`."""
        self.sweep()
        self._thread = threading.Thread(target=self._run, name="inbox", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.sweep()

    def stop(self) -> None:
        """No more sweeps."""
        self._stop.set()
