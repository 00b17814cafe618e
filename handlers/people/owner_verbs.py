"""The verbs about who looks after partners: `/partner assign`, `handoff`, `history` and
`list unowned`, and `/partnerbot leads`. Each runs after the ack and returns the ephemeral
answer."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

from slack_sdk.errors import SlackApiError

from handlers.common.blocks import text_blocks
from handlers.common.grammar import GrammarError
from handlers.common.mrkdwn import escape, quote, user
from handlers.common.replies import ephemeral
from handlers.deps import Deps, Person
from handlers.people import handoff
from handlers.people.answers import Answer, partner_refusal
from handlers.people.grammar import LEADS_USAGE, parse_assign, parse_handoff, parse_leads
from handlers.people.owner_blocks import history_blocks, new_owner_summary, unowned_list
from handlers.people.slack_users import leads_sentence, refuse_as_owner, slack_admin
from storage.errors import InvalidInput, NotFound
from storage.people.handoff import PartnerBrief
from storage.people.leads import leads_now, name_leads
from storage.people.owner_requests import assign_partner, find_partner, history_of, unowned
from storage.records import PartnerView

log = logging.getLogger(__name__)


# -- owners, backups, handoffs ---------------------------------------------------------------


def assign_verb(who: Person, rest: str, command: dict[str, Any]) -> Answer:
    """`/partner assign Acme @maria [backup @juan]`."""
    try:
        parsed = parse_assign(rest)
    except GrammarError as exc:
        return ephemeral(escape(str(exc)))
    refusal = people_refusal(who, parsed.owner, parsed.backup)
    if refusal:  # the partner is still looked up: a name that matches nothing is said first
        found = find_partner(who.deps.sessions, who.team_id, query=parsed.query)
        if found.partner is None:
            return ephemeral(partner_refusal(parsed.query, found.candidates))
        return ephemeral(refusal)
    answer, _ = assign(who, parsed.owner, parsed.backup, query=parsed.query)
    return answer


def people_refusal(who: Person, owner: str | None, backup: str | None) -> str | None:
    """Why the people named can't own or back up a partner (Slack asked), or None."""
    for person in (owner, backup):
        refusal = refuse_as_owner(who.client, person) if person else None
        if refusal:
            return f"{refusal} Nothing changed."
    if owner and owner == backup:
        return "The owner can't be their own backup — name two people. Nothing changed."
    return None


def assign(
    who: Person,
    owner: str | None,
    backup: str | None,
    *,
    query: str | None = None,
    partner_id: int = 0,
) -> tuple[dict[str, Any], bool]:
    """Change the owner (their predecessor's open follow-ups on it go along) and/or the backup
    ("" removes it) of the partner typed or pressed; tell the new owner and redraw the Homes
    concerned. The answer, and whether the partner was found."""
    deps = who.deps
    tz = deps.zones.of(who.client, who.team_id, owner) if owner else None
    admin = slack_admin(who.client, who.user_id)
    try:
        done = assign_partner(
            deps.sessions,
            who.team_id,
            query=query,
            partner_id=partner_id,
            owner=owner,
            backup=backup,
            by=who.user_id,
            slack_admin=admin,
            now=deps.clock.now(),
            tz=tz,
        )
    except InvalidInput as exc:
        return ephemeral(f"{escape(exc.message)} Nothing changed."), True
    except NotFound:
        return ephemeral("That partner no longer exists. Nothing changed."), True
    before, changed = done.found.partner, done.after
    if before is None:
        if query is not None:
            return ephemeral(partner_refusal(query, done.found.candidates)), False
        return ephemeral("That partner no longer exists."), False
    if changed is None:
        return ephemeral(
            f"Only {user(before.owner_user_id)} (its owner) or {leads_sentence(done.leads)} can "
            f"change who looks after *{quote(before.name, 200)}*. Nothing changed."
        ), True
    return _told(who, before, changed, done.briefs, owner, backup, tz), True


def _told(
    who: Person,
    before: PartnerView,
    changed: PartnerView,
    briefs: Sequence[PartnerBrief],
    owner: str | None,
    backup: str | None,
    tz: ZoneInfo | None,
) -> dict[str, Any]:
    """The asker's answer; telling the people an assign concerns and redrawing their Homes
    are kept in `who.later`, for after it."""
    deps = who.deps
    lines = []
    if owner is not None:
        lines.append(f"{user(owner)} now owns *{quote(changed.name, 200)}*.")
        if owner != before.owner_user_id:
            if before.owner_user_id:
                lines.append(f"{user(before.owner_user_id)}'s open follow-ups on it went along.")
            if owner != who.user_id:
                text, blocks = new_owner_summary(
                    briefs,
                    who.user_id,
                    before.owner_user_id,
                    tz or who.deps.zones.of(who.client, who.team_id, owner),
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
                who.later.append(partial(deps.redraw_home, who.client, who.team_id, person))
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
    """DM `to` once the asker has their answer (`Person.run_later`)."""
    who.later.append(lambda: _send_dm(who, to, text, blocks))


def _send_dm(who: Person, to: str, text: str, blocks: list[dict[str, Any]]) -> None:
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
    return _history(who, query=rest)


def history_answer(who: Person, partner_id: int) -> dict[str, Any]:
    """A partner's history, newest first, dates in the asker's time zone."""
    return _history(who, partner_id=partner_id)


def _history(who: Person, *, query: str | None = None, partner_id: int = 0) -> dict[str, Any]:
    tz = who.zone()
    found = history_of(who.deps.sessions, who.team_id, query=query, partner_id=partner_id)
    partner = found.found.partner
    if partner is None:
        if query is not None:
            return ephemeral(partner_refusal(query, found.found.candidates))
        return ephemeral("That partner no longer exists.")
    return ephemeral(
        f"History of {escape(partner.name)}",
        history_blocks(partner, found.entries, found.total, tz),
    )


def unowned_verb(who: Person, rest: str, command: dict[str, Any]) -> Answer:
    """`/partner list unowned`."""
    partners, gone = unowned(who.deps.sessions, who.team_id)
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
            "Team-wide settings can be changed by "
            f"{leads_sentence(leads_now(deps.sessions, who.team_id))}.\n{LEADS_USAGE}"
        )
    admin = slack_admin(who.client, who.user_id)
    refusals = (refuse_as_owner(who.client, person) for person in parsed.users)
    problem = next((r for r in refusals if r), None)
    named = name_leads(
        deps.sessions,
        who.team_id,
        parsed.users,
        by=who.user_id,
        slack_admin=admin,
        people_ok=problem is None,
        now=deps.clock.now(),
    )
    if not named.check.is_lead:
        return ephemeral(
            f"Only {leads_sentence(named.check.leads)} can name the program leads. Nothing changed."
        )
    if problem:
        return ephemeral(
            problem.replace("partners need a person", "leads must be people") + " Nothing changed."
        )
    if not named.leads:
        return ephemeral(
            "No program leads are named now: the workspace's admins and owners are the leads."
        )
    return ephemeral(
        "✅ Program leads: "
        + ", ".join(user(u) for u in named.leads)
        + ". They change team-wide settings (cadence, celebration channel) and get a message "
        "when someone leaves."
    )
