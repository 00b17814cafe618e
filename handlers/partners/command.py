"""`/partner`: add, show, list, find, edit, archive and cadence. Each subcommand is a
function of (deps, who, parsed) returning the ephemeral answer."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from slack_bolt import BoltContext, Respond
from slack_sdk import WebClient

from handlers.common.blocks import Blocks, text_blocks
from handlers.common.grammar import GrammarError
from handlers.common.mrkdwn import escape, quote
from handlers.common.replies import ephemeral
from handlers.deps import Person
from handlers.partners import ids
from handlers.partners.grammar import (
    USAGE,
    Add,
    Archive,
    Cadence,
    Edit,
    Find,
    Help,
    ListPartners,
    Show,
    parse_partner_command,
)
from handlers.partners.render import (
    MAX_LIST_ROWS,
    partner_form,
    render_archive_question,
    render_archived,
    render_choices,
    render_not_found,
    render_partner_card,
    render_partner_list,
)
from handlers.partners.sections import not_one_partner
from storage.errors import InvalidInput
from storage.follow_ups import cancel_open_follow_ups
from storage.open_follow_ups import count_open_follow_ups
from storage.partners.cadence import going_cold, partner_cadence_days, set_partner_cadence
from storage.partners.lookup import resolve_partner
from storage.partners.profile import partner_profile
from storage.partners.records import (
    DuplicatePartner,
    PartnerFields,
    add_partner,
    count_partners,
    list_partners,
    set_archived,
)
from storage.partners.search import pathway_partners, search_partners
from storage.records import PartnerView


def partner_command(
    command: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
) -> None:
    """Lazy: run the subcommand and answer through the response URL."""
    who = Person.of(command, client, context)
    if who.run_verb("/partner", command, respond):  # a verb another feature adds
        return
    try:
        parsed = parse_partner_command(command.get("text") or "")
    except GrammarError as exc:
        respond(**ephemeral(f"{escape(str(exc))}\n\n{USAGE}"))
        return
    reply: dict[str, Any] | None
    match parsed:
        case Help():
            extra = who.deps.verb_usage("/partner")
            reply = ephemeral(f"{USAGE}\n{extra}" if extra else USAGE)
        case Add(name=""):
            client.views_open(
                trigger_id=command["trigger_id"],
                view=partner_form(channel_id=command.get("channel_id")),
            )
            reply = None
        case Add():
            reply = _add(who, parsed)
        case Show(query=query):
            reply = _show(who, query)
        case ListPartners():
            reply = _list(who, parsed)
        case Find(query=query, archived=archived):
            reply = find(who, query, archived)
        case Edit(query=query):
            reply = _edit(who, query, command)
        case Archive(query=query):
            reply = _archive(who, query)
        case Cadence(query=query, days=days):
            reply = _cadence(who, query, days)
    if reply is not None:
        respond(**reply)


def card(who: Person, partner_id: int) -> Blocks:
    """A partner's card, dates in the asker's time zone."""
    with who.deps.sessions() as session:
        profile = partner_profile(session, who.team_id, partner_id)
    blocks = render_partner_card(profile, who.zone())
    extra = [b for part in who.deps.card_parts for b in part(who, partner_id)]
    return blocks[:-1] + extra + blocks[-1:]  # other features' parts go above the buttons


def _pick_one(who: Person, query: str) -> PartnerView | str:
    """The partner meant by `query`, or a message saying why there isn't exactly one."""
    with who.deps.sessions() as session:
        found = resolve_partner(session, who.team_id, query)
    if found.single is not None:
        return found.single
    unknown = f"No partner matches “{quote(query, 200)}”. See `/partner list`."
    return not_one_partner(query, found.candidates, unknown)


def _add(who: Person, parsed: Add) -> dict[str, Any]:
    fields = PartnerFields(
        name=parsed.name,
        stage=parsed.stage,
        industry=parsed.industry,
        pathways=parsed.pathways,
        source=parsed.source,
        notes=parsed.notes,
    )
    try:
        with who.deps.sessions.begin() as session:
            partner = add_partner(
                session,
                who.team_id,
                fields,
                now=who.deps.clock.now(),
                created_by=who.user_id,
                owner_user_id=who.user_id,
            )
    except DuplicatePartner as exc:
        text = f"*{quote(exc.existing.name, 200)}* is already a partner — nothing was added."
        return ephemeral(text, render_choices(text, [exc.existing], ids.PARTNER_SHOW))
    except InvalidInput as exc:
        return ephemeral(f"{escape(exc.message)}\n\n{USAGE}")
    added = (
        f"✅ Added *{quote(partner.name, 200)}*. You are its school-side owner"
        " (press *Assign* to change that)."
    )
    return ephemeral(f"Added {escape(partner.name)}.", text_blocks(added) + card(who, partner.id))


def _show(who: Person, query: str) -> dict[str, Any]:
    with who.deps.sessions() as session:
        found = resolve_partner(session, who.team_id, query)
    if found.single is not None:
        return ephemeral(escape(found.single.name), card(who, found.single.id))
    if found.candidates:
        return ephemeral(
            "Which partner did you mean?",
            render_choices(
                f"Which partner did you mean by “{quote(query, 200)}”?",
                found.candidates,
                ids.PARTNER_SHOW,
            ),
        )
    return ephemeral("No partner matches that.", render_not_found(query, USAGE))


def find(who: Person, query: str, archived: bool) -> dict[str, Any]:
    """`/partner find`: partners matching `query` (archived ones too when asked, each with a
    Restore button)."""
    with who.deps.sessions() as session:
        found = search_partners(
            session, who.team_id, query, include_archived=archived, limit=MAX_LIST_ROWS
        )
    title = f"Partners matching “{quote(query, 100)}”" + (", archived too" if archived else "")
    also = ""
    if found.archived_left_out:
        n = found.archived_left_out
        also = (
            f"{n} archived partner{'s' if n > 1 else ''} match{'' if n > 1 else 'es'} too: "
            f"`/partner find {escape(query)} archived`"
        )
    blocks = render_partner_list(
        title,
        found.partners,
        f"_Nothing close{'' if also else '. Try fewer letters, or `/partner list`'}._",
        total=found.total,
        search=query if archived else None,
    )
    return ephemeral(title, blocks + (text_blocks(f"_{also}_") if also else []))


def _edit(who: Person, query: str, command: dict[str, Any]) -> dict[str, Any] | None:
    target = _pick_one(who, query)
    if isinstance(target, str):
        return ephemeral(target)
    who.client.views_open(
        trigger_id=command["trigger_id"],
        view=partner_form(partner=target, channel_id=command.get("channel_id")),
    )
    return None


def _archive(who: Person, query: str) -> dict[str, Any]:
    target = _pick_one(who, query)
    if isinstance(target, str):
        return ephemeral(target)
    with who.deps.sessions() as session:
        still_open = count_open_follow_ups(session, who.team_id, partner_id=target.id)
    if still_open and not target.archived:
        return ephemeral(
            f"{escape(target.name)} has open follow-ups.",
            render_archive_question(target, still_open),
        )
    return archive(who, target.id, close_follow_ups=False)


def archive(who: Person, partner_id: int, *, close_follow_ups: bool) -> dict[str, Any]:
    """Archive a partner (closing its open follow-ups, or keeping them): the confirmation."""
    now = who.deps.clock.now()
    with who.deps.sessions.begin() as session:
        archived = set_archived(session, who.team_id, partner_id, True, now=now)
        closed = (
            cancel_open_follow_ups(session, who.team_id, partner_id, by=who.user_id, now=now)
            if close_follow_ups
            else 0
        )
        kept = count_open_follow_ups(session, who.team_id, partner_id=partner_id)
    note = ""
    if closed:
        note = f" Closed its {closed} open follow-up{'s' if closed != 1 else ''}."
    elif kept:
        note = f" Its {kept} open follow-up{'s' if kept != 1 else ''} stay on their owners' lists."
    return ephemeral(f"Archived {escape(archived.name)}.", render_archived(archived, note))


def _cadence(who: Person, query: str, days: int | None) -> dict[str, Any]:
    target = _pick_one(who, query)
    if isinstance(target, str):
        return ephemeral(target)
    try:
        with who.deps.sessions.begin() as session:
            changed = set_partner_cadence(
                session, who.team_id, target.id, days, now=who.deps.clock.now()
            )
            every = partner_cadence_days(session, who.team_id, changed.id)
    except InvalidInput as exc:
        return ephemeral(escape(exc.message))
    how = "its own interval" if days is not None else "its stage's default"
    return ephemeral(
        f"🔁 Stay in touch with *{quote(changed.name, 200)}* every *{every} days* "
        f"({how}). Any logged contact restarts the count."
    )


def _list(who: Person, parsed: ListPartners) -> dict[str, Any]:
    deps = who.deps
    if parsed.cold:
        local = who.local_now()[0]
        with deps.sessions() as session:
            cold = going_cold(session, who.team_id, now=deps.clock.now(), today=local.date())
        title = "Partners going cold"
        return ephemeral(
            title,
            render_partner_list(
                title,
                [c.partner for c in cold],
                "_Nobody is going cold — every partner heard from us within their interval._",
                notes={
                    c.partner.id: f"no contact logged in {c.days_since_contact} days"
                    if c.never_contacted
                    else f"{c.days_since_contact} days since contact"
                    for c in cold
                },
            ),
        )
    owner = who.user_id if parsed.mine else None
    with deps.sessions() as session:
        if parsed.pathway is not None:
            found = pathway_partners(session, who.team_id, parsed.pathway, limit=MAX_LIST_ROWS)
            partners: Sequence[PartnerView] = found.partners
            total = found.total
        else:
            partners = list_partners(
                session, who.team_id, owner_user_id=owner, stage=parsed.stage, limit=MAX_LIST_ROWS
            )
            total = count_partners(session, who.team_id, owner_user_id=owner, stage=parsed.stage)
    if parsed.mine:
        title = "Your partners"
    elif parsed.stage is not None:
        title = f"Partners at stage {parsed.stage.value}"
    elif parsed.pathway is not None:
        title = f"Partners in the {quote(parsed.pathway, 100)} pathway"
    else:
        title = "All partners"
    empty = "_None yet — add one with `/partner add Acme Health`._"
    return ephemeral(title, render_partner_list(title, partners, empty, total=total))
