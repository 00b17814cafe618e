"""People around partnerships: business contacts, the school-side owner and backup, handoffs,
partner history, leavers (`user_change`) and program leads. Its `/partner` and `/partnerbot`
verbs and its part of the partner card are extension points those features offer."""

from __future__ import annotations

import re

from slack_bolt import App

from handlers.common.feature import Feature, Verb, ack_now
from handlers.deps import Deps
from handlers.people import buttons, contact_verbs, events, ids, modals, owner_verbs
from handlers.people.card import people_on_card
from handlers.people.digest_part import DIGEST_PART
from handlers.people.grammar import USAGE_LINES
from handlers.people.home import HOME_PART


def register(app: App, deps: Deps) -> None:
    """Add the people listeners to `app`."""
    app.action(ids.CONTACT_ADD)(ack=ack_now, lazy=[buttons.add_contact])
    app.action(re.compile(rf"^{ids.CONTACT_MENU}:\d+$"))(ack=ack_now, lazy=[buttons.contact_menu])
    app.action(ids.CONTACT_SUGGESTED)(ack=ack_now, lazy=[buttons.suggested_contact])
    app.action(ids.HISTORY)(ack=ack_now, lazy=[buttons.history])
    app.action(ids.HANDOFF_CONFIRM)(ack=ack_now, lazy=[buttons.confirm])
    app.action(ids.HANDOFF_CANCEL)(ack=ack_now, lazy=[buttons.cancel])
    app.action(ids.LEAVER_PICK)(ack=ack_now, lazy=[buttons.leaver_pick])
    app.action(ids.LEAVER_HAND_OVER)(ack=ack_now, lazy=[buttons.leaver_hand_over])
    app.action(re.compile(rf"^{ids.NEW_OWNER_PICK}:\d+$"))(ack=ack_now, lazy=[buttons.new_owner])
    app.view(ids.VIEW_CONTACT)(ack=modals.submitted, lazy=[modals.saved_notice])
    app.event("user_change")(ack=ack_now, lazy=[events.user_changed])


_P = "/partner"
FEATURE = Feature(
    name="people",
    register=register,
    events=("user_change",),
    verbs=(
        Verb(_P, "contact", contact_verbs.contact_verb("any"), USAGE_LINES),
        Verb(_P, "contact add", contact_verbs.contact_verb("add")),
        Verb(_P, "contact edit", contact_verbs.contact_verb("edit")),
        Verb(_P, "contact remove", contact_verbs.contact_verb("remove")),
        Verb(_P, "contacts", contact_verbs.contact_verb("list")),
        Verb(_P, "assign", owner_verbs.assign_verb),
        Verb(_P, "handoff", owner_verbs.handoff_verb),
        Verb(_P, "hand off", owner_verbs.handoff_verb),
        Verb(_P, "history", owner_verbs.history_verb),
        Verb(_P, "list unowned", owner_verbs.unowned_verb),
        Verb(
            "/partnerbot",
            "leads",
            owner_verbs.leads_verb,
            "• `/partnerbot leads @dana @lee` — who changes team-wide settings and hears "
            "about leavers",
        ),
    ),
    card_parts=(people_on_card,),
    home_parts=(HOME_PART,),
    digest_parts=(DIGEST_PART,),
)
