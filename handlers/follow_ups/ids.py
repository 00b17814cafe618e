"""Action ids of follow-ups. Every follow-up's actions block has the block id
"fu:<id>:<origin>[:<scope>]" so a click knows where it happened."""

from __future__ import annotations

FOLLOW_UP_BLOCK = "fu"
FOLLOW_UP_TEXT = "fu_text"
FU_DONE = "fu_done"
FU_DONE_LOG = "fu_done_log"
FU_SNOOZE = "fu_snooze"
FU_SNOOZE_DATE = "fu_snooze_date"
FU_SNOOZE_CANCEL = "fu_snooze_cancel"
FU_REASSIGN = "fu_reassign"
FU_REOPEN = "fu_reopen"
FU_EDIT = "fu_edit"
VIEW_FU_EDIT = "fu_edit_view"
ORIGIN_DIGEST = "digest"
ORIGIN_LIST = "list"
ORIGIN_HOME = "home"
SCOPE_MINE = "mine"
SCOPE_TEAM = "all"
SCOPE_ONE = "one"
