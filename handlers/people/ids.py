"""Action and view ids of the people feature (business contacts, owners and backups, handoffs,
leavers, program leads)."""

from __future__ import annotations

CONTACT_ADD = "people_contact_add"
CONTACT_MENU = "people_contact_menu"
CONTACT_SUGGESTED = "people_contact_suggested"
HISTORY = "people_history"
HANDOFF_CONFIRM = "people_handoff_confirm"
HANDOFF_CANCEL = "people_handoff_cancel"
LEAVER_PICK = "people_leaver_pick"
LEAVER_HAND_OVER = "people_leaver_hand_over"
NEW_OWNER_PICK = "people_new_owner_pick"
VIEW_CONTACT = "people_contact_view"
