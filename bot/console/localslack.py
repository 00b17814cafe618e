"""A fake of Slack's Web API on loopback, for the local console and for tests.

`LocalSlack` answers the Web API methods partnerbot uses the way Slack documents them,
records every call (method, token, parsed body) and can be told to fail the next calls of a
method, e.g. with HTTP 429 and a Retry-After header, or hold the next call of a method until
released (a slow Slack, without sleeping). Point slack_sdk at it with
`WebClient(base_url=local.api_url)`; `response_url(...)` gives URLs that record what Bolt's
`respond()` posts. One server can serve many tests: `reset()` between them. Standard library only.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

log = logging.getLogger(__name__)

DROP = 0
"""`fail(method, status=DROP)`: do the call, then close the connection without an answer."""

RESPONSE_URL_METHOD = "response_url"
"""The `SlackCall.method` recorded for posts to a response_url."""

JSON_FIELDS = frozenset({"blocks", "attachments", "view", "metadata"})
"""Form fields that carry JSON text; they are decoded into Python objects when recorded."""

BOT_ID = "B0001"
FIRST_TS_SECONDS = 1_763_900_000


@dataclass(frozen=True)
class SlackCall:
    """One request the app made to the fake Slack, as it arrived."""

    method: str
    token: str | None
    body: dict[str, Any]
    headers: dict[str, str]
    path: str
    failed: bool = False
    status: int = 200
    response: dict[str, Any] = field(default_factory=dict)


@dataclass
class FakeUser:
    """A member of the fake workspace, answered by users.info and users.list."""

    id: str
    name: str
    real_name: str
    tz: str = "America/Chicago"
    deleted: bool = False
    is_admin: bool = False
    is_owner: bool = False
    is_bot: bool = False


@dataclass
class _Failure:
    method: str
    status: int
    error: str
    retry_after: int
    remaining: int
    when: Callable[[dict[str, Any]], bool] | None


class Hold:
    """The next calls of a method wait here until `release()`: a slow Slack, with no sleep."""

    def __init__(self, method: str, times: int, timeout: float) -> None:
        self.method = method
        self.remaining = times
        self.timeout = timeout
        self._arrived = threading.Semaphore(0)
        self._released = threading.Event()

    def _wait(self) -> None:
        self._arrived.release()
        if not self._released.wait(self.timeout):
            log.warning(
                "localslack: %s held for %.0f s and never released", self.method, self.timeout
            )

    def arrived(self, timeout: float = 10.0) -> bool:
        """Wait until a held call has arrived (and is waiting); False after `timeout` seconds."""
        return self._arrived.acquire(timeout=timeout)

    def release(self) -> None:
        """Let the held calls (and any later ones this hold catches) be answered."""
        self._released.set()

    @property
    def released(self) -> bool:
        """True once `release()` was called."""
        return self._released.is_set()


@dataclass(frozen=True)
class _Answer:
    status: int
    payload: bytes
    content_type: str
    headers: dict[str, str]
    response: dict[str, Any]


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, slack: LocalSlack) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.slack = slack


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def do_POST(self) -> None:
        self._serve()

    def do_GET(self) -> None:
        self._serve()

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("localslack: " + format, *args)

    def _read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks: list[bytes] = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def _serve(self) -> None:
        try:
            raw = self._read_body()
            answer = self.server.slack._handle(
                self.command, self.path, {k.lower(): v for k, v in self.headers.items()}, raw
            )
        except Exception:
            log.exception("localslack: failed to answer %s %s", self.command, self.path)
            payload = json.dumps({"ok": False, "error": "internal_error"}).encode()
            answer = _Answer(500, payload, "application/json; charset=utf-8", {}, {})
        if answer.status == DROP:
            self.close_connection = True
            return
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.content_type)
        self.send_header("Content-Length", str(len(answer.payload)))
        for name, value in answer.headers.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(answer.payload)
        self.wfile.flush()


def _decode_json_fields(body: dict[str, Any]) -> dict[str, Any]:
    for key in JSON_FIELDS & body.keys():
        value = body[key]
        if isinstance(value, str) and value.strip():
            with contextlib.suppress(ValueError):
                body[key] = json.loads(value)
    return body


def _parse_body(raw: bytes, content_type: str, query: str) -> dict[str, Any]:
    body: dict[str, Any] = {k: v[0] for k, v in parse_qs(query, keep_blank_values=True).items()}
    text = raw.decode("utf-8", errors="replace")
    media = content_type.split(";")[0].strip().lower()
    if not text:
        return _decode_json_fields(body)
    if media == "application/json" or (not media and text.lstrip()[:1] in ("{", "[")):
        try:
            parsed = json.loads(text)
        except ValueError:
            body["_raw"] = text
        else:
            if isinstance(parsed, dict):
                body.update(parsed)
            else:
                body["_json"] = parsed
    elif media in ("application/x-www-form-urlencoded", ""):
        form = parse_qs(text, keep_blank_values=True)
        body.update({k: v[0] for k, v in form.items()})
    else:
        body["_raw"] = text
    return _decode_json_fields(body)


def _token(headers: dict[str, str], body: dict[str, Any]) -> str | None:
    auth = headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip() or None
    token = body.get("token")
    return token if isinstance(token, str) and token else None


def _json_answer(payload: dict[str, Any], status: int = 200, **headers: str) -> _Answer:
    data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    return _Answer(status, data, "application/json; charset=utf-8", dict(headers), payload)


class LocalSlack:
    """A loopback HTTP server that answers like Slack's Web API and records every call."""

    def __init__(
        self,
        *,
        team_id: str = "T0001",
        team_domain: str = "partnerbot-local",
        bot_user_id: str = "UBOT",
        on_call: Callable[[SlackCall], None] | None = None,
    ) -> None:
        self.team_id = team_id
        self.team_domain = team_domain
        self.bot_user_id = bot_user_id
        self.on_call = on_call
        self.calls: list[SlackCall] = []
        self.users: dict[str, FakeUser] = {}
        self._lock = threading.Lock()
        self._recorded = threading.Condition(self._lock)
        self._failures: list[_Failure] = []
        self._holds: list[Hold] = []
        self._ts = itertools.count(100, 100)
        self._ids = itertools.count(1)
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._methods: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
            "auth.test": self._auth_test,
            "chat.postMessage": self._chat_post_message,
            "chat.update": self._chat_update,
            "chat.postEphemeral": self._chat_post_ephemeral,
            "chat.delete": self._chat_delete,
            "chat.getPermalink": self._chat_get_permalink,
            "views.open": self._views_open,
            "views.push": self._views_push,
            "views.update": self._views_update,
            "views.publish": self._views_publish,
            "users.info": self._users_info,
            "users.list": self._users_list,
            "conversations.open": self._conversations_open,
            "conversations.history": self._conversations_history,
        }

    # -- lifecycle ------------------------------------------------------------------------

    def start(self) -> LocalSlack:
        """Bind 127.0.0.1 on a free port and serve from a daemon thread."""
        if self._server is not None:
            raise RuntimeError("LocalSlack is already running")
        self._server = _Server(self)
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
            self._ts = itertools.count(100, 100)
            self._ids = itertools.count(1)
        for hold in holds:
            hold.release()

    # -- workspace ------------------------------------------------------------------------

    def add_user(self, user: FakeUser) -> None:
        """Add (or replace) a member of the fake workspace."""
        with self._lock:
            self.users[user.id] = user

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
            self._failures.append(_Failure(method, status, error, retry_after, times, when))

    def hold(self, method: str, *, times: int = 1, timeout: float = 10.0) -> Hold:
        """Make the next `times` calls of `method` wait (at most `timeout` seconds) until the
        returned hold is released: Slack being slow, e.g. to show that an ack does not wait
        for the Web API calls made after it."""
        if times < 1:
            raise ValueError("times must be at least 1")
        hold = Hold(method, times, timeout)
        with self._lock:
            self._holds.append(hold)
        return hold

    def _take_hold(self, method: str) -> Hold | None:
        with self._lock:
            for hold in self._holds:
                if hold.method == method and not hold.released:
                    hold.remaining -= 1
                    if hold.remaining <= 0:
                        self._holds.remove(hold)
                    return hold
        return None

    # -- answering ------------------------------------------------------------------------

    def _next_ts(self) -> str:
        with self._lock:
            n = next(self._ts)
        return f"{FIRST_TS_SECONDS + n // 1_000_000}.{n % 1_000_000:06d}"

    def _next_id(self, prefix: str) -> str:
        with self._lock:
            n = next(self._ids)
        return f"{prefix}{n:08d}"

    def _take_failure(self, method: str, body: dict[str, Any]) -> _Failure | None:
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

    def _handle(self, verb: str, path: str, headers: dict[str, str], raw: bytes) -> _Answer:
        parts = urlsplit(path)
        if parts.path.startswith("/api/"):
            method = parts.path[len("/api/") :].strip("/")
        elif parts.path.startswith("/response/") and verb == "POST":
            method = RESPONSE_URL_METHOD
        else:
            return _Answer(404, b"not found", "text/plain; charset=utf-8", {}, {})
        body = _parse_body(raw, headers.get("content-type", ""), parts.query)
        token = _token(headers, body)
        hold = self._take_hold(method)
        if hold is not None:
            hold._wait()

        failure = self._take_failure(method, body)
        if failure is not None and failure.status == DROP:
            answer = _json_answer(self._answer(method, body))
            answer = _Answer(DROP, b"", "", {}, answer.response)
        elif failure is not None:
            answer = self._failure_answer(failure)
        elif method == RESPONSE_URL_METHOD:
            answer = _Answer(200, b"ok", "text/plain; charset=utf-8", {}, {})
        else:
            answer = _json_answer(self._answer(method, body))

        call = SlackCall(
            method=method,
            token=token,
            body=body,
            headers=headers,
            path=parts.path,
            failed=failure is not None,
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

    @staticmethod
    def _failure_answer(failure: _Failure) -> _Answer:
        if failure.status == 429:
            return _json_answer(
                {"ok": False, "error": "ratelimited"},
                429,
                **{"Retry-After": str(failure.retry_after)},
            )
        return _json_answer({"ok": False, "error": failure.error}, failure.status)

    def _answer(self, method: str, body: dict[str, Any]) -> dict[str, Any]:
        handler = self._methods.get(method)
        return handler(body) if handler is not None else {"ok": True}

    # -- Web API methods ------------------------------------------------------------------

    def _auth_test(self, body: dict[str, Any]) -> dict[str, Any]:
        return {
            "ok": True,
            "url": f"https://{self.team_domain}.slack.com/",
            "team": self.team_domain,
            "user": "partnerbot",
            "team_id": self.team_id,
            "user_id": self.bot_user_id,
            "bot_id": BOT_ID,
            "is_enterprise_install": False,
        }

    def _message(self, body: dict[str, Any], ts: str) -> dict[str, Any]:
        message: dict[str, Any] = {
            "type": "message",
            "text": body.get("text") or "",
            "user": self.bot_user_id,
            "bot_id": BOT_ID,
            "team": self.team_id,
            "ts": ts,
        }
        for key in ("blocks", "attachments", "metadata", "thread_ts"):
            if body.get(key) is not None:
                message[key] = body[key]
        return message

    @staticmethod
    def _channel(body: dict[str, Any]) -> str:
        channel = str(body.get("channel") or "")
        return "D" + channel if channel[:1] in ("U", "W") else channel

    def _chat_post_message(self, body: dict[str, Any]) -> dict[str, Any]:
        ts = self._next_ts()
        return {
            "ok": True,
            "channel": self._channel(body),
            "ts": ts,
            "message": self._message(body, ts),
        }

    def _chat_update(self, body: dict[str, Any]) -> dict[str, Any]:
        ts = str(body.get("ts") or "")
        return {
            "ok": True,
            "channel": self._channel(body),
            "ts": ts,
            "text": body.get("text") or "",
            "message": self._message(body, ts),
        }

    def _chat_post_ephemeral(self, body: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "message_ts": self._next_ts()}

    def _chat_delete(self, body: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "channel": self._channel(body), "ts": str(body.get("ts") or "")}

    def _chat_get_permalink(self, body: dict[str, Any]) -> dict[str, Any]:
        channel = str(body.get("channel") or "")
        ts = str(body.get("message_ts") or "").replace(".", "")
        return {
            "ok": True,
            "channel": channel,
            "permalink": f"https://{self.team_domain}.slack.com/archives/{channel}/p{ts}",
        }

    def _view(self, body: dict[str, Any], view_id: str | None = None) -> dict[str, Any]:
        given = body.get("view")
        view: dict[str, Any] = dict(given) if isinstance(given, dict) else {}
        view.update(
            {
                "id": view_id or self._next_id("V"),
                "team_id": self.team_id,
                "app_id": "A0001",
                "bot_id": BOT_ID,
                "hash": f"{FIRST_TS_SECONDS}.{self._next_id('h')}",
                "state": {"values": {}},
            }
        )
        return {"ok": True, "view": view}

    def _views_open(self, body: dict[str, Any]) -> dict[str, Any]:
        return self._view(body)

    def _views_push(self, body: dict[str, Any]) -> dict[str, Any]:
        return self._view(body)

    def _views_update(self, body: dict[str, Any]) -> dict[str, Any]:
        return self._view(body, str(body.get("view_id") or "") or None)

    def _views_publish(self, body: dict[str, Any]) -> dict[str, Any]:
        return self._view(body)

    def user_json(self, user_id: str) -> dict[str, Any]:
        """Member `user_id` as users.info and the `user_change` event show it."""
        with self._lock:
            user = self.users[user_id]
        return self._user_json(user)

    def _user_json(self, user: FakeUser) -> dict[str, Any]:
        try:
            zone = ZoneInfo(user.tz)
        except (ZoneInfoNotFoundError, ValueError):
            zone = ZoneInfo("UTC")
        now = datetime.now(UTC).astimezone(zone)
        offset = now.utcoffset()
        return {
            "id": user.id,
            "team_id": self.team_id,
            "name": user.name,
            "real_name": user.real_name,
            "deleted": user.deleted,
            "is_admin": user.is_admin,
            "is_owner": user.is_owner,
            "is_bot": user.is_bot,
            "tz": user.tz,
            "tz_label": now.tzname() or user.tz,
            "tz_offset": int(offset.total_seconds()) if offset is not None else 0,
            "profile": {"real_name": user.real_name, "display_name": user.name},
        }

    def _users_info(self, body: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            user = self.users.get(str(body.get("user") or ""))
        if user is None:
            return {"ok": False, "error": "user_not_found"}
        return {"ok": True, "user": self._user_json(user)}

    def _users_list(self, body: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            users = list(self.users.values())
        return {
            "ok": True,
            "members": [self._user_json(user) for user in users],
            "response_metadata": {"next_cursor": ""},
        }

    def _conversations_history(self, body: dict[str, Any]) -> dict[str, Any]:
        channel = str(body.get("channel") or "")
        with_metadata = str(body.get("include_all_metadata")).lower() in ("1", "true")
        with self._lock:
            posted = [
                dict(c.response["message"])
                for c in self.calls
                if c.method == "chat.postMessage"
                and c.response.get("ok")
                and c.response.get("channel") == channel
            ]
        if not with_metadata:
            for message in posted:
                message.pop("metadata", None)
        return {"ok": True, "messages": posted[::-1], "has_more": False}

    def _conversations_open(self, body: dict[str, Any]) -> dict[str, Any]:
        if body.get("channel"):
            return {"ok": True, "channel": {"id": str(body["channel"])}}
        users = [u.strip() for u in str(body.get("users") or "").split(",") if u.strip()]
        if not users:
            return {"ok": False, "error": "users_list_not_supplied"}
        channel = "D" + users[0] if len(users) == 1 else "G" + "".join(u[-4:] for u in users)
        return {"ok": True, "channel": {"id": channel}}
