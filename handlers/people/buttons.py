"""Buttons and pickers: Add contact, a contact's Edit / Remove, "Add Bob Lee as a contact",
History, a handoff's Confirm / Cancel, a leaver's "Who takes over?" + Hand over, and the
"New owner…" picker. All run after the ack."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from handlers.common.blocks import text_blocks
from handlers.common.mrkdwn import quote
from handlers.common.replies import tell
from handlers.common.values import carried
from handlers.deps import Person
from handlers.people import handoff, ids
from handlers.people.contact_blocks import contact_form
from handlers.people.owner_verbs import assign, history_answer
from handlers.people.slack_users import refuse_as_owner
from storage.errors import NotFound
from storage.people.contact_requests import contact_menu_choice, partner_for_form
from storage.people.owner_requests import find_partner
from storage.records import PartnerView

log = logging.getLogger(__name__)
GONE = "That partner no longer exists."


def _value(body: dict[str, Any]) -> str:
    action = body["actions"][0]
    return str((action.get("selected_option") or {}).get("value") or action.get("value") or "")


def _partner(who: Person, partner_id: str | int) -> PartnerView | None:
    try:
        return partner_for_form(who.deps.sessions, who.team_id, int(partner_id))
    except ValueError:
        return None


def _channel(body: dict[str, Any]) -> str | None:
    channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get(
        "channel_id"
    )
    return str(channel) if channel else None


def _open(who: Person, body: dict[str, Any], respond: Respond, view: dict[str, Any]) -> None:
    try:
        who.client.views_open(trigger_id=body["trigger_id"], view=view)
    except SlackApiError as exc:
        log.warning("could not open the contact form: %s", exc.response.get("error"))
        tell(who.client, respond, body, "Slack would not open the form just now — try again.")


def add_contact(
    body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
) -> None:
    """Add contact: the contact form for the partner."""
    who = Person.of(body, client, context)
    partner = _partner(who, _value(body))
    if partner is None:
        tell(client, respond, body, GONE)
        return
    _open(who, body, respond, contact_form(partner, channel_id=_channel(body)))


def suggested_contact(
    body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
) -> None:
    """ "Add Bob Lee (HR) as a contact": the contact form, prefilled."""
    who = Person.of(body, client, context)
    suggested = carried(body)
    partner = _partner(who, suggested.get("p") or 0)
    if partner is None:
        tell(client, respond, body, GONE)
        return
    form = contact_form(
        partner,
        name=str(suggested.get("n") or ""),
        role=str(suggested.get("r") or ""),
        channel_id=_channel(body),
    )
    _open(who, body, respond, form)


def contact_menu(
    body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
) -> None:
    """A business contact's Edit (the form) or Remove."""
    who = Person.of(body, client, context)
    choice, _, raw_id = _value(body).partition(":")
    try:
        contact, partner = contact_menu_choice(
            who.deps.sessions,
            who.team_id,
            int(raw_id),
            remove=choice != "edit",
            by=who.user_id,
            now=who.deps.clock.now(),
        )
    except (NotFound, ValueError):
        tell(client, respond, body, "That contact no longer exists.")
        return
    if choice == "edit":
        _open(who, body, respond, contact_form(partner, contact, channel_id=_channel(body)))
        return
    tell(
        client,
        respond,
        body,
        f"🗑️ Removed *{quote(contact.name, 100)}* from *{quote(partner.name, 120)}*'s contacts.",
    )


def history(
    body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
) -> None:
    """History: ownership, stage and contact changes."""
    who = Person.of(body, client, context)
    try:
        answer = history_answer(who, int(_value(body)))
    except ValueError:
        answer = {"text": GONE, "blocks": text_blocks(GONE)}
    _answer_beside(who, body, respond, answer)


def _dm(client: WebClient, to: str, text: str, blocks: list[dict[str, Any]]) -> None:
    try:
        client.chat_postMessage(channel=to, text=text, blocks=blocks)
    except SlackApiError as exc:
        log.warning("could not message %s: %s", to, exc.response.get("error"))


def confirm(
    body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
) -> None:
    """Confirm a handoff: move everything, then say what moved (in place)."""
    who = Person.of(body, client, context)
    plan = carried(body)
    if not plan:
        respond(text="That handoff can't be read any more — start it again.", replace_original=True)
        return
    text, _ = handoff.confirm(who, plan)
    respond(text=text, blocks=text_blocks(text), replace_original=True)
    who.run_later()  # the new owner's DM and the Home redraws, once the answer is out


def cancel(body: dict[str, Any], respond: Respond) -> None:
    """Cancel a handoff, in place."""
    text = "Handoff cancelled — nothing changed."
    respond(text=text, blocks=text_blocks(text), replace_original=True)


def leaver_pick(
    body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
) -> None:
    """Someone picked who takes over from a leaver: show the handoff preview."""
    who = Person.of(body, client, context)
    picked = body["actions"][0].get("selected_user")
    leaver = _leaver(body)
    if picked and leaver:
        _preview(who, body, respond, leaver, str(picked))


def leaver_hand_over(
    body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
) -> None:
    """Hand over: the preview for the person picked beside it."""
    who = Person.of(body, client, context)
    leaver = _value(body)
    picked = None
    for element in ((body.get("state") or {}).get("values") or {}).values():
        for action_id, state in element.items():
            if action_id == ids.LEAVER_PICK and state.get("selected_user"):
                picked = str(state["selected_user"])
    if not picked:
        tell(
            client,
            respond,
            body,
            "Pick who takes over first (the “Who takes over?” menu), then press *Hand over*.",
        )
        return
    _preview(who, body, respond, leaver, picked)


def _leaver(body: dict[str, Any]) -> str:
    block_id = str(body["actions"][0].get("block_id") or "")
    return block_id.partition(":")[2]


def _preview(who: Person, body: dict[str, Any], respond: Respond, leaver: str, to: str) -> None:
    answer = handoff.preview(who, leaver, to, reason="left the school (deactivated in Slack)")
    _answer_beside(who, body, respond, answer)


def new_owner(
    body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
) -> None:
    """ "New owner…" beside a partner that needs one: assign the person picked."""
    who = Person.of(body, client, context)
    action = body["actions"][0]
    picked = action.get("selected_user")
    if not picked:
        return
    try:
        partner_id = int(str(action.get("action_id", "")).rpartition(":")[2])
    except ValueError:
        tell(client, respond, body, GONE)
        return
    refusal = refuse_as_owner(client, str(picked))
    if refusal:  # a partner that is gone is said first
        found = find_partner(who.deps.sessions, who.team_id, partner_id=partner_id)
        tell(
            client, respond, body, GONE if found.partner is None else f"{refusal} Nothing changed."
        )
        return
    answer, found_it = assign(who, str(picked), None, partner_id=partner_id)
    if not found_it:
        tell(client, respond, body, GONE)
        return
    tell(client, respond, body, answer["text"])
    who.run_later()
    who.deps.redraw_home(client, who.team_id, who.user_id)


def _answer_beside(
    who: Person, body: dict[str, Any], respond: Respond, answer: dict[str, Any]
) -> None:
    """Show `answer` to whoever clicked: beside the message (its response URL), else by DM."""
    if body.get("response_url"):
        respond(**{**answer, "response_type": "ephemeral"}, replace_original=False)
    else:
        _dm(who.client, who.user_id, answer["text"], answer["blocks"])
