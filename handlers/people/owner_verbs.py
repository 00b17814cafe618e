"""The verbs about who looks after partners: `/partner assign`, `handoff`, `history` and
`list unowned`, and `/partnerbot leads`. Each runs after the ack and returns the ephemeral
answer."""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk.errors import SlackApiError

from handlers.common.blocks import text_blocks
from handlers.common.grammar import GrammarError
from handlers.common.mrkdwn import escape, quote, user
from handlers.common.replies import ephemeral
from handlers.deps import Deps, Person
from handlers.people import handoff
from handlers.people.answers import Answer, partner_named
from handlers.people.grammar import LEADS_USAGE, parse_assign, parse_handoff, parse_leads
from handlers.people.owner_blocks import history_blocks, new_owner_summary, unowned_list
from handlers.people.slack_users import is_lead, lead_refusal, refuse_as_owner, who_are_leads
from storage.errors import InvalidInput, NotFound
from storage.partners.records import assign_owner, get_partner
from storage.people.backups import set_backup
from storage.people.handoff import partner_briefs
from storage.people.history import partner_history
from storage.people.members import deactivated_users, named_leads, needs_new_owner, set_leads
from storage.records import PartnerView

log = logging.getLogger(__name__)


# -- owners, backups, handoffs ---------------------------------------------------------------


def assign_verb(who: Person, rest: str, command: dict[str, Any]) -> Answer:
    """`/partner assign Acme @maria [backup @juan]`."""
    try:
        parsed = parse_assign(rest)
    except GrammarError as exc:
        return ephemeral(escape(str(exc)))
    partner = partner_named(who, parsed.query)
    if isinstance(partner, str):
        return ephemeral(partner)
    for person in (parsed.owner, parsed.backup):
        refusal = refuse_as_owner(who.client, person) if person else None
        if refusal:
            return ephemeral(f"{refusal} Nothing changed.")
    if parsed.owner and parsed.owner == parsed.backup:
        return ephemeral("The owner can't be their own backup — name two people. Nothing changed.")
    return assign(who, partner, parsed.owner, parsed.backup)


def assign(who: Person, partner: PartnerView, owner: str | None, backup: str | None) -> Answer:
    """Change the owner (their predecessor's open follow-ups on it go along) and/or the backup
    ("" removes it); tell the new owner and redraw the Homes concerned."""
    deps = who.deps
    now = deps.clock.now()
    before = partner
    holder = partner.owner_user_id
    if holder and holder != who.user_id and not is_lead(deps, who.client, who.team_id, who.user_id):
        return ephemeral(
            f"Only {user(holder)} (its owner) or {who_are_leads(deps, who.team_id)} can change who "
            f"looks after *{quote(partner.name, 200)}*. Nothing changed."
        )
    try:
        with deps.sessions.begin() as session:
            changed = partner
            if owner is not None and owner != partner.owner_user_id:
                tz = deps.zones.of(who.client, who.team_id, owner)
                changed = assign_owner(
                    session, who.team_id, partner.id, owner, by=who.user_id, now=now, tz=tz
                )
                if changed.backup_user_id == owner:
                    changed = set_backup(
                        session, who.team_id, partner.id, None, by=who.user_id, now=now
                    )
            if backup is not None:
                changed = set_backup(
                    session, who.team_id, partner.id, backup or None, by=who.user_id, now=now
                )
            briefs = partner_briefs(session, who.team_id, [partner.id], changed.owner_user_id or "")
    except InvalidInput as exc:
        return ephemeral(f"{escape(exc.message)} Nothing changed.")
    except NotFound:
        return ephemeral("That partner no longer exists. Nothing changed.")
    lines = []
    if owner is not None:
        lines.append(f"{user(owner)} now owns *{quote(changed.name, 200)}*.")
        if owner != before.owner_user_id:
            if before.owner_user_id:
                lines.append(f"{user(before.owner_user_id)}'s open follow-ups on it went along.")
            if owner != who.user_id:
                tz = deps.zones.of(who.client, who.team_id, owner)
                text, blocks = new_owner_summary(
                    briefs,
                    who.user_id,
                    before.owner_user_id,
                    tz,
                    follow_ups=sum(b.open_follow_ups for b in briefs),
                )
                _dm(who, owner, text, blocks)
            if before.owner_user_id and before.owner_user_id not in (who.user_id, owner):
                told = (
                    f"👤 {user(who.user_id)} gave *{quote(changed.name, 200)}* to {user(owner)}; "
                    "your open follow-ups on it went along."
                )
                _dm(who, before.owner_user_id, told, text_blocks(told))
            for person in sorted({owner, before.owner_user_id or owner}):
                deps.redraw_home(who.client, who.team_id, person)
    if backup is not None:
        lines.append(
            f"{user(backup)} is its backup."
            if backup
            else f"*{quote(changed.name, 200)}* has no backup now."
        )
        if backup and backup != who.user_id and backup != before.backup_user_id:
            note = (
                f"🤝 {user(who.user_id)} made you the backup for *{quote(changed.name, 200)}* "
                f"(owner {user(changed.owner_user_id)})."
            )
            _dm(who, backup, note, [{"type": "section", "text": {"type": "mrkdwn", "text": note}}])
    return ephemeral(" ".join(lines))


def _dm(who: Person, to: str, text: str, blocks: list[dict[str, Any]]) -> None:
    try:
        who.client.chat_postMessage(channel=to, text=text, blocks=blocks)
    except SlackApiError as exc:
        log.warning("could not tell %s: %s", to, exc.response.get("error"))


def handoff_verb(who: Person, rest: str, command: dict[str, Any]) -> Answer:
    """`/partner handoff @maria @juan [Acme, Globex] [because …]`: the preview."""
    try:
        parsed = parse_handoff(rest)
    except GrammarError as exc:
        return ephemeral(escape(str(exc)))
    return handoff.preview(who, parsed.from_user, parsed.to_user, parsed.partners, parsed.reason)


def history_verb(who: Person, rest: str, command: dict[str, Any]) -> Answer:
    """`/partner history Acme`."""
    if not rest.strip():
        return ephemeral("Which partner? Write `/partner history Acme Health`.")
    partner = partner_named(who, rest, archived=True)
    if isinstance(partner, str):
        return ephemeral(partner)
    return history_answer(who, partner.id)


def history_answer(who: Person, partner_id: int) -> dict[str, Any]:
    """A partner's history, newest first, dates in the asker's time zone."""
    try:
        with who.deps.sessions() as session:
            partner = get_partner(session, who.team_id, partner_id)
            entries, total = partner_history(session, who.team_id, partner_id)
    except NotFound:
        return ephemeral("That partner no longer exists.")
    return ephemeral(
        f"History of {escape(partner.name)}", history_blocks(partner, entries, total, who.zone())
    )


def unowned_verb(who: Person, rest: str, command: dict[str, Any]) -> Answer:
    """`/partner list unowned`."""
    with who.deps.sessions() as session:
        partners = needs_new_owner(session, who.team_id)
        gone = deactivated_users(
            session, who.team_id, [p.owner_user_id for p in partners if p.owner_user_id]
        )
    return ephemeral("Partners that need a new owner", unowned_list(partners, gone))


# -- program leads ---------------------------------------------------------------------------


def leads_verb(who: Person, rest: str, command: dict[str, Any]) -> Answer:
    """`/partnerbot leads [@dana @lee | none]`."""
    deps: Deps = who.deps
    try:
        parsed = parse_leads(rest)
    except GrammarError as exc:
        return ephemeral(escape(str(exc)))
    if parsed.users is None:
        return ephemeral(
            f"Team-wide settings can be changed by {who_are_leads(deps, who.team_id)}."
            f"\n{LEADS_USAGE}"
        )
    refusal = lead_refusal(deps, who.client, who.team_id, who.user_id, "name the program leads")
    if refusal:
        return ephemeral(refusal)
    for person in parsed.users:
        problem = refuse_as_owner(who.client, person)
        if problem:
            return ephemeral(
                problem.replace("partners need a person", "leads must be people")
                + " Nothing changed."
            )
    with deps.sessions.begin() as session:
        chosen = set_leads(session, who.team_id, parsed.users, by=who.user_id, now=deps.clock.now())
        leads = named_leads(session, who.team_id)
    if not chosen:
        return ephemeral(
            "No program leads are named now: the workspace's admins and owners are the leads."
        )
    return ephemeral(
        "✅ Program leads: "
        + ", ".join(user(u) for u in leads)
        + ". They change team-wide settings (cadence, celebration channel) and get a message "
        "when someone leaves."
    )
