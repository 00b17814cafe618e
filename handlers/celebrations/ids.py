"""Action, block and view ids of the celebrations feature."""

from __future__ import annotations

POST = "cel_post"
"""Post spotlight (value "PROMPT:ROUND"): opens the spotlight form."""
LATER = "cel_later"
"""Not now (value "PROMPT:ROUND"): ask again in a week."""
THANKED = "cel_thanked"
"""Already thanked (value "PROMPT:ROUND")."""
TAKE = "cel_take"
"""I'll thank them, in the weekly nudge (value "w:PROMPT" or "p:PARTNER")."""
POST_ANYWAY = "cel_post_anyway"
"""Post anyway, under `/celebrate`'s may-name-a-student warning (value {"t": what was typed})."""
VIEW_SPOTLIGHT = "cel_spotlight_view"

PROMPT_BLOCK = "celp"
"""Block ids of a prompt's blocks: "celp:ID:WHERE" and "celp:ID:WHERE:act"."""
NUDGE_BLOCK = "celn"
"""Block id of a nudge item: "celn:w:PROMPT" or "celn:p:PARTNER"."""
IN_DM = "dm"
IN_DIGEST = "dg"
IN_HOME = "home"

TEXT = "text"
CHANNEL = "channel"
CONFIRM = "confirm"
"""The spotlight form's blocks: the thank-you, the channel, "post anyway"."""
