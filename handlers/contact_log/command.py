"""`/contact`: log a contact from one line of plain words, and `/contact history`.

`log_text` is the one entry for a contact line (the command, and direct messages to the bot);
`answer` is shared with the buttons that finish a line (pick the partner, add it, restore it,
which day, a past follow-up date)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

from slack_bolt import BoltContext, Respond
from slack_sdk import WebClient

from handlers.celebrations.sections import reads_as_win
from handlers.common.blocks import Blocks, dicts
from handlers.common.mrkdwn import escape, mentioned_users, quote
from handlers.common.replies import ephemeral, notify
from handlers.contact_log.fixes import undo_last
from handlers.contact_log.follow_up_words import has_follow_up_word
from handlers.contact_log.history import HISTORY_PAGE, render_history
from handlers.contact_log.reading import Reading, partners_named_like, read_line
from handlers.contact_log.render import (
    USAGE,
    archived_partner,
    confirmation,
    day_question,
    no_partner,
    past_follow_up_question,
    typed_back,
    unknown_partner,
    which_partner,
)
from handlers.contact_log.unplaced import follow_up_question
from handlers.contact_log.wins import on_day
from handlers.deps import Deps, Person
from handlers.engagements.sections import record_as_engagement
from handlers.follow_ups.sections import handed_to_you
from handlers.school_year.sections import day_flags
from storage.contact_line import (
    Confirmation,
    Lookups,
    ProposedWin,
    ToLog,
    log_line,
)
from storage.contact_log import LoggedContact, NewContact, NewFollowUp
from storage.contact_requests import confirmation_of, history_named
from storage.errors import InvalidInput
from storage.records import FollowUpView, PartnerView


@dataclass(frozen=True)
class Choices:
    """What the person already answered: the day ("said": the day the words named, "today",
    or "follow": today, with a follow-up on the day named), the past follow-up date
    (drop it, or this day instead), and that an archived partner may be restored."""

    day: str | None = None
    drop_follow_up: bool = False
    follow_up_on: date | None = None
    restore: bool = False


NO_CHOICES = Choices()


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
    if typed.casefold() in ("undo", "undo last"):
        undo_last(who, respond)
        return
    trigger = command.get("trigger_id")
    log_text(who, typed, respond, key=f"cmd:{trigger}" if trigger else None)


def log_text(
    who: Person,
    typed: str,
    respond: Callable[..., Any],
    *,
    key: str | None,
    unnamed: dict[str, Any] | None = None,
) -> None:
    """Read a contact line typed by `who` and log it — or ask which partner, offer to add or
    restore it, ask about the day, or say what to fix — answering with `respond(**reply)`.
    `key` makes a retry of the same request log nothing twice; `unnamed`: the reply when the
    line names no partner, nor anything that may be one."""
    respond(**answer(who, typed, key=key, unnamed=unnamed))
    who.run_later()


def answer(
    who: Person,
    typed: str,
    *,
    key: str | None,
    partner: PartnerView | None = None,
    span: tuple[int, int] | None = None,
    choices: Choices = NO_CHOICES,
    unnamed: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Read `typed` and log it, or the question to ask first: the reply to show.
    `partner` (named at `span`): the partner already chosen by a button. One transaction
    reads the line, saves it and reads its confirmation; Slack is called after it."""
    deps = who.deps
    now_local, tz = who.local_now()
    zones = _owner_zones(who, typed)
    unplaced: list[str] = []  # why the follow-up the line asks for has no day yet

    def read(look: Lookups) -> tuple[dict[str, Any] | None, ToLog | None]:
        reading = read_line(
            look,
            typed,
            now_local.replace(tzinfo=None),
            deps.dates,
            look.calendar,
            partner=partner,
            span=span,
        )
        asked = _ask_first(look, reading, typed, now_local.date(), choices, unnamed)
        if asked is not None:
            return asked, None
        unplaced[:] = [reading.parsed.problem] if reading.parsed.problem else []
        return None, _to_log(who, reading, tz, now_local, choices, zones)

    now = deps.clock.now()
    try:
        asked, done = log_line(
            deps.sessions,
            who.team_id,
            read,
            today=now_local.date(),
            now=now,
            key=key,
            recent_since=recent_since(deps, now),
        )
    except InvalidInput as exc:
        return ephemeral(f"{escape(exc.message)} Nothing was saved.\n{typed_back(typed)}")
    if done is None:
        assert asked is not None
        return asked
    given = done.logged.follow_up
    if done.logged.created and given is not None and given.owner_user_id not in (None, who.user_id):
        owner = str(given.owner_user_id)
        there = zones.get(owner) or deps.zones.of(who.client, who.team_id, owner)
        text, blocks = handed_to_you(given, now.astimezone(there).date(), who.user_id)
        who.later.append(  # once the person has their answer (`who.run_later`)
            partial(
                notify, who.client, user_id=owner, channel_id=None, text=text, blocks=dicts(blocks)
            )
        )
    asks: Blocks = []
    if unplaced and given is None:  # saved; its follow-up's day is asked for
        owner = next(iter(zones.keys() - {who.user_id}), who.user_id)
        asks = follow_up_question(unplaced[0], done.logged.interaction.id, owner)
    return confirmation_reply(done, who.user_id, now, tz, asks=asks)


def _owner_zones(who: Person, typed: str) -> dict[str, ZoneInfo]:
    """The time zones of whoever may own the line's follow-up (the person, or someone the
    follow-up names), looked up before the transaction: a zone may take a call to Slack."""
    owners = [who.user_id]
    if has_follow_up_word(typed):
        owners += mentioned_users(typed)
    return {user_id: who.deps.zones.of(who.client, who.team_id, user_id) for user_id in owners}


def recent_since(deps: Deps, now: datetime) -> datetime | None:
    """Since when colleagues' contacts with the partner are worth a heads-up (None: never)."""
    return now - timedelta(days=deps.recent_contact_days) if deps.recent_contact_days > 0 else None


def _ask_first(
    look: Lookups,
    reading: Reading,
    typed: str,
    today: date,
    choices: Choices,
    unnamed: dict[str, Any] | None,
) -> dict[str, Any] | None:
    """What to ask or say before saving anything, or None: the line can be logged."""
    if reading.partner is None:
        return _no_single_partner(look, reading, typed, unnamed)
    if reading.partner.archived and not choices.restore:
        return archived_partner(reading.partner, typed)
    parsed = reading.parsed
    if parsed.day_to_ask is not None and choices.day is None:
        return day_question(
            reading.partner,
            typed,
            parsed.day_to_ask,
            today,
            vague=parsed.day_is_vague,
            unsure=parsed.day_is_unsure,
        )
    answered = choices.drop_follow_up or choices.follow_up_on is not None
    moved = choices.day == "follow" and parsed.day_to_ask is not None
    if parsed.follow_up_in_past and parsed.follow_up and not answered and not moved:
        return past_follow_up_question(
            reading.partner, typed, parsed.follow_up.due_date, day_choice=choices.day
        )
    if not parsed.summary.strip():
        return ephemeral(f"What happened with *{quote(reading.partner.name, 120)}*?\n\n{USAGE}")
    return None


def _no_single_partner(
    look: Lookups, reading: Reading, typed: str, unnamed: dict[str, Any] | None
) -> dict[str, Any]:
    """Two or more partners fit: which? A name-like phrase: the partners already named so,
    else "Add …". Nothing: how to write it (or `unnamed`, when given)."""
    found = reading.mentions
    if unnamed is not None and not found.close and found.name_like is None:
        return unnamed
    if len(found.close) >= 2:
        ranked = sorted(
            found.close, key=lambda m: (m.partner.archived, -m.score, m.partner.name.casefold())
        )
        return which_partner(typed, [m.partner for m in ranked])
    if found.name_like is not None and not has_follow_up_word(typed[slice(*found.name_like)]):
        start, end = found.name_like
        known = partners_named_like(look, typed[start:end])
        if known:
            return which_partner(typed, known, (start, end))
        return unknown_partner(typed[start:end], typed, (start, end))
    return no_partner(typed)


def _to_log(
    who: Person,
    reading: Reading,
    tz: ZoneInfo,
    now_local: datetime,
    choices: Choices,
    zones: dict[str, ZoneInfo],
) -> ToLog:
    """The contact to save, and the thank-you to propose when it reads as a win."""
    assert reading.partner is not None
    contact = _contact(who, reading, tz, now_local, choices, zones)
    win = reads_as_win(contact.summary.strip())
    if win is None:
        return ToLog(contact)
    happened_on = contact.occurred_at.astimezone(tz).date()
    return ToLog(contact, ProposedWin(f"{reading.partner.name} {win}", happened_on))


def _contact(
    who: Person,
    reading: Reading,
    tz: ZoneInfo,
    now_local: datetime,
    choices: Choices,
    zones: dict[str, ZoneInfo],
) -> NewContact:
    parsed = reading.parsed
    assert reading.partner is not None
    occurred = parsed.occurred_at
    wanted = parsed.follow_up
    due: date | None = choices.follow_up_on or (wanted.due_date if wanted else None)
    if parsed.day_to_ask is not None:
        if choices.day == "said":
            occurred = datetime.combine(parsed.day_to_ask, time(12, 0))
        elif choices.day == "follow":
            due = parsed.day_to_ask
    if choices.drop_follow_up and choices.day != "follow":
        due = None
    if occurred.date() == now_local.date():
        occurred = now_local.replace(tzinfo=None)
    follow_up = None
    if due is not None:
        owner = (wanted.owner_user_id if wanted else None) or who.user_id
        follow_up = NewFollowUp(
            owner_user_id=owner,
            due_date=due,
            due_time=wanted.due_time if wanted and due == wanted.due_date else None,
            note=_follow_up_note(wanted.note if wanted else "", parsed.summary, reading.partner),
            tz=zones.get(owner) or who.deps.zones.of(who.client, who.team_id, owner),
        )
    return NewContact(
        partner_id=reading.partner.id,
        user_id=who.user_id,
        kind=parsed.kind,
        summary=parsed.summary,
        occurred_at=occurred.replace(tzinfo=tz).astimezone(UTC),
        follow_up=follow_up,
    )


def _follow_up_note(said: str, summary: str, partner: PartnerView) -> str:
    """What the follow-up says: its words, else what the line was about, else whom."""
    if said and said != "Follow up":
        return said
    return f"Follow up with {partner.name}" if said else f"Follow up: {summary[:140]}"


def confirmed(
    deps: Deps,
    team_id: str,
    user_id: str,
    logged: LoggedContact,
    tz: ZoneInfo,
) -> dict[str, Any]:
    """The confirmation of `logged` (saved by an earlier transaction: the contact form)."""
    now = deps.clock.now()
    since = recent_since(deps, now)
    done = confirmation_of(deps.sessions, team_id, user_id, logged, since=since)
    return confirmation_reply(done, user_id, now, tz)


def confirmation_reply(
    done: Confirmation,
    user_id: str,
    now: datetime,
    tz: ZoneInfo,
    *,
    closed: FollowUpView | None = None,
    asks: Blocks | None = None,
) -> dict[str, Any]:
    """The confirmation of a logged contact: heads-ups about colleagues' recent contacts,
    flags when its follow-up falls on a day off or in the partner's busy season, the
    person's open follow-up on that partner to mark done (`closed`: the one just marked
    done), and `asks` (the follow-up's day, when it could not be placed)."""
    logged = done.logged
    entry = logged.interaction
    flags: Blocks = []
    if done.follow_up_day is not None and logged.follow_up is not None:
        flags = day_flags(done.follow_up_day, follow_up_id=logged.follow_up.id)
    if logged.created:  # "hosted 12 students for a job shadow": Record as engagement
        flags = [*flags, *record_as_engagement(entry.summary, entry.partner_id, on_day(entry, tz))]
    flags = [*flags, *(asks or [])]
    return confirmation(
        logged,
        user_id,
        done.others,
        now,
        tz=tz,
        flags=flags,
        to_close=done.to_close,
        closed=closed,
    )


def history(who: Person, query: str, offset: int) -> dict[str, Any]:
    """One page of a partner's contact history."""
    if not query.strip():
        return ephemeral("Which partner? Write `/contact history Acme Health`.")
    tz = who.zone()
    page = history_named(who.deps.sessions, who.team_id, query, offset=offset, limit=HISTORY_PAGE)
    if page is None:
        return ephemeral(f"No single partner matches “{quote(query, 100)}”. See `/partner list`.")
    blocks = render_history(
        page.partner,
        page.entries,
        offset=offset,
        total=page.total,
        page_size=HISTORY_PAGE,
        tz=tz,
    )
    return ephemeral(f"Contact history of {escape(page.partner.name)}", blocks)
