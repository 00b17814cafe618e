"""Issue 20, finding 1 (follow-ups): a follow-up marked Done can be reopened where its done line
is shown, and its text and day changed from an Edit button — by its owner, the partner's owner
or a program lead only; each change is kept in the partner's history. Through the real Bolt
app, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import select

from bot.console import payloads
from storage.follow_ups import due_moment
from storage.models import FollowUpEvent, FollowUpStatus
from storage.people.members import set_leads
from tests.support import records
from tests.support.slackapp import JUAN, MARIA, TEAM_ID, Bot, text_value

MONDAY = date(2026, 11, 23)  # the clock fixture: Mon 2026-11-23 08:00 in Chicago


def setup(bot: Bot) -> int:
    acme = records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    return records.follow_up(
        bot.deps.sessions, TEAM_ID, acme, MARIA, date(2026, 11, 20), "send the MOU draft"
    )


def events(bot: Bot) -> list[tuple[str, str | None]]:
    with bot.deps.sessions() as session:
        rows = session.scalars(select(FollowUpEvent).order_by(FollowUpEvent.id))
        return [(e.action, e.by_user_id) for e in rows]


def test_a_done_follow_up_can_be_reopened_where_it_shows_done(bot: Bot) -> None:
    follow_up = setup(bot)
    listing = bot.command("/followup", "")
    done = bot.press(listing.body["blocks"], "fu_done", value=str(follow_up)).body
    assert "Done by <@U0MARIA>" in json.dumps(done)
    assert records.follow_up_row(bot.deps.sessions, follow_up).status is FollowUpStatus.DONE

    reopened = bot.press(done["blocks"], "fu_reopen", value=str(follow_up)).body
    row = records.follow_up_row(bot.deps.sessions, follow_up)
    assert row.status is FollowUpStatus.OPEN
    assert row.closed_by is None
    assert row.closed_at is None
    shown = json.dumps(reopened, ensure_ascii=False)
    assert reopened["replace_original"] is True
    assert "send the MOU draft" in shown
    assert '"fu_done"' in shown  # its buttons are back
    assert "Done by" not in shown
    assert events(bot) == [("done", MARIA), ("reopen", MARIA)]
    assert "send the MOU draft" in bot.command("/followup", "").text
    history = bot.command("/partner", "history Acme Health").text
    assert "reopened the follow-up" in history


def test_only_the_owner_the_partners_owner_or_a_lead_may_reopen(bot: Bot) -> None:
    follow_up = setup(bot)
    done = bot.press(bot.command("/followup", "").body["blocks"], "fu_done", value=str(follow_up))
    refused = bot.press(done.body["blocks"], "fu_reopen", value=str(follow_up), user_id=JUAN)
    assert "Only <@U0MARIA>" in refused.text
    assert "program lead" in refused.text
    assert records.follow_up_row(bot.deps.sessions, follow_up).status is FollowUpStatus.DONE
    with bot.deps.sessions.begin() as session:
        set_leads(session, TEAM_ID, [JUAN], by=MARIA, now=bot.clock.now())
    bot.press(done.body["blocks"], "fu_reopen", value=str(follow_up), user_id=JUAN)
    assert records.follow_up_row(bot.deps.sessions, follow_up).status is FollowUpStatus.OPEN


def edit_values(note: str | None, due: str | None) -> dict[str, dict[str, object]]:
    return {"note": text_value(note), "due_date": {"value": payloads.date_state(due)}}


def test_edit_changes_a_follow_ups_text_and_day(bot: Bot) -> None:
    follow_up = setup(bot)
    listing = bot.command("/followup", "")
    bot.press(listing.body["blocks"], "fu_edit", value=str(follow_up))
    [view] = bot.opened_views()
    assert view["title"]["text"] == "Edit follow-up"
    assert "send the MOU draft" in json.dumps(view)

    past = bot.submit(view, edit_values("send the signed MOU", "2026-11-20"))
    assert past.body["response_action"] == "errors"
    assert set(past.body["errors"]) == {"due_date"}
    other = bot.submit(view, edit_values("send the signed MOU", "2026-12-04"), user_id=JUAN)
    assert other.body["response_action"] == "errors"
    assert records.follow_up_row(bot.deps.sessions, follow_up).note == "send the MOU draft"

    saved = bot.submit(view, edit_values("send the signed MOU", "2026-12-04"))
    assert saved.body == {}
    row = records.follow_up_row(bot.deps.sessions, follow_up)
    assert (row.note, row.due_date, row.status) == (
        "send the signed MOU",
        date(2026, 12, 4),
        FollowUpStatus.OPEN,
    )
    assert row.due_at == due_moment(date(2026, 12, 4), None, records.CHICAGO)
    said = json.dumps([c.body for c in bot.slack.calls_to("chat.postEphemeral")])
    said += json.dumps([c.body for c in bot.slack.calls_to("chat.postMessage")])
    assert "due Fri Dec 4" in said
    assert events(bot) == [("edit", MARIA)]
    assert "changed a follow-up to Fri Dec 4" in bot.command("/partner", "history Acme").text


def test_reopen_on_a_contact_confirmations_marked_done_line(bot: Bot) -> None:
    follow_up = setup(bot)
    logged = bot.command("/contact", "Acme emailed Jane the MOU draft")
    closed = bot.press(logged.body["blocks"], "contact_close_loop").body
    assert "Marked done" in json.dumps(closed, ensure_ascii=False)
    assert records.follow_up_row(bot.deps.sessions, follow_up).status is FollowUpStatus.DONE

    refused = bot.press(closed["blocks"], "contact_reopen", user_id=JUAN)
    assert "Only <@U0MARIA> (its owner, or the partner's) or a program lead can reopen" in (
        refused.text
    )
    assert records.follow_up_row(bot.deps.sessions, follow_up).status is FollowUpStatus.DONE

    reopened = bot.press(closed["blocks"], "contact_reopen").body
    assert reopened["replace_original"] is True
    shown = json.dumps(reopened, ensure_ascii=False)
    assert "Marked done" not in shown
    assert "You have an open follow-up" in shown  # offered to close again, in place
    assert "emailed Jane the MOU draft" in shown
    assert records.follow_up_row(bot.deps.sessions, follow_up).status is FollowUpStatus.OPEN


def test_a_long_follow_up_text_can_be_edited(bot: Bot) -> None:
    follow_up = setup(bot)
    bot.press(bot.command("/followup", "").body["blocks"], "fu_edit", value=str(follow_up))
    [view] = bot.opened_views()
    long_note = "send the signed MOU and the insurance certificate " * 12
    saved = bot.submit(view, edit_values(long_note, "2026-12-04"))
    assert saved.body == {}
    assert records.follow_up_row(bot.deps.sessions, follow_up).note == long_note.strip()
