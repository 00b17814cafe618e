"""The add, edit and assign partner modals. The ack step validates and saves (errors go back to
the form) and leaves the saved partner's id in the context; the lazy step tells the person."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from handlers.common.blocks import text_blocks
from handlers.common.forms import form_values, metadata
from handlers.common.grammar import GrammarError, parse_stage
from handlers.common.mrkdwn import escape, quote
from handlers.common.replies import notify
from handlers.deps import Deps, Person
from handlers.partners import ids
from handlers.partners.command import card_blocks
from storage.errors import InvalidInput, NotFound
from storage.partners.records import DuplicatePartner, PartnerFields
from storage.partners.requests import (
    LooksLike,
    assign_partner,
    partner_by_id,
    partner_card,
    save_partner_form,
)
from storage.records import PartnerProfile, PartnerView

SAVED = "saved_partner_id"


def submitted(ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext) -> None:
    """Add a partner from the form, or save the one being edited (its id in the metadata)."""
    deps = Deps.of(context)
    team_id, user_id = body["team"]["id"], body["user"]["id"]
    fields = _fields_from_form(view)
    if isinstance(fields, dict):
        ack(response_action="errors", errors=fields)
        return
    editing = _partner_id(view)
    try:
        partner = save_partner_form(
            deps.sessions,
            team_id,
            editing,
            fields,
            by=user_id,
            now=deps.clock.now(),
            anyway=_anyway(view),
        )
    except DuplicatePartner as exc:
        hint = "" if editing else " — open it with /partner"
        ack(
            response_action="errors",
            errors={"name": f"{exc.existing.name} is already a partner{hint}"},
        )
        return
    except InvalidInput as exc:
        ack(response_action="errors", errors={_block_for(exc.field): exc.message})
        return
    except NotFound:
        ack(response_action="errors", errors={"name": "This partner no longer exists."})
        return
    if isinstance(partner, LooksLike):
        ack(response_action="errors", errors={"name": _looks_like(partner)})
        return
    context[SAVED] = partner.id
    ack()


def _anyway(view: dict[str, Any]) -> bool:
    state = ((view.get("state") or {}).get("values") or {}).get(ids.ANYWAY) or {}
    return any(e.get("selected_options") for e in state.values())


def _looks_like(near: LooksLike) -> str:
    """The name field's error: the partners it looks like, and how to add it anyway."""
    names = ", ".join(p.name + (" (archived)" if p.archived else "") for p in near.partners[:3])
    return (
        f"Looks like {names}, already a partner — open it with /partner, "
        "or tick “Add anyway” below."
    )[:2000]


def saved_notice(
    body: dict[str, Any], view: dict[str, Any], client: WebClient, context: BoltContext
) -> None:
    """Lazy: show the added or saved partner's card to whoever submitted the form."""
    partner_id = context.get(SAVED)
    if not isinstance(partner_id, int):
        return
    who = Person.of(body, client, context)
    tz = who.zone()
    try:
        profile: PartnerProfile = partner_card(who.deps.sessions, who.team_id, partner_id)
    except NotFound:
        return
    name = profile.partner.name
    emoji, verb = ("✏️", "Saved") if _partner_id(view) else ("✅", "Added")
    notify(
        client,
        user_id=who.user_id,
        channel_id=metadata(view).get("channel_id"),
        text=f"{verb} {escape(name)}.",
        blocks=text_blocks(f"{emoji} {verb} *{quote(name, 200)}*.") + card_blocks(who, profile, tz),
    )


def assign_submitted(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext
) -> None:
    """Make the picked person the school-side owner."""
    deps = Deps.of(context)
    owner = form_values(view).get("owner")
    if not owner:
        ack(response_action="errors", errors={"owner": "Pick the person who owns this partner."})
        return
    team_id, user_id = body["team"]["id"], body["user"]["id"]
    try:
        partner = assign_partner(
            deps.sessions, team_id, _partner_id(view), owner, by=user_id, now=deps.clock.now()
        )
    except InvalidInput as exc:
        ack(response_action="errors", errors={exc.field: exc.message})
        return
    except NotFound:
        ack(response_action="errors", errors={"owner": "This partner no longer exists."})
        return
    context[SAVED] = partner.id
    ack()


def assigned_notice(
    body: dict[str, Any], view: dict[str, Any], client: WebClient, context: BoltContext
) -> None:
    """Lazy: confirm the new owner to whoever assigned it."""
    partner = _saved(body, context)
    owner = form_values(view).get("owner")
    if partner is None or not owner:
        return
    notify(
        client,
        user_id=body["user"]["id"],
        channel_id=None,
        text=f"{escape(partner.name)} has a new owner.",
        blocks=text_blocks(f"👤 <@{owner}> now owns *{quote(partner.name, 200)}*."),
    )


def _saved(body: dict[str, Any], context: BoltContext) -> PartnerView | None:
    """The partner the ack step saved, or None when it saved nothing."""
    partner_id = context.get(SAVED)
    if not isinstance(partner_id, int):
        return None
    try:
        return partner_by_id(Deps.of(context).sessions, body["team"]["id"], partner_id)
    except NotFound:
        return None


def _partner_id(view: dict[str, Any]) -> int:
    try:
        return int(metadata(view).get("partner_id") or 0)
    except (TypeError, ValueError):
        return 0


def _block_for(field: str) -> str:
    return {"pathway": "pathways", "note": "notes"}.get(field, field)


def _fields_from_form(view: dict[str, Any]) -> PartnerFields | dict[str, str]:
    values = form_values(view)
    try:
        stage = parse_stage(values.get("stage") or "prospect")
    except GrammarError as exc:
        return {"stage": str(exc)}
    return PartnerFields(
        name=values.get("name") or "",
        stage=stage,
        industry=values.get("industry"),
        pathways=[p for p in (values.get("pathways") or "").split(",") if p.strip()],
        source=values.get("source"),
        notes=values.get("notes"),
    )
