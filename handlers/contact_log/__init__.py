"""The contact log: `/contact`, the "Log partner contact" shortcuts, the contact modal, history."""

from __future__ import annotations

import re

from slack_bolt import App

from handlers.common.feature import Feature, ack_now
from handlers.common.home_parts import HomeAdds, HomePart
from handlers.contact_log import buttons, events, fixes, ids, modals, shortcuts, unplaced_buttons
from handlers.contact_log.command import contact_command
from handlers.contact_log.sections import log_contact_button
from handlers.deps import Deps


def register(app: App, deps: Deps) -> None:
    """Add the contact-log listeners to `app`."""
    app.command("/contact")(ack=ack_now, lazy=[contact_command])
    app.action(re.compile(rf"^{ids.CONTACT_PICK}:\d+$"))(ack=ack_now, lazy=[buttons.picked])
    app.action(ids.CONTACT_ADD_AND_LOG)(ack=ack_now, lazy=[buttons.add_and_log])
    app.action(ids.CONTACT_RESTORE_AND_LOG)(ack=ack_now, lazy=[buttons.restore_and_log])
    app.action(re.compile(rf"^{ids.CONTACT_DAY}:(said|today|follow)$"))(
        ack=ack_now, lazy=[buttons.day_chosen]
    )
    app.action(ids.CONTACT_CLOSE_LOOP)(ack=ack_now, lazy=[buttons.close_loop])
    app.action(ids.CONTACT_REOPEN)(ack=ack_now, lazy=[buttons.reopen_loop])
    app.action(re.compile(rf"^{ids.CONTACT_PAST_FOLLOW_UP}:(drop|tomorrow)$"))(
        ack=ack_now, lazy=[buttons.past_follow_up]
    )
    app.action(ids.CONTACT_UNDO)(ack=ack_now, lazy=[fixes.undo])
    app.action(ids.CONTACT_HISTORY_UNDO)(ack=ack_now, lazy=[fixes.history_undo])
    app.action(ids.CONTACT_HISTORY_OPEN)(ack=ack_now, lazy=[fixes.history_opened])
    app.action(ids.CONTACT_FOLLOW_UP_ON)(ack=ack_now, lazy=[unplaced_buttons.answered])
    app.action(ids.CONTACT_NO_FOLLOW_UP)(ack=ack_now, lazy=[unplaced_buttons.answered])
    app.action(ids.CONTACT_EDIT)(ack=ack_now, lazy=[buttons.edit])
    app.action(re.compile(rf"^{ids.CONTACT_OPEN}(:.*)?$"))(
        ack=ack_now, lazy=[buttons.open_from_button]
    )
    app.action(re.compile(rf"^{ids.CONTACT_HISTORY_PAGE}:(older|newer)$"))(
        ack=ack_now, lazy=[fixes.history_pressed]
    )
    app.shortcut(ids.SHORTCUT_GLOBAL)(ack=ack_now, lazy=[shortcuts.global_shortcut])
    app.shortcut(ids.SHORTCUT_MESSAGE)(ack=ack_now, lazy=[shortcuts.message_shortcut])
    app.options(ids.CONTACT_PARTNER_PICK)(shortcuts.partner_typeahead)
    app.view(ids.VIEW_CONTACT)(ack=modals.submitted, lazy=[modals.saved_notice])
    app.event("message")(ack=ack_now, lazy=[events.direct_message])


def contact_home() -> HomeAdds:
    """The App Home's "Log a contact" button (it reads nothing)."""
    return HomeAdds(buttons=(log_contact_button(None, where="home", text="Log a contact"),))


FEATURE = Feature(
    name="contact_log",
    register=register,
    commands=("/contact",),
    shortcuts=(ids.SHORTCUT_MESSAGE, ids.SHORTCUT_GLOBAL),
    events=(events.DM_EVENT,),
    home_parts=(HomePart(lambda session, who: contact_home(), rank=10),),
)
