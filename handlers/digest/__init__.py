"""What the scheduler posts, composed from the sections features export: the morning digest,
the debrief DM, the celebration prompt and the weekly nudge. This module is its public face
(the scheduler imports these names from here); it registers no listeners (the buttons belong
to the features)."""

from handlers.digest.celebration_prompts import render_prompt
from handlers.digest.debrief import render_debrief
from handlers.digest.render import render_digest
from handlers.digest.weekly_nudge import render_nudge

__all__ = ["render_debrief", "render_digest", "render_nudge", "render_prompt"]
