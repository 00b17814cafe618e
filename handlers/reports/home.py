""" "Team at a glance" on a program lead's App Home: this school year's headline numbers and a
button for the full report (posted to their DM, as `/partnerbot report` does)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from slack_bolt import BoltContext
from slack_sdk import WebClient
from sqlalchemy.orm import Session

from handlers.common.blocks import actions, button, section
from handlers.common.home_parts import HomeAdds, HomeFor, HomePart
from handlers.common.mrkdwn import day
from handlers.deps import Person
from handlers.people.sections import slack_admin
from handlers.reports.command import post_report
from storage.people.members import is_known_lead
from storage.report_values import ReportAsk
from storage.reports import Glance, team_glance, team_report

FULL_REPORT = "reports_full_report"
ONCE_WITHIN = timedelta(seconds=30)
"""A second press within this time (a double click) posts no second report."""


def glance_home(glance: Glance) -> HomeAdds:
    """*Team at a glance*: the year's headline numbers, and the full-report button."""
    boards = (
        f"\n🏛 {glance.boards_due} advisory board{'s' * (glance.boards_due != 1)} to see to "
        "(`/partnerbot board`)"
        if glance.boards_due
        else ""
    )
    text = (
        f"Since {day(glance.first_day)}: *{glance.happened}* engagements happened "
        f"({glance.planned} still planned) · *{glance.students}* students served\n"
        f"*{glance.partners}* partners ({glance.active} active) · {glance.going_cold} going "
        f"cold · *{glance.contacts}* contacts logged{boards}"
    )
    item = [
        section(text),
        actions([button("📊 Full report", FULL_REPORT, value="this year")]),
    ]
    return HomeAdds(summaries=(("*📊 Team at a glance*", [item]),))


def read(session: Session, who: HomeFor) -> HomeAdds:
    """For program leads only: the team's numbers."""
    if not is_known_lead(session, who.team_id, who.user_id):
        return HomeAdds()
    return glance_home(team_glance(session, who.team_id, today=who.today, now=who.now))


def full_report(body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    """Lazy: the Home's button: this school year's report to the person's DM (the team's for a
    lead, their own for anyone else); pressed twice within ONCE_WITHIN, once."""
    who = Person.of(body, client, context)
    local, tz = who.local_now()
    answer = team_report(
        who.deps.sessions,
        who.team_id,
        who.user_id,
        ReportAsk(),
        slack_admin=slack_admin(client, who.user_id),
        today=local.date(),
        tz=tz,
        now=who.deps.clock.now(),
        once_within=ONCE_WITHIN,
    )
    if answer.report is not None:
        post_report(client, who.user_id, answer.report)


HOME_PART = HomePart(read, rank=70)
