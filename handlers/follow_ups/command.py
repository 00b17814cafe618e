"""`/followup`: your follow-ups, the team's, someone's, or a new one from plain words."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import timedelta
from typing import Any

from slack_bolt import BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.models.blocks import Block

from handlers.common.blocks import Blocks, dicts, text_blocks
from handlers.common.mrkdwn import (
    code,
    code_block,
    day,
    escape,
    mentioned_users,
    quote,
    strip_mentions,
    user,
)
from handlers.common.replies import ephemeral
from handlers.deps import Deps
from handlers.follow_ups import ids
from handlers.follow_ups.grammar import (
    USAGE,
    Create,
    FollowUpHelp,
    Mine,
    Team,
    Theirs,
    parse_followup_command,
)
from handlers.follow_ups.render import created_head, render_follow_up_list
from handlers.follow_ups.sections import follow_up_blocks
from handlers.partners.sections import not_one_partner
from handlers.school_year.sections import NotOnCalendar, date_flags, find_school_date
from storage.errors import InvalidInput
from storage.follow_ups import NewFollowUp, create_follow_up, repeated_follow_up
from storage.open_follow_ups import open_follow_ups_with_rest
from storage.partners.lookup import resolve_partner_prefix
from storage.records import FollowUpView
from storage.school_year import school_calendar

DAYS_AHEAD = 7


def followup_command(
    command: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
) -> None:
    """Lazy: answer `/followup …`."""
    deps = Deps.of(context)
    team_id, user_id = command["team_id"], command["user_id"]
    match parse_followup_command(command.get("text") or ""):
        case Mine():
            blocks = list_blocks(deps, client, team_id, user_id, ids.SCOPE_MINE)
        case Team():
            blocks = list_blocks(deps, client, team_id, user_id, ids.SCOPE_TEAM)
        case Theirs(user_id=whose):
            blocks = list_blocks(deps, client, team_id, user_id, whose)
        case FollowUpHelp():
            blocks = text_blocks(USAGE)
        case Create(text=text):
            respond(**create_from_text(deps, client, team_id, user_id, text))
            return
    respond(**ephemeral("Follow-ups", blocks))


def list_blocks(
    deps: Deps,
    client: WebClient,
    team_id: str,
    user_id: str,
    scope: str,
    *,
    replaced: Mapping[int, list[Block]] | None = None,
    keep: Sequence[FollowUpView] = (),
    acted: Sequence[int] = (),
) -> Blocks:
    """A `/followup` list — `scope` is mine, all (the team's) or a user id — due within a week.
    `keep` are follow-ups to show even if no longer open (those acted on in this list, listed
    in `acted`)."""
    team = scope == ids.SCOPE_TEAM
    owner = None if team else user_id if scope == ids.SCOPE_MINE else scope
    tz = deps.zones.of(client, team_id, owner or user_id)
    today = deps.clock.now().astimezone(tz).date()
    with deps.sessions() as session:
        items, not_loaded = open_follow_ups_with_rest(
            session, team_id, owner_user_id=owner, due_by=today + timedelta(days=DAYS_AHEAD)
        )
    listed = {f.id for f in items}
    items = sorted(
        [*items, *(f for f in keep if f.id not in listed)], key=lambda f: (f.due_date, f.id)
    )
    if team:
        owners: dict[str, list[FollowUpView]] = {}
        for f in items:
            owners.setdefault(f.owner_user_id or "", []).append(f)
        groups = [(f"*{user(o) if o else '_unowned_'}*", fs) for o, fs in sorted(owners.items())]
        title = f"The team's follow-ups (next {DAYS_AHEAD} days)"
        hint = " not shown."
    else:
        groups = [
            ("*⏰ Overdue*", [f for f in items if f.due_date < today]),
            ("*📅 Today*", [f for f in items if f.due_date == today]),
            (f"*🗓️ Next {DAYS_AHEAD} days*", [f for f in items if f.due_date > today]),
        ]
        mine = owner == user_id
        title = "Your follow-ups" if mine else f"Follow-ups of {user(owner)}"
        hint = " — your *Home* tab shows more." if mine else " not shown."
    return render_follow_up_list(
        title,
        groups,
        today,
        scope=scope,
        not_loaded=not_loaded,
        more_hint=hint,
        replaced=replaced,
        acted=acted,
    )


def create_from_text(
    deps: Deps, client: WebClient, team_id: str, user_id: str, text: str
) -> dict[str, Any]:
    """`/followup PARTNER WHEN NOTE` (an @mention gives it to someone else): the new follow-up
    with its buttons, or what to fix."""
    typed = code_block(f"/followup {text}", 2800)
    with deps.sessions() as session:
        found, rest, words = resolve_partner_prefix(session, team_id, text)
        calendar = school_calendar(session, team_id, today=deps.clock.now().date())
    partner = found.single
    if partner is None:
        unknown = (
            f"I don't know a partner called “{quote(words, 100)}”. Add it with "
            f"{code(f'/partner add {words}', 120)}, or check `/partner list`.\n{typed}"
        )
        return ephemeral(not_one_partner(words, found.candidates, unknown))
    owners = mentioned_users(rest)
    owner = owners[0] if owners else user_id
    tz = deps.zones.of(client, team_id, owner)
    now_local = deps.clock.now().astimezone(tz).replace(tzinfo=None)
    rest_words = strip_mentions(rest).split()
    try:
        found_date = find_school_date(
            rest_words, now=now_local, reader=deps.dates, calendar=calendar
        )
    except NotOnCalendar as exc:
        return ephemeral(f"{escape(exc.message)} Nothing was saved.\n{typed}")
    if found_date is None:
        return ephemeral(
            f"I couldn't find a date in “{quote(' '.join(rest_words), 200) or 'nothing'}”. "
            "Write it like `/followup Acme fri send the thank-you letter` (dates like "
            f"`tomorrow`, `next tue`, `Dec 3`, `in 2 weeks`). Nothing was saved.\n{typed}"
        )
    due = found_date.value
    if due.day < now_local.date():
        return ephemeral(
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
        return ephemeral(f"{escape(exc.message)} Nothing was saved.\n{typed}")
    head = created_head(created, user_id, repeat=repeat is not None)
    today = now.astimezone(tz).date()
    item = follow_up_blocks(
        created, today, ids.ORIGIN_LIST, show_owner=owner != user_id, scope=ids.SCOPE_ONE
    )
    with deps.sessions() as session:
        flags = date_flags(session, team_id, partner.id, created.due_date, follow_up_id=created.id)
    deps.redraw_home(client, team_id, owner)
    return ephemeral(
        f"Follow-up for {escape(partner.name)}, due {day(created.due_date)}",
        text_blocks(head) + dicts(item) + flags,
    )
