"""Text for `/partnerbot`: the overview and the team's stay-in-touch table. Pure."""

from __future__ import annotations

from collections.abc import Mapping

from handlers.common.labels import stage_label
from storage.celebration_nudges import Nudge
from storage.models import Stage
from storage.partners.cadence import StageCadence

OVERVIEW = """*partnerbot* keeps your industry partnerships warm.
• `/partner add Acme Health` · `/partner Acme` · `/partner list mine` · `/partner help`
• `/contact Acme called Jane about summer internships, follow up next tue`
• `/followup` — what you owe partners; `/followup Acme fri send the thank-you letter`
• `/engage Acme job shadow Dec 9, 12 students` — student counts, never names · `/engage list`
• `/celebrate Acme hosted 12 students for job shadow day` · `/celebrate year`
• `/partnerbot digest 7:30` — when your morning digest arrives (`off` to stop it)
• `/partnerbot cadence` — how often each stage should hear from us (`cadence active 60d`)
• `/partnerbot nudge friday 13:00` — when the weekly celebration nudge goes out (`off` to stop)
• Message shortcut *Log partner contact* on any message, or DM partnerbot a contact line; your
  *Home* tab lists what is due."""


def stage_cadence_text(title: str, cadences: Mapping[Stage, StageCadence]) -> str:
    """The title, then a line per stage: "• ⭐ active: every 45 days (default)"."""
    lines = [title]
    for stage, cadence in cadences.items():
        default = " (default)" if cadence.default else ""
        lines.append(f"• {stage_label(stage)}: every {cadence.days} days{default}")
    return "\n".join(lines)


DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def nudge_text(nudge: Nudge) -> str:
    """Where the weekly nudge stands: "🎉 The weekly nudge goes to #x on Fridays at 13:00 …"."""
    if not nudge.enabled:
        return "🔕 The weekly celebration nudge is off. `/partnerbot nudge on` brings it back."
    zone = f" ({nudge.timezone})" if nudge.timezone else ""
    when = f"{DAY_NAMES[nudge.weekday]}s at *{nudge.at:%H:%M}*{zone}"
    if nudge.channel is None:
        return (
            f"🎉 The weekly celebration nudge is set for {when}, and starts once a celebration "
            "channel is chosen: `/celebrate channel #partner-wins`."
        )
    return (
        f"🎉 The weekly celebration nudge goes to <#{nudge.channel}> on {when} (the next "
        "school day that week when it is a day off): this week's wins and partners nobody "
        "thanked lately."
    )
