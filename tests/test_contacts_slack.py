"""The contact log (`/contact`, its buttons, shortcuts and modal) and `/celebrate`, through the
real Bolt app with signed requests, against SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import event, select
from sqlalchemy.exc import NoResultFound

from bot.console.localslack import LocalSlack
from bot.console.payloads import FORM, slash_command_body
from bot.console.records import FakeUser
from storage.clock import FrozenClock
from storage.contact_log import NewContact, log_contact
from storage.models import FollowUp, FollowUpStatus, Interaction, InteractionKind, Partner
from tests.support import records
from tests.support.slackapp import (
    JUAN,
    MARIA,
    TEAM_ID,
    Bot,
    Reply,
    contact_form,
    make_bot,
)

MONDAY = date(2026, 11, 23)  # the clock fixture: Mon 2026-11-23 08:00 in Chicago
SECTION_LIMIT = 3000
BUTTON_VALUE_LIMIT = 2000
BUTTON_TEXT_LIMIT = 75

EXAMPLE_CALL = "Acme called Jane about summer internships, follow up next tue"
EXAMPLE_MEETING = "acme helth met with HR at the career fair yesterday; f/u in 2 weeks"
EXAMPLE_EMAIL = '"Riverside Auto" emailed the shop manager the MOU draft, remind me Dec 3'


# -- reading what happened ------------------------------------------------------------------


def entries(bot: Bot, *, live_only: bool = False) -> list[Interaction]:
    query = select(Interaction).order_by(Interaction.id)
    if live_only:
        query = query.where(Interaction.deleted_at.is_(None))
    with bot.deps.sessions() as session:
        return list(session.scalars(query))


def follow_ups(bot: Bot) -> list[FollowUp]:
    with bot.deps.sessions() as session:
        return list(session.scalars(select(FollowUp).order_by(FollowUp.id)))


def partner_named(bot: Bot, name: str) -> Partner:
    with bot.deps.sessions() as session:
        return session.scalars(select(Partner).where(Partner.name == name)).one()


def acme(bot: Bot) -> int:
    return records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)


def responses(bot: Bot) -> list[dict[str, Any]]:
    """What the app posted to response_urls (Bolt's respond()), oldest first."""
    return [call.body for call in bot.slack.calls_to("response_url")]


def opened_view(bot: Bot) -> dict[str, Any]:
    """The newest modal as Slack opened it (with the view id Slack gave it)."""
    view = bot.slack.calls_to("views.open")[-1].response["view"]
    assert isinstance(view, dict)
    return view


def block(view: dict[str, Any], block_id: str) -> dict[str, Any]:
    found = next(b for b in view["blocks"] if b.get("block_id") == block_id)
    assert isinstance(found, dict)
    return found


def page_buttons(blocks: list[dict[str, Any]]) -> list[str]:
    """The labels of a history's Older / Newer buttons (each entry has Edit / Undo too)."""
    return [label for label in button_labels(blocks) if label in ("Older", "Newer")]


def button_labels(blocks: list[dict[str, Any]]) -> list[str]:
    return [
        str(e["text"]["text"])
        for b in blocks
        if b.get("type") == "actions"
        for e in b["elements"]
        if e.get("type") == "button"
    ]


def assert_within_slack_limits(body: dict[str, Any]) -> None:
    """Slack rejects a message whose blocks break these limits: the person would see nothing."""
    blocks = body.get("blocks") or []
    assert len(blocks) <= 50
    for b in blocks:
        if b.get("type") == "section":
            assert len(b["text"]["text"]) <= SECTION_LIMIT
        for element in b.get("elements") or []:
            if element.get("type") == "button":
                assert len(element["text"]["text"]) <= BUTTON_TEXT_LIMIT
                assert len(element.get("value") or "") <= BUTTON_VALUE_LIMIT
    assert len(body.get("text") or "") <= 40_000


def send_twice(
    bot: Bot, text: str, *, trigger_id: str, between: timedelta = timedelta(0)
) -> tuple[Reply, Reply]:
    """One slash command, then Slack's retry of the very same request (same body)."""
    body = slash_command_body(
        "/contact",
        text,
        user_id=MARIA,
        team_id=TEAM_ID,
        response_url=bot.slack.response_url(),
        trigger_id=trigger_id,
    )
    first = bot.dispatch(body, FORM)
    bot.clock.advance(between)
    retry = bot.dispatch(
        body, FORM, extra={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
    )
    return first, retry


# -- the three examples from the issue --------------------------------------------------------


def test_call_with_follow_up_next_tuesday(bot: Bot) -> None:
    partner_id = acme(bot)
    reply = bot.command("/contact", EXAMPLE_CALL)

    assert reply.status == 200
    assert reply.body["response_type"] == "ephemeral"
    assert "Logged a call with *Acme Health*" in reply.text
    assert "follow-up Tue Nov 24 for you" in reply.text
    assert button_labels(reply.body["blocks"]) == ["Undo", "Edit"]
    assert "Heads-up" not in reply.text

    [entry] = entries(bot)
    assert (entry.team_id, entry.partner_id, entry.user_id) == (TEAM_ID, partner_id, MARIA)
    assert entry.kind is InteractionKind.CALL
    assert entry.summary == "called Jane about summer internships, follow up next tue"
    assert entry.occurred_at == bot.clock.now()
    assert entry.occurred_at.astimezone(records.CHICAGO).date() == MONDAY
    assert entry.deleted_at is None
    [follow_up] = follow_ups(bot)
    assert follow_up.due_date == date(2026, 11, 24)
    assert follow_up.owner_user_id == MARIA
    assert follow_up.status is FollowUpStatus.OPEN
    assert follow_up.interaction_id == entry.id
    assert follow_up.partner_id == partner_id
    assert "called Jane about summer internships" in follow_up.note
    assert partner_named(bot, "Acme Health").last_contact_at == bot.clock.now()


def test_meeting_yesterday_with_a_typo_and_follow_up_in_two_weeks(bot: Bot) -> None:
    acme(bot)
    reply = bot.command("/contact", EXAMPLE_MEETING)

    assert "Logged an event with *Acme Health* · yesterday, Sun Nov 22" in reply.text
    assert "follow-up Mon Dec 7 for you" in reply.text
    [entry] = entries(bot)
    assert entry.kind is InteractionKind.EVENT
    assert entry.summary == "met with HR at the career fair yesterday; f/u in 2 weeks"
    assert entry.occurred_at.astimezone(records.CHICAGO).date() == date(2026, 11, 22)
    [follow_up] = follow_ups(bot)
    assert follow_up.due_date == date(2026, 12, 7)
    assert follow_up.owner_user_id == MARIA


def test_unknown_partner_is_added_and_logged_with_one_press(bot: Bot) -> None:
    acme(bot)
    reply = bot.command("/contact", EXAMPLE_EMAIL)

    assert "I don't know a partner called “Riverside Auto”" in reply.text
    assert button_labels(reply.body["blocks"]) == [
        "Add “Riverside Auto” as a new partner and log this"
    ]
    assert "/partner find Riverside Auto" in reply.text
    assert entries(bot) == []
    with pytest.raises(NoResultFound):
        partner_named(bot, "Riverside Auto")

    pressed = bot.press(reply.body["blocks"], "contact_add_and_log")
    assert pressed.status == 200
    update = pressed.body
    assert update["replace_original"] is True
    shown = json.dumps(update, ensure_ascii=False)
    assert "Added *Riverside Auto* as a partner" in shown
    assert "Logged an email with *Riverside Auto*" in shown
    assert "follow-up Thu Dec 3 for you" in shown

    riverside = partner_named(bot, "Riverside Auto")
    assert riverside.owner_user_id == MARIA
    [entry] = entries(bot)
    assert (entry.partner_id, entry.kind) == (riverside.id, InteractionKind.EMAIL)
    assert entry.summary == "emailed the shop manager the MOU draft, remind me Dec 3"
    [follow_up] = follow_ups(bot)
    assert (follow_up.due_date, follow_up.owner_user_id) == (date(2026, 12, 3), MARIA)


# -- which partner, whose follow-up, who else has been in touch --------------------------------


def test_ambiguous_partner_asks_which_and_logs_for_the_one_pressed(bot: Bot) -> None:
    acme(bot)
    auto = records.partner(bot.deps.sessions, TEAM_ID, "Acme Auto")
    reply = bot.command("/contact", "Acme called Jane about the spring career day")

    assert "Which partner do you mean?" in reply.text
    assert button_labels(reply.body["blocks"]) == ["Acme Auto", "Acme Health"]
    assert entries(bot) == []

    update = bot.press(reply.body["blocks"], f"contact_pick:{auto}").body
    [entry] = entries(bot)
    assert (entry.partner_id, entry.kind) == (auto, InteractionKind.CALL)
    assert entry.summary == "called Jane about the spring career day"
    assert update["replace_original"] is True
    assert "Logged a call with *Acme Auto*" in json.dumps(update, ensure_ascii=False)


def test_a_mention_before_follow_up_gives_it_to_that_person(bot: Bot) -> None:
    acme(bot)
    reply = bot.command("/contact", f"Acme called Jane, <@{JUAN}|juan> follow up fri")

    assert f"follow-up Fri Nov 27 for <@{JUAN}>" in reply.text
    [entry] = entries(bot)
    assert (entry.user_id, entry.summary) == (MARIA, f"called Jane, <@{JUAN}|juan> follow up fri")
    [follow_up] = follow_ups(bot)
    assert (follow_up.owner_user_id, follow_up.due_date) == (JUAN, date(2026, 11, 27))
    assert follow_up.created_by == MARIA


def test_heads_up_when_a_colleague_was_in_touch_recently(bot: Bot) -> None:
    acme(bot)
    bot.clock.set(datetime(2026, 11, 20, 15, 0, tzinfo=UTC))
    juan = bot.command("/contact", "Acme called Jane about the MOU", user_id=JUAN)
    assert "Heads-up" not in juan.text
    bot.clock.advance(timedelta(days=3))

    reply = bot.command("/contact", "Acme emailed Jane the internship flyer")
    assert "Logged an email with *Acme Health*" in reply.text
    assert f"Heads-up: <@{JUAN}> called Acme Health 3 days ago" in reply.text
    assert len(entries(bot)) == 2


def test_no_heads_up_for_contacts_older_than_the_window(bot: Bot) -> None:
    acme(bot)
    bot.clock.set(datetime(2026, 11, 5, 15, 0, tzinfo=UTC))
    bot.command("/contact", "Acme called Jane about the MOU", user_id=JUAN)
    bot.clock.set(datetime(2026, 11, 20, 15, 0, tzinfo=UTC))  # 15 days later

    reply = bot.command("/contact", "Acme emailed Jane the internship flyer")
    assert "Logged an email with *Acme Health*" in reply.text
    assert "Heads-up" not in reply.text


def test_heads_up_window_is_configurable(
    db_url: str, slack: LocalSlack, clock: FrozenClock
) -> None:
    bot = make_bot(db_url, slack, clock, PARTNERBOT_RECENT_CONTACT_DAYS="0")
    try:
        acme(bot)
        bot.command("/contact", "Acme called Jane about the MOU", user_id=JUAN)
        bot.clock.advance(timedelta(hours=1))

        reply = bot.command("/contact", "Acme emailed Jane the internship flyer")
        assert "Logged an email with *Acme Health*" in reply.text
        assert "Heads-up" not in reply.text
    finally:
        bot.deps.sessions.kw["bind"].dispose()


# -- exactly once -------------------------------------------------------------------------------


def test_slack_retry_of_the_same_request_logs_once(bot: Bot) -> None:
    acme(bot)
    first, retry = send_twice(bot, EXAMPLE_CALL, trigger_id="4242.1763900000.first")

    assert first.status == retry.status == 200
    assert "Logged a call with *Acme Health*" in first.text
    assert "already logged" not in first.text
    # The retry is recognised before any work: one answer in all, nothing run twice.
    assert retry.ack == {}
    assert len(retry.responses) == 1
    assert len(entries(bot)) == 1
    assert len(follow_ups(bot)) == 1

    # A retry after a slow first attempt (past the one-minute repeat window) is still one.
    send_twice(
        bot, EXAMPLE_MEETING, trigger_id="4343.1763900000.slow", between=timedelta(minutes=5)
    )
    assert [e.kind for e in entries(bot)] == [InteractionKind.CALL, InteractionKind.EVENT]
    assert len(follow_ups(bot)) == 2


def test_same_text_twice_within_a_minute_is_one_entry(bot: Bot) -> None:
    acme(bot)
    bot.command("/contact", EXAMPLE_CALL)
    bot.clock.advance(timedelta(seconds=30))
    again = bot.command("/contact", EXAMPLE_CALL)

    assert "already logged — this was a repeat, nothing new was saved" in again.text
    assert len(entries(bot)) == 1
    assert len(follow_ups(bot)) == 1

    by_juan = bot.command("/contact", EXAMPLE_CALL, user_id=JUAN)
    assert "repeat" not in by_juan.text
    bot.clock.advance(timedelta(minutes=2))
    later = bot.command("/contact", EXAMPLE_CALL)
    assert "repeat" not in later.text
    assert [e.user_id for e in entries(bot)] == [MARIA, JUAN, MARIA]


def test_double_submitted_modal_logs_once(bot: Bot) -> None:
    partner_id = acme(bot)
    bot.global_shortcut("log_partner_contact_global")
    view = opened_view(bot)
    values = contact_form(
        partner_id, "Met Jane at the plant", kind="visit", follow_up_on="2026-12-01"
    )

    first = bot.submit(view, values)
    second = bot.submit(view, values)
    assert first.body == second.body == {}
    [entry] = entries(bot)
    assert (entry.kind, entry.summary) == (InteractionKind.VISIT, "Met Jane at the plant")
    [follow_up] = follow_ups(bot)
    assert follow_up.due_date == date(2026, 12, 1)
    [posted, repeated] = bot.slack.calls_to("chat.postMessage")
    assert "already logged" not in json.dumps(posted.body)
    assert "already logged" in json.dumps(repeated.body)


# -- Undo and Edit ------------------------------------------------------------------------------


def test_undo_removes_the_entry_and_cancels_its_follow_up(bot: Bot) -> None:
    acme(bot)
    reply = bot.command("/contact", EXAMPLE_CALL)
    bot.clock.advance(timedelta(minutes=1))
    update = bot.press(reply.body["blocks"], "contact_undo").body

    [entry] = entries(bot)
    assert entry.deleted_at == bot.clock.now()
    assert entry.summary == ""  # what was typed is gone from the database, not only hidden
    assert entries(bot, live_only=True) == []
    [follow_up] = follow_ups(bot)
    assert follow_up.status is FollowUpStatus.CANCELLED
    assert follow_up.closed_by == MARIA
    assert follow_up.note == ""
    assert partner_named(bot, "Acme Health").last_contact_at is None
    assert update["replace_original"] is True
    assert "Undone — the call with *Acme Health* and its follow-up were removed" in json.dumps(
        update, ensure_ascii=False
    )

    history = bot.command("/contact", "history Acme")
    assert "summer internships" not in history.text
    assert "No contacts logged yet" in history.text
    assert "Nothing due" in bot.command("/followup", "").text

    bot.press(reply.body["blocks"], "contact_undo")
    assert "That entry no longer exists" in json.dumps(responses(bot)[-1])
    assert len(entries(bot)) == 1


def test_edit_opens_the_modal_and_saving_changes_the_entry(bot: Bot) -> None:
    partner_id = acme(bot)
    reply = bot.command("/contact", EXAMPLE_CALL)
    bot.press(reply.body["blocks"], "contact_edit")

    view = opened_view(bot)
    assert view["title"]["text"] == "Edit contact"
    assert block(view, "summary")["element"]["initial_value"] == (
        "called Jane about summer internships, follow up next tue"
    )
    assert block(view, "kind")["element"]["initial_option"]["value"] == "call"
    assert block(view, "happened_on")["element"]["initial_date"] == "2026-11-23"
    assert block(view, "partner")["element"]["initial_option"]["value"] == str(partner_id)

    future = bot.submit(
        view, contact_form(partner_id, "called Jane", kind="call", happened_on="2026-11-30")
    )
    assert future.body["response_action"] == "errors"
    assert set(future.body["errors"]) == {"happened_on"}
    assert entries(bot)[0].summary == "called Jane about summer internships, follow up next tue"

    saved = bot.submit(
        view,
        contact_form(
            partner_id,
            "emailed Jane about summer internships",
            kind="email",
            happened_on="2026-11-20",
        ),
    )
    assert saved.body == {}
    [entry] = entries(bot)
    assert entry.kind is InteractionKind.EMAIL
    assert entry.summary == "emailed Jane about summer internships"
    assert entry.occurred_at.astimezone(records.CHICAGO).date() == date(2026, 11, 20)
    assert len(follow_ups(bot)) == 1  # editing doesn't add a second follow-up
    [notice] = bot.slack.calls_to("chat.postEphemeral")
    assert notice.body["user"] == MARIA
    assert "Saved the email with *Acme Health*" in json.dumps(notice.body, ensure_ascii=False)


# -- shortcuts, the modal and its partner typeahead ---------------------------------------------


SHARED = {
    "type": "message",
    "user": JUAN,
    "ts": "1700000000.000100",
    "text": "Acme Health confirmed 4 job shadow slots for March",
    "team": TEAM_ID,
}
PARTNERS_CHANNEL = {"id": "C0PARTNERS", "name": "partners"}


def log_message(bot: Bot) -> Reply:
    """Use the "Log partner contact" message shortcut on Juan's message in #partners."""
    return bot.message_shortcut("log_partner_contact", SHARED, channel=PARTNERS_CHANNEL)


def test_message_shortcut_prefills_the_modal_and_keeps_the_permalink(bot: Bot) -> None:
    partner_id = acme(bot)
    acked = log_message(bot)
    assert acked.status == 200

    [permalink_call] = bot.slack.calls_to("chat.getPermalink")
    assert permalink_call.body["channel"] == "C0PARTNERS"
    assert permalink_call.body["message_ts"] == "1700000000.000100"
    permalink = permalink_call.response["permalink"]
    assert permalink == "https://partnerbot-local.slack.com/archives/C0PARTNERS/p1700000000000100"

    [opened] = bot.slack.calls_to("views.open")
    assert opened.body["trigger_id"]
    view = opened_view(bot)
    assert view["callback_id"] == "contact_view"
    assert block(view, "summary")["element"]["initial_value"] == (
        "Acme Health confirmed 4 job shadow slots for March"
    )
    picked = block(view, "partner")["element"]["initial_option"]
    assert (picked["text"]["text"], picked["value"]) == ("Acme Health", str(partner_id))
    assert entries(bot) == []

    submitted = bot.submit(
        view, contact_form(partner_id, "Acme Health confirmed 4 job shadow slots for March")
    )
    assert submitted.body == {}
    [entry] = entries(bot)
    assert entry.permalink == permalink
    assert entry.message_author == JUAN
    assert entry.user_id == MARIA
    assert entry.kind is InteractionKind.NOTE
    [notice] = bot.slack.calls_to("chat.postEphemeral")
    assert notice.body["channel"] == "C0PARTNERS"
    assert "Logged a note with *Acme Health*" in json.dumps(notice.body, ensure_ascii=False)
    history = bot.command("/contact", "history acme")
    assert f"<{permalink}|message>" in history.text


def test_message_shortcut_still_opens_the_modal_when_the_permalink_fails(bot: Bot) -> None:
    acme(bot)
    bot.slack.fail("chat.getPermalink", status=200, error="channel_not_found")
    log_message(bot)
    assert len(bot.slack.calls_to("views.open")) == 1
    metadata = json.loads(opened_view(bot)["private_metadata"])
    assert metadata["permalink"] is None


def test_global_shortcut_opens_an_empty_modal_and_the_typeahead_finds_partners(bot: Bot) -> None:
    partner_id = acme(bot)
    records.partner(bot.deps.sessions, TEAM_ID, "Riverside Auto")
    bot.global_shortcut("log_partner_contact_global")

    view = opened_view(bot)
    assert view["callback_id"] == "contact_view"
    assert "initial_option" not in block(view, "partner")["element"]
    assert "initial_value" not in block(view, "summary")["element"]
    assert block(view, "happened_on")["element"]["initial_date"] == "2026-11-23"

    options = bot.suggest(view, "contact_partner_pick", "acm")
    assert options.status == 200
    assert [(o["text"]["text"], o["value"]) for o in options.body["options"]] == [
        ("Acme Health", str(partner_id))
    ]


def test_modal_validation_changes_nothing(bot: Bot) -> None:
    partner_id = acme(bot)
    bot.global_shortcut("log_partner_contact_global")
    view = opened_view(bot)
    values = contact_form(partner_id, "   ", happened_on="2026-11-30", follow_up_on="2026-11-01")
    values["partner"]["contact_partner_pick"]["selected_option"] = None
    refused = bot.submit(view, values)
    assert refused.body["response_action"] == "errors"
    assert set(refused.body["errors"]) == {"partner", "summary", "happened_on", "follow_up_on"}
    assert entries(bot) == []
    assert follow_ups(bot) == []


# -- bad input ----------------------------------------------------------------------------------


def test_empty_text_shows_usage(bot: Bot) -> None:
    for text in ("", "   ", "help"):
        reply = bot.command("/contact", text)
        assert reply.body["response_type"] == "ephemeral"
        assert "*Log a contact*" in reply.text
        assert "/contact history Acme" in reply.text
    assert entries(bot) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Acme Health", "What happened with *Acme Health*?"),
        ("acme visited the plant on 12/10/2026", "Thu Dec 10 is in the future"),
    ],
)
def test_lines_that_cannot_be_logged_save_nothing(bot: Bot, text: str, expected: str) -> None:
    acme(bot)
    reply = bot.command("/contact", text)
    assert reply.body["response_type"] == "ephemeral"
    assert expected in reply.text
    assert entries(bot) == []
    assert follow_ups(bot) == []


def test_past_follow_up_asks_first_then_logs_without_it(bot: Bot) -> None:
    acme(bot)
    reply = bot.command("/contact", "acme called, follow up Nov 2 2026")
    assert "The follow-up date, Mon Nov 2, is in the past" in reply.text
    assert "Nothing was saved yet" in reply.text
    assert button_labels(reply.body["blocks"]) == [
        "Log it without a follow-up",
        "Follow up tomorrow instead",
    ]
    assert entries(bot) == []

    update = bot.press(reply.body["blocks"], "contact_past_follow_up:drop").body
    [entry] = entries(bot)
    assert (entry.kind, entry.summary) == (InteractionKind.CALL, "called, follow up Nov 2 2026")
    assert follow_ups(bot) == []
    assert "Logged a call with *Acme Health*" in json.dumps(update, ensure_ascii=False)
    assert "follow-up" not in json.dumps(update, ensure_ascii=False)


def test_past_follow_up_can_move_to_tomorrow(bot: Bot) -> None:
    acme(bot)
    reply = bot.command("/contact", "acme called Jane, follow up Nov 2 2026")
    bot.press(reply.body["blocks"], "contact_past_follow_up:tomorrow")
    [entry] = entries(bot)
    assert entry.summary == "called Jane, follow up Nov 2 2026"
    [follow_up] = follow_ups(bot)
    assert (follow_up.due_date, follow_up.owner_user_id) == (date(2026, 11, 24), MARIA)


def test_mrkdwn_and_emoji_are_stored_as_typed_and_echoed_escaped(bot: Bot) -> None:
    acme(bot)
    typed = "called <!channel> & <@U999> about 🎉 internships <https://evil.example|click>"
    reply = bot.command("/contact", f"acme {typed}")
    assert "Logged a call with *Acme Health*" in reply.text
    [entry] = entries(bot)
    assert entry.summary == typed
    assert follow_ups(bot) == []  # a mention alone doesn't make a follow-up

    for shown in (reply, bot.command("/contact", "history acme")):
        raw = shown.text
        assert "<!channel>" not in raw
        assert "<@U999>" not in raw
        assert "<https://evil.example" not in raw
    history = bot.command("/contact", "history acme").text
    assert "&lt;!channel&gt; &amp; &lt;@U999&gt; about 🎉 internships" in history

    error = bot.command("/contact", "acme called <!channel>, follow up blursday <@U999>")
    assert "<!channel>" not in error.text
    assert "&lt;!channel&gt;" in error.text
    assert len(entries(bot)) == 2  # logged; its follow-up day is asked


def test_ten_thousand_characters_are_stored_and_the_reply_fits(bot: Bot) -> None:
    acme(bot)
    long_text = "called Jane about " + " ".join(["internships"] * 900)
    assert len(long_text) > 10_000
    reply = bot.command("/contact", f"acme {long_text}, follow up next tue")
    assert reply.status == 200
    assert "Logged a call with *Acme Health*" in reply.text
    assert_within_slack_limits(reply.body)
    [entry] = entries(bot)
    assert entry.summary == f"{long_text}, follow up next tue"
    history = bot.command("/contact", "history acme")
    assert_within_slack_limits(history.body)


LONG_LINES = [
    ("x" * 10_000, "I couldn't find a partner", 0),
    ("Acme Health " + "<&>" * 3_400, "Logged a note", 1),
    ("Acme Health follow up " + "<" * 10_000, "The follow-up isn't set yet", 1),
    ("Acme Health called, follow up Nov 2 2026 " + "y " * 5_000, "in the past", 0),
    ("Acme called " + "y " * 5_000, "Which partner do you mean?", 0),
    ("Riverside Auto called " + "y " * 5_000, "I don't know a partner", 0),
    ("Acme Health called " + "&" * 10_000, "Logged a call", 1),
    ("Acme Health called " + "z" * 25_000, "a command can hold 20,000", 0),
    ("Acme Health called " + "y " * 5_000, "Logged a call", 1),
]


def test_very_long_text_never_crashes_and_the_reply_fits(bot: Bot) -> None:
    acme(bot)
    records.partner(bot.deps.sessions, TEAM_ID, "Acme Auto")
    for text, expected, stored in LONG_LINES:
        before = len(entries(bot))
        reply = bot.command("/contact", text)
        assert reply.status == 200, text[:40]
        assert reply.body["response_type"] == "ephemeral"
        assert expected in reply.text, text[:40]
        assert_within_slack_limits(reply.body)
        assert len(entries(bot)) == before + stored, text[:40]
        if expected.startswith("Which partner"):
            assert "*Acme Auto*" in reply.text
            assert "*Acme Health*" in reply.text
            assert "full name" in reply.text
    assert follow_ups(bot) == []


# -- history ------------------------------------------------------------------------------------


def test_history_pages_newest_first(bot: Bot) -> None:
    partner_id = acme(bot)
    assert "Which partner?" in bot.command("/contact", "history").text
    assert "No single partner matches “Nowhere”" in bot.command("/contact", "history Nowhere").text
    with bot.deps.sessions.begin() as session:
        for n in range(1, 13):
            log_contact(
                session,
                TEAM_ID,
                NewContact(
                    partner_id=partner_id,
                    user_id=MARIA if n % 2 else JUAN,
                    kind=InteractionKind.CALL,
                    summary=f"contact number {n:02d}",
                    occurred_at=datetime(2026, 11, n, 16, 0, tzinfo=UTC),
                ),
                now=bot.clock.now(),
            )

    first = bot.command("/contact", "history Acme")
    assert "*Contact history — Acme Health* (12)" in first.text
    assert "Showing 1–10 of 12" in first.text
    shown = first.text
    assert shown.index("contact number 12") < shown.index("contact number 03")
    assert "contact number 02" not in shown
    assert "contact number 01" not in shown
    assert page_buttons(first.body["blocks"]) == ["Older"]
    assert button_labels(first.body["blocks"]).count("Undo") == 10  # one per entry shown

    page = bot.press(first.body["blocks"], "contact_history_page:older").body
    assert page["replace_original"] is True
    second = json.dumps(page, ensure_ascii=False)
    assert "contact number 02" in second
    assert "contact number 01" in second
    assert "contact number 03" not in second
    assert "Showing 11–12 of 12" in second
    assert page_buttons(page["blocks"]) == ["Newer"]

    bot.press(page["blocks"], "contact_history_page:newer")
    assert "Showing 1–10 of 12" in json.dumps(responses(bot)[-1], ensure_ascii=False)


# -- /celebrate ---------------------------------------------------------------------------------


def test_celebrate_posts_in_the_channel_and_remembers_the_thanks(bot: Bot) -> None:
    acme(bot)
    reply = bot.command(
        "/celebrate", "Acme hosted 12 students for job shadow day", channel_id="C0CTE"
    )
    assert reply.body["response_type"] == "ephemeral"
    assert "Posted a thank-you for *Acme Health* in <#C0CTE>" in reply.text
    [post] = bot.slack.calls_to("chat.postMessage")
    assert post.body["channel"] == "C0CTE"
    posted = json.dumps(post.body, ensure_ascii=False)
    assert "Thank you, Acme Health!" in posted
    assert "hosted 12 students for job shadow day" in posted
    assert f"<@{MARIA}>" in posted
    assert partner_named(bot, "Acme Health").last_thanked_at == bot.clock.now()


def test_celebrate_uses_the_chosen_channel(bot: Bot) -> None:
    acme(bot)
    refused = bot.command("/celebrate", "channel <#C0WINS|partner-wins>")
    assert "can choose where spotlights go. Nothing changed." in refused.text
    bot.slack.add_user(FakeUser(id=MARIA, name="maria", real_name="Maria Lopez", is_admin=True))
    bot.command("/partnerbot", f"leads <@{MARIA}|maria>")
    chosen = bot.command("/celebrate", "channel <#C0WINS|partner-wins>")
    assert "Spotlights now go to <#C0WINS>" in chosen.text
    bot.command("/celebrate", "Acme hosted 12 students for job shadow day", channel_id="C0CTE")
    [post] = bot.slack.calls_to("chat.postMessage")
    assert post.body["channel"] == "C0WINS"

    bot.command("/celebrate", "channel here")
    bot.command("/celebrate", "Acme sent two mentors", channel_id="C0CTE")
    assert bot.slack.calls_to("chat.postMessage")[-1].body["channel"] == "C0CTE"


def test_celebrate_an_unknown_partner_posts_nothing(bot: Bot) -> None:
    acme(bot)
    reply = bot.command("/celebrate", "Nowhere Industries hosted a tour")
    assert "I don't know a partner called “Nowhere Industries”" in reply.text
    bot.slack.add_user(FakeUser(id=MARIA, name="maria", real_name="Maria Lopez", is_admin=True))
    assert "Pick the channel with a #mention" in bot.command("/celebrate", "channel wins").text
    assert "What did *Acme Health* do?" in bot.command("/celebrate", "Acme Health").text
    assert bot.slack.calls_to("chat.postMessage") == []
    assert partner_named(bot, "Acme Health").last_thanked_at is None


def test_celebrate_when_slack_refuses_the_post(bot: Bot) -> None:
    acme(bot)
    bot.slack.fail("chat.postMessage", status=200, error="not_in_channel")
    reply = bot.command("/celebrate", "Acme hosted 12 students for job shadow day")
    assert reply.body["response_type"] == "ephemeral"
    assert "I couldn't post in that channel (not_in_channel)" in reply.text
    assert "Nothing was posted" in reply.text
    [attempt] = bot.slack.calls_to("chat.postMessage")
    assert attempt.failed
    assert partner_named(bot, "Acme Health").last_thanked_at is None


def test_unquoted_unknown_partner_name_ends_at_the_verb(bot: Bot) -> None:
    reply = bot.command("/contact", "Riverside Auto called the shop manager")
    assert "I don't know a partner called “Riverside Auto”" in reply.text
    bot.press(reply.body["blocks"], "contact_add_and_log")
    riverside = partner_named(bot, "Riverside Auto")
    [entry] = entries(bot)
    assert (entry.partner_id, entry.summary) == (riverside.id, "called the shop manager")


def test_a_form_whose_save_fails_never_says_it_was_logged(bot: Bot) -> None:
    partner_id = acme(bot)
    bot.global_shortcut("log_partner_contact_global")
    view = opened_view(bot)
    bot.slack.clear()

    def refuse(session: object) -> None:
        raise RuntimeError("the database went away mid-commit")

    event.listen(bot.deps.sessions, "before_commit", refuse, once=True)
    bot.lazy_errors_ok = True
    bot.submit(view, contact_form(partner_id, "Called Jane about internships"))
    assert entries(bot) == []
    said = json.dumps([c.body for c in bot.slack.calls], ensure_ascii=False)
    assert "Logged" not in said
    assert "Undo" not in said


def test_a_forged_permalink_is_never_shown_as_markup(bot: Bot) -> None:
    partner_id = acme(bot)
    log_message(bot)
    view = opened_view(bot)
    meta = json.loads(view["private_metadata"])
    meta["permalink"] = "https://evil.example|click> <!channel"
    view = {**view, "private_metadata": json.dumps(meta)}
    bot.submit(view, contact_form(partner_id, "Acme Health confirmed 4 job shadow slots"))
    history = bot.command("/contact", "history acme").text
    assert "<!channel" not in history
    assert "evil.example" not in history
    assert "· message" in history  # the link's label, as plain text
