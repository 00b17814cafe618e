"""Entries of `view.state.values`, as Slack sends them back in a `view_submission`."""

from __future__ import annotations

from bot.console.payloads.workspace import Payload


def text_state(value: str | None) -> Payload:
    """A plain_text_input's entry in view.state.values."""
    return {"type": "plain_text_input", "value": value}


def option(value: str, text: str | None = None) -> Payload:
    """An option object as Slack sends it back."""
    return {"text": {"type": "plain_text", "text": text or value, "emoji": True}, "value": value}


def select_state(
    value: str | None, *, text: str | None = None, kind: str = "static_select"
) -> Payload:
    """A static or external select's entry in view.state.values (`None`: nothing chosen)."""
    return {"type": kind, "selected_option": None if value is None else option(value, text)}


def date_state(value: str | None) -> Payload:
    """A datepicker's entry in view.state.values (YYYY-MM-DD)."""
    return {"type": "datepicker", "selected_date": value}


def users_state(user_id: str | None) -> Payload:
    """A users_select's entry in view.state.values."""
    return {"type": "users_select", "selected_user": user_id}
