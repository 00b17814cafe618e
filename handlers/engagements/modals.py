"""The engagement and debrief forms: opening them, and their submissions (the ack step checks
and saves, errors go back to the form; the lazy step tells the person and updates the DM)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy.orm import Session

from handlers.common.blocks import Blocks
from handlers.common.forms import form_values, metadata
from handlers.common.mrkdwn import escape, user
from handlers.common.people import zone
from handlers.common.replies import notify
from handlers.common.values import record_id
from handlers.deps import Deps, Person
from handlers.engagements.changes import save_edit
from handlers.engagements.grammar import named_students
from handlers.engagements.render import (
    check_warning,
    confirmation,
    debrief_answered,
    debrief_form,
    engage_form,
)
from handlers.school_year.sections import date_flags
from storage.debriefs import DebriefAnswers
from storage.engagements import EngagementView, NewEngagement
from storage.engagements_requests import (
    Recorded,
    answer_debrief,
    engagement_to_debrief,
    form_partner,
    record_from_form,
)
from storage.errors import InvalidInput, NotFound, NotYours
from storage.models import DebriefOutcome, EngagementKind

RECORDED = "recorded_engagement"
DEBRIEFED = "saved_debrief"
NOT_A_COUNT = "Write how many students as a number, e.g. 12 — never their names."


def day_notes(session: Session, team_id: str, view: EngagementView) -> Blocks:
    """The day-off and busy-season flags of an engagement's first and last day, read in the
    transaction that records it."""
    flags = date_flags(session, team_id, view.partner_id, view.starts_on, follow_up_id=None)
    if view.ends_on != view.starts_on:
        more = date_flags(session, team_id, view.partner_id, view.ends_on, follow_up_id=None)
        flags += [b for b in more if b not in flags]
    return flags


def recorded_answer(recorded: Recorded[Blocks]) -> tuple[str, Blocks]:
    """What recording an engagement says: it, the missing background check (mentoring,
    internships) and the day-off flags."""
    view = recorded.view
    warnings = [check_warning(view)] if recorded.check_missing else []
    text = f"Engagement with {escape(view.partner_name)} recorded"
    return text, confirmation(view, recorded.created, recorded.today, warnings, recorded.notes)


def open_form(
    who: Person,
    trigger_id: str,
    partner_id: int | None,
    channel_id: str | None,
    *,
    kind: EngagementKind | None = None,
    on: date | None = None,
    students: int | None = None,
) -> None:
    """Open the engagement form, the partner (and its contacts) filled in when known, and
    what a logged contact said (kind, date, students)."""
    today = who.local_now()[0].date()
    partner, contacts = form_partner(who.deps.sessions, who.team_id, partner_id)
    owner = (partner.owner_user_id if partner else None) or who.user_id
    meta = {"channel_id": channel_id, "partner": partner.id if partner else None}
    who.client.views_open(
        trigger_id=trigger_id,
        view=engage_form(
            partner=partner,
            contacts=contacts,
            owner=owner,
            today=on or today,
            meta=meta,
            kind=kind,
            students_count=students,
        ),
    )


def _today_in(who: Person) -> Callable[[str | None], date]:
    """Today for the person in the time zone last read from Slack (opening the form read it),
    without asking Slack again: a form's answer must not wait for a slow Slack."""
    now = who.deps.clock.now()
    return lambda name: now.astimezone(zone(name) or who.deps.zones.default).date()


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _count(value: str | None) -> int | str | None:
    """A count typed in a form: the number, None when empty, the error otherwise."""
    text = (value or "").strip()
    if not text:
        return None
    if not text.isdigit() or len(text) > 6:
        return NOT_A_COUNT
    return int(text)


def engage_submitted(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient, context: BoltContext
) -> None:
    """Record an engagement from the form."""
    who = Person.of(body, client, context)
    values = form_values(view)
    errors: dict[str, str] = {}
    partner_id = record_id(values.get("partner"))
    if partner_id is None:
        errors["partner"] = "Pick the partner (start typing its name)."
    try:
        kind = EngagementKind(values.get("kind") or "")
    except ValueError:
        errors["kind"] = "Pick what kind of engagement it was."
        kind = EngagementKind.OTHER
    starts_on = _date(values.get("starts_on"))
    if starts_on is None:
        errors["starts_on"] = "Pick the date (the first day)."
    ends_on = _date(values.get("ends_on")) or starts_on
    if starts_on and ends_on and ends_on < starts_on:
        errors["ends_on"] = "The last day is before the first; pick a later one."
    count = _count(values.get("students"))
    if isinstance(count, str):
        errors["students"] = count
    label = values.get("label")
    if label and (names := named_students(label)):
        errors["label"] = f"That looks like it names students (“{names}”): keep only a count."
    if errors or partner_id is None or starts_on is None or ends_on is None:
        ack(response_action="errors", errors=errors)
        return
    wanted = NewEngagement(
        kind=kind,
        starts_on=starts_on,
        ends_on=ends_on,
        student_count=count if isinstance(count, int) else None,
        owner_user_id=values.get("owner") or who.user_id,
        business_contact_id=record_id(values.get("contact")),
        pathway=values.get("pathway"),
        label=label,
    )
    if (edit_id := record_id(metadata(view).get("edit"))) is not None:
        saved = save_edit(who, edit_id, partner_id, metadata(view).get("partner"), wanted)
        if isinstance(saved, dict):
            ack(response_action="errors", errors=saved)
            return
        context[RECORDED] = saved
        ack()
        return
    try:
        recorded = record_from_form(
            who.deps.sessions,
            who.team_id,
            partner_id,
            wanted,
            by=who.user_id,
            today_for=_today_in(who),
            now=who.deps.clock.now(),
            notes=day_notes,
        )
    except NotFound:
        ack(response_action="errors", errors={"partner": "That partner no longer exists."})
        return
    except InvalidInput as exc:
        field = exc.field if exc.field in ("label", "ends_on", "students", "pathway") else "kind"
        ack(response_action="errors", errors={field: exc.message})
        return
    context[RECORDED] = recorded_answer(recorded)
    ack()


def engage_saved(
    body: dict[str, Any], view: dict[str, Any], client: WebClient, context: BoltContext
) -> None:
    """Lazy: show what the form recorded where it was opened, and redraw the owner's Home."""
    saved = context.get(RECORDED)
    if not isinstance(saved, tuple):
        return
    text, blocks = saved
    who = Person.of(body, client, context)
    channel_id = metadata(view).get("channel_id")
    notify(client, user_id=who.user_id, channel_id=channel_id, text=text, blocks=blocks)
    owner = form_values(view).get("owner") or who.user_id
    who.deps.redraw_home(client, who.team_id, owner)


def open_debrief(
    who: Person,
    trigger_id: str,
    engagement_id: int,
    outcome: DebriefOutcome | None,
    where: dict[str, Any],
) -> str | None:
    """Open the debrief form; else why not (the engagement is gone, or it is someone else's)."""
    try:
        engagement = engagement_to_debrief(
            who.deps.sessions, who.team_id, engagement_id, by=who.user_id
        )
    except NotFound:
        return "That engagement no longer exists."
    except NotYours as exc:
        return (
            f"That debrief is {user(exc.owner)}'s to write: only they or a program lead can "
            "answer it. Nothing changed."
        )
    meta = {"e": engagement.id, **where}
    who.client.views_open(trigger_id=trigger_id, view=debrief_form(engagement, outcome, meta))
    return None


def debrief_submitted(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient, context: BoltContext
) -> None:
    """Save a debrief: the answers kept on the engagement, its follow-up closed, a win proposed
    when it went great or fine."""
    deps = Deps.of(context)
    team_id, user_id = body["team"]["id"], body["user"]["id"]
    values = form_values(view)
    errors: dict[str, str] = {}
    try:
        outcome = DebriefOutcome(values.get("outcome") or "")
    except ValueError:
        errors["outcome"] = "Say how it went: great, fine or problems."
        outcome = DebriefOutcome.FINE
    came = _count(values.get("students"))
    if isinstance(came, str):
        errors["students"] = came
    for field in ("feedback", "change"):
        if (names := named_students(values.get(field) or "")) is not None:
            errors[field] = f"That looks like it names students (“{names}”): leave names out."
    engagement_id = record_id(metadata(view).get("e"))
    if errors or engagement_id is None:
        ack(response_action="errors", errors=errors or {"outcome": "That engagement is gone."})
        return
    answers = DebriefAnswers(
        outcome,
        came if isinstance(came, int) else None,
        values.get("feedback"),
        values.get("change"),
    )
    try:
        saved = answer_debrief(
            deps.sessions, team_id, engagement_id, answers, by=user_id, now=deps.clock.now()
        )
    except NotFound:
        ack(response_action="errors", errors={"outcome": "That engagement no longer exists."})
        return
    except NotYours:
        ack(
            response_action="errors",
            errors={
                "outcome": "This debrief is another person's: only its owner or a program lead "
                "can answer it. Nothing was saved."
            },
        )
        return
    except InvalidInput as exc:
        known = {"students": "students", "feedback": "feedback", "change": "change"}
        ack(response_action="errors", errors={known.get(exc.field, "outcome"): exc.message})
        return
    context[DEBRIEFED] = saved
    ack()


def debrief_saved(
    body: dict[str, Any], view: dict[str, Any], client: WebClient, context: BoltContext
) -> None:
    """Lazy: the debrief DM shows the answers in place of its buttons; the Home is redrawn."""
    saved = context.get(DEBRIEFED)
    if not isinstance(saved, EngagementView):
        return
    deps = Deps.of(context)
    meta = metadata(view)
    channel, ts = meta.get("c"), meta.get("ts")
    if isinstance(channel, str) and isinstance(ts, str):
        text, blocks = debrief_answered(saved)
        try:
            client.chat_update(channel=channel, ts=ts, text=text, blocks=blocks)
        except SlackApiError:
            notify(client, user_id=body["user"]["id"], channel_id=None, text=text, blocks=blocks)
    deps.redraw_home(client, body["team"]["id"], saved.owner_user_id)
