"""`/partnerbot import`: opens the upload form; `/partnerbot import undo 12` undoes import #12."""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk.errors import SlackApiError

from handlers.common.mrkdwn import user
from handlers.common.replies import ephemeral
from handlers.common.values import record_id
from handlers.deps import Person
from handlers.imports.render import blocks_for, upload_modal
from storage.errors import NotFound, NotYours
from storage.imports.requests import undo_import

log = logging.getLogger(__name__)

USAGE = (
    "• `/partnerbot import` — bring in your partner spreadsheet (Excel or CSV): a preview "
    "first, then one import you can undo (`/partnerbot import undo 12`); or send the file to "
    "me in a direct message"
)


def import_verb(who: Person, rest: str, command: dict[str, Any]) -> dict[str, Any] | None:
    """Open the upload form, or undo an import by its number."""
    words = rest.replace("#", " ").split()
    if words[:1] == ["undo"] and len(words) == 2 and record_id(words[1]):
        batch_id = record_id(words[1]) or 0
        try:
            preview = undo_import(
                who.deps.sessions, who.team_id, batch_id, by=who.user_id, now=who.deps.clock.now()
            )
        except NotFound:
            return ephemeral(f"There is no import #{batch_id}. Nothing changed.")
        except NotYours as exc:
            return ephemeral(
                f"Only {user(exc.owner)} (who imported it) or a program lead can undo import "
                f"#{batch_id}. Nothing changed."
            )
        text, blocks = blocks_for(preview)
        return ephemeral(text, blocks)
    if words:
        return ephemeral(f"Write `/partnerbot import` to send a spreadsheet.\n{USAGE}")
    try:
        who.client.views_open(trigger_id=command["trigger_id"], view=upload_modal())
    except (SlackApiError, KeyError) as exc:
        log.warning("could not open the import form: %s", exc)
        return ephemeral(
            "Slack would not open the import form just now. Send the spreadsheet to me in a "
            "direct message instead."
        )
    return None
