"""The "Move to <next school day>" button under a follow-up that fell on a day off."""

from __future__ import annotations

from datetime import date
from typing import Any

from slack_bolt import BoltContext, Respond
from slack_sdk import WebClient

from handlers.common.mrkdwn import day, escape, quote
from handlers.common.replies import tell
from handlers.deps import Person
from storage.errors import InvalidInput, NotFound
from storage.follow_ups import get_follow_up, snooze_follow_up


def move_to_school_day(
    body: dict[str, Any],
    action: dict[str, Any],
    client: WebClient,
    respond: Respond,
    context: BoltContext,
) -> None:
    """Lazy: move the follow-up to the school day the button names."""
    who = Person.of(body, client, context)
    follow_up_id, _, when = str(action.get("value") or "").partition(":")
    try:
        target = date.fromisoformat(when)
        with who.deps.sessions() as session:
            before = get_follow_up(session, who.team_id, int(follow_up_id))
        owner_tz = who.deps.zones.of(client, who.team_id, before.owner_user_id or who.user_id)
        with who.deps.sessions.begin() as session:
            outcome = snooze_follow_up(
                session,
                who.team_id,
                before.id,
                until=target,
                by=who.user_id,
                now=who.deps.clock.now(),
                tz=owner_tz,
            )
    except (ValueError, NotFound):
        tell(client, respond, body, "That follow-up is gone.")
        return
    except InvalidInput as exc:
        tell(client, respond, body, escape(exc.message))
        return
    f = outcome.follow_up
    if not outcome.changed:
        tell(client, respond, body, f"That follow-up is already {f.status.value}; nothing moved.")
        return
    tell(
        client,
        respond,
        body,
        f"📅 Moved the follow-up with *{quote(f.partner_name, 100)}* to {day(f.due_date)}.",
    )
    who.deps.redraw_home(client, who.team_id, f.owner_user_id or who.user_id)
