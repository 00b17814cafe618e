"""The contact modal's submission: the ack step checks and saves (errors go back to the form),
the lazy step tells the person what was saved."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from handlers.celebrations.sections import reads_as_win
from handlers.common.blocks import text_blocks
from handlers.common.forms import form_values, metadata
from handlers.common.mrkdwn import clip, quote, user
from handlers.common.people import zone
from handlers.common.replies import notify
from handlers.common.values import record_id
from handlers.contact_log.command import confirmed
from handlers.contact_log.fixes import NOT_YOURS
from handlers.deps import Deps
from storage.contact_form import FormPlan, save_contact_form
from storage.contact_log import LoggedContact, NewContact, NewFollowUp
from storage.errors import InvalidInput, NotFound
from storage.models import InteractionKind

LOGGED = "logged_contact"
EDITED = "edited_contact"
ZONE = "contact_form_zone"


def submitted(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient, context: BoltContext
) -> None:
    """Log (or save the edit of) a contact from the modal, in one storage operation."""
    deps = Deps.of(context)
    team_id, user_id = body["team"]["id"], body["user"]["id"]
    values = form_values(view)
    meta = metadata(view)
    now = deps.clock.now()

    def plan(zone_name: str | None) -> FormPlan | dict[str, str]:
        tz = zone(zone_name) or deps.zones.default
        return _plan(values, meta, view, user_id, now.astimezone(tz))

    try:
        saved = save_contact_form(deps.sessions, team_id, user_id, plan, now=now)
    except NotFound:
        ack(response_action="errors", errors={"partner": "That partner no longer exists."})
        return
    except InvalidInput as exc:
        field = {"summary": "summary", "note": "follow_up_note"}.get(exc.field, "summary")
        ack(response_action="errors", errors={field: exc.message})
        return
    if isinstance(saved, dict):
        ack(response_action="errors", errors=saved)
        return
    if saved.refused_by is not None:
        ack(response_action="errors", errors={"summary": NOT_YOURS.format(user(saved.refused_by))})
        return
    # Only once the transaction committed: the lazy step runs even when this step failed.
    if saved.edited_partner is not None:
        kind = saved_kind(values)
        context[EDITED] = f"✏️ Saved the {kind.value} with *{quote(saved.edited_partner, 120)}*."
    if saved.logged is not None:
        context[LOGGED] = saved.logged
        context[ZONE] = saved.zone
    ack()


def saved_kind(values: dict[str, Any]) -> InteractionKind:
    """The kind the form says (a note when it says none, or garbage)."""
    try:
        return InteractionKind(values.get("kind") or "note")
    except ValueError:
        return InteractionKind.NOTE


def _plan(
    values: dict[str, Any],
    meta: dict[str, Any],
    view: dict[str, Any],
    user_id: str,
    now_local: datetime,
) -> FormPlan | dict[str, str]:
    """What the form says to save, in the sender's time zone, or what to fix in it."""
    errors = _errors(values, now_local.date())
    if errors:
        return errors
    tz = now_local.tzinfo
    assert isinstance(tz, ZoneInfo)
    happened = _date(values.get("happened_on")) or now_local.date()
    occurred = (
        now_local
        if happened == now_local.date()
        else datetime.combine(happened, time(12, 0), tzinfo=tz)
    ).astimezone(UTC)
    summary = (values.get("summary") or "").strip()
    follow_up_on = _date(values.get("follow_up_on"))
    note = (values.get("follow_up_note") or "").strip()
    follow_up = (
        NewFollowUp(
            owner_user_id=user_id,
            due_date=follow_up_on,
            due_time=None,
            note=note or f"Follow up: {clip(summary, 150)}",
            tz=tz,
        )
        if follow_up_on is not None
        else None
    )
    contact = NewContact(
        partner_id=record_id(values.get("partner")) or 0,
        user_id=user_id,
        kind=saved_kind(values),
        summary=summary,
        occurred_at=occurred,
        permalink=meta.get("permalink"),
        message_author=meta.get("author"),
        follow_up=follow_up,
    )
    edit_id = (record_id(meta.get("edit")) or 0) if meta.get("edit") else None
    return FormPlan(
        contact=contact,
        edit_id=edit_id,
        key=f"view:{view.get('id')}",
        win=reads_as_win(summary),
        happened_on=happened,
    )


def _errors(values: dict[str, Any], today: date) -> dict[str, str]:
    """What to fix in the form, by field (empty: nothing)."""
    errors: dict[str, str] = {}
    if not (record_id(values.get("partner")) or 0):
        errors["partner"] = "Pick the partner (start typing its name)."
    if not (values.get("summary") or "").strip():
        errors["summary"] = "Say what happened, e.g. “Called Jane about internships”."
    happened = _date(values.get("happened_on")) or today
    if happened > today:
        errors["happened_on"] = "A contact can't be in the future; pick today or earlier."
    follow_up_on = _date(values.get("follow_up_on"))
    if follow_up_on is not None and follow_up_on < today:
        errors["follow_up_on"] = "That date is in the past; pick today or later."
    return errors


def saved_notice(
    body: dict[str, Any], view: dict[str, Any], client: WebClient, context: BoltContext
) -> None:
    """Lazy: tell the person what the modal saved, where they opened it."""
    team_id, user_id = body["team"]["id"], body["user"]["id"]
    channel_id = metadata(view).get("channel_id")
    logged = context.get(LOGGED)
    edited = context.get(EDITED)
    if isinstance(logged, LoggedContact):
        deps = Deps.of(context)
        named = context.get(ZONE)
        tz = zone(named if isinstance(named, str) else None) or deps.zones.default
        reply = confirmed(deps, team_id, user_id, logged, tz)
        text, blocks = reply["text"], reply["blocks"]
    elif isinstance(edited, str):
        text, blocks = "Saved.", text_blocks(edited)
    else:
        return
    notify(client, user_id=user_id, channel_id=channel_id, text=text, blocks=blocks)


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None
