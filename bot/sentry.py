"""Optional error reports to Sentry (`PARTNERBOT_SENTRY_DSN`), with what people typed removed
before anything leaves the process: request bodies and form values, any `text`, the variables
of each stack frame, the arguments of log messages, the messages of exceptions (which may
quote a typed line) and breadcrumbs. What is left is where it failed: exception types, stack
traces, the log message templates of the code."""

from __future__ import annotations

import logging
from typing import Any

import sentry_sdk
from sentry_sdk.integrations.logging import LoggingIntegration
from sentry_sdk.transport import Transport

SCRUBBED = "[scrubbed]"
_TYPED_KEYS = frozenset(
    {"text", "body", "payload", "data", "value", "values", "form", "state", "message", "params"}
)


def _scrub_mapping(value: Any) -> Any:
    """`value` with the contents of every key that may hold typed text replaced."""
    if isinstance(value, dict):
        return {
            key: SCRUBBED if str(key).lower() in _TYPED_KEYS else _scrub_mapping(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_scrub_mapping(item) for item in value]
    return value


def scrub(event: dict[str, Any], _hint: dict[str, Any] | None = None) -> dict[str, Any]:
    """Sentry's `before_send`: the event without what people typed (see the module's doc)."""
    request = event.get("request")
    if isinstance(request, dict):
        for key in ("data", "query_string", "cookies", "env"):
            request.pop(key, None)
        headers = request.get("headers")
        if isinstance(headers, dict):
            request["headers"] = {
                k: v for k, v in headers.items() if not str(k).lower().startswith("x-slack")
            }
    logentry = event.get("logentry")
    if isinstance(logentry, dict):
        logentry.pop("params", None)
        logentry.pop("formatted", None)
    for exception in (event.get("exception") or {}).get("values") or []:
        if exception.get("value"):
            exception["value"] = SCRUBBED
        for frame in (exception.get("stacktrace") or {}).get("frames") or []:
            frame.pop("vars", None)
    for key in ("extra", "contexts"):
        if isinstance(event.get(key), dict):
            event[key] = _scrub_mapping(event[key])
    if "breadcrumbs" in event:  # log lines and calls before the error, formatted with values
        event["breadcrumbs"] = {"values": []}
    return event


def init_sentry(dsn: str, *, transport: Transport | None = None) -> None:
    """Report errors (and error log lines) to Sentry at `dsn`, scrubbed by `scrub`; no local
    variables, no request bodies, no performance tracing."""
    sentry_sdk.init(
        dsn=dsn,
        before_send=scrub,  # type: ignore[arg-type]
        include_local_variables=False,
        max_request_body_size="never",
        traces_sample_rate=0.0,
        transport=transport,
        # Error log lines become events (scrubbed); no log lines kept as breadcrumbs.
        integrations=[LoggingIntegration(level=None, event_level=logging.ERROR)],
    )
