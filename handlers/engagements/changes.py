"""Changing an engagement: `/engage edit|cancel|remove|assign …`, and Edit / Cancel / Remove
wherever one is listed (`/engage list`, the partner card, the Home). Slack is asked first
(whether the person is an admin, whether a new owner is still here), then one storage
operation checks who may and makes the change; the list pressed in is redrawn in place."""

from __future__ import annotations

from functools import partial
from typing import Any

from slack_bolt import BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from handlers.common.blocks import SECTION_TEXT_LIMIT, Blocks, section
from handlers.common.mrkdwn import clip, quote
from handlers.common.replies import ephemeral, tell
from handlers.common.values import carried, record_id
from handlers.deps import Person
from handlers.engagements.change_grammar import ChangeEngagement, choose_engagements
from handlers.engagements.change_render import change_answer, edit_form
from handlers.engagements.render import engage_form, engagement_line, list_blocks
from handlers.partners.sections import not_one_partner
from handlers.people.sections import refuse_as_owner, slack_admin
from storage.engagement_change_requests import (
    CANCEL,
    EDIT,
    REMOVE,
    Asked,
    EditForm,
    Gone,
    Listing,
    NotOne,
    Result,
    Target,
    change_engagement,
)
from storage.engagement_changes import DONE, Change
from storage.engagements import NewEngagement
from storage.engagements_requests import EngagementList, NoSinglePartner
from storage.errors import InvalidInput

GONE = "That engagement no longer exists. Nothing changed."
TITLES = {"upcoming": "Upcoming engagements", "past": "Past engagements", "all": "Engagements"}


def _run(
    who: Person, target: Target, asked: Asked, listing: Listing | None = None
) -> tuple[Result, EngagementList | None]:
    today = who.local_now()[0].date()
    return change_engagement(
        who.deps.sessions,
        who.team_id,
        target,
        asked,
        choose=choose_engagements,
        by=who.user_id,
        slack_admin=slack_admin(who.client, who.user_id),
        today=today,
        now=who.deps.clock.now(),
        listing=listing,
    )


def open_edit(who: Person, form: EditForm, trigger_id: str, channel_id: str | None) -> None:
    """The engagement form, filled in with the engagement, to edit it."""
    e = form.view
    meta = {"channel_id": channel_id, "partner": e.partner_id, "edit": e.id}
    base = engage_form(
        partner=None,
        contacts=form.contacts,
        owner=e.owner_user_id,
        today=e.starts_on,
        meta=meta,
        kind=e.kind,
        students_count=e.student_count,
    )
    who.client.views_open(trigger_id=trigger_id, view=edit_form(form, base))


def _redraw_homes(
    who: Person, result: Result, before_owner: str | None = None, *, now: str | None = None
) -> None:
    """Redraw the Homes a change shows in, after the answer (`who.later`); `now`: the one
    Home that is itself the answer (a press on the Home), redrawn at once."""
    if isinstance(result, Change) and result.kind == DONE:
        people = {who.user_id, result.view.owner_user_id, before_owner} - {None}
        for person in sorted(str(p) for p in people):
            if person == now:
                who.deps.redraw_home(who.client, who.team_id, person)
            else:
                who.later.append(partial(who.deps.redraw_home, who.client, who.team_id, person))


def change_command(
    who: Person, parsed: ChangeEngagement, trigger_id: str, channel_id: str | None
) -> dict[str, Any] | None:
    """`/engage edit|cancel|remove|assign …`: the answer (None: the edit form was opened)."""
    if parsed.to_user is not None and (refused := refuse_as_owner(who.client, parsed.to_user)):
        return ephemeral(f"{refused} Nothing changed.")
    result, _ = _run(who, parsed.words, Asked(parsed.verb, parsed.to_user))
    match result:
        case NoSinglePartner(words=words, candidates=candidates):
            unknown = f"No partner matches “{quote(words, 100)}”. See `/engage list`."
            return ephemeral(not_one_partner(words, candidates, unknown))
        case NotOne(partner=partner, views=views) if not views:
            return ephemeral(f"*{quote(partner.name, 100)}* has no engagement like that.")
        case NotOne(partner=partner, views=views):
            today = who.local_now()[0].date()
            title = f"Which engagement of *{quote(partner.name, 100)}*? Use its buttons:"
            blocks = list_blocks(title, views, len(views), today, partner_id=partner.id)
            return ephemeral("Which engagement?", blocks)
        case Gone():
            return ephemeral(GONE)
        case EditForm():
            open_edit(who, result, trigger_id, channel_id)
            return None
        case Change():
            _redraw_homes(who, result)
            return ephemeral(change_answer(result, parsed.verb))
    return None


def _pressed(
    body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext, verb: str
) -> None:
    who = Person.of(body, client, context)
    value = carried(body)
    engagement_id = record_id(value.get("e"))
    where, partner_id = str(value.get("w") or ""), record_id(value.get("p"))
    if engagement_id is None:
        tell(client, respond, body, GONE)
        return
    listing = Listing(where, partner_id) if where in TITLES else None
    result, listed = _run(who, engagement_id, Asked(verb), listing)
    if isinstance(result, EditForm):
        channel_id = (body.get("channel") or {}).get("id")
        try:
            open_edit(who, result, body["trigger_id"], channel_id)
        except SlackApiError:
            tell(client, respond, body, "Slack would not open the form; try `/engage edit`.")
        return
    text = change_answer(result, verb) if isinstance(result, Change) else GONE
    _redraw_homes(who, result, now=who.user_id if where == "home" else None)
    done = isinstance(result, Change) and result.kind == DONE
    if done and listed is not None and where in TITLES:
        today = who.local_now()[0].date()
        title = TITLES[where]
        if partner_id is not None and listed.views:
            title = f"Engagements of {quote(listed.views[0].partner_name, 100)}"
        blocks = list_blocks(
            f"*{title}* ({listed.total})",
            listed.views,
            listed.total,
            today,
            when=where,
            partner_id=partner_id,
        )
        respond(replace_original=True, text=title, blocks=blocks)
    if not (done and where == "home"):  # the Home was redrawn with the change
        tell(client, respond, body, text)
    who.run_later()


def edit_pressed(
    body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
) -> None:
    """Edit: the engagement form, filled in (if the person may change it)."""
    _pressed(body, client, respond, context, EDIT)


def cancel_pressed(
    body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
) -> None:
    """Cancel: kept as cancelled; the list pressed in redrawn."""
    _pressed(body, client, respond, context, CANCEL)


def remove_pressed(
    body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
) -> None:
    """Remove (a planned one recorded by mistake): deleted; the list pressed in redrawn."""
    _pressed(body, client, respond, context, REMOVE)


def save_edit(
    who: Person, engagement_id: int, chosen: int, partner_id: object, wanted: NewEngagement
) -> dict[str, str] | tuple[str, Blocks]:
    """The edit form's save, in its ack (Slack is not asked: named leads, authors and owners
    may): the form's errors, or what to tell the person. The partner stays the same."""
    if chosen != partner_id:
        return {"partner": "An engagement keeps its partner: cancel it and record a new one."}
    try:
        result, _ = change_engagement(
            who.deps.sessions,
            who.team_id,
            engagement_id,
            Asked(EDIT, wanted=wanted),
            choose=choose_engagements,
            by=who.user_id,
            slack_admin=None,
            today=who.deps.clock.now().date(),
            now=who.deps.clock.now(),
        )
    except InvalidInput as exc:
        field = exc.field if exc.field in ("label", "ends_on", "students", "pathway") else "kind"
        return {field: exc.message}
    if not isinstance(result, Change):
        return {"partner": GONE}
    if result.kind != DONE:
        return {"kind": clip(change_answer(result, EDIT), 150)}
    line = engagement_line(result.view, who.deps.clock.now().date())
    text = change_answer(result, EDIT)
    return text, [section(clip(f"{text}\n{line}", SECTION_TEXT_LIMIT))]
