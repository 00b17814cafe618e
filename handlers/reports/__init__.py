"""Reports for program leads (and anyone, their own): `/partnerbot report [this year | this
term | since DATE] [pathway X] [all counts]` — numbers, charts, a one-page PDF and the
needs-assessment evidence — and the "Team at a glance" part of leads' App Home."""

from __future__ import annotations

from slack_bolt import App

from handlers.common.feature import Feature, Verb, ack_now
from handlers.deps import Deps
from handlers.reports import home
from handlers.reports.command import report_verb


def register(app: App, deps: Deps) -> None:
    """The Home's full-report button (the report itself is a verb of /partnerbot)."""
    app.action(home.FULL_REPORT)(ack=ack_now, lazy=[home.full_report])


FEATURE = Feature(
    name="reports",
    register=register,
    verbs=(
        Verb(
            "/partnerbot",
            "report",
            report_verb,
            "• `/partnerbot report` — this school year's numbers, charts and a PDF; "
            "`report this term`, `report since Sep 1`, `report pathway Welding`",
        ),
    ),
    home_parts=(home.HOME_PART,),
)
