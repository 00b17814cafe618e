"""`/followup`: your follow-ups, the team's, someone's, or a new one from plain words."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from slack_bolt import BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.models.blocks import Block
from sqlalchemy.orm import Session

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
from storage.follow_ups import NewFollowUp
from storage.follow_ups_requests import (
    FollowUpList,
    ListWanted,
    Typed,
    ZoneNeeded,
    add_follow_up_from_words,
    follow_up_list,
)
from storage.records import FollowUpView

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
            answer, redraw = create_from_text(deps, client, team_id, user_id, text)
            respond(**answer)  # the confirmation first; the Home redraw may wait for Slack
            if redraw:
                deps.redraw_home(client, team_id, redraw)
            return
    respond(**ephemeral("Follow-ups", blocks))


def list_owner(scope: str, user_id: str) -> str | None:
    """Whose list `scope` (mine, all: the team's, or a user id) is; None for the team's."""
    return None if scope == ids.SCOPE_TEAM else user_id if scope == ids.SCOPE_MINE else scope


def list_today(deps: Deps, client: WebClient, team_id: str, user_id: str, scope: str) -> date:
    """Today for the list's owner (for the team's list, for whoever asks)."""
    tz = deps.zones.of(client, team_id, list_owner(scope, user_id) or user_id)
    return deps.clock.now().astimezone(tz).date()


def list_wanted(scope: str, user_id: str, today: date, earlier: Sequence[int] = ()) -> ListWanted:
    """The follow-ups a `/followup` list shows: due within a week."""
    return ListWanted(
        list_owner(scope, user_id), today + timedelta(days=DAYS_AHEAD), tuple(earlier)
    )


def list_blocks(deps: Deps, client: WebClient, team_id: str, user_id: str, scope: str) -> Blocks:
    """A `/followup` list — `scope` is mine, all (the team's) or a user id — due within a week."""
    today = list_today(deps, client, team_id, user_id, scope)
    listed = follow_up_list(deps.sessions, team_id, list_wanted(scope, user_id, today))
    return render_list(listed, user_id, scope, today)


def render_list(
    listed: FollowUpList,
    user_id: str,
    scope: str,
    today: date,
    *,
    replaced: Mapping[int, list[Block]] | None = None,
    keep: Sequence[FollowUpView] = (),
    acted: Sequence[int] = (),
) -> Blocks:
    """A `/followup` list as read. `keep` are follow-ups to show even if no longer open (those
    acted on in this list, listed in `acted`)."""
    team = scope == ids.SCOPE_TEAM
    owner = list_owner(scope, user_id)
    listed_ids = {f.id for f in listed.items}
    items = sorted(
        [*listed.items, *(f for f in keep if f.id not in listed_ids)],
        key=lambda f: (f.due_date, f.id),
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
        not_loaded=listed.not_loaded,
        more_hint=hint,
        replaced=replaced,
        acted=acted,
    )


def create_from_text(
    deps: Deps, client: WebClient, team_id: str, user_id: str, text: str
) -> tuple[dict[str, Any], str | None]:
    """`/followup PARTNER WHEN NOTE` (an @mention gives it to someone else): the new follow-up
    with its buttons, or what to fix; and whose Home to redraw once that answer is out."""
    typed = code_block(f"/followup {text}", 2800)
    zones = {u: deps.zones.of(client, team_id, u) for u in mentioned_users(text)[:1] or [user_id]}

    def plan(found: Typed) -> NewFollowUp | str:
        return _plan(deps, found, user_id, zones, typed)

    def flags(session: Session, created: FollowUpView) -> Blocks:
        return date_flags(
            session, team_id, created.partner_id, created.due_date, follow_up_id=created.id
        )

    now = deps.clock.now()
    while True:
        try:
            done = add_follow_up_from_words(
                deps.sessions, team_id, text, plan=plan, extra=flags, by=user_id, now=now
            )
            break
        except ZoneNeeded as exc:  # someone else was mentioned: read their zone, then again
            zones[exc.user_id] = deps.zones.of(client, team_id, exc.user_id)
        except InvalidInput as exc:
            return ephemeral(f"{escape(exc.message)} Nothing was saved.\n{typed}"), None
    partner, created = done.found.single, done.created
    if partner is None:
        unknown = (
            f"I don't know a partner called “{quote(done.words, 100)}”. Add it with "
            f"{code(f'/partner add {done.words}', 120)}, or check `/partner list`.\n{typed}"
        )
        return ephemeral(not_one_partner(done.words, done.found.candidates, unknown)), None
    if created is None:
        return ephemeral(done.refusal or "Nothing was saved."), None
    owner = created.owner_user_id or user_id
    head = created_head(created, user_id, repeat=done.repeat)
    today = now.astimezone(zones[owner]).date()
    item = follow_up_blocks(
        created, today, ids.ORIGIN_LIST, show_owner=owner != user_id, scope=ids.SCOPE_ONE
    )
    answer = ephemeral(
        f"Follow-up for {escape(partner.name)}, due {day(created.due_date)}",
        text_blocks(head) + dicts(item) + (done.extra or []),
    )
    return answer, owner


def _plan(
    deps: Deps, found: Typed, user_id: str, zones: dict[str, ZoneInfo], typed: str
) -> NewFollowUp | str:
    """The follow-up the words after the partner ask for, or why none (nothing is saved)."""
    owners = mentioned_users(found.rest)
    owner = owners[0] if owners else user_id
    tz = zones.get(owner)
    if tz is None:
        raise ZoneNeeded(owner)
    now_local = deps.clock.now().astimezone(tz).replace(tzinfo=None)
    rest_words = strip_mentions(found.rest).split()
    try:
        found_date = find_school_date(
            rest_words, now=now_local, reader=deps.dates, calendar=found.calendar
        )
    except NotOnCalendar as exc:
        return f"{escape(exc.message)} Nothing was saved.\n{typed}"
    if found_date is None:
        return (
            f"I couldn't find a date in “{quote(' '.join(rest_words), 200) or 'nothing'}”. "
            "Write it like `/followup Acme fri send the thank-you letter` (dates like "
            f"`tomorrow`, `next tue`, `Dec 3`, `in 2 weeks`). Nothing was saved.\n{typed}"
        )
    due = found_date.value
    if due.day < now_local.date():
        return f"{day(due.day)} is in the past; pick today or later. Nothing was saved.\n{typed}"
    note_words = rest_words[: found_date.start] + rest_words[found_date.end :]
    note = " ".join(note_words).strip(" ,;:-") or f"Follow up with {found.partner.name}"
    return NewFollowUp(owner_user_id=owner, due_date=due.day, due_time=due.at, note=note, tz=tz)
