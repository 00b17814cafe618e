"""Done / Snooze / Reassign through the real app: the record changes and the message updates."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time
from typing import Any

import pytest
from sqlalchemy import select

from storage.models import FollowUp, FollowUpStatus
from tests.support import records
from tests.support.slackapp import JUAN, MARIA, TEAM_ID, Bot, find_element

MONDAY = date(2026, 11, 23)  # the clock fixture: Mon 2026-11-23 08:00 in Chicago


def setup(bot: Bot) -> tuple[int, int, int]:
    acme = records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    overdue = records.follow_up(
        bot.deps.sessions, TEAM_ID, acme, MARIA, date(2026, 11, 20), "send the MOU draft"
    )
    today = records.follow_up(
        bot.deps.sessions, TEAM_ID, acme, MARIA, MONDAY, "call Jane about job shadow day"
    )
    return acme, overdue, today


def test_followup_lists_mine_by_when(bot: Bot) -> None:
    _, _, _ = setup(bot)
    reply = bot.command("/followup", "")
    text = reply.text
    assert reply.body["response_type"] == "ephemeral"
    assert text.index("Overdue") < text.index("send the MOU draft") < text.index("Today")
    assert text.index("Today") < text.index("call Jane about job shadow day")
    assert "*overdue* 3 days" in text
    assert "Nothing due" in bot.command("/followup", "", user_id=JUAN).text
    assert "send the MOU draft" in bot.command("/followup", f"<@{MARIA}|maria>", user_id=JUAN).text
    assert f"<@{MARIA}>" in bot.command("/followup", "all", user_id=JUAN).text


def test_done_changes_the_record_and_updates_the_message(bot: Bot) -> None:
    _, overdue, _ = setup(bot)
    listing = bot.command("/followup", "")
    update = bot.press(listing.body["blocks"], "fu_done", value=str(overdue))
    row = records.follow_up_row(bot.deps.sessions, overdue)
    assert row.status is FollowUpStatus.DONE
    assert row.closed_by == MARIA
    assert row.closed_at == bot.clock.now()
    assert update.body["replace_original"] is True
    before, after = visible(listing.body["blocks"]), visible(update.body["blocks"])
    item = [
        i
        for i, b in enumerate(listing.body["blocks"])
        if b.get("block_id", "").startswith(f"fu:{overdue}:")
    ]
    # Only the item pressed changed: its text and buttons became a "Done by" line, with
    # Reopen, in place.
    assert after[: item[0] - 1] == before[: item[0] - 1]
    assert "Done by <@U0MARIA>" in json.dumps(after[item[0] - 1])
    assert [e["text"]["text"] for e in after[item[0]]["elements"]] == ["Reopen"]
    assert after[item[0] + 1 :] == before[item[0] + 1 :]
    assert [c.body["user_id"] for c in bot.slack.calls_to("views.publish")] == [MARIA]


def test_stale_click_is_refused_politely(bot: Bot) -> None:
    _, overdue, _ = setup(bot)
    records.leads(bot.deps.sessions, TEAM_ID, JUAN)  # a lead may close anyone's follow-up
    listing = bot.command("/followup", "")
    bot.press(listing.body["blocks"], "fu_done", value=str(overdue), user_id=JUAN)
    bot.slack.clear()
    bot.clock.advance(__import__("datetime").timedelta(minutes=5))
    bot.press(listing.body["blocks"], "fu_done", value=str(overdue))
    row = records.follow_up_row(bot.deps.sessions, overdue)
    assert row.closed_by == JUAN  # unchanged by Maria's late click
    notices = [
        c.body for c in bot.slack.calls_to("response_url") if not c.body.get("replace_original")
    ]
    assert any(
        f"Already done by <@{JUAN}> on Mon Nov 23 at 08:00" in json.dumps(n) for n in notices
    )


def press_as(
    bot: Bot,
    blocks: list[dict[str, Any]],
    action: str,
    follow_up_id: int,
    value: str | None,
    *,
    user_id: str,
) -> Any:
    """Press `action` on the follow-up's item as `user_id` (a snooze choice or a user picked
    is `value`)."""
    if action == "fu_snooze":
        return bot.press(
            blocks, action, user_id=user_id, selected_option={"value": f"{value}:{follow_up_id}"}
        )
    if action == "fu_reassign":
        return bot.press(blocks, action, user_id=user_id, selected_user=value)
    return bot.press(blocks, action, user_id=user_id, value=str(follow_up_id))


@pytest.mark.parametrize(
    ("action", "value"),
    [
        ("fu_done", None),
        ("fu_done_log", None),
        ("fu_snooze", "1d"),
        ("fu_reassign", JUAN),
    ],
)
def test_a_colleague_who_is_neither_owner_nor_lead_cannot_press_its_buttons(
    bot: Bot, action: str, value: str | None
) -> None:
    _, overdue, _ = setup(bot)
    records.leads(bot.deps.sessions, TEAM_ID, MARIA)
    before = records.follow_up_row(bot.deps.sessions, overdue)
    listing = bot.command("/followup", "")
    bot.slack.clear()
    pressed = press_as(bot, listing.body["blocks"], action, overdue, value, user_id=JUAN)
    after = records.follow_up_row(bot.deps.sessions, overdue)
    assert (after.status, after.due_date, after.owner_user_id, after.closed_by) == (
        before.status,
        before.due_date,
        before.owner_user_id,
        before.closed_by,
    )
    said = json.dumps([c.body for c in bot.slack.calls_to("response_url")])
    assert "Only <@U0MARIA>" in said, pressed
    assert "Nothing was changed" in said
    assert not any(c.body.get("replace_original") for c in bot.slack.calls_to("response_url"))
    assert bot.slack.calls_to("views.open") == []


def test_snooze_choices(bot: Bot) -> None:
    _, overdue, today = setup(bot)
    listing = bot.command("/followup", "")
    bot.press(listing.body["blocks"], "fu_snooze", selected_option={"value": f"7d:{overdue}"})
    assert records.follow_up_row(bot.deps.sessions, overdue).due_date == date(2026, 11, 30)
    snoozed = bot.press(
        listing.body["blocks"], "fu_snooze", selected_option={"value": f"1m:{today}"}
    )
    row = records.follow_up_row(bot.deps.sessions, today)
    assert row.due_date == date(2026, 12, 23)
    assert row.status is FollowUpStatus.OPEN
    assert "Snoozed to Wed Dec 23" in snoozed.text


def test_snooze_pick_a_date(bot: Bot) -> None:
    _, overdue, _ = setup(bot)
    listing = bot.command("/followup", "")
    picking = bot.press(
        listing.body["blocks"], "fu_snooze", selected_option={"value": f"pick:{overdue}"}
    )
    assert bot.opened_views() == []
    assert picking.body["replace_original"] is True
    picker = [
        b for b in picking.body["blocks"] if b.get("block_id", "").startswith(f"fu:{overdue}:")
    ]
    assert [e["type"] for e in picker[0]["elements"]] == ["datepicker", "button"]
    past = bot.press(picking.body["blocks"], "fu_snooze_date", selected_date="2026-11-01")
    assert "after today. Nothing changed." in past.text
    assert records.follow_up_row(bot.deps.sessions, overdue).due_date == date(2026, 11, 20)
    done = bot.press(picking.body["blocks"], "fu_snooze_date", selected_date="2026-12-07")
    assert records.follow_up_row(bot.deps.sessions, overdue).due_date == date(2026, 12, 7)
    assert "Snoozed to Mon Dec 7" in done.text


def test_cancel_picking_a_date_brings_the_buttons_back(bot: Bot) -> None:
    _, overdue, _ = setup(bot)
    listing = bot.command("/followup", "")
    picking = bot.press(
        listing.body["blocks"], "fu_snooze", selected_option={"value": f"pick:{overdue}"}
    )
    back = bot.press(picking.body["blocks"], "fu_snooze_cancel", value=str(overdue))
    assert back.body["blocks"] == listing.body["blocks"]
    assert records.follow_up_row(bot.deps.sessions, overdue).due_date == date(2026, 11, 20)


def test_reassign_tells_the_new_owner(bot: Bot) -> None:
    _, overdue, _ = setup(bot)
    listing = bot.command("/followup", "")
    bot.press(listing.body["blocks"], "fu_reassign", selected_user=JUAN)
    assert records.follow_up_row(bot.deps.sessions, overdue).owner_user_id == JUAN
    [dm] = bot.slack.calls_to("chat.postMessage")
    assert dm.body["channel"] == JUAN
    assert "handed you a follow-up" in json.dumps(dm.body)
    assert {c.body["user_id"] for c in bot.slack.calls_to("views.publish")} == {MARIA, JUAN}


def test_app_home_shows_my_follow_ups(bot: Bot) -> None:
    setup(bot)
    view = bot.open_home(MARIA)
    home = json.dumps(view)
    assert view["type"] == "home"
    assert "send the MOU draft" in home
    assert "call Jane about job shadow day" in home
    assert "Add a partner" in home


def test_digest_time_setting(bot: Bot) -> None:
    from storage.models import Staff

    assert "07:30" in bot.command("/partnerbot", "digest 7:30").text
    assert "is off" in bot.command("/partnerbot", "digest off").text
    bad = bot.command("/partnerbot", "digest 25:00")
    assert "is not a time of day" in bad.text
    with bot.deps.sessions() as session:
        staff = session.get(Staff, (TEAM_ID, MARIA))
        assert staff is not None
        assert (staff.digest_time.isoformat(), staff.digest_enabled) == ("07:30:00", False)
    assert "16:00" in bot.command("/partnerbot", "digest 4pm").text


def test_followup_command_creates_one_with_buttons(bot: Bot) -> None:
    acme = records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    reply = bot.command("/followup", "acme fri send the thank-you letter")
    assert "Follow-up for you, due Fri Nov 27" in reply.text
    find_element(reply.body["blocks"], "fu_done")
    with bot.deps.sessions() as session:
        [row] = session.scalars(select(FollowUp)).all()
    assert (row.partner_id, row.owner_user_id, row.due_date, row.note, row.source) == (
        acme,
        MARIA,
        date(2026, 11, 27),
        "send the thank-you letter",
        "command",
    )
    assert [c.body["user_id"] for c in bot.slack.calls_to("views.publish")] == [MARIA]


def test_followup_command_sent_twice_adds_one(bot: Bot) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    first = bot.command("/followup", "acme fri send the thank-you letter")
    again = bot.command(
        "/followup", "acme fri send the thank-you letter", extra={"X-Slack-Retry-Num": "1"}
    )
    assert "already added" not in first.text
    assert "Follow-up for you, due Fri Nov 27" in again.text
    assert "already added — this was a repeat" in again.text
    bot.command("/followup", "acme fri send the MOU")  # a different note is a new one
    with bot.deps.sessions() as session:
        notes = session.scalars(select(FollowUp.note).order_by(FollowUp.id)).all()
    assert notes == ["send the thank-you letter", "send the MOU"]


def test_followup_command_for_someone_else_at_a_time(bot: Bot) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    reply = bot.command("/followup", "Acme <@U0JUAN|juan> next tue 2pm call Jane")
    assert "Follow-up for <@U0JUAN>, due Tue Nov 24 at 14:00" in reply.text
    with bot.deps.sessions() as session:
        [row] = session.scalars(select(FollowUp)).all()
    assert (row.owner_user_id, row.due_time, row.note) == (JUAN, time(14, 0), "call Jane")
    # Juan is in New York: 14:00 there is 19:00 UTC.
    assert row.due_at == datetime(2026, 11, 24, 19, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("acme blursday call Jane", "I couldn't find a date in “blursday call Jane”"),
        ("acme last friday call Jane", "is in the past"),
        ("nobody-we-know fri call", "I don't know a partner called"),
        ("acme fri " + "x" * 2500, "at most 2,000 characters"),
    ],
)
def test_followup_command_bad_input_saves_nothing(bot: Bot, text: str, expected: str) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    reply = bot.command("/followup", text)
    assert reply.body["response_type"] == "ephemeral"
    assert expected in reply.text
    with bot.deps.sessions() as session:
        assert session.scalars(select(FollowUp)).all() == []


def test_a_second_press_in_a_list_keeps_the_first_press_shown(bot: Bot) -> None:
    _, overdue, today = setup(bot)
    listing = bot.command("/followup", "")
    first = bot.press(listing.body["blocks"], "fu_done", value=str(overdue))
    second = bot.press(first.body["blocks"], "fu_done", value=str(today))
    shown = second.text
    assert "✅ Done by <@U0MARIA> — *Acme Health*: send the MOU draft" in shown
    assert "✅ Done by <@U0MARIA> — *Acme Health*: call Jane about job shadow day" in shown
    # The list is the same list: its title and sections; each item keeps only Reopen.
    assert second.body["blocks"][0] == listing.body["blocks"][0]
    labels = [
        e["text"]["text"]
        for b in second.body["blocks"]
        if b.get("type") == "actions"
        for e in b["elements"]
    ]
    assert labels == ["Reopen", "Reopen"]


def test_done_on_a_new_follow_up_keeps_its_heading(bot: Bot) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    added = bot.command("/followup", f"Acme fri <@{JUAN}|juan> send the letter")
    assert "📌 Follow-up for <@U0JUAN>, due Fri Nov 27" in added.text
    [row] = records_of(bot)
    done = bot.press(added.body["blocks"], "fu_done", value=str(row.id))
    assert "📌 Follow-up for <@U0JUAN>, due Fri Nov 27" in done.text
    assert "✅ Done by <@U0MARIA> — *Acme Health*: send the letter" in done.text


def test_pick_a_date_on_the_home_tab_changes_only_that_item(bot: Bot) -> None:
    _, overdue, today = setup(bot)
    bot.open_home()
    home = bot.slack.calls_to("views.publish")[-1].response["view"]  # as Slack holds it
    bot.slack.clear()
    bot.press_in_view(home, "fu_snooze", selected_option={"value": f"pick:{overdue}"})
    [published] = bot.slack.calls_to("views.publish")
    picking = published.body["view"]["blocks"]
    assert len(picking) == len(home["blocks"])
    changed = [i for i, (a, b) in enumerate(zip(home["blocks"], picking, strict=True)) if a != b]
    assert all(
        str(home["blocks"][i].get("block_id", "")).endswith(f":{overdue}")
        or str(home["blocks"][i].get("block_id", "")).startswith(f"fu:{overdue}:")
        for i in changed
    )
    assert published.body["hash"] == home["hash"]  # never overwrites a newer Home
    bot.slack.clear()
    bot.press_in_view({**home, "blocks": picking}, "fu_snooze_date", selected_date="2026-12-02")
    assert records.follow_up_row(bot.deps.sessions, overdue).due_date == date(2026, 12, 2)
    assert records.follow_up_row(bot.deps.sessions, today).due_date == MONDAY


def visible(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Blocks as people see them: the items' block ids (which carry the list's state) left out."""
    return [{k: v for k, v in b.items() if k != "block_id"} for b in blocks]


def records_of(bot: Bot) -> list[FollowUp]:
    with bot.deps.sessions() as session:
        return list(session.scalars(select(FollowUp).order_by(FollowUp.id)))
