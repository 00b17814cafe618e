"""The fake Slack's HTTP side: a threaded server on 127.0.0.1, reading request bodies (form,
JSON, chunked) into dicts and writing `Answer`s back. What to answer is up to `LocalSlack`."""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

from bot.console.faults import DROP

log = logging.getLogger(__name__)

JSON_FIELDS = frozenset({"blocks", "attachments", "view", "metadata"})
"""Form fields that carry JSON text; they are decoded into Python objects when recorded."""


@dataclass(frozen=True)
class Answer:
    """What to send back for one request (status `DROP`: close without answering)."""

    status: int
    payload: bytes
    content_type: str
    headers: dict[str, str]
    response: dict[str, Any]


Answerer = Callable[[str, str, dict[str, str], bytes], Answer]
"""(verb, path, lower-cased headers, raw body) -> the answer."""


class LoopbackServer(ThreadingHTTPServer):
    """Serves 127.0.0.1 on a free port, asking `answer` what to send back for each request."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128
    """Connections waiting to be accepted (the default 5 resets some under a burst of posts)."""

    def __init__(self, answer: Answerer) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.answer = answer


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: LoopbackServer

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
            answer = self.server.answer(
                self.command, self.path, {k.lower(): v for k, v in self.headers.items()}, raw
            )
        except Exception:
            log.exception("localslack: failed to answer %s %s", self.command, self.path)
            payload = json.dumps({"ok": False, "error": "internal_error"}).encode()
            answer = Answer(500, payload, "application/json; charset=utf-8", {}, {})
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


def parse_body(raw: bytes, content_type: str, query: str) -> dict[str, Any]:
    """The query string and the body (form or JSON) as one dict, JSON fields decoded."""
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


def token_of(headers: dict[str, str], body: dict[str, Any]) -> str | None:
    """The bearer token of a request, or the `token` field of its body."""
    auth = headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip() or None
    token = body.get("token")
    return token if isinstance(token, str) and token else None


def json_answer(payload: dict[str, Any], status: int = 200, **headers: str) -> Answer:
    """`payload` as a JSON answer."""
    data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    return Answer(status, data, "application/json; charset=utf-8", dict(headers), payload)
