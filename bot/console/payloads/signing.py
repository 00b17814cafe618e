"""Requests signed as Slack signs them (slack_sdk's own `SignatureVerifier`), wrapped for
`App.dispatch`, and the response_url a request carries."""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from urllib.parse import parse_qs

from slack_bolt import BoltRequest
from slack_sdk.signature import SignatureVerifier

from bot.console.payloads.workspace import FORM


def signed_headers(
    secret: str, body: str, *, timestamp: int | None = None, content_type: str = FORM
) -> dict[str, str]:
    """Content-Type, X-Slack-Request-Timestamp and X-Slack-Signature for `body`, signed by
    slack_sdk's `SignatureVerifier` exactly as Slack signs requests."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    signature = SignatureVerifier(secret).generate_signature(timestamp=ts, body=body)
    if signature is None:
        raise ValueError("slack_sdk could not sign the request")
    return {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": signature,
    }


def bolt_request(
    secret: str,
    body: str,
    content_type: str,
    *,
    timestamp: int | None = None,
    extra: Mapping[str, str] | None = None,
) -> BoltRequest:
    """`body` signed and wrapped for `App.dispatch`, as an HTTP adapter would hand it to Bolt;
    `extra` adds headers such as `X-Slack-Retry-Num`."""
    headers = {
        **signed_headers(secret, body, timestamp=timestamp, content_type=content_type),
        **(extra or {}),
    }
    return BoltRequest(body=body, headers={k.lower(): [v] for k, v in headers.items()})


def response_url_of(body: str, content_type: str) -> str | None:
    """The response_url a request carries (slash commands, block_actions, message shortcuts)."""
    if content_type.split(";")[0].strip() != FORM:
        return None
    fields = parse_qs(body, keep_blank_values=True)
    if "payload" in fields:
        try:
            payload = json.loads(fields["payload"][0])
        except ValueError:
            return None
        url = payload.get("response_url") if isinstance(payload, dict) else None
        return url if isinstance(url, str) and url else None
    url = fields.get("response_url", [""])[0]
    return url or None
