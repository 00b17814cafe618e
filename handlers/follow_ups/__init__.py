"""Follow-ups: `/followup`, and Done / Snooze / Reassign / Edit (and Reopen once done)
wherever a follow-up is shown."""

from __future__ import annotations

from slack_bolt import App

from handlers.common.feature import Feature, ack_now
from handlers.deps import Deps
from handlers.follow_ups import buttons, fixes, ids
from handlers.follow_ups.command import followup_command
from handlers.follow_ups.digest_part import DIGEST_PART
from handlers.follow_ups.home import HOME_PART


def register(app: App, deps: Deps) -> None:
    """Add the follow-up listeners to `app`."""
    app.command("/followup")(ack=ack_now, lazy=[followup_command])
    app.action(ids.FU_DONE)(ack=ack_now, lazy=[buttons.done])
    app.action(ids.FU_DONE_LOG)(ack=ack_now, lazy=[buttons.done_and_log])
    for snooze in (ids.FU_SNOOZE, ids.FU_SNOOZE_DATE):
        app.action(snooze)(ack=ack_now, lazy=[buttons.snooze])
    app.action(ids.FU_SNOOZE_CANCEL)(ack=ack_now, lazy=[buttons.snooze_cancel])
    app.action(ids.FU_REASSIGN)(ack=ack_now, lazy=[buttons.reassign])
    app.action(ids.FU_REOPEN)(ack=ack_now, lazy=[fixes.reopen])
    app.action(ids.FU_EDIT)(ack=ack_now, lazy=[fixes.edit_pressed])
    app.view(ids.VIEW_FU_EDIT)(ack=fixes.edit_submitted, lazy=[fixes.edit_saved])


FEATURE = Feature(
    name="follow_ups",
    register=register,
    commands=("/followup",),
    home_parts=(HOME_PART,),
    digest_parts=(DIGEST_PART,),
)
