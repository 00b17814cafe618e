"""Action, view and shortcut ids of the contact log."""

from __future__ import annotations

CONTACT_OPEN = "contact_open"
VIEW_CONTACT = "contact_view"
CONTACT_PARTNER_PICK = "contact_partner_pick"
SHORTCUT_MESSAGE = "log_partner_contact"
SHORTCUT_GLOBAL = "log_partner_contact_global"
CONTACT_UNDO = "contact_undo"
CONTACT_EDIT = "contact_edit"
CONTACT_PICK = "contact_pick"
CONTACT_ADD_AND_LOG = "contact_add_and_log"
CONTACT_PAST_FOLLOW_UP = "contact_past_follow_up"
CONTACT_HISTORY_PAGE = "contact_history_page"
CONTACT_RESTORE_AND_LOG = "contact_restore_and_log"
CONTACT_DAY = "contact_day"
CONTACT_CLOSE_LOOP = "contact_close_loop"
