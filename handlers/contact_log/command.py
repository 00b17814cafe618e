"""`/contact`: log a contact from one line of plain words, and `/contact history`.
`log_text` is shared with the buttons that finish a command (pick a partner, add it, past date)."""

from __future__ import annotations

from datetime import UTC, date, timedelta
from typing import Any

from slack_bolt import BoltContext, Respond
from slack_sdk import WebClient

from handlers.common.blocks import Blocks, dicts
from handlers.common.mrkdwn import escape, quote
from handlers.common.people import zone
from handlers.common.replies import ephemeral, notify
from handlers.contact_log.grammar import ContactParseError, FollowUpInPast, parse_contact
from handlers.contact_log.render import (
    USAGE,
    confirmation,
    past_follow_up_question,
    render_history,
    typed_back,
    unknown_partner,
    which_partner,
)
from handlers.deps import Deps, Person
from handlers.engagements.sections import record_as_engagement
from handlers.follow_ups.sections import handed_to_you
from handlers.school_year.sections import date_flags
from storage.contact_log import (
    LoggedContact,
    NewContact,
    NewFollowUp,
    contact_history,
    log_contact,
    recent_contacts_by_others,
)
from storage.errors import InvalidInput
from storage.models import FollowUpStatus
from storage.partners.lookup import resolve_partner_prefix
from storage.records import PartnerView
from storage.school_year import school_calendar
from storage.workspaces import staff_timezone

HISTORY_PAGE = 10


def contact_command(
    command: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
) -> None:
    """Lazy: read the line, find the partner, save, and answer with what was saved."""
    who = Person.of(command, client, context)
    typed = " ".join((command.get("text") or "").split())
    if not typed or typed.casefold() in ("help", "?", "-h", "--help"):
        respond(**ephemeral(USAGE))
        return
    verb, _, rest = typed.partition(" ")
    if verb.casefold() == "history":
        respond(**history(who, rest, 0))
        return
    with who.deps.sessions() as session:
        found, rest, words = resolve_partner_prefix(session, who.team_id, typed)
    if found.single is not None:
        trigger = command.get("trigger_id")
        respond(
            **log_text(who, found.single, rest, typed, key=f"cmd:{trigger}" if trigger else None)
        )
    elif found.candidates:
        respond(**which_partner(words, typed, found.candidates))
    else:
        respond(**unknown_partner(words or typed.split(" ", 1)[0], typed))


def log_text(
    who: Person,
    partner: PartnerView,
    rest: str,
    typed: str,
    *,
    key: str | None,
    drop_follow_up: bool = False,
    follow_up_on: date | None = None,
) -> dict[str, Any]:
    """Parse what followed the partner's name and log it: the answer to show."""
    now_local, tz = who.local_now()
    with who.deps.sessions() as session:
        calendar = school_calendar(session, who.team_id, today=now_local.date())
    try:
        parsed = parse_contact(
            rest, now_local=now_local.replace(tzinfo=None), parser=who.deps.dates, calendar=calendar
        )
    except FollowUpInPast as exc:
        if not drop_follow_up and follow_up_on is None:
            return past_follow_up_question(partner, typed, exc.due_date)
        parsed = exc.parsed
    except ContactParseError as exc:
        return ephemeral(
            f"{escape(str(exc))} Nothing was saved — fix it and send again:\n{typed_back(typed)}"
        )
    if not parsed.summary.strip():
        return ephemeral(f"What happened with *{quote(partner.name, 120)}*?\n\n{USAGE}")
    follow_up = None
    wanted = parsed.follow_up
    if wanted is not None and not drop_follow_up:
        owner = wanted.owner_user_id or who.user_id
        follow_up = NewFollowUp(
            owner_user_id=owner,
            due_date=follow_up_on or wanted.due_date,
            due_time=wanted.due_time,
            note=wanted.note,
            tz=who.deps.zones.of(who.client, who.team_id, owner),
        )
    occurred = parsed.occurred_at
    occurred = occurred.replace(tzinfo=tz) if occurred.tzinfo is None else occurred
    contact = NewContact(
        partner_id=partner.id,
        user_id=who.user_id,
        kind=parsed.kind,
        summary=parsed.summary,
        occurred_at=occurred.astimezone(UTC),
        follow_up=follow_up,
    )
    try:
        logged = save(who.deps, who.team_id, contact, key=key)
    except InvalidInput as exc:
        return ephemeral(f"{escape(exc.message)} Nothing was saved.\n{typed_back(typed)}")
    given = logged.follow_up
    if logged.created and given is not None and given.owner_user_id not in (None, who.user_id):
        owner = str(given.owner_user_id)
        today = who.deps.clock.now().astimezone(who.deps.zones.of(who.client, who.team_id, owner))
        text, blocks = handed_to_you(given, today.date(), who.user_id)
        notify(who.client, user_id=owner, channel_id=None, text=text, blocks=dicts(blocks))
    return confirmed(who.deps, who.team_id, who.user_id, logged)


def save(deps: Deps, team_id: str, contact: NewContact, *, key: str | None) -> LoggedContact:
    """Log one contact (once per `key`)."""
    with deps.sessions.begin() as session:
        return log_contact(session, team_id, contact, now=deps.clock.now(), idempotency_key=key)


def confirmed(deps: Deps, team_id: str, user_id: str, logged: LoggedContact) -> dict[str, Any]:
    """The confirmation of `logged`, with heads-ups about colleagues' recent contacts, and
    flags when its follow-up falls on a day off or in the partner's busy season."""
    others = []
    now = deps.clock.now()
    flags: Blocks = []
    with deps.sessions() as session:
        if deps.recent_contact_days > 0:
            others = recent_contacts_by_others(
                session,
                team_id,
                logged.interaction.partner_id,
                user_id,
                since=now - timedelta(days=deps.recent_contact_days),
            )
        f = logged.follow_up
        if f is not None and f.status is FollowUpStatus.OPEN:
            flags = date_flags(session, team_id, f.partner_id, f.due_date, follow_up_id=f.id)
        entry = logged.interaction
        if logged.created:  # "hosted 12 students for a job shadow": Record as engagement
            name, _ = staff_timezone(session, team_id, user_id)
            on = entry.occurred_at.astimezone(zone(name) or deps.zones.default).date()
            flags = [*flags, *record_as_engagement(entry.summary, entry.partner_id, on)]
    return confirmation(logged, user_id, others, now, flags=flags)


def history(who: Person, query: str, offset: int) -> dict[str, Any]:
    """One page of a partner's contact history."""
    if not query.strip():
        return ephemeral("Which partner? Write `/contact history Acme Health`.")
    with who.deps.sessions() as session:
        found, _, _ = resolve_partner_prefix(session, who.team_id, query)
        partner = found.single
        if partner is None:
            return ephemeral(
                f"No single partner matches “{quote(query, 100)}”. See `/partner list`."
            )
        entries, total = contact_history(
            session, who.team_id, partner.id, offset=offset, limit=HISTORY_PAGE
        )
    blocks = render_history(
        partner, entries, offset=offset, total=total, page_size=HISTORY_PAGE, tz=who.zone()
    )
    return ephemeral(f"Contact history of {escape(partner.name)}", blocks)
