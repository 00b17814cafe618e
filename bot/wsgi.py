"""A Bolt response written out as a WSGI answer (its headers, a correct Content-Length)."""

from __future__ import annotations

from collections.abc import Iterable
from http import HTTPStatus
from typing import TYPE_CHECKING

from slack_bolt import BoltResponse

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse


def bolt_answer(
    start_response: StartResponse,
    response: BoltResponse,
    extra: Iterable[tuple[str, str]] = (),
) -> list[bytes]:
    """Start `response` (its headers, then `extra`) and give its body."""
    data = (response.body or "").encode("utf-8")
    headers = [
        (name, value)
        for name, values in response.headers.items()
        if name.lower() != "content-length"
        for value in values
    ]
    headers += [("Content-Length", str(len(data))), *extra]
    status = HTTPStatus(response.status)
    start_response(f"{status.value} {status.phrase}", headers)
    return [data]
