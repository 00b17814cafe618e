"""Done / Snooze / Reassign wherever a follow-up is shown, and the App Home. Thin listeners:
ack → storage → render → update the message in place."""

from __future__ import annotations

import calendar
import json
import logging
from datetime import date, timedelta
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.webhook import WebhookClient

from handlers import actions
from handlers.deps import Deps
from handlers.followup_grammar import USAGE as FOLLOWUP_USAGE
from handlers.followup_grammar import (
    Create,
    FollowUpHelp,
    Mine,
    Team,
    Theirs,
    parse_followup_command,
)
from handlers.forms import form_values, metadata
from handlers.mrkdwn import (
    clip,
    day,
    escape,
    local_day,
    mentioned_users,
    quote,
    strip_mentions,
    user,
)
from handlers.render_contacts import contact_form
from handlers.render_followups import (
    closed_line,
    follow_up_blocks,
    render_follow_up_list,
    render_home,
    replace_follow_up,
    snooze_date_form,
)
from handlers.render_partners import partner_form, render_partner_card, text_blocks
from storage.cadence import going_cold
from storage.contact_lookup import resolve_partner_prefix
from storage.errors import InvalidInput, NotFound
from storage.follow_up_actions import (
    Outcome,
    complete_follow_up,
    get_follow_up,
    open_follow_ups_with_rest,
    reassign_follow_up,
    snooze_follow_up,
)
from storage.follow_ups import NewFollowUp, create_follow_up, repeated_follow_up
from storage.models import FollowUpStatus
from storage.partners import get_partner, partner_profile
from storage.views import FollowUpView

log = logging.getLogger(__name__)


def add_months(start: date, months: int) -> date:
    """The same day `months` later, clamped to the month's last day (Jan 31 → Feb 28)."""
    month = start.month - 1 + months
    year, month = start.year + month // 12, month % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def snooze_target(code: str, today: date) -> date | None:
    """The new due date for a snooze choice ("1d", "7d", "1m"), or None for "pick"."""
    return {
        "1d": today + timedelta(days=1),
        "7d": today + timedelta(days=7),
        "1m": add_months(today, 1),
    }.get(code)


def _origin(block_id: str) -> tuple[int, str]:
    _, fid, origin = ([*block_id.split(":"), "", ""])[:3]
    return int(fid), origin or actions.ORIGIN_LIST


def publish_home(deps: Deps, client: WebClient, team_id: str, user_id: str) -> None:
    """Render and publish a person's App Home."""
    tz = deps.timezone_of(client, team_id, user_id)
    now = deps.clock.now()
    today = now.astimezone(tz).date()
    with deps.sessions() as session:
        mine, not_loaded = open_follow_ups_with_rest(
            session, team_id, owner_user_id=user_id, due_by=today + timedelta(days=7)
        )
        cold = going_cold(session, team_id, now=now, owner_user_id=user_id)
    view = render_home(
        today=today,
        overdue=[f for f in mine if f.due_date < today],
        due_today=[f for f in mine if f.due_date == today],
        upcoming=[f for f in mine if f.due_date > today],
        cold=cold,
        not_loaded=not_loaded,
    )
    try:
        client.views_publish(user_id=user_id, view=view)
    except SlackApiError as exc:
        log.warning("could not publish App Home for %s: %s", user_id, exc.response.get("error"))


def my_follow_ups_blocks(
    deps: Deps, client: WebClient, team_id: str, user_id: str, *, whose: str | None = None
) -> list[dict[str, Any]]:
    """`/followup` for one person: overdue, today, next 7 days."""
    owner = whose or user_id
    tz = deps.timezone_of(client, team_id, owner)
    today = deps.clock.now().astimezone(tz).date()
    with deps.sessions() as session:
        items, not_loaded = open_follow_ups_with_rest(
            session, team_id, owner_user_id=owner, due_by=today + timedelta(days=7)
        )
    mine = owner == user_id
    return render_follow_up_list(
        "Your follow-ups" if mine else f"Follow-ups of {user(owner)}",
        [
            ("*⏰ Overdue*", [f for f in items if f.due_date < today]),
            ("*📅 Today*", [f for f in items if f.due_date == today]),
            ("*🗓️ Next 7 days*", [f for f in items if f.due_date > today]),
        ],
        today,
        not_loaded=not_loaded,
        more_hint=" — your *Home* tab shows more." if mine else " not shown.",
    )


def team_follow_ups_blocks(
    deps: Deps, client: WebClient, team_id: str, user_id: str
) -> list[dict[str, Any]]:
    """`/followup all`: the team's open follow-ups due in the next 7 days, grouped by owner."""
    tz = deps.timezone_of(client, team_id, user_id)
    today = deps.clock.now().astimezone(tz).date()
    with deps.sessions() as session:
        items, not_loaded = open_follow_ups_with_rest(
            session, team_id, due_by=today + timedelta(days=7)
        )
    owners: dict[str, list[FollowUpView]] = {}
    for f in items:
        owners.setdefault(f.owner_user_id or "", []).append(f)
    groups = [(f"*{user(o) if o else '_unowned_'}*", fs) for o, fs in sorted(owners.items())]
    return render_follow_up_list(
        "The team's follow-ups (next 7 days)", groups, today, not_loaded=not_loaded
    )


def _answer(text: str, blocks: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"response_type": "ephemeral", "text": text, "blocks": blocks or text_blocks(text)}


def create_from_text(
    deps: Deps, client: WebClient, team_id: str, user_id: str, text: str
) -> dict[str, Any]:
    """`/followup PARTNER WHEN NOTE` (an @mention gives it to someone else): the ack's
    arguments — the new follow-up with its buttons, or what to fix."""
    typed = f"```/followup {escape(clip(text, 2800))}```"
    with deps.sessions() as session:
        found, rest, words = resolve_partner_prefix(session, team_id, text)
    partner = found.single
    if partner is None:
        if found.candidates:
            names = ", ".join(f"*{quote(p.name, 80)}*" for p in found.candidates)
            return _answer(f"“{quote(words, 100)}” could be {names}. Write more of the name.")
        return _answer(
            f"I don't know a partner called “{quote(words, 100)}”. Add it with "
            f"`/partner add {escape(clip(words, 100))}`, or check `/partner list`.\n{typed}"
        )
    owners = mentioned_users(rest)
    owner = owners[0] if owners else user_id
    tz = deps.timezone_of(client, team_id, owner)
    now_local = deps.clock.now().astimezone(tz).replace(tzinfo=None)
    rest_words = strip_mentions(rest).split()
    found_date = deps.dates.find(rest_words, now=now_local)
    if found_date is None:
        return _answer(
            f"I couldn't find a date in “{quote(' '.join(rest_words), 200) or 'nothing'}”. "
            "Write it like `/followup Acme fri send the thank-you letter` (dates like "
            f"`tomorrow`, `next tue`, `Dec 3`, `in 2 weeks`). Nothing was saved.\n{typed}"
        )
    due = found_date.value
    if due.day < now_local.date():
        return _answer(
            f"{day(due.day)} is in the past; pick today or later. Nothing was saved.\n{typed}"
        )
    note_words = rest_words[: found_date.start] + rest_words[found_date.end :]
    note = " ".join(note_words).strip(" ,;:-") or f"Follow up with {partner.name}"
    wanted = NewFollowUp(owner_user_id=owner, due_date=due.day, due_time=due.at, note=note, tz=tz)
    now = deps.clock.now()
    try:
        with deps.sessions.begin() as session:
            repeat = repeated_follow_up(
                session, team_id, partner.id, wanted, now=now, created_by=user_id
            )
            created = repeat or create_follow_up(
                session, team_id, partner.id, wanted, now=now, created_by=user_id, source="command"
            )
    except InvalidInput as exc:
        return _answer(f"{escape(exc.message)} Nothing was saved.\n{typed}")
    whom = "you" if owner == user_id else user(owner)
    head = f"📌 Follow-up for {whom}, due {day(created.due_date)}"
    if created.due_time is not None:
        head += f" at {created.due_time:%H:%M}"
    if repeat is not None:
        head += "\n_(already added — this was a repeat, nothing new was saved)_"
    today = deps.clock.now().astimezone(tz).date()
    item = follow_up_blocks(created, today, actions.ORIGIN_LIST, show_owner=owner != user_id)
    blocks = text_blocks(head) + [b.to_dict() for b in item]
    publish_home(deps, client, team_id, owner)
    return _answer(f"Follow-up for {escape(partner.name)}, due {day(created.due_date)}", blocks)


def register(app: App, deps: Deps) -> None:
    """Register the follow-up buttons, the snooze date form and the App Home."""

    def settle(
        body: dict[str, Any],
        client: WebClient,
        respond: Respond | None,
        outcome: Outcome,
        verb: str,
        *,
        origin: str,
        response_url: str | None = None,
    ) -> None:
        """Show the result where the click happened, and refresh App Homes."""
        team_id, clicker = body["team"]["id"], body["user"]["id"]
        f = outcome.follow_up
        if not outcome.changed:
            when = ""
            if f.closed_at is not None:
                tz = deps.timezone_of(client, team_id, clicker)
                when = f" on {local_day(f.closed_at, tz)} at {f.closed_at.astimezone(tz):%H:%M}"
            state = "done" if f.status is FollowUpStatus.DONE else f.status.value
            verb = f"Already {state} by {user(f.closed_by)}{when} — nothing changed"
            _tell(client, respond, clicker, body, f"{verb}.")
        container = body.get("container") or {}
        message = body.get("message")
        if container.get("type") == "view" or origin == actions.ORIGIN_HOME:
            pass  # the Home refresh below redraws it
        elif origin == actions.ORIGIN_DIGEST and message and message.get("blocks"):
            client.chat_update(
                channel=container["channel_id"],
                ts=container.get("message_ts") or message.get("ts"),
                text=message.get("text") or "partnerbot digest",
                blocks=replace_follow_up(message.get("blocks") or [], f.id, closed_line(f, verb)),
            )
        else:
            blocks = (
                render_partner_card(
                    _profile(team_id, f.partner_id), deps.timezone_of(client, team_id, clicker)
                )
                if origin == actions.ORIGIN_CARD
                else my_follow_ups_blocks(deps, client, team_id, clicker)
            )
            blocks = text_blocks(f"{verb}: *{quote(f.partner_name, 120)}*") + blocks
            url = response_url or body.get("response_url")
            if url:
                WebhookClient(url).send(text=verb, blocks=blocks, replace_original=True)
        for person in {clicker, f.owner_user_id, outcome.previous_owner_user_id} - {None}:
            publish_home(deps, client, team_id, str(person))

    def _profile(team_id: str, partner_id: int) -> Any:
        with deps.sessions() as session:
            return partner_profile(session, team_id, partner_id)

    def _tell(
        client: WebClient, respond: Respond | None, user_id: str, body: dict[str, Any], text: str
    ) -> None:
        if respond is not None and body.get("response_url"):
            respond(text=text, response_type="ephemeral", replace_original=False)
        else:
            client.chat_postMessage(channel=user_id, text=text, blocks=text_blocks(text))

    def _clicked(body: dict[str, Any]) -> tuple[str, str, int, str, dict[str, Any]]:
        action = body["actions"][0]
        fid, origin = _origin(str(action.get("block_id", "")))
        return body["team"]["id"], body["user"]["id"], fid, origin, action

    @app.action(actions.FU_DONE)
    def done(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond) -> None:
        ack()
        team_id, clicker, fid, origin, _ = _clicked(body)
        try:
            with deps.sessions.begin() as session:
                outcome = complete_follow_up(
                    session, team_id, fid, by=clicker, now=deps.clock.now()
                )
        except NotFound:
            _tell(client, respond, clicker, body, "That follow-up no longer exists.")
            return
        settle(body, client, respond, outcome, f"✅ Done by {user(clicker)}", origin=origin)

    @app.action(actions.FU_DONE_LOG)
    def done_and_log(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond) -> None:
        ack()
        team_id, clicker, fid, origin, _ = _clicked(body)
        try:
            with deps.sessions.begin() as session:
                outcome = complete_follow_up(
                    session, team_id, fid, by=clicker, now=deps.clock.now()
                )
        except NotFound:
            _tell(client, respond, clicker, body, "That follow-up no longer exists.")
            return
        if outcome.changed:
            with deps.sessions() as session:
                partner = get_partner(session, team_id, outcome.follow_up.partner_id)
            channel = (body.get("container") or {}).get("channel_id")
            client.views_open(
                trigger_id=body["trigger_id"],
                view=contact_form(
                    partner=partner,
                    happened_on=deps.clock.now()
                    .astimezone(deps.timezone_of(client, team_id, clicker))
                    .date(),
                    meta={"channel_id": channel},
                ),
            )
        settle(body, client, respond, outcome, f"✅ Done by {user(clicker)}", origin=origin)

    @app.action(actions.FU_SNOOZE)
    def snooze(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond) -> None:
        ack()
        team_id, clicker, _, origin, action = _clicked(body)
        code, _, fid_text = str((action.get("selected_option") or {}).get("value", "")).partition(
            ":"
        )
        fid = int(fid_text or 0)
        try:
            with deps.sessions() as session:
                current = get_follow_up(session, team_id, fid)
        except NotFound:
            _tell(client, respond, clicker, body, "That follow-up no longer exists.")
            return
        owner_tz = deps.timezone_of(client, team_id, current.owner_user_id or clicker)
        today = deps.clock.now().astimezone(owner_tz).date()
        until = snooze_target(code, today)
        if until is None:
            meta = {
                "fid": fid,
                "origin": origin,
                "response_url": body.get("response_url"),
                "container": body.get("container"),
                "message": _slim(body.get("message")),
            }
            client.views_open(
                trigger_id=body["trigger_id"], view=snooze_date_form(current, json.dumps(meta))
            )
            return
        with deps.sessions.begin() as session:
            outcome = snooze_follow_up(
                session, team_id, fid, until=until, by=clicker, now=deps.clock.now(), tz=owner_tz
            )
        settle(body, client, respond, outcome, f"😴 Snoozed to {day(until)}", origin=origin)

    @app.view(actions.VIEW_FU_SNOOZE_DATE)
    def snooze_date(
        ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient
    ) -> None:
        team_id, clicker = body["team"]["id"], body["user"]["id"]
        meta = metadata(view)
        picked = form_values(view).get("date")
        try:
            until = date.fromisoformat(picked or "")
        except ValueError:
            ack(response_action="errors", errors={"date": "Pick a date."})
            return
        fid = int(meta.get("fid") or 0)
        try:
            with deps.sessions.begin() as session:
                current = get_follow_up(session, team_id, fid)
                owner_tz = deps.timezone_of(client, team_id, current.owner_user_id or clicker)
                outcome = snooze_follow_up(
                    session,
                    team_id,
                    fid,
                    until=until,
                    by=clicker,
                    now=deps.clock.now(),
                    tz=owner_tz,
                )
        except InvalidInput as exc:
            ack(response_action="errors", errors={"date": exc.message})
            return
        except NotFound:
            ack(response_action="errors", errors={"date": "That follow-up no longer exists."})
            return
        ack()
        context = {
            **body,
            "container": meta.get("container") or {},
            "message": meta.get("message"),
            "response_url": meta.get("response_url"),
        }
        settle(
            context,
            client,
            None,
            outcome,
            f"😴 Snoozed to {day(until)}",
            origin=str(meta.get("origin") or actions.ORIGIN_LIST),
        )

    @app.action(actions.FU_REASSIGN)
    def reassign(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond) -> None:
        ack()
        team_id, clicker, fid, origin, action = _clicked(body)
        to_user = action.get("selected_user")
        if not to_user:
            return
        try:
            with deps.sessions.begin() as session:
                outcome = reassign_follow_up(
                    session,
                    team_id,
                    fid,
                    to_user=to_user,
                    by=clicker,
                    now=deps.clock.now(),
                    tz=deps.timezone_of(client, team_id, to_user),
                )
        except NotFound:
            _tell(client, respond, clicker, body, "That follow-up no longer exists.")
            return
        settle(body, client, respond, outcome, f"👉 Reassigned to {user(to_user)}", origin=origin)
        if outcome.changed and to_user != clicker:
            f = outcome.follow_up
            text = (
                f"👉 {user(clicker)} handed you a follow-up: *{quote(f.partner_name, 120)}* — "
                f"{quote(f.note, 300)} (due {day(f.due_date)})"
            )
            client.chat_postMessage(channel=to_user, text=text, blocks=text_blocks(text))

    @app.command("/followup")
    def followup_command(ack: Ack, command: dict[str, Any], client: WebClient) -> None:
        team_id, user_id = command["team_id"], command["user_id"]
        parsed = parse_followup_command(command.get("text") or "")
        match parsed:
            case Mine():
                blocks = my_follow_ups_blocks(deps, client, team_id, user_id)
            case Team():
                blocks = team_follow_ups_blocks(deps, client, team_id, user_id)
            case Theirs(user_id=whose):
                blocks = my_follow_ups_blocks(deps, client, team_id, user_id, whose=whose)
            case FollowUpHelp():
                blocks = text_blocks(FOLLOWUP_USAGE)
            case Create(text=text):
                ack(**create_from_text(deps, client, team_id, user_id, text))
                return
        ack(response_type="ephemeral", text="Follow-ups", blocks=blocks)

    @app.event("app_home_opened")
    def home_opened(event: dict[str, Any], client: WebClient, context: dict[str, Any]) -> None:
        if event.get("tab", "home") != "home":
            return
        publish_home(deps, client, context["team_id"], event["user"])

    @app.action(actions.HOME_ADD_PARTNER)
    def home_add_partner(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        client.views_open(
            trigger_id=body["trigger_id"],
            view=partner_form(
                callback_id=actions.VIEW_PARTNER_ADD, title="Add a partner", submit="Add"
            ),
        )


def _slim(message: dict[str, Any] | None) -> dict[str, Any] | None:
    """The parts of a message needed to update it later (private_metadata holds 3,000 chars)."""
    if not message:
        return None
    return {"ts": message.get("ts"), "text": str(message.get("text", ""))[:200]}
