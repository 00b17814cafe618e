"""Reports and advisory boards render valid Block Kit at their worst: pathway, partner,
industry, staff and member names at their longest, full of pings, markup and emoji, and as many
rows as are ever shown. Each sample must parse into slack_sdk's models and write back unchanged,
within Slack's block and text limits, and ping nobody (tests/support/block_kit.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest

from handlers.boards.render import attention_line, card_blocks, list_blocks
from handlers.common.blocks import section
from handlers.reports.charts import all_series
from handlers.reports.home import glance_home
from handlers.reports.render import report_blocks
from storage.boards import BoardCard, Meeting, Member, Rule
from storage.report_periods import Period
from storage.report_values import (
    EngagementNumbers,
    Evidence,
    PartnerNumbers,
    PathwayRow,
    Report,
    StaffRow,
)
from storage.reports import Glance
from tests.support.block_kit import FILLS, assert_message, assert_valid

Fill = Callable[[int], str]
TODAY = date(2026, 11, 23)
PERIOD = Period(date(2025, 8, 1), TODAY, date(2026, 7, 31), "since")


def board(fill: Fill, members: int = 40) -> BoardCard:
    seated = tuple(Member(n, fill(200), fill(200), fill(200), fill(200)) for n in range(members))
    meetings = tuple(
        Meeting(TODAY - timedelta(days=n), "https://docs.example.org/" + "m" * 1900, seated, None)
        for n in range(12)
    )
    return BoardCard(
        1,
        fill(100),
        tuple(fill(100) for _ in range(10)),
        seated,
        meetings,
        Rule(50, 50, set=False),
        date(2026, 8, 1),
        date(2027, 7, 31),
        TODAY,
    )


def report(fill: Fill) -> Report:
    months = len(PERIOD.months)
    return Report(
        period=PERIOD,
        pathway=fill(100),
        team_wide=True,
        all_counts=False,
        engagements=EngagementNumbers(
            by_kind=tuple((fill(40), tuple(range(months))) for _ in range(10)),
            by_pathway=tuple(PathwayRow(fill(100), n, n or None) for n in range(40)),
            happened=2000,
            planned=300,
            cancelled=20,
            students=None,
            planned_students=12000,
        ),
        partners=PartnerNumbers(
            by_stage=(("prospect", 1), ("active", 300)),
            by_industry=tuple((fill(200), n) for n in range(60)),
            new=30,
            going_cold=40,
            not_thanked=12,
        ),
        by_staff=tuple(StaffRow(f"U{n:05d}", tuple(range(months)), n % 2 == 0) for n in range(40)),
        on_time=10,
        late=3,
        evidence=tuple(Evidence(fill(200), fill(200), TODAY, "call", "U1") for _ in range(5)),
        boards=tuple(board(fill, 3) for _ in range(30)),
    )


@pytest.mark.parametrize("fill", FILLS)
def test_the_report_message_with_its_charts(fill: Fill) -> None:
    got = report(fill)
    names = {f"U{n:05d}": fill(60) for n in range(40)}
    charts = [(f"F{n:08d}", series) for n, series in enumerate(all_series(got, names))]
    text, blocks = report_blocks(got, names, charts, "📎 The files are here.")
    assert_message(text, blocks)
    assert sum(b["type"] == "image" for b in blocks) == 4


@pytest.mark.parametrize("fill", FILLS)
def test_a_board_card_and_the_boards_list(fill: Fill) -> None:
    assert_valid(card_blocks(board(fill), fill(300)))
    assert_valid(list_blocks([board(fill, 3) for _ in range(60)]))
    assert_valid([section(attention_line(board(fill)))])


def test_team_at_a_glance() -> None:
    adds = glance_home(Glance(date(2026, 8, 17), 2000, 300, 30000, 300, 120, 40, 20000, 8))
    [(_, [item])] = adds.summaries
    assert_valid(list(item))  # type: ignore[arg-type]
