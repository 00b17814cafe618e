"""Partners: `/partner`, the partner card and its buttons, the add/edit/assign modals."""

from __future__ import annotations

import re

from slack_bolt import App

from handlers.common.feature import Feature, ack_now
from handlers.deps import Deps
from handlers.partners import buttons, ids, merging, modals
from handlers.partners.command import partner_command
from handlers.partners.digest_part import DIGEST_PART
from handlers.partners.home import HOME_PART


def register(app: App, deps: Deps) -> None:
    """Add the partner listeners to `app`."""
    app.command("/partner")(ack=ack_now, lazy=[partner_command])
    app.action(re.compile(rf"^{ids.PARTNER_SHOW}(:\d+)?$"))(
        ack=ack_now, lazy=[buttons.show_partner]
    )
    app.action(ids.PARTNER_UNARCHIVE)(ack=ack_now, lazy=[buttons.unarchive])
    app.action(re.compile(rf"^{ids.PARTNER_RESTORE}:\d+$"))(
        ack=ack_now, lazy=[buttons.restore_in_results]
    )
    app.action(re.compile(rf"^{ids.PARTNER_ARCHIVE}:(close|keep|cancel)$"))(
        ack=ack_now, lazy=[buttons.archive_choice]
    )
    app.action(ids.PARTNER_ADD_NAMED)(ack=ack_now, lazy=[buttons.add_named])
    app.action(ids.PARTNER_ADD_ANYWAY)(ack=ack_now, lazy=[buttons.add_anyway])
    app.action(re.compile(rf"^{ids.PARTNER_MERGE}:(confirm|cancel)$"))(
        ack=ack_now, lazy=[merging.merge_choice]
    )
    app.action(re.compile(rf"^{ids.PARTNER_DELETE}:(confirm|cancel)$"))(
        ack=ack_now, lazy=[merging.delete_choice]
    )
    app.action(ids.PARTNER_EDIT)(ack=ack_now, lazy=[buttons.edit_button])
    app.action(ids.PARTNER_ASSIGN)(ack=ack_now, lazy=[buttons.assign_button])
    for form in (ids.VIEW_PARTNER_ADD, ids.VIEW_PARTNER_EDIT):
        app.view(form)(ack=modals.submitted, lazy=[modals.saved_notice])
    app.view(ids.VIEW_PARTNER_ASSIGN)(ack=modals.assign_submitted, lazy=[modals.assigned_notice])


FEATURE = Feature(
    name="partners",
    register=register,
    commands=("/partner",),
    home_parts=(HOME_PART,),
    digest_parts=(DIGEST_PART,),
)
