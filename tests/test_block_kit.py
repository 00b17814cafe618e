"""The digest's Block Kit is built as plain dicts (no slack_sdk validation on the hot path):
samples of every builder it uses, at their worst (long hostile names, many items), must be what
slack_sdk's models accept and write back unchanged, within Slack's block and text limits."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from handlers.common.blocks import (
    actions,
    button,
    context,
    header,
    section,
    static_select,
    user_select,
)
from handlers.common.digest_parts import Digest
from handlers.compliance.sections import reminder_blocks
from handlers.digest.render import render_digest
from handlers.follow_ups.sections import digest_item, handed_to_you, home_item
from handlers.partners.sections import cold_blocks
from handlers.people.sections import unowned_blocks
from storage.compliance import DocumentView, Reminder
from storage.models import DocumentKind, FollowUpStatus, Stage
from storage.open_follow_ups import OwnerDue
from storage.partners.cadence import ColdPartner
from storage.records import FollowUpView, PartnerView
from storage.school_year import AwaySpan
from tests.support.block_kit import assert_valid, assert_view
from tests.support.digests import digest_of
from tests.support.home import render_home

TODAY = date(2026, 11, 23)
HOSTILE = "<!here> Acme & Sons <@U123> *bold* `code` " * 40  # far past every limit
NOTE = "call back about the <!channel> internship & the tour " * 200


def partner(n: int, *, name: str = HOSTILE, owner: str | None = "U0GONE") -> PartnerView:
    return PartnerView(
        id=n, team_id="T1", name=f"{n} {name}", stage=Stage.ACTIVE, industry=None, pathways=(),
        source=None, notes=None, owner_user_id=owner, cadence_days=None,
        last_contact_at=datetime(2026, 9, 1, tzinfo=UTC), last_thanked_at=None, archived=False,
    )  # fmt: skip


def follow_up(n: int, due: date) -> FollowUpView:
    return FollowUpView(
        id=n, partner_id=n, partner_name=f"{n} {HOSTILE}", owner_user_id="U1", note=NOTE,
        due_date=due, due_time=None, status=FollowUpStatus.OPEN, closed_by=None, closed_at=None,
    )  # fmt: skip


def cold(n: int) -> ColdPartner:
    return ColdPartner(
        partner(n), cadence_days=45, days_since_contact=83, never_contacted=bool(n % 2)
    )


def reminder(n: int) -> Reminder:
    doc = DocumentView(
        id=n, partner_id=n, partner_name=f"{n} {HOSTILE}", owner_user_id="U1",
        kind=DocumentKind.BACKGROUND_CHECK, label=HOSTILE, contact_name=HOSTILE,
        business_contact_id=None, expires_on=TODAY + timedelta(days=n % 40 - 5),
        link="https://district.example.org/files/" + "x" * 3000,
    )  # fmt: skip
    return Reminder(doc, 30 if n % 2 else 7)


def digest(n: int, *, away: bool = True) -> Digest:
    overdue = tuple(follow_up(i, TODAY - timedelta(days=1 + i % 20)) for i in range(n))
    today = tuple(follow_up(1000 + i, TODAY) for i in range(n))
    return digest_of(
        TODAY,
        AwaySpan(TODAY - timedelta(days=9), TODAY - timedelta(days=1), (HOSTILE,) * 4)
        if away
        else None,
        follow_ups=OwnerDue(overdue + today, n * 3, n * 3 + n) if n else None,
        going_cold=tuple(cold(i) for i in range(n)),
        needs_owner=tuple(partner(i) for i in range(n)),
        documents=[reminder(i) for i in range(n)],
    )


def test_each_builder_sample_is_valid_block_kit() -> None:
    assert_valid(digest_item(follow_up(7, TODAY - timedelta(days=3)), TODAY))
    assert_valid(home_item(follow_up(8, TODAY), TODAY))
    assert_valid(handed_to_you(follow_up(9, TODAY), TODAY, "U2")[1])
    assert_valid(cold_blocks(cold(1)))
    assert_valid(cold_blocks(cold(2)))
    assert_valid(unowned_blocks([partner(i) for i in range(30)], {"U0GONE"}))
    assert_valid(unowned_blocks([partner(1, owner=None)], set()))
    assert_valid(reminder_blocks(reminder(3), TODAY))
    assert_valid(reminder_blocks(reminder(8), TODAY))


def test_the_plain_builders_write_what_the_models_write() -> None:
    assert_valid(
        [
            header("Good morning — Mon Nov 23"),
            context("a line"),
            section("text", block_id="b1", accessory=button("Go", "a1", value="1")),
            section("text", accessory=user_select("a2", "Who?")),
            actions(
                [
                    button("Done", "a3", style="primary"),
                    static_select("a4", "Snooze…", [("Tomorrow", "1d"), ("Next week", "7d")]),
                ],
                block_id="b2",
            ),
        ]
    )


@pytest.mark.parametrize("items", [1, 3, 60])
@pytest.mark.parametrize("away", [True, False])
def test_whole_digest_is_valid_and_within_fifty_blocks(items: int, away: bool) -> None:
    text, blocks = render_digest(digest(items, away=away))
    assert_valid(blocks)
    assert text.startswith("partnerbot: ")
    if items == 60:  # more than fits: the closing line says how many are left out
        assert blocks[-1]["type"] == "context"
        assert "more" in blocks[-1]["elements"][0]["text"]


def test_home_with_everything_is_a_valid_view_within_a_hundred_blocks() -> None:
    many = [follow_up(i, TODAY - timedelta(days=1)) for i in range(80)]
    home = render_home(
        today=TODAY,
        overdue=many,
        due_today=many,
        upcoming=many,
        cold=[cold(i) for i in range(40)],
        unowned=[partner(i) for i in range(40)],
    )
    assert_view(home)
