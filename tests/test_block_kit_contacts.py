"""The contact log's answers and forms, and partner search with archived partners, render valid
Block Kit at their worst: names, summaries and notes at their longest stored length, full of
pings, markup and emoji, and as many items as are ever shown (tests/support/block_kit.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest

from handlers.common.mrkdwn import quote
from handlers.contact_log.history import render_history
from handlers.contact_log.render import (
    archived_partner,
    confirmation,
    day_question,
    no_partner,
    partner_options,
    past_follow_up_question,
    unknown_partner,
    which_partner,
)
from handlers.contact_log.sections import SUMMARY_LIMIT, contact_form
from handlers.engagements.sections import record_as_engagement
from handlers.partners.grammar import USAGE
from handlers.partners.render import (
    MAX_LIST_ROWS,
    assign_form,
    partner_form,
    render_archive_question,
    render_archived,
    render_choices,
    render_not_found,
    render_partner_card,
    render_partner_list,
)
from storage.contact_log import MAX_SUMMARY_LENGTH, LoggedContact
from storage.follow_ups import MAX_NOTE_LENGTH
from storage.models import FollowUpStatus, InteractionKind
from storage.partners.names import MAX_NAME_LENGTH
from storage.partners.records import MAX_FIELD_LENGTH
from storage.records import FollowUpView, InteractionView, PartnerProfile
from tests.support.block_kit import (
    FILLS,
    NOW,
    assert_options,
    assert_reply,
    assert_valid,
    assert_view,
    date_flags,
    hostile,
    partner_view,
)

TZ = ZoneInfo("America/Chicago")
TODAY = NOW.astimezone(TZ).date()
SLACK_INPUT_LIMIT = 3000  # the most a plain_text_input holds
SHORT_LINE = "Acme called Jane about internships"
Fill = Callable[[int], str]
fills = pytest.mark.parametrize("fill", FILLS)


def interaction(n: int, fill: Fill, *, user_id: str = "U1") -> InteractionView:
    return InteractionView(
        id=n, partner_id=n, partner_name=fill(MAX_NAME_LENGTH), user_id=user_id,
        kind=list(InteractionKind)[n % len(InteractionKind)], summary=fill(MAX_SUMMARY_LENGTH),
        occurred_at=NOW - timedelta(days=n), contact_name=fill(200),
        permalink=f"https://school.slack.com/archives/C0123456789/p17000000{n:08d}",
    )  # fmt: skip


def follow_up(n: int, fill: Fill, owner: str = "U2") -> FollowUpView:
    return FollowUpView(
        id=n, partner_id=n, partner_name=fill(MAX_NAME_LENGTH), owner_user_id=owner,
        note=fill(MAX_NOTE_LENGTH), due_date=TODAY + timedelta(days=3), due_time=None,
        status=FollowUpStatus.OPEN, closed_by=None, closed_at=None,
    )  # fmt: skip


# The contact log


@fills
@pytest.mark.parametrize("created", [True, False])
def test_contact_confirmation_with_everything(fill: Fill, created: bool) -> None:
    entry = interaction(1, fill)
    summary = f"met Bob Lee (HR), hosted 12 students for a job shadow {fill(MAX_SUMMARY_LENGTH)}"
    entry = replace(entry, summary=summary)
    logged = LoggedContact(entry, follow_up(2, fill), created)
    offer = record_as_engagement(entry.summary, entry.partner_id, TODAY)
    assert offer
    reply = confirmation(
        logged,
        "U1",
        [interaction(10 + i, fill, user_id="U3") for i in range(8)],
        NOW,
        tz=TZ,
        flags=[*date_flags(fill, TODAY + timedelta(days=3)), *offer],
        to_close=follow_up(3, fill, owner="U1"),
        closed=follow_up(4, fill, owner="U1"),
    )
    assert_reply(reply)
    assert len(reply["blocks"][-1]["elements"]) == 3  # Undo, Edit and the new person


@fills
def test_contact_confirmation_alone(fill: Fill) -> None:
    logged = LoggedContact(interaction(1, fill), None, True)
    assert_reply(confirmation(logged, "U1", [], NOW, tz=TZ))


@fills
@pytest.mark.parametrize("typed", ["short", "long"])
def test_which_partner_with_many_close_partners(fill: Fill, typed: str) -> None:
    line = SHORT_LINE if typed == "short" else fill(4000)
    candidates = [partner_view(i, fill) for i in range(30)]
    reply = which_partner(line, candidates, (0, 4))
    assert_reply(reply)
    buttons = [b for b in reply["blocks"] if b["type"] == "actions"]
    assert len(buttons) == (1 if typed == "short" else 0)


@fills
def test_unknown_and_no_partner(fill: Fill) -> None:
    for typed in (SHORT_LINE, fill(4000)):
        assert_reply(unknown_partner(fill(MAX_NAME_LENGTH), typed, (0, 4)))
        assert_reply(no_partner(typed))


@fills
@pytest.mark.parametrize("typed", ["short", "long"])
def test_archived_partner_offers_restore(fill: Fill, typed: str) -> None:
    line = SHORT_LINE if typed == "short" else fill(4000)
    assert_reply(archived_partner(partner_view(7, fill, archived=True), line))


@fills
@pytest.mark.parametrize("typed", ["short", "long"])
@pytest.mark.parametrize(
    ("asked", "vague"),
    [(TODAY + timedelta(days=40), False), (TODAY - timedelta(days=900), False), (TODAY, True)],
)
def test_day_questions(fill: Fill, typed: str, asked: date, vague: bool) -> None:
    line = SHORT_LINE if typed == "short" else fill(4000)
    assert_reply(day_question(partner_view(7, fill), line, asked, TODAY, vague=vague))
    for choice in (None, "said"):
        reply = past_follow_up_question(
            partner_view(7, fill), line, TODAY - timedelta(days=2), day_choice=choice
        )
        assert_reply(reply)


@fills
@pytest.mark.parametrize(("offset", "total"), [(0, 10), (0, 500), (490, 500)])
def test_history_page(fill: Fill, offset: int, total: int) -> None:
    entries = [interaction(i, fill) for i in range(10)]
    blocks = render_history(
        partner_view(7, fill), entries, offset=offset, total=total, page_size=10, tz=TZ
    )
    assert_valid(blocks)
    assert_valid(render_history(partner_view(7, fill), [], offset=0, total=0, page_size=10, tz=TZ))


@fills
@pytest.mark.parametrize("known", [True, False])
def test_contact_forms(fill: Fill, known: bool) -> None:
    partner = partner_view(2**31 - 1, fill) if known else None
    assert_view(
        contact_form(
            partner=partner,
            text=fill(MAX_SUMMARY_LENGTH),
            kind=InteractionKind.MEETING,
            happened_on=TODAY,
            follow_up_on=TODAY + timedelta(days=7),
            follow_up_note=fill(MAX_NOTE_LENGTH),
            meta={"edit": 2**31 - 1, "channel_id": "C0123456789"},
            title="Edit contact",
        )
    )
    shortcut_meta = {
        "permalink": "https://school.slack.com/archives/C0123456789/p1700000000123456",
        "author": "U2",
        "channel_id": "C0123456789",
        "source": "msg:C0123456789:1700000000.123456",
    }
    view = contact_form(
        partner=partner, text=fill(40_000), happened_on=TODAY, said_by="U2", meta=shortcut_meta
    )
    assert_view(view)
    assert len(view["blocks"][3]["element"]["initial_value"]) == SUMMARY_LIMIT


@fills
def test_partner_typeahead_options(fill: Fill) -> None:
    assert_options(partner_options([partner_view(2**31 - i, fill) for i in range(150)]))


# Partners


@fills
@pytest.mark.parametrize("archived", [True, False])
def test_find_results_with_archived_partners(fill: Fill, archived: bool) -> None:
    query = fill(4000)
    partners = [partner_view(i, fill, archived=bool(i % 2)) for i in range(MAX_LIST_ROWS + 10)]
    title = f"Partners matching “{quote(query, 100)}”" + (", archived too" if archived else "")
    blocks = render_partner_list(
        title,
        partners,
        "_Nothing close._",
        notes={p.id: "83 days since contact" for p in partners},
        total=900,
        search=query if archived else None,
    )
    assert_valid(blocks)
    restore = [b for b in blocks if b.get("accessory", {}).get("text", {}).get("text") == "Restore"]
    assert len(restore) == (MAX_LIST_ROWS // 2 if archived else 0)
    assert_valid(render_partner_list(title, [], "_Nothing close._", search=query))


@fills
def test_partner_answers(fill: Fill) -> None:
    query = fill(4000)
    partners = [partner_view(i, fill) for i in range(40)]
    assert_valid(render_choices(f"Which partner by “{quote(query, 200)}”?", partners, "pick"))
    assert_valid(render_not_found(query, USAGE))
    assert_valid(render_archive_question(partner_view(1, fill), 900))
    assert_valid(render_archived(partner_view(1, fill), " Its 900 follow-ups were closed."))


@fills
def test_archived_partner_card(fill: Fill) -> None:
    profile = PartnerProfile(
        partner_view(1, fill, archived=True),
        (),
        tuple(interaction(i, fill) for i in range(5)),
        tuple(follow_up(i, fill) for i in range(40)),
    )
    assert_valid(render_partner_card(profile, TZ))


@fills
def test_partner_forms(fill: Fill) -> None:
    # Every field as long as a Slack text field holds (3,000): the edit form opens with all
    # of it, and saving it unchanged is accepted.
    p = replace(
        partner_view(2**31 - 1, fill),
        pathways=(fill(MAX_FIELD_LENGTH),) * 14,
        notes=fill(SLACK_INPUT_LIMIT),
    )
    assert_view(partner_form(partner=p, channel_id="C0123456789"))
    assert_view(partner_form(name=fill(MAX_NAME_LENGTH), channel_id="C0123456789"))
    assert_view(assign_form(p))


def test_partner_form_with_every_field_at_its_stored_maximum() -> None:
    assert_view(partner_form(partner=partner_view(1, hostile)))
