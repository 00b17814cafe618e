"""Action, view and block ids shared by rendering and listeners."""

from __future__ import annotations

# Partners
PARTNER_SHOW = "partner_show"
PARTNER_EDIT = "partner_edit"
PARTNER_ASSIGN = "partner_assign"
PARTNER_UNARCHIVE = "partner_unarchive"
PARTNER_ADD_NAMED = "partner_add_named"
VIEW_PARTNER_ADD = "partner_add_view"
VIEW_PARTNER_EDIT = "partner_edit_view"
VIEW_PARTNER_ASSIGN = "partner_assign_view"

# Contact log
CONTACT_OPEN = "contact_open"
