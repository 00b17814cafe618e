"""Engagements, debriefs and celebrations render valid Block Kit at their worst: names and notes
at their longest stored length, full of pings, markup and emoji, and as many items as are ever
shown. Each sample must parse into slack_sdk's models and write back unchanged, within Slack's
block and text limits, and ping nobody (tests/support/block_kit.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest

from handlers.celebrations.render import (
    default_story,
    later_line,
    may_name_a_student,
    posted_line,
    prompt_blocks,
    render_prompt,
    settled_line,
    spotlight,
    spotlight_form,
    state_blocks,
    thanked_line,
)
from handlers.celebrations.report import render_report
from handlers.celebrations.sections import IN_DIGEST, IN_HOME, prompt_lines
from handlers.celebrations.weekly_nudge import render_nudge
from handlers.common.mrkdwn import quote
from handlers.digest.render import render_digest
from handlers.engagements.render import (
    card_blocks,
    check_warning,
    confirmation,
    debrief_answered,
    debrief_form,
    engage_form,
    list_blocks,
)
from handlers.engagements.render import debrief_request as render_debrief
from handlers.engagements.sections import record_as_engagement
from storage.celebration_nudges import NudgeContent
from storage.celebrations import MAX_HEADLINE, PromptView
from storage.debriefs import MAX_ANSWER
from storage.engagements import LIST_LIMIT, MAX_LABEL, MAX_PATHWAY, MAX_STUDENTS, EngagementView
from storage.models import DebriefOutcome, EngagementKind, PromptStatus
from storage.partners.names import MAX_NAME_LENGTH
from storage.recognition import PartnerYear, YearReport
from storage.records import ContactPersonView
from tests.support.block_kit import (
    FILLS,
    NOW,
    assert_message,
    assert_valid,
    assert_view,
    date_flags,
    partner_view,
)
from tests.support.digests import digest_of
from tests.support.home import render_home

TODAY = date(2026, 11, 23)
Fill = Callable[[int], str]
fills = pytest.mark.parametrize("fill", FILLS)


def engagement(n: int, fill: Fill, *, debriefed: bool = True, ended: bool = True) -> EngagementView:
    kinds = list(EngagementKind)
    starts = TODAY - timedelta(days=30) if ended else TODAY + timedelta(days=3)
    return EngagementView(
        id=n, partner_id=n, partner_name=fill(MAX_NAME_LENGTH), kind=kinds[n % len(kinds)],
        label=fill(MAX_LABEL), starts_on=starts, ends_on=starts + timedelta(days=20),
        student_count=MAX_STUDENTS, owner_user_id="U1", contact_name=fill(200),
        pathway=fill(MAX_PATHWAY),
        debrief_outcome=DebriefOutcome.PROBLEMS if debriefed else None,
        students_came=MAX_STUDENTS if debriefed else None,
        partner_feedback=fill(MAX_ANSWER) if debriefed else None,
        to_change=fill(MAX_ANSWER) if debriefed else None,
        debriefed_by="U1" if debriefed else None, debrief_follow_up_id=None,
    )  # fmt: skip


def prompt(n: int, fill: Fill, *, resolved_by: str | None = None) -> PromptView:
    return PromptView(
        id=n, team_id="T1", partner_id=n, partner_name=fill(MAX_NAME_LENGTH), owner_user_id="U1",
        headline=fill(MAX_HEADLINE), happened_on=TODAY - timedelta(days=2),
        status=PromptStatus.OPEN if resolved_by is None else PromptStatus.POSTED, round=1,
        asked_round=1, ask_after=NOW + timedelta(days=7), resolved_by=resolved_by,
    )  # fmt: skip


# Engagements and debriefs


@fills
@pytest.mark.parametrize("created", [True, False])
@pytest.mark.parametrize("ended", [True, False])
def test_engagement_confirmation(fill: Fill, created: bool, ended: bool) -> None:
    e = engagement(1, fill, debriefed=ended, ended=ended)
    assert_valid(confirmation(e, created, TODAY, [check_warning(e)], date_flags(fill, TODAY)))


@fills
def test_engagement_list_of_the_most_shown(fill: Fill) -> None:
    views = [engagement(i, fill, debriefed=bool(i % 2)) for i in range(LIST_LIMIT)]
    blocks = list_blocks(f"*Engagements of {quote(fill(200), 100)}* (900)", views, 900, TODAY)
    assert_valid(blocks)
    assert blocks[-1]["elements"][0]["text"] == f"… and {900 - LIST_LIMIT} more"
    assert_valid(list_blocks("*Upcoming engagements* (0)", [], 0, TODAY))


@fills
def test_engagements_on_the_card(fill: Fill) -> None:
    views = [engagement(i, fill, debriefed=bool(i % 2)) for i in range(5)]
    assert_valid(card_blocks(7, views, 300, TODAY))
    assert_valid(card_blocks(7, [], 0, TODAY))


@fills
def test_debrief_dm_and_its_answer(fill: Fill) -> None:
    for e in (engagement(3, fill, debriefed=False), engagement(4, fill, ended=False)):
        assert_message(*render_debrief(e))
    assert_message(*debrief_answered(engagement(5, fill)))


@fills
def test_record_as_engagement_under_a_contact(fill: Fill) -> None:
    blocks = record_as_engagement(
        f"hosted {MAX_STUDENTS} students for a job shadow {fill(3000)}", 2**31 - 1, TODAY
    )
    assert blocks
    assert_valid(blocks)


@fills
@pytest.mark.parametrize("known", [True, False])
def test_engagement_form(fill: Fill, known: bool) -> None:
    hosts = [
        ContactPersonView(i, fill(200), fill(200), None, None, i == 0, False) for i in range(150)
    ]
    view = engage_form(
        partner=partner_view(2**31 - 1, fill) if known else None,
        contacts=hosts if known else [],
        owner="U1",
        today=TODAY,
        meta={"channel_id": "C0123456789", "partner": 2**31 - 1 if known else None},
        kind=EngagementKind.MOCK_INTERVIEWS,
        students_count=MAX_STUDENTS,
    )
    assert_view(view)


@fills
@pytest.mark.parametrize("outcome", [None, *DebriefOutcome])
def test_debrief_form(fill: Fill, outcome: DebriefOutcome | None) -> None:
    meta = {"e": 2**31 - 1, "c": "C0123456789", "ts": "1700000000.123456"}
    assert_view(debrief_form(engagement(9, fill), outcome, meta))
    assert_view(debrief_form(engagement(9, fill, debriefed=False), outcome, meta))


# Celebrations


@fills
@pytest.mark.parametrize("channel", ["C0123456789", None])
def test_celebration_prompt_dm_and_what_becomes_of_it(fill: Fill, channel: str | None) -> None:
    p = prompt(1, fill)
    assert_message(*render_prompt(p, channel))
    lines = [
        posted_line(p, channel, "U2"),
        thanked_line(p, "U2", TODAY),
        later_line(p, TODAY),
        settled_line(p, TODAY),
        settled_line(prompt(1, fill, resolved_by="U2"), TODAY),
    ]
    for line in lines:
        assert_valid(state_blocks(p, line, IN_HOME))
    assert_valid(prompt_blocks(p, channel, IN_HOME))


@fills
@pytest.mark.parametrize("where", [IN_DIGEST, IN_HOME])
def test_celebrations_to_post_lines(fill: Fill, where: str) -> None:
    blocks, left_out = prompt_lines([prompt(i, fill) for i in range(80)], where, 50)
    assert_valid(blocks)
    assert left_out == 80 - (len(blocks) - 1)


@fills
def test_public_spotlight(fill: Fill) -> None:
    assert_message(*spotlight(partner_view(1, fill), fill(2500), "U2"))


@fills
@pytest.mark.parametrize("length", [40, 1900, 4000])
def test_celebrate_warning_that_it_may_name_a_student(fill: Fill, length: int) -> None:
    reply = may_name_a_student(fill(length), [fill(MAX_NAME_LENGTH)] * 10)
    assert_message(reply["text"], reply["blocks"])
    assert len(reply["blocks"]) == (2 if length < 2000 else 1)  # "Post anyway" when it fits


@pytest.mark.parametrize("length", [40, 999, 1000, 1900])
def test_celebrate_warning_carries_quotes_and_backslashes_only_when_they_fit(length: int) -> None:
    reply = may_name_a_student(('"\\' * length)[:length], ["Gus"])
    assert_message(reply["text"], reply["blocks"])
    assert len(reply["blocks"]) == (2 if length < 999 else 1)


@fills
@pytest.mark.parametrize("warned", [False, True])
def test_spotlight_form(fill: Fill, warned: bool) -> None:
    p = prompt(2**31 - 1, fill)
    meta = {"p": p.id, "w": IN_HOME, "c": "C0123456789", "t": "1700000000.123456"}
    for story in (default_story(p), fill(5000)):
        view = spotlight_form(
            p,
            story=story,
            channel="C0123456789",
            meta={**meta, "warned": 1} if warned else meta,
            warning=[fill(200)] * 40 if warned else None,
        )
        assert_view(view)


@fills
def test_weekly_nudge_with_the_most_items(fill: Fill) -> None:
    content = NudgeContent(
        wins=tuple(prompt(i, fill) for i in range(60)),
        wins_total=500,
        unthanked=tuple(partner_view(i, fill) for i in range(60)),
        unthanked_total=700,
    )
    assert_message(*render_nudge(content, TODAY))


@fills
def test_year_end_report_message(fill: Fill) -> None:
    kinds = tuple((kind.value.replace("_", " "), 9) for kind in EngagementKind)
    partners = tuple(
        PartnerYear(i, fill(MAX_NAME_LENGTH), 90, kinds, MAX_STUDENTS * 90, 40, NOW)
        for i in range(300)
    )
    note = "📎 The CSV (`partner-recognition-2026-08-01-to-2026-11-23.csv`) is in your DM."
    text, blocks = render_report(YearReport(date(2026, 8, 1), TODAY, partners), note)
    assert_message(text, blocks)
    assert "… and 254 more" in blocks[-2]["elements"][0]["text"]
    assert_message(*render_report(YearReport(date(2026, 8, 1), TODAY, ()), note))


# Where they show up together


@fills
def test_digest_with_celebrations_stays_within_fifty_blocks(fill: Fill) -> None:
    digest = digest_of(TODAY, celebrations=[prompt(i, fill) for i in range(80)])
    assert_message(*render_digest(digest))


@fills
def test_home_with_engagements_and_celebrations(fill: Fill) -> None:
    home = render_home(
        today=TODAY,
        overdue=[],
        due_today=[],
        upcoming=[],
        cold=[],
        engagements=[engagement(i, fill, debriefed=False) for i in range(20)]
        + [engagement(100 + i, fill, ended=False) for i in range(200)],
        celebrations=[prompt(i, fill) for i in range(40)],
    )
    assert_view(home)
