"""Spreadsheet import: `/partnerbot import` (a form with a file field), or a file sent to the
bot in a DM; a preview kept in the database (new, matching, nearly matching, with problems),
a choice per group, one transaction, and Undo. The console and the CLI read a path the same
way (`read_file`, `keep_preview` and the storage operations)."""

from __future__ import annotations

import re

from slack_bolt import App

from handlers.common.feature import Feature, Verb, ack_now
from handlers.deps import Deps
from handlers.imports import buttons, events, ids, modals
from handlers.imports.command import USAGE, import_verb
from handlers.imports.files import MAX_BYTES, Unreadable
from handlers.imports.intake import PeopleFor, keep_preview, read_file
from handlers.imports.people import slack_people
from handlers.imports.render import report
from handlers.imports.rows import People

__all__ = [
    "FEATURE",
    "MAX_BYTES",
    "People",
    "PeopleFor",
    "Unreadable",
    "keep_preview",
    "read_file",
    "report",
    "slack_people",
]


def register(app: App, deps: Deps) -> None:
    """Add the import listeners to `app` (the DM file listener before the contact log's)."""
    app.event({"type": events.MESSAGE, "subtype": events.FILE_SHARE})(
        ack=ack_now, lazy=[events.file_shared]
    )
    app.action(re.compile(rf"^{ids.CHOOSE}:\w+$"))(ack=ack_now, lazy=[buttons.chosen])
    app.action(ids.CONFIRM)(ack=ack_now, lazy=[buttons.confirm])
    app.action(ids.CANCEL)(ack=ack_now, lazy=[buttons.cancel])
    app.action(ids.UNDO)(ack=ack_now, lazy=[buttons.undo])
    app.action(ids.COLUMNS)(ack=ack_now, lazy=[buttons.columns])
    app.view(ids.VIEW_UPLOAD)(ack=modals.upload_submitted, lazy=[modals.upload_read])
    app.view(ids.VIEW_COLUMNS)(ack=modals.columns_submitted, lazy=[modals.columns_read])


FEATURE = Feature(
    name="imports",
    register=register,
    verbs=(Verb("/partnerbot", "import", import_verb, USAGE),),
)
