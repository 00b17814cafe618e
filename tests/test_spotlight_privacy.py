"""Public posts are safe: a spotlight that seems to name a student comes back with a warning
and a "post anyway" box (nothing is posted until the poster edits or confirms), the names of
business contacts, Slack users and partners pass, and user text never pings anyone — in the
prompt DM, the spotlight and the weekly nudge. On SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

from bot.console.records import SlackCall
from handlers.celebrations.privacy import student_names
from scheduler.jobs import run_due_jobs
from storage.celebrations import propose_win
from storage.people.contacts import ContactFields, add_business_contact
from storage.workspaces import set_celebration_channel
from tests.support import records
from tests.support.slackapp import MARIA, TEAM_ID, Bot, text_value

WINS = "C0WINS"
NOW = datetime(2026, 11, 23, 14, tzinfo=UTC)


def asked(
    bot: Bot, headline: str = "Acme Health hosted 12 students for job shadow day"
) -> SlackCall:
    """Acme Health with its contact Jane Ortiz, a win, and the DM asking Maria about it."""
    acme = records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    with bot.deps.sessions.begin() as session:
        add_business_contact(session, TEAM_ID, acme, ContactFields("Jane Ortiz"), by=MARIA, now=NOW)
        set_celebration_channel(session, TEAM_ID, WINS, now=NOW)
        propose_win(
            session,
            team_id=TEAM_ID,
            partner_id=acme,
            owner_user_id=MARIA,
            headline=headline,
            source="engagement",
            source_id=7,
            happened_on=date(2026, 11, 20),
            now=NOW,
        )
    run_due_jobs(bot.deps.sessions, bot.app.client, bot.deps.zones, now=NOW)
    [dm] = [c for c in bot.slack.calls_to("chat.postMessage") if c.body["channel"] == MARIA]
    return dm


def form_values(story: str, *, confirm: bool = False) -> dict[str, dict[str, Any]]:
    values: dict[str, dict[str, Any]] = {
        "text": text_value(story),
        "channel": {"value": {"type": "conversations_select", "selected_conversation": WINS}},
    }
    if confirm:
        values["confirm"] = {
            "value": {
                "type": "checkboxes",
                "selected_options": [
                    {"text": {"type": "plain_text", "text": "Post anyway"}, "value": "yes"}
                ],
            }
        }
    return values


def spotlights(bot: Bot) -> list[SlackCall]:
    return [c for c in bot.slack.calls_to("chat.postMessage") if c.body["channel"] == WINS]


def test_a_students_name_is_warned_about_then_posted_only_when_confirmed(bot: Bot) -> None:
    dm = asked(bot)
    bot.press_in(dm, "cel_post")
    form = bot.opened_views()[-1]
    story = "Thanks for hosting junior Maria Lopez at the clinic!"
    reply = bot.submit(form, form_values(story))
    assert reply.ack["response_action"] == "update"
    warned = reply.ack["view"]
    shown = json.dumps(warned["blocks"], ensure_ascii=False)
    assert "seems to name a student: “Maria Lopez”" in shown
    assert any(b.get("block_id") == "confirm" for b in warned["blocks"])
    edited = next(b for b in warned["blocks"] if b.get("block_id") == "text")
    assert edited["element"]["initial_value"] == story  # what was typed is kept
    assert spotlights(bot) == []
    # Sent again without ticking the box: an error under the text, still nothing posted.
    again = bot.submit(warned, form_values(story))
    assert again.ack["response_action"] == "errors"
    assert "Maria Lopez" in again.ack["errors"]["text"]
    assert spotlights(bot) == []
    # Confirmed: posted.
    assert bot.submit(warned, form_values(story, confirm=True)).ack == {}
    assert len(spotlights(bot)) == 1


def test_an_edit_that_removes_the_name_posts_without_a_box(bot: Bot) -> None:
    dm = asked(bot)
    bot.press_in(dm, "cel_post")
    reply = bot.submit(bot.opened_views()[-1], form_values("Our intern Sam loved it"))
    assert reply.ack["response_action"] == "update"
    assert bot.submit(reply.ack["view"], form_values("Our intern loved it")).ack == {}
    assert len(spotlights(bot)) == 1


def test_business_contacts_slack_users_and_partners_are_not_warned_about(bot: Bot) -> None:
    dm = asked(bot)
    bot.press_in(dm, "cel_post")
    story = (
        "Huge thanks to Jane Ortiz and everyone at Acme Health for hosting our students! "
        "Juan Perez organised the visit."
    )
    assert bot.submit(bot.opened_views()[-1], form_values(story)).ack == {}
    [spot] = spotlights(bot)
    assert "Jane Ortiz" in json.dumps(spot.body)


def test_an_unknown_full_name_is_warned_about(bot: Bot) -> None:
    dm = asked(bot)
    bot.press_in(dm, "cel_post")
    reply = bot.submit(bot.opened_views()[-1], form_values("Tom Baker learned so much at Acme"))
    assert reply.ack["response_action"] == "update"
    assert "“Tom Baker”" in json.dumps(reply.ack["view"]["blocks"], ensure_ascii=False)
    assert spotlights(bot) == []


def test_names_and_notes_never_ping_in_the_prompt(bot: Bot) -> None:
    dm = asked(bot, headline="Acme <!here> hosted <@U0JUAN> and <!subteam^S0CTE|cte> <!channel>")
    shown = json.dumps(dm.body, ensure_ascii=False)
    for ping in ("<!here>", "<@U0JUAN>", "<!subteam", "<!channel>"):
        assert ping not in shown
    assert "&lt;!here&gt;" in shown


def test_the_name_reader() -> None:
    partners, people = ["Acme Health", "Riverside Auto"], ["Jane Ortiz", "Maria Lopez"]

    def names(text: str) -> list[str]:
        return student_names(text, partners=partners, people=people)

    assert names("Thanks for hosting junior Maria Lopez") == ["Maria Lopez"]
    assert names("Sam, our intern, loved Riverside Auto") == ["Sam"]
    assert names("students Ana and Ben had fun") == ["Ana"]
    assert names("Tom Baker learned so much") == ["Tom Baker"]
    assert names("Thank you Jane Ortiz and Acme Health for the Career Fair on Tuesday") == []
    assert names("Senior Night at Riverside Auto was a hit") == []
    assert names("Acme Health hosted 12 students for job shadow day.") == []
    # Names in lower case beside a student word or a grade are read too.
    assert names("thanks for hosting jake miller (10th grade)") == ["jake miller"]
    assert names("acme hosted junior ana lopez") == ["ana lopez"]
    assert names("our welding students loved the tour") == []
    assert names("acme hosted 12 students from the welding class") == []


def test_celebrate_warns_about_a_students_name_and_posts_only_on_post_anyway(bot: Bot) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    with bot.deps.sessions.begin() as session:
        set_celebration_channel(session, TEAM_ID, WINS, now=NOW)
    typed = "Acme Health hosted junior Ana Lopez for a job shadow"
    warned = bot.command("/celebrate", typed)
    assert "may name a student" in warned.text
    assert "Ana Lopez" in warned.text
    assert spotlights(bot) == []
    posted = bot.press(warned.body["blocks"], "cel_post_anyway")
    assert posted.body["replace_original"] is True
    assert "Posted a thank-you for *Acme Health*" in posted.body["text"]
    [spotlight] = spotlights(bot)
    assert "Ana Lopez" in json.dumps(spotlight.body)
    bot.press(warned.body["blocks"], "cel_post_anyway")  # a double click posts nothing more
    assert len(spotlights(bot)) == 1


def test_celebrate_without_a_students_name_posts_at_once(bot: Bot) -> None:
    acme = records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    with bot.deps.sessions.begin() as session:
        add_business_contact(session, TEAM_ID, acme, ContactFields("Jane Ortiz"), by=MARIA, now=NOW)
        set_celebration_channel(session, TEAM_ID, WINS, now=NOW)
    reply = bot.command("/celebrate", "Acme Health: Jane Ortiz hosted 12 students for a job shadow")
    assert "may name a student" not in reply.text
    assert len(spotlights(bot)) == 1
