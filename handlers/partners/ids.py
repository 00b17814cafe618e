"""Action and view ids of the partners feature."""

from __future__ import annotations

PARTNER_SHOW = "partner_show"
PARTNER_EDIT = "partner_edit"
PARTNER_ASSIGN = "partner_assign"
PARTNER_UNARCHIVE = "partner_unarchive"
PARTNER_RESTORE = "partner_restore"  # + ":<id>", in search results that include archived ones
PARTNER_ARCHIVE = "partner_archive"
PARTNER_ADD_NAMED = "partner_add_named"
VIEW_PARTNER_ADD = "partner_add_view"
VIEW_PARTNER_EDIT = "partner_edit_view"
VIEW_PARTNER_ASSIGN = "partner_assign_view"
PARTNER_ADD_ANYWAY = "partner_add_anyway"  # value: the fields typed, as JSON
PARTNER_MERGE = "partner_merge"  # + ":confirm" (value: ids and counts, as JSON) or ":cancel"
PARTNER_DELETE = "partner_delete"  # + ":confirm" (value: the partner's id) or ":cancel"
ANYWAY = "anyway"  # the add form's "add anyway" box
