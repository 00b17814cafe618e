"""Listeners for `/partner`, the partner card's buttons and the partner modals. Thin on purpose:
ack → parse → storage → render."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from handlers import actions
from handlers.deps import Deps
from handlers.forms import form_values, metadata
from handlers.mrkdwn import escape, quote
from handlers.partner_grammar import (
    USAGE,
    Add,
    Archive,
    Assign,
    Cadence,
    Edit,
    Find,
    GrammarError,
    Help,
    ListPartners,
    PartnerCommand,
    Show,
    parse_partner_command,
    parse_stage,
)
from handlers.render_partners import (
    Blocks,
    assign_form,
    partner_form,
    render_archived,
    render_choices,
    render_not_found,
    render_partner_card,
    render_partner_list,
    text_blocks,
)
from handlers.replies import notify
from storage.cadence import effective_cadence, going_cold, set_partner_cadence
from storage.errors import InvalidInput, NotFound
from storage.models import Workspace
from storage.partners import (
    DuplicatePartner,
    PartnerFields,
    add_partner,
    assign_owner,
    find_partners,
    get_partner,
    list_partners,
    partner_profile,
    resolve_partner,
    set_archived,
    update_partner,
)
from storage.views import PartnerView


def _ephemeral(ack: Ack, text: str, blocks: Blocks | None = None) -> None:
    ack(response_type="ephemeral", text=text, blocks=blocks or text_blocks(text))


def register(app: App, deps: Deps) -> None:
    """Register every partner listener on `app`."""

    def card(client: WebClient, team_id: str, user_id: str, partner_id: int) -> Blocks:
        tz = deps.timezone_of(client, team_id, user_id)
        with deps.sessions() as session:
            return render_partner_card(partner_profile(session, team_id, partner_id), tz)

    def pick_one(team_id: str, query: str) -> PartnerView | str:
        """The partner meant by `query`, or a message saying why there isn't exactly one."""
        with deps.sessions() as session:
            found = resolve_partner(session, team_id, query)
        if found.single is not None:
            return found.single
        if not found.candidates:
            return f"No partner matches “{quote(query, 200)}”. See `/partner list`."
        names = ", ".join(f"*{quote(p.name, 100)}*" for p in found.candidates)
        return f"“{quote(query, 200)}” could be {names}. Write more of the name."

    @app.command("/partner")
    def partner_command(
        ack: Ack, command: dict[str, Any], client: WebClient, respond: Respond
    ) -> None:
        team_id, user_id = command["team_id"], command["user_id"]
        try:
            parsed: PartnerCommand = parse_partner_command(command.get("text") or "")
        except GrammarError as exc:
            _ephemeral(ack, f"{exc}\n\n{USAGE}")
            return
        now = deps.clock.now()
        match parsed:
            case Help():
                _ephemeral(ack, USAGE)
            case Add(name=""):
                client.views_open(
                    trigger_id=command["trigger_id"],
                    view=partner_form(
                        callback_id=actions.VIEW_PARTNER_ADD,
                        title="Add a partner",
                        submit="Add",
                        metadata={"channel_id": command.get("channel_id")},
                    ),
                )
                ack()
            case Add():
                fields = PartnerFields(
                    name=parsed.name,
                    stage=parsed.stage,
                    industry=parsed.industry,
                    pathways=parsed.pathways,
                    source=parsed.source,
                    notes=parsed.notes,
                )
                _ephemeral(ack, *_add(deps, client, team_id, user_id, fields))
            case Show(query=query):
                with deps.sessions() as session:
                    found = resolve_partner(session, team_id, query)
                if found.single is not None:
                    blocks = card(client, team_id, user_id, found.single.id)
                    _ephemeral(ack, escape(found.single.name), blocks)
                elif found.candidates:
                    _ephemeral(
                        ack,
                        "Which partner did you mean?",
                        render_choices(
                            f"Which partner did you mean by “{quote(query, 200)}”?",
                            found.candidates,
                            actions.PARTNER_SHOW,
                        ),
                    )
                else:
                    _ephemeral(ack, "No partner matches that.", render_not_found(query, USAGE))
            case ListPartners():
                _ephemeral(ack, *_list(deps, team_id, user_id, parsed))
            case Find(query=query):
                with deps.sessions() as session:
                    results = find_partners(session, team_id, query)
                title = f"Partners matching “{quote(query, 100)}”"
                _ephemeral(
                    ack,
                    title,
                    render_partner_list(
                        title, results, "_Nothing close. Try fewer letters, or `/partner list`._"
                    ),
                )
            case Edit(query=query):
                target = pick_one(team_id, query)
                if isinstance(target, str):
                    _ephemeral(ack, target)
                    return
                client.views_open(
                    trigger_id=command["trigger_id"],
                    view=partner_form(
                        callback_id=actions.VIEW_PARTNER_EDIT,
                        title="Edit partner",
                        submit="Save",
                        partner=target,
                        metadata={"partner_id": target.id, "channel_id": command.get("channel_id")},
                    ),
                )
                ack()
            case Archive(query=query):
                target = pick_one(team_id, query)
                if isinstance(target, str):
                    _ephemeral(ack, target)
                    return
                with deps.sessions.begin() as session:
                    archived = set_archived(session, team_id, target.id, True, now=now)
                _ephemeral(ack, f"Archived {escape(archived.name)}.", render_archived(archived))
            case Cadence(query=query, days=days):
                target = pick_one(team_id, query)
                if isinstance(target, str):
                    _ephemeral(ack, target)
                    return
                try:
                    with deps.sessions.begin() as session:
                        changed = set_partner_cadence(session, team_id, target.id, days, now=now)
                        every = effective_cadence(changed, session.get(Workspace, team_id))
                except InvalidInput as exc:
                    _ephemeral(ack, escape(exc.message))
                    return
                how = "its own interval" if days is not None else "its stage's default"
                _ephemeral(
                    ack,
                    f"🔁 Stay in touch with *{quote(changed.name, 200)}* every *{every} days* "
                    f"({how}). Any logged contact restarts the count.",
                )
            case Assign(query=query, user_id=owner):
                target = pick_one(team_id, query)
                if isinstance(target, str):
                    _ephemeral(ack, target)
                    return
                with deps.sessions.begin() as session:
                    assigned = assign_owner(session, team_id, target.id, owner, by=user_id, now=now)
                _ephemeral(ack, f"<@{owner}> now owns *{quote(assigned.name, 200)}*.")

    @app.action(re.compile(rf"^{actions.PARTNER_SHOW}(:\d+)?$"))
    def show_partner(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond) -> None:
        ack()
        team_id, user_id = body["team"]["id"], body["user"]["id"]
        try:
            blocks = card(client, team_id, user_id, int(body["actions"][0]["value"]))
        except (NotFound, ValueError):
            respond(text="That partner no longer exists.", replace_original=False)
            return
        respond(text="Partner card", blocks=blocks, replace_original=False)

    @app.action(actions.PARTNER_UNARCHIVE)
    def unarchive(ack: Ack, body: dict[str, Any], respond: Respond) -> None:
        ack()
        team_id = body["team"]["id"]
        try:
            with deps.sessions.begin() as session:
                restored = set_archived(
                    session, team_id, int(body["actions"][0]["value"]), False, now=deps.clock.now()
                )
        except (NotFound, ValueError):
            respond(text="That partner no longer exists.", replace_original=True)
            return
        respond(
            text=f"Restored {escape(restored.name)}.",
            blocks=text_blocks(f"↩️ Restored *{quote(restored.name, 200)}*."),
            replace_original=True,
        )

    @app.action(actions.PARTNER_ADD_NAMED)
    def add_named(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        client.views_open(
            trigger_id=body["trigger_id"],
            view=partner_form(
                callback_id=actions.VIEW_PARTNER_ADD,
                title="Add a partner",
                submit="Add",
                name=str(body["actions"][0].get("value") or ""),
                metadata={"channel_id": (body.get("channel") or {}).get("id")},
            ),
        )

    @app.action(actions.PARTNER_EDIT)
    def edit_button(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond) -> None:
        ack()
        try:
            with deps.sessions() as session:
                partner = get_partner(session, body["team"]["id"], int(body["actions"][0]["value"]))
        except (NotFound, ValueError):
            respond(text="That partner no longer exists.", replace_original=False)
            return
        client.views_open(
            trigger_id=body["trigger_id"],
            view=partner_form(
                callback_id=actions.VIEW_PARTNER_EDIT,
                title="Edit partner",
                submit="Save",
                partner=partner,
                metadata={
                    "partner_id": partner.id,
                    "channel_id": (body.get("channel") or {}).get("id"),
                },
            ),
        )

    @app.action(actions.PARTNER_ASSIGN)
    def assign_button(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond) -> None:
        ack()
        try:
            with deps.sessions() as session:
                partner = get_partner(session, body["team"]["id"], int(body["actions"][0]["value"]))
        except (NotFound, ValueError):
            respond(text="That partner no longer exists.", replace_original=False)
            return
        client.views_open(trigger_id=body["trigger_id"], view=assign_form(partner))

    @app.view(actions.VIEW_PARTNER_ADD)
    def add_submitted(
        ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient
    ) -> None:
        team_id, user_id = body["team"]["id"], body["user"]["id"]
        fields = _fields_from_form(view)
        if isinstance(fields, dict):
            ack(response_action="errors", errors=fields)
            return
        try:
            with deps.sessions.begin() as session:
                partner = add_partner(
                    session,
                    team_id,
                    fields,
                    now=deps.clock.now(),
                    created_by=user_id,
                    owner_user_id=user_id,
                )
        except DuplicatePartner as exc:
            ack(
                response_action="errors",
                errors={
                    "name": f"{exc.existing.name} is already a partner — open it with /partner"
                },
            )
            return
        except InvalidInput as exc:
            ack(response_action="errors", errors={_block_for(exc.field): exc.message})
            return
        ack()
        blocks = text_blocks(f"✅ Added *{quote(partner.name, 200)}*.") + card(
            client, team_id, user_id, partner.id
        )
        notify(
            client,
            user_id=user_id,
            channel_id=metadata(view).get("channel_id"),
            text=f"Added {escape(partner.name)}.",
            blocks=blocks,
        )

    @app.view(actions.VIEW_PARTNER_EDIT)
    def edit_submitted(
        ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient
    ) -> None:
        team_id, user_id = body["team"]["id"], body["user"]["id"]
        meta = metadata(view)
        fields = _fields_from_form(view)
        if isinstance(fields, dict):
            ack(response_action="errors", errors=fields)
            return
        try:
            with deps.sessions.begin() as session:
                partner = update_partner(
                    session, team_id, int(meta.get("partner_id", 0)), fields, now=deps.clock.now()
                )
        except DuplicatePartner as exc:
            ack(
                response_action="errors",
                errors={"name": f"{exc.existing.name} is already a partner"},
            )
            return
        except InvalidInput as exc:
            ack(response_action="errors", errors={_block_for(exc.field): exc.message})
            return
        except (NotFound, ValueError):
            ack(response_action="errors", errors={"name": "This partner no longer exists."})
            return
        ack()
        blocks = text_blocks(f"✏️ Saved *{quote(partner.name, 200)}*.") + card(
            client, team_id, user_id, partner.id
        )
        notify(
            client,
            user_id=user_id,
            channel_id=meta.get("channel_id"),
            text=f"Saved {escape(partner.name)}.",
            blocks=blocks,
        )

    @app.view(actions.VIEW_PARTNER_ASSIGN)
    def assign_submitted(
        ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient
    ) -> None:
        team_id, user_id = body["team"]["id"], body["user"]["id"]
        owner = form_values(view).get("owner")
        if not owner:
            ack(
                response_action="errors", errors={"owner": "Pick the person who owns this partner."}
            )
            return
        try:
            with deps.sessions.begin() as session:
                partner = assign_owner(
                    session,
                    team_id,
                    int(metadata(view).get("partner_id", 0)),
                    owner,
                    by=user_id,
                    now=deps.clock.now(),
                )
        except (NotFound, ValueError):
            ack(response_action="errors", errors={"owner": "This partner no longer exists."})
            return
        ack()
        notify(
            client,
            user_id=user_id,
            channel_id=None,
            text=f"{escape(partner.name)} has a new owner.",
            blocks=text_blocks(f"👤 <@{owner}> now owns *{quote(partner.name, 200)}*."),
        )


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


def _add(
    deps: Deps, client: WebClient, team_id: str, user_id: str, fields: PartnerFields
) -> tuple[str, Blocks]:
    try:
        with deps.sessions.begin() as session:
            partner = add_partner(
                session,
                team_id,
                fields,
                now=deps.clock.now(),
                created_by=user_id,
                owner_user_id=user_id,
            )
    except DuplicatePartner as exc:
        text = f"*{quote(exc.existing.name, 200)}* is already a partner — nothing was added."
        return text, render_choices(text, [exc.existing], actions.PARTNER_SHOW)
    except InvalidInput as exc:
        return f"{escape(exc.message)}\n\n{USAGE}", []
    tz = deps.timezone_of(client, team_id, user_id)
    with deps.sessions() as session:
        card = render_partner_card(partner_profile(session, team_id, partner.id), tz)
    confirmation = (
        f"✅ Added *{quote(partner.name, 200)}*. You are its school-side owner"
        " (press *Assign* to change that)."
    )
    return f"Added {escape(partner.name)}.", text_blocks(confirmation) + card


def _list(deps: Deps, team_id: str, user_id: str, parsed: ListPartners) -> tuple[str, Blocks]:
    if parsed.cold:
        with deps.sessions() as session:
            cold = going_cold(session, team_id, now=deps.clock.now())
        title = "Partners going cold"
        return title, render_partner_list(
            title,
            [c.partner for c in cold],
            "_Nobody is going cold — every partner heard from us within their interval._",
            notes={
                c.partner.id: f"no contact logged in {c.days_since_contact} days"
                if c.never_contacted
                else f"{c.days_since_contact} days since contact"
                for c in cold
            },
        )
    with deps.sessions() as session:
        partners: Sequence[PartnerView] = list_partners(
            session,
            team_id,
            owner_user_id=user_id if parsed.mine else None,
            stage=parsed.stage,
            pathway=parsed.pathway,
        )
    if parsed.mine:
        title = "Your partners"
    elif parsed.stage is not None:
        title = f"Partners at stage {parsed.stage.value}"
    elif parsed.pathway is not None:
        title = f"Partners in the {quote(parsed.pathway, 100)} pathway"
    else:
        title = "All partners"
    empty = "_None yet — add one with `/partner add Acme Health`._"
    return title, render_partner_list(title, partners, empty)
