"""The contact modal's submission: the ack step checks and saves (errors go back to the form),
the lazy step tells the person what was saved."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient
from sqlalchemy.orm import Session

from handlers.common.blocks import text_blocks
from handlers.common.forms import form_values, metadata
from handlers.common.mrkdwn import clip, quote
from handlers.common.people import zone
from handlers.common.replies import notify
from handlers.common.values import record_id
from handlers.contact_log.command import confirmed
from handlers.contact_log.fixes import NOT_YOURS
from handlers.contact_log.wins import propose_if_win
from handlers.deps import Deps
from storage.contact_fixes import may_change
from storage.contact_log import (
    LoggedContact,
    NewContact,
    NewFollowUp,
    get_contact,
    log_contact,
    update_contact,
)
from storage.errors import InvalidInput, NotFound
from storage.models import InteractionKind
from storage.partners.records import get_partner
from storage.workspaces import staff_timezone

LOGGED = "logged_contact"
EDITED = "edited_contact"


def submitted(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient, context: BoltContext
) -> None:
    """Log (or save the edit of) a contact from the modal."""
    deps = Deps.of(context)
    team_id, user_id = body["team"]["id"], body["user"]["id"]
    values = form_values(view)
    meta = metadata(view)
    tz = known_zone(deps, team_id, user_id)
    now_local = deps.clock.now().astimezone(tz)
    errors = _errors(values, now_local.date())
    if errors:
        ack(response_action="errors", errors=errors)
        return
    try:
        kind = InteractionKind(values.get("kind") or "note")
    except ValueError:
        kind = InteractionKind.NOTE
    happened = _date(values.get("happened_on")) or now_local.date()
    occurred = (
        now_local
        if happened == now_local.date()
        else datetime.combine(happened, time(12, 0), tzinfo=tz)
    ).astimezone(UTC)
    form = _Form(team_id, user_id, kind, (values.get("summary") or "").strip(), occurred)
    edited: str | None = None
    logged: LoggedContact | None = None
    try:
        with deps.sessions.begin() as session:
            partner = get_partner(session, team_id, record_id(values.get("partner")) or 0)
            if meta.get("edit"):
                refused = _edit(session, deps, form, record_id(meta.get("edit")))
                if refused is not None:
                    ack(response_action="errors", errors={"summary": refused})
                    return
                edited = f"✏️ Saved the {kind.value} with *{quote(partner.name, 120)}*."
            else:
                logged = _log(session, deps, form, partner.id, values, meta, view, tz)
    except NotFound:
        ack(response_action="errors", errors={"partner": "That partner no longer exists."})
        return
    except InvalidInput as exc:
        field = {"summary": "summary", "note": "follow_up_note"}.get(exc.field, "summary")
        ack(response_action="errors", errors={field: exc.message})
        return
    # Only once the transaction committed: the lazy step runs even when this step failed.
    if edited is not None:
        context[EDITED] = edited
    if logged is not None:
        context[LOGGED] = logged
    ack()


@dataclass(frozen=True)
class _Form:
    """What the form says, checked: who sends it, the kind, the text and when it happened."""

    team_id: str
    user_id: str
    kind: InteractionKind
    summary: str
    occurred: datetime


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


def _edit(session: Session, deps: Deps, form: _Form, edit_id: int | None) -> str | None:
    """Save the correction of a logged contact; why not, when its sender may not change it."""
    if edit_id is None:
        raise NotFound("contact")
    entry = get_contact(session, form.team_id, edit_id)
    if not may_change(session, form.team_id, entry, form.user_id):
        return NOT_YOURS.format(f"<@{entry.user_id}>")
    update_contact(
        session,
        form.team_id,
        edit_id,
        kind=form.kind,
        summary=form.summary,
        occurred_at=form.occurred,
        by=form.user_id,
        now=deps.clock.now(),
    )
    return None


def _log(
    session: Session,
    deps: Deps,
    form: _Form,
    partner_id: int,
    values: dict[str, Any],
    meta: dict[str, Any],
    view: dict[str, Any],
    tz: ZoneInfo,
) -> LoggedContact:
    """Log the contact the form describes (once per view), with its follow-up."""
    follow_up_on = _date(values.get("follow_up_on"))
    note = (values.get("follow_up_note") or "").strip()
    follow_up = (
        NewFollowUp(
            owner_user_id=form.user_id,
            due_date=follow_up_on,
            due_time=None,
            note=note or f"Follow up: {clip(form.summary, 150)}",
            tz=tz,
        )
        if follow_up_on is not None
        else None
    )
    logged = log_contact(
        session,
        form.team_id,
        NewContact(
            partner_id=partner_id,
            user_id=form.user_id,
            kind=form.kind,
            summary=form.summary,
            occurred_at=form.occurred,
            permalink=meta.get("permalink"),
            message_author=meta.get("author"),
            follow_up=follow_up,
        ),
        now=deps.clock.now(),
        idempotency_key=f"view:{view.get('id')}",
    )
    propose_if_win(session, form.team_id, logged, tz, deps.clock.now())
    return logged


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
        reply = confirmed(deps, team_id, user_id, logged, known_zone(deps, team_id, user_id))
        text, blocks = reply["text"], reply["blocks"]
    elif isinstance(edited, str):
        text, blocks = "Saved.", text_blocks(edited)
    else:
        return
    notify(client, user_id=user_id, channel_id=channel_id, text=text, blocks=blocks)


def known_zone(deps: Deps, team_id: str, user_id: str) -> ZoneInfo:
    """The person's time zone as last read from Slack (opening the form read it), without
    asking Slack again: a form's answer must not wait for a slow Slack."""
    with deps.sessions() as session:
        name, _ = staff_timezone(session, team_id, user_id)
    return zone(name) or deps.zones.default


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None
