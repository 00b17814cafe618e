"""A fake of Slack's Web API on loopback, for the local console and for tests.

`LocalSlack` answers the Web API methods partnerbot uses the way Slack documents them,
records every call (method, token, parsed body) and can be told to fail the next calls of a
method, e.g. with HTTP 429 and a Retry-After header, or hold the next call of a method until
released (a slow Slack, without sleeping). Point slack_sdk at it with
`WebClient(base_url=local.api_url)`; `response_url(...)` gives URLs that record what Bolt's
`respond()` posts. One server can serve many tests: `reset()` between them. Standard library only.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

from bot.console.faults import DROP, Failure, Hold
from bot.console.installs import Installs
from bot.console.loopback import Answer, LoopbackServer, json_answer, parse_body, token_of
from bot.console.records import (
    FILE_DOWNLOAD_METHOD,
    FILE_UPLOAD_METHOD,
    RESPONSE_URL_METHOD,
    FakeUser,
    SharedFile,
    SlackCall,
)
from bot.console.webapi import WebApi

log = logging.getLogger(__name__)


class LocalSlack(Installs, WebApi):
    """A loopback HTTP server that answers like Slack's Web API and records every call."""

    def __init__(
        self,
        *,
        team_id: str = "T0001",
        team_domain: str = "partnerbot-local",
        bot_user_id: str = "UBOT",
        on_call: Callable[[SlackCall], None] | None = None,
        files_dir: Path | None = None,
    ) -> None:
        self.team_id = team_id
        self.team_domain = team_domain
        self.bot_user_id = bot_user_id
        self.on_call = on_call
        self.calls: list[SlackCall] = []
        self.users: dict[str, FakeUser] = {}
        self.files_dir = files_dir
        """Where uploaded files are written (None: only recorded)."""
        self._file_names: dict[str, str] = {}
        self.files: dict[str, SharedFile] = {}
        self._lock = threading.Lock()
        self._recorded = threading.Condition(self._lock)
        self._failures: list[Failure] = []
        self._holds: list[Hold] = []
        self._ts = itertools.count(100, 100)
        self._ids = itertools.count(1)
        self._server: LoopbackServer | None = None
        self._thread: threading.Thread | None = None
        self._install_state()
        self._methods = self._web_api_methods() | self._install_methods()

    # -- lifecycle ------------------------------------------------------------------------

    def start(self) -> LocalSlack:
        """Bind 127.0.0.1 on a free port and serve from a daemon thread."""
        if self._server is not None:
            raise RuntimeError("LocalSlack is already running")
        self._server = LoopbackServer(self._handle)
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"localslack-{self.port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the socket; safe to call twice."""
        server, thread = self._server, self._thread
        self._server = self._thread = None
        with self._lock:
            holds, self._holds = self._holds, []
        for hold in holds:
            hold.release()
        if server is not None:
            server.shutdown()
            server.server_close()
        if thread is not None:
            thread.join(timeout=5)

    def __enter__(self) -> LocalSlack:
        return self if self._server is not None else self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def port(self) -> int:
        """The TCP port the server listens on."""
        if self._server is None:
            raise RuntimeError("LocalSlack is not running: call start() first")
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        """`http://127.0.0.1:PORT`."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_url(self) -> str:
        """The Web API base URL for `WebClient(base_url=...)`, ending in `/api/`."""
        return f"{self.base_url}/api/"

    def response_url(self, key: str = "") -> str:
        """A response_url that records what is posted to it (a fresh key when none is given)."""
        if not key:
            with self._lock:
                key = str(next(self._ids))
        return f"{self.base_url}/response/{key}"

    # -- recorded calls -------------------------------------------------------------------

    def calls_to(self, method: str) -> list[SlackCall]:
        """The recorded calls of `method` ("response_url" for response_url posts), oldest first."""
        with self._lock:
            return [call for call in self.calls if call.method == method]

    def wait_for(
        self, method: str, *, count: int = 1, path: str | None = None, timeout: float = 10.0
    ) -> list[SlackCall]:
        """Block until `count` calls of `method` (to `path`, e.g. one response_url) have been
        recorded, e.g. made by another process; those calls. TimeoutError after `timeout` s."""

        def matching() -> list[SlackCall]:
            return [
                c for c in self.calls if c.method == method and (path is None or c.path == path)
            ]

        with self._recorded:
            if not self._recorded.wait_for(lambda: len(matching()) >= count, timeout):
                raise TimeoutError(f"{len(matching())} of {count} {method} calls in {timeout} s")
            return matching()

    def clear(self) -> None:
        """Forget the recorded calls (queued failures and users stay)."""
        with self._lock:
            self.calls.clear()

    def reset(self, users: Iterable[FakeUser] = ()) -> None:
        """As if freshly started, on the same port: no calls, failures or holds (held calls are
        released), only `users` as members, timestamps and ids counted from the start again."""
        with self._lock:
            holds, self._holds = self._holds, []
            self.calls.clear()
            self._failures.clear()
            self.users = {user.id: user for user in users}
            self.files = {}
            self._ts = itertools.count(100, 100)
            self._ids = itertools.count(1)
        self._install_state()
        self.limiter = None
        for hold in holds:
            hold.release()

    # -- workspace ------------------------------------------------------------------------

    def add_user(self, user: FakeUser) -> None:
        """Add (or replace) a member of the fake workspace."""
        with self._lock:
            self.users[user.id] = user

    def share_file(self, name: str, content: bytes, *, user: str) -> dict[str, Any]:
        """A file `user` shares (sends the bot, or picks in a file_input): its JSON as Slack
        shows it, its bytes served at its url_private to a request with a bearer token."""
        shared = SharedFile(self._next_id("F"), name, content, user)
        with self._lock:
            self.files[shared.id] = shared
        return self.file_json(shared)

    def fail(
        self,
        method: str,
        *,
        status: int = 429,
        error: str = "ratelimited",
        retry_after: int = 1,
        times: int = 1,
        when: Callable[[dict[str, Any]], bool] | None = None,
    ) -> None:
        """Make the next `times` calls of `method` whose body matches `when` fail.

        Status 429 answers with a Retry-After header; status 200 answers `{"ok": false,
        "error": error}` as Slack does for API errors; any other status answers that status.
        Status 0 (`DROP`) does the call (a post is made) but closes the connection without
        answering: Slack accepted it, the answer never came (as after a client timeout).
        """
        if times < 1:
            raise ValueError("times must be at least 1")
        with self._lock:
            self._failures.append(Failure(method, status, error, retry_after, times, when))

    def hold(
        self, method: str, *, times: int = 1, timeout: float = 10.0, path: str | None = None
    ) -> Hold:
        """Make the next `times` calls of `method` (to `path`, when given: e.g. one
        response_url's) wait (at most `timeout` seconds) until the returned hold is released:
        Slack being slow, e.g. to show that an ack does not wait for the Web API calls made
        after it."""
        if times < 1:
            raise ValueError("times must be at least 1")
        hold = Hold(method, times, timeout, path)
        with self._lock:
            self._holds.append(hold)
        return hold

    def _take_hold(self, method: str, path: str) -> Hold | None:
        with self._lock:
            for hold in self._holds:
                if hold.path not in (None, path):
                    continue
                if hold.method == method and not hold.released:
                    hold.remaining -= 1
                    if hold.remaining <= 0:
                        self._holds.remove(hold)
                    return hold
        return None

    # -- answering ------------------------------------------------------------------------

    def _take_failure(self, method: str, body: dict[str, Any]) -> Failure | None:
        with self._lock:
            for failure in self._failures:
                if failure.method != method:
                    continue
                try:
                    matches = failure.when is None or failure.when(body)
                except Exception:
                    log.exception("localslack: `when` of a queued failure raised")
                    matches = False
                if matches:
                    failure.remaining -= 1
                    if failure.remaining <= 0:
                        self._failures.remove(failure)
                    return failure
        return None

    def _handle(self, verb: str, path: str, headers: dict[str, str], raw: bytes) -> Answer:
        parts = urlsplit(path)
        if parts.path.startswith("/api/"):
            method = parts.path[len("/api/") :].strip("/")
        elif parts.path.startswith("/response/") and verb == "POST":
            method = RESPONSE_URL_METHOD
        elif parts.path.startswith("/upload/") and verb == "POST":
            method = FILE_UPLOAD_METHOD
        elif parts.path.startswith("/files-pri/") and verb == "GET":
            return self._serve_file(parts.path, headers)
        else:
            return Answer(404, b"not found", "text/plain; charset=utf-8", {}, {})
        if method == FILE_UPLOAD_METHOD:
            file_id = parts.path.removeprefix("/upload/")
            text = raw.decode("utf-8", errors="replace")
            body = {"file_id": file_id, "content": text, "bytes": raw}
            saved = self._save_file(file_id, raw)
            if saved is not None:
                body["saved_to"] = str(saved)
        else:
            body = parse_body(raw, headers.get("content-type", ""), parts.query)
        token = token_of(headers, body)
        hold = self._take_hold(method, parts.path)
        if hold is not None:
            hold._wait()

        failure = self._take_failure(method, body)
        by_token = None if failure is not None else self._by_token(method, token, body)
        if by_token is not None:
            answer = by_token
        elif failure is not None and failure.status == DROP:
            answer = json_answer(self._answer(method, body))
            answer = Answer(DROP, b"", "", {}, answer.response)
        elif failure is not None:
            answer = self._failure_answer(failure)
        elif method in (RESPONSE_URL_METHOD, FILE_UPLOAD_METHOD):
            answer = Answer(200, b"ok", "text/plain; charset=utf-8", {}, {})
        else:
            answer = json_answer(self._answer(method, body))

        call = SlackCall(
            method=method,
            token=token,
            body=body,
            headers=headers,
            path=parts.path,
            failed=failure is not None or (by_token is not None and not by_token.response["ok"]),
            status=answer.status,
            response=answer.response,
        )
        with self._lock:
            self.calls.append(call)
            self._recorded.notify_all()
        if self.on_call is not None:
            try:
                self.on_call(call)
            except Exception:
                log.exception("localslack: on_call raised for %s", method)
        return answer

    def _save_file(self, file_id: str, raw: bytes) -> Path | None:
        """Write an uploaded file's bytes into `files_dir` under its own name (never over an
        earlier file: `name-2.csv`, …)."""
        if self.files_dir is None:
            return None
        with self._lock:
            name = Path(self._file_names.get(file_id) or file_id).name or file_id
        self.files_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        stem, suffix = Path(name).stem, Path(name).suffix
        target = self.files_dir / name
        n = 1
        while target.exists():
            n += 1
            target = self.files_dir / f"{stem}-{n}{suffix}"
        target.write_bytes(raw)
        return target

    def _serve_file(self, path: str, headers: dict[str, str]) -> Answer:
        """A shared file's bytes, to a request with a bearer token (as Slack serves
        url_private); recorded as a FILE_DOWNLOAD_METHOD call."""
        file_id = path.removeprefix("/files-pri/").split("/", 1)[0].rsplit("-", 1)[-1]
        token = token_of(headers, {})
        with self._lock:
            shared = self.files.get(file_id)
        if shared is None or not token:
            answer = Answer(404 if shared is None else 403, b"", "text/plain", {}, {})
        else:
            answer = Answer(200, shared.content, "application/octet-stream", {}, {})
        call = SlackCall(
            FILE_DOWNLOAD_METHOD, token, {"file_id": file_id}, headers, path, status=answer.status
        )
        with self._lock:
            self.calls.append(call)
            self._recorded.notify_all()
        return answer

    @staticmethod
    def _failure_answer(failure: Failure) -> Answer:
        if failure.status == 429:
            return json_answer(
                {"ok": False, "error": "ratelimited"},
                429,
                **{"Retry-After": str(failure.retry_after)},
            )
        return json_answer({"ok": False, "error": failure.error}, failure.status)

    def _answer(self, method: str, body: dict[str, Any]) -> dict[str, Any]:
        handler = self._methods.get(method)
        return handler(body) if handler is not None else {"ok": True}
