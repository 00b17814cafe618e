"""Engagements: `/engage`, the engagement form, engagements on the partner card and the Home,
and the debrief the owner is asked for after each one (its DM is a job the scheduler runs)."""

from __future__ import annotations

import re

from slack_bolt import App

from handlers.common.feature import Feature, ack_now
from handlers.deps import Deps
from handlers.engagements import buttons, changes, ids, modals
from handlers.engagements.command import engage_command, engagements_card_part
from handlers.engagements.debriefs import send_debriefs
from handlers.engagements.home import HOME_PART


def register(app: App, deps: Deps) -> None:
    """Add the engagement listeners to `app`."""
    app.command("/engage")(ack=ack_now, lazy=[engage_command])
    app.action(ids.ENGAGE_OPEN)(ack=ack_now, lazy=[buttons.record_pressed])
    app.action(ids.ENGAGE_FROM_CONTACT)(ack=ack_now, lazy=[buttons.record_contact_pressed])
    app.action(re.compile(rf"^{ids.DEBRIEF_OPEN}:(great|fine|problems|open)$"))(
        ack=ack_now, lazy=[buttons.debrief_pressed]
    )
    app.action(ids.ENGAGE_EDIT)(ack=ack_now, lazy=[changes.edit_pressed])
    app.action(ids.ENGAGE_CANCEL)(ack=ack_now, lazy=[changes.cancel_pressed])
    app.action(ids.ENGAGE_REMOVE)(ack=ack_now, lazy=[changes.remove_pressed])
    app.options(ids.ENGAGE_PARTNER_PICK)(buttons.partner_typeahead)
    app.view(ids.VIEW_ENGAGE)(ack=modals.engage_submitted, lazy=[modals.engage_saved])
    app.view(ids.VIEW_DEBRIEF)(ack=modals.debrief_submitted, lazy=[modals.debrief_saved])


FEATURE = Feature(
    name="engagements",
    register=register,
    commands=("/engage",),
    card_parts=(engagements_card_part,),
    home_parts=(HOME_PART,),
    jobs=(send_debriefs,),
)
