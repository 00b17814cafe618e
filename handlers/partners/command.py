"""`/partner`: add, show, list, find, edit, archive and cadence. Each subcommand is a
function of (deps, who, parsed) returning the ephemeral answer."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

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
    Delete,
    Edit,
    Find,
    Help,
    ListPartners,
    Merge,
    Show,
    parse_partner_command,
)
from handlers.partners.merge_render import looks_like
from handlers.partners.merging import anyway_value, delete, merge
from handlers.partners.render import (
    MAX_LIST_ROWS,
    partner_form,
    render_archive_question,
    render_archived,
    render_choices,
    render_list_notes,
    render_list_title,
    render_not_found,
    render_partner_card,
    render_partner_list,
    render_unknown_filter,
)
from handlers.partners.sections import not_one_partner
from storage.errors import InvalidInput
from storage.partners.lookup import Resolution
from storage.partners.records import DuplicatePartner, PartnerFields
from storage.partners.requests import (
    Archived,
    LooksLike,
    add_partner_card,
    archive_by_name,
    archive_partner,
    partner_card,
    partner_list,
    partners_matching,
    pick_partner,
    set_cadence_by_name,
    show_partner,
)
from storage.partners.search import Found
from storage.records import PartnerProfile


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
        case Merge():
            reply = merge(who, parsed)
        case Delete():
            reply = delete(who, parsed)
    if reply is not None:
        respond(**reply)


def card(who: Person, partner_id: int) -> Blocks:
    """A partner's card, dates in the asker's time zone; NotFound when the partner is gone."""
    tz = who.zone()
    return card_blocks(who, partner_card(who.deps.sessions, who.team_id, partner_id), tz)


def card_blocks(who: Person, profile: PartnerProfile, tz: ZoneInfo) -> Blocks:
    """The card of a profile already read, with the parts other features add to it."""
    blocks = render_partner_card(profile, tz)
    extra = [b for part in who.deps.card_parts for b in part(who, profile.partner.id)]
    return blocks[:-1] + extra + blocks[-1:]  # other features' parts go above the buttons


def _not_one(query: str, found: Resolution) -> str:
    """Why `query` names no single partner."""
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
    return add(who, fields, anyway=False)


def add(who: Person, fields: PartnerFields, *, anyway: bool) -> dict[str, Any]:
    """Add a partner (`anyway`: even when its name is close to existing partners'): the
    answer, with its card; or the partners it looks like, and nothing added."""
    tz = who.zone()
    try:
        profile = add_partner_card(
            who.deps.sessions,
            who.team_id,
            fields,
            by=who.user_id,
            now=who.deps.clock.now(),
            anyway=anyway,
        )
    except DuplicatePartner as exc:
        text = f"*{quote(exc.existing.name, 200)}* is already a partner — nothing was added."
        return ephemeral(text, render_choices(text, [exc.existing], ids.PARTNER_SHOW))
    except InvalidInput as exc:
        return ephemeral(f"{escape(exc.message)}\n\n{USAGE}")
    if isinstance(profile, LooksLike):
        return ephemeral(
            f"{escape(fields.name)} looks like a partner we have. Nothing was added.",
            looks_like(fields.name, profile.partners, anyway_value(fields)),
        )
    partner = profile.partner
    added = (
        f"✅ Added *{quote(partner.name, 200)}*. You are its school-side owner"
        " (press *Assign* to change that)."
    )
    return ephemeral(
        f"Added {escape(partner.name)}.", text_blocks(added) + card_blocks(who, profile, tz)
    )


def _show(who: Person, query: str) -> dict[str, Any]:
    tz = who.zone()
    shown = show_partner(who.deps.sessions, who.team_id, query)
    if shown.profile is not None:
        return ephemeral(escape(shown.profile.partner.name), card_blocks(who, shown.profile, tz))
    if shown.candidates:
        return ephemeral(
            "Which partner did you mean?",
            render_choices(
                f"Which partner did you mean by “{quote(query, 200)}”?",
                shown.candidates,
                ids.PARTNER_SHOW,
            ),
        )
    return ephemeral("No partner matches that.", render_not_found(query, USAGE))


def find(who: Person, query: str, archived: bool) -> dict[str, Any]:
    """`/partner find`: partners matching `query` (archived ones too when asked, each with a
    Restore button)."""
    found = partners_matching(
        who.deps.sessions, who.team_id, query, archived=archived, limit=MAX_LIST_ROWS
    )
    return found_answer(query, archived, found)


def found_answer(query: str, archived: bool, found: Found) -> dict[str, Any]:
    """The answer listing what `/partner find` found."""
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
    found = pick_partner(who.deps.sessions, who.team_id, query)
    if found.single is None:
        return ephemeral(_not_one(query, found))
    who.client.views_open(
        trigger_id=command["trigger_id"],
        view=partner_form(partner=found.single, channel_id=command.get("channel_id")),
    )
    return None


def _archive(who: Person, query: str) -> dict[str, Any]:
    done = archive_by_name(
        who.deps.sessions, who.team_id, query, by=who.user_id, now=who.deps.clock.now()
    )
    target = done.found.single
    if target is None:
        return ephemeral(_not_one(query, done.found))
    if done.archived is None:
        return ephemeral(
            f"{escape(target.name)} has open follow-ups.",
            render_archive_question(target, done.open_follow_ups),
        )
    return archived_answer(done.archived)


def archive(who: Person, partner_id: int, *, close_follow_ups: bool) -> dict[str, Any]:
    """Archive a partner (closing its open follow-ups, or keeping them): the confirmation.
    NotFound when the partner is gone."""
    done = archive_partner(
        who.deps.sessions,
        who.team_id,
        partner_id,
        close_follow_ups=close_follow_ups,
        by=who.user_id,
        now=who.deps.clock.now(),
    )
    return archived_answer(done)


def archived_answer(done: Archived) -> dict[str, Any]:
    """The confirmation of an archive."""
    closed, kept = done.closed, done.kept
    note = ""
    if closed:
        note = f" Closed its {closed} open follow-up{'s' if closed != 1 else ''}."
    elif kept:
        note = f" Its {kept} open follow-up{'s' if kept != 1 else ''} stay on their owners' lists."
    return ephemeral(f"Archived {escape(done.partner.name)}.", render_archived(done.partner, note))


def _cadence(who: Person, query: str, days: int | None) -> dict[str, Any]:
    try:
        done = set_cadence_by_name(
            who.deps.sessions, who.team_id, query, days, now=who.deps.clock.now()
        )
    except InvalidInput as exc:
        return ephemeral(escape(exc.message))
    if done.partner is None:
        return ephemeral(_not_one(query, done.found))
    how = "its own interval" if days is not None else "its stage's default"
    return ephemeral(
        f"🔁 Stay in touch with *{quote(done.partner.name, 200)}* every *{done.every} days* "
        f"({how}). Any logged contact restarts the count."
    )


def _list(who: Person, parsed: ListPartners) -> dict[str, Any]:
    deps = who.deps
    person = parsed.person or (who.user_id if parsed.mine else None)
    found = partner_list(
        deps.sessions,
        who.team_id,
        person=person,
        stage=parsed.stage,
        cold=parsed.cold,
        words=parsed.words,
        now=deps.clock.now(),
        today=who.local_now()[0].date(),
        limit=MAX_LIST_ROWS,
    )
    unknown = [d.typed for d in found.described if d.field is None]
    if unknown:
        return ephemeral(render_unknown_filter(unknown[0]))
    title = render_list_title(person, who.user_id, parsed.stage, parsed.cold, found.described)
    empty = "_None yet — add one with `/partner add Acme Health`._"
    if parsed.cold:
        empty = "_Nobody is going cold — every partner heard from us within their interval._"
    notes = render_list_notes(found.backups, found.cold)
    return ephemeral(
        title,
        render_partner_list(title, found.partners, empty, notes=notes, total=found.total),
    )
