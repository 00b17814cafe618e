"""Optional error reports to Sentry: with a DSN, errors are reported (here to a transport that
keeps them, no network), and nothing typed by a person leaves in them."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
import sentry_sdk
from sentry_sdk.envelope import Envelope
from sentry_sdk.transport import Transport

from bot.sentry import SCRUBBED, init_sentry, scrub

TYPED = "Acme called Jane about the zebra-quartz internship"
DSN = "https://public@sentry.example.org/1"


class Kept(Transport):
    """A Sentry transport that keeps what it is given."""

    def __init__(self) -> None:
        super().__init__()
        self.envelopes: list[Envelope] = []

    def capture_envelope(self, envelope: Envelope) -> None:
        self.envelopes.append(envelope)

    def sent(self) -> str:
        return b"".join(e.serialize() for e in self.envelopes).decode()


@pytest.fixture
def kept() -> Iterator[Kept]:
    transport = Kept()
    init_sentry(DSN, transport=transport)
    try:
        yield transport
    finally:
        sentry_sdk.get_client().close()


def _handle(text: str) -> None:
    form = {"text": text, "command": "/contact"}
    raise ValueError(f"could not read {form['text']!r}")


def test_an_error_is_reported_without_what_was_typed(kept: Kept) -> None:
    log = logging.getLogger("bot.errors")
    try:
        _handle(TYPED)
    except ValueError:
        log.exception("request failed: %s", TYPED)
    with sentry_sdk.new_scope() as scope:
        scope.set_extra("body", {"text": TYPED})
        scope.set_context("slack", {"command": "/contact", "text": TYPED})
        sentry_sdk.capture_message("a message with typed text around it")
    sentry_sdk.flush(timeout=5)
    sent = kept.sent()
    assert "ValueError" in sent  # reported: the type and where it was raised
    assert "_handle" in sent
    assert "request failed: %s" in sent  # the code's own words
    assert "/contact" in sent
    assert "zebra-quartz" not in sent


def test_scrub_removes_request_bodies_form_values_and_frame_variables() -> None:
    event = {
        "request": {
            "data": f"command=%2Fcontact&text={TYPED}",
            "query_string": "text=zebra",
            "headers": {"X-Slack-Signature": "v0=abc", "User-Agent": "Slackbot"},
        },
        "exception": {
            "values": [
                {
                    "type": "ValueError",
                    "value": TYPED,
                    "stacktrace": {"frames": [{"function": "f", "vars": {"text": TYPED}}]},
                }
            ]
        },
        "extra": {"view": {"state": {"values": {"b": {"a": {"value": TYPED}}}}}},
        "breadcrumbs": {"values": [{"message": f"posted {TYPED}", "data": {"text": TYPED}}]},
    }
    scrubbed = scrub(event)
    assert "zebra-quartz" not in repr(scrubbed)
    assert scrubbed["request"]["headers"] == {"User-Agent": "Slackbot"}
    assert scrubbed["exception"]["values"][0]["type"] == "ValueError"
    assert scrubbed["exception"]["values"][0]["value"] == SCRUBBED
    assert scrubbed["extra"]["view"]["state"] == SCRUBBED
