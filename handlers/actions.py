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

# Follow-ups: every follow-up's actions block has block_id "fu:<id>:<origin>"
FOLLOW_UP_BLOCK = "fu"
FU_DONE = "fu_done"
FU_DONE_LOG = "fu_done_log"
FU_SNOOZE = "fu_snooze"
FU_REASSIGN = "fu_reassign"
VIEW_FU_SNOOZE_DATE = "fu_snooze_date_view"
ORIGIN_DIGEST = "digest"
ORIGIN_LIST = "list"
ORIGIN_CARD = "card"
ORIGIN_HOME = "home"

# App Home quick actions
HOME_ADD_PARTNER = "home_add_partner"

# Contact log modal
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
