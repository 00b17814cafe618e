"""The "Move to <next school day>" button under a follow-up that fell on a day off."""

from __future__ import annotations

from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from slack_bolt import BoltContext, Respond
from slack_sdk import WebClient

from handlers.common.mrkdwn import day, escape, quote
from handlers.common.people import zone
from handlers.common.refusals import follow_up_refused
from handlers.common.replies import tell
from handlers.deps import Person
from storage.errors import InvalidInput, NotFound
from storage.follow_ups import NotAllowed
from storage.school_year_requests import snooze_to_school_day


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
    mine = who.zone()

    def zone_of(user_id: str, remembered: str | None) -> ZoneInfo:
        # The presser's zone was just read from Slack; another owner's is the one remembered.
        return mine if user_id == who.user_id else zone(remembered) or who.deps.zones.default

    try:
        outcome = snooze_to_school_day(
            who.deps.sessions,
            who.team_id,
            int(follow_up_id),
            until=date.fromisoformat(when),
            by=who.user_id,
            now=who.deps.clock.now(),
            zone_of=zone_of,
        )
    except (ValueError, NotFound):
        tell(client, respond, body, "That follow-up is gone.")
        return
    except NotAllowed as exc:
        tell(client, respond, body, follow_up_refused(exc, "move"))
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
