"""The `/contact` flow through the real Bolt app: the partner named anywhere, the question
when two fit, "Add X" only for a name-like phrase, an archived partner restored only when
asked, a future or long-ago day asked about, the confirmation saying what was saved, closing
the loop on an open follow-up, and a corrected line that is not a repeat."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select

from storage.models import FollowUp, FollowUpStatus, Interaction, InteractionKind, Partner
from storage.partners.records import set_archived
from tests.support import records
from tests.support.slackapp import JUAN, MARIA, TEAM_ID, Bot

# The clock fixture: Mon 2026-11-23 08:00 in Chicago.


def entries(bot: Bot) -> list[Interaction]:
    with bot.deps.sessions() as session:
        return list(session.scalars(select(Interaction).order_by(Interaction.id)))


def follow_ups(bot: Bot) -> list[FollowUp]:
    with bot.deps.sessions() as session:
        return list(session.scalars(select(FollowUp).order_by(FollowUp.id)))


def labels(blocks: list[dict[str, Any]]) -> list[str]:
    """Button labels, in actions blocks and section accessories."""
    found = []
    for b in blocks:
        elements = list(b.get("elements") or [])
        if b.get("accessory"):
            elements.append(b["accessory"])
        found += [str(e["text"]["text"]) for e in elements if e.get("type") == "button"]
    return found


def shown(body: dict[str, Any]) -> str:
    return json.dumps(body, ensure_ascii=False)


def test_the_partner_can_be_anywhere_and_the_confirmation_says_what_was_saved(bot: Bot) -> None:
    hospital = records.partner(bot.deps.sessions, TEAM_ID, "Riverside Regional Hospital")
    reply = bot.command(
        "/contact", "called Jane at Riverside Regional Hospital yesterday re: job shadow, f/u fri"
    )
    assert (
        "✅ Logged a call with *Riverside Regional Hospital* · yesterday, Sun Nov 22"
        " · follow-up Fri Nov 27 for you"
    ) in reply.text
    assert labels(reply.body["blocks"]) == ["Undo", "Edit"]
    [entry] = entries(bot)
    assert (entry.partner_id, entry.kind) == (hospital, InteractionKind.CALL)
    assert entry.summary == (
        "called Jane at Riverside Regional Hospital yesterday re: job shadow, f/u fri"
    )
    [follow_up] = follow_ups(bot)
    assert follow_up.due_date == date(2026, 11, 27)


def test_the_note_drops_a_leading_short_form_of_the_name(bot: Bot) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Summit Physical Therapy")
    records.partner(bot.deps.sessions, TEAM_ID, "Northside Veterinary Clinic")
    bot.command("/contact", "Summit PT: emailed the sports med schedule")
    bot.command("/contact", "Northside Vet called back")
    bot.command("/contact", "texted Summit PT about Friday")
    bot.command("/contact", "Summit's front desk called")
    assert [e.summary for e in entries(bot)] == [
        "emailed the sports med schedule",
        "called back",
        "texted Summit PT about Friday",
        "Summit's front desk called",
    ]


def test_a_partner_name_before_visit_is_not_a_to_do(bot: Bot) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Heartland Ag Cooperative")
    reply = bot.command("/contact", "Heartland Ag visit on the 20th")
    assert "Logged a visit with *Heartland Ag Cooperative* · Fri Nov 20" in reply.text
    assert follow_ups(bot) == []


def test_a_content_date_is_not_the_day(bot: Bot) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Midwest Manufacturing")
    reply = bot.command("/contact", "Midwest phoned Karen in HR — she wants resumes by 12/15")
    assert "✅ Logged a call with *Midwest Manufacturing* · today" in reply.text
    [entry] = entries(bot)
    assert entry.occurred_at == bot.clock.now()
    assert entry.summary == "phoned Karen in HR — she wants resumes by 12/15"


def test_two_close_partners_are_asked_about_with_both_as_buttons(bot: Bot) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Keystone Electrical Contractors")
    auto = records.partner(bot.deps.sessions, TEAM_ID, "Keystone Automotive Group")
    reply = bot.command("/contact", "called Keystone about the apprenticeship opening")
    assert "Which partner do you mean? Nothing was saved yet." in reply.text
    assert labels(reply.body["blocks"]) == [
        "Keystone Automotive Group",
        "Keystone Electrical Contractors",
    ]
    assert entries(bot) == []

    update = bot.press(reply.body["blocks"], f"contact_pick:{auto}").body
    assert update["replace_original"] is True
    assert "Logged a call with *Keystone Automotive Group*" in shown(update)
    [entry] = entries(bot)
    assert entry.partner_id == auto
    assert entry.summary == "called Keystone about the apprenticeship opening"


def test_a_name_like_phrase_that_starts_known_names_asks_which_instead_of_add(bot: Bot) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Acme Health")
    auto = records.partner(bot.deps.sessions, TEAM_ID, "Acme Auto")
    reply = bot.command("/contact", "acme called Jane about the spring career day")
    assert "Which partner do you mean?" in reply.text
    assert labels(reply.body["blocks"]) == ["Acme Auto", "Acme Health"]
    bot.press(reply.body["blocks"], f"contact_pick:{auto}")
    [entry] = entries(bot)
    assert (entry.partner_id, entry.summary) == (auto, "called Jane about the spring career day")


def test_add_is_offered_only_for_a_name_like_phrase(bot: Bot) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Acme Health")
    reply = bot.command("/contact", "called Greenfield Solar about summer jobs")
    assert "I don't know a partner called “Greenfield Solar”" in reply.text
    assert labels(reply.body["blocks"]) == ["Add “Greenfield Solar” as a new partner and log this"]

    update = bot.press(reply.body["blocks"], "contact_add_and_log").body
    assert "Added *Greenfield Solar* as a partner" in shown(update)
    assert "Logged a call with *Greenfield Solar*" in shown(update)
    [entry] = entries(bot)
    assert entry.summary == "called Greenfield Solar about summer jobs"

    nothing = bot.command("/contact", "reached out but no reply yet")
    assert "I couldn't find a partner in that line" in nothing.text
    assert labels(nothing.body["blocks"]) == []
    assert len(entries(bot)) == 1
    with bot.deps.sessions() as session:
        assert session.scalars(select(Partner.name).order_by(Partner.id)).all() == [
            "Acme Health",
            "Greenfield Solar",
        ]


def test_an_archived_partner_is_restored_only_when_asked(bot: Bot) -> None:
    partner_id = records.partner(bot.deps.sessions, TEAM_ID, "Hammer & Beam")
    with bot.deps.sessions.begin() as session:
        set_archived(session, TEAM_ID, partner_id, True, now=bot.clock.now())
    reply = bot.command("/contact", "Hammer & Beam emailed the framing quote")
    assert "*Hammer &amp; Beam* is archived, so nothing was saved" in reply.text
    assert labels(reply.body["blocks"]) == ["Restore and log"]
    assert entries(bot) == []
    assert records.partner_row(bot.deps.sessions, partner_id).archived_at is not None

    update = bot.press(reply.body["blocks"], "contact_restore_and_log").body
    assert "Restored *Hammer &amp; Beam*" in shown(update)
    assert "Logged an email with *Hammer &amp; Beam*" in shown(update)
    assert records.partner_row(bot.deps.sessions, partner_id).archived_at is None
    [entry] = entries(bot)
    assert entry.summary == "emailed the framing quote"


def test_a_future_day_is_asked_about_and_can_become_a_follow_up(bot: Bot) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Ironwood Construction")
    reply = bot.command("/contact", "site visit at Ironwood tomorrow")
    assert "Tue Nov 24 is in the future" in reply.text
    assert labels(reply.body["blocks"]) == ["It happened today", "Log today, follow up Tue Nov 24"]
    assert entries(bot) == []

    update = bot.press(reply.body["blocks"], "contact_day:follow").body
    assert "Logged a visit with *Ironwood Construction* · today" in shown(update)
    assert "follow-up Tue Nov 24 for you" in shown(update)
    [entry] = entries(bot)
    assert entry.occurred_at == bot.clock.now()
    [follow_up] = follow_ups(bot)
    assert follow_up.due_date == date(2026, 11, 24)


def test_a_long_ago_day_is_asked_about_then_kept_when_confirmed(bot: Bot) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Pinecrest Bank")
    reply = bot.command("/contact", "emailed Pinecrest on 9/2")
    assert "Wed Sep 2, 2026 is 82 days ago" in reply.text
    assert entries(bot) == []
    update = bot.press(reply.body["blocks"], "contact_day:said").body
    assert "Logged an email with *Pinecrest Bank* · Wed Sep 2" in shown(update)
    [entry] = entries(bot)
    assert entry.occurred_at.astimezone(records.CHICAGO).date() == date(2026, 9, 2)


def test_the_day_chosen_is_kept_when_a_past_follow_up_is_asked_about_next(bot: Bot) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Pinecrest Bank")
    reply = bot.command("/contact", "met Pinecrest on 9/2, follow up 11/10")
    asked_day = bot.press(reply.body["blocks"], "contact_day:said").body
    assert "The follow-up date, Tue Nov 10, is in the past" in shown(asked_day)
    assert entries(bot) == []
    done = bot.press(asked_day["blocks"], "contact_past_follow_up:drop").body
    assert "Logged a meeting with *Pinecrest Bank* · Wed Sep 2" in shown(done)
    [entry] = entries(bot)
    assert entry.occurred_at.astimezone(records.CHICAGO).date() == date(2026, 9, 2)
    assert follow_ups(bot) == []


def test_a_time_without_a_day_is_asked_about(bot: Bot) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Heartland Ag Cooperative")
    reply = bot.command("/contact", "toured Heartland Ag back in August")
    assert "That names a time (August 2026), not a day" in reply.text
    assert labels(reply.body["blocks"]) == ["Log it today"]
    assert entries(bot) == []
    update = bot.press(reply.body["blocks"], "contact_day:today").body
    assert "Logged a visit with *Heartland Ag Cooperative* · today" in shown(update)
    [entry] = entries(bot)
    assert entry.occurred_at == bot.clock.now()


def test_school_calendar_words_without_a_calendar_log_it_and_ask_the_follow_up(bot: Bot) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Gearhart Robotics")
    reply = bot.command("/contact", "called Gearhart, follow up after winter break")
    assert "school calendar" in reply.text
    assert "The follow-up isn't set yet" in reply.text
    assert len(entries(bot)) == 1
    assert follow_ups(bot) == []


def test_logging_offers_to_close_the_loop_on_an_open_follow_up(bot: Bot) -> None:
    partner_id = records.partner(bot.deps.sessions, TEAM_ID, "Bluestem Software")
    other = records.partner(bot.deps.sessions, TEAM_ID, "Sterling Welding Supply")
    mine = records.follow_up(
        bot.deps.sessions, TEAM_ID, partner_id, MARIA, date(2026, 11, 24), "Call about interns"
    )
    records.follow_up(bot.deps.sessions, TEAM_ID, partner_id, JUAN, date(2026, 11, 23), "Juan's")
    records.follow_up(bot.deps.sessions, TEAM_ID, other, MARIA, date(2026, 11, 23), "Other")
    reply = bot.command("/contact", "called Bluestem about the interns")
    assert "open follow-up with *Bluestem Software* (due Tue Nov 24): Call about interns" in (
        reply.text
    )
    assert labels(reply.body["blocks"]) == ["Mark follow-up done", "Undo", "Edit"]

    update = bot.press(reply.body["blocks"], "contact_close_loop").body
    assert update["replace_original"] is True
    assert "Marked done: your follow-up with *Bluestem Software*" in shown(update)
    assert "Logged a call with *Bluestem Software*" in shown(update)
    assert labels(update["blocks"]) == ["Reopen", "Undo", "Edit"]
    statuses = {f.id: f.status for f in follow_ups(bot)}
    assert statuses[mine] is FollowUpStatus.DONE
    assert list(statuses.values()).count(FollowUpStatus.OPEN) == 2


def test_a_corrected_line_within_a_minute_is_not_a_repeat(bot: Bot) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Acme Health")
    bot.command("/contact", "Acme called Jane, follow up next tue")
    bot.clock.advance(timedelta(seconds=20))
    fixed = bot.command("/contact", "Acme called Jane, follow up friday at 2pm")
    assert "repeat" not in fixed.text
    assert "follow-up Fri Nov 27 at 2:00 PM for you" in fixed.text
    assert [f.due_date for f in follow_ups(bot)] == [date(2026, 11, 24), date(2026, 11, 27)]
    bot.clock.advance(timedelta(seconds=20))
    again = bot.command("/contact", "Acme called Jane, follow up friday at 2pm")
    assert "already logged — this was a repeat" in again.text
    assert len(entries(bot)) == 2


def test_dates_about_the_subject_are_not_the_contact_day(bot: Bot) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Pinecrest Bank")
    records.partner(bot.deps.sessions, TEAM_ID, "Ironwood Construction")
    fair = bot.command("/contact", "talked to jane at Pinecrest about the job fair Dec 10")
    proposed = bot.command("/contact", "emailed Ironwood, proposed Feb 3 for the jobsite visit")
    assert "Logged a call with *Pinecrest Bank* · today" in fair.text
    assert "Logged an email with *Ironwood Construction* · today" in proposed.text
    assert [e.occurred_at for e in entries(bot)] == [bot.clock.now()] * 2


def test_a_past_day_that_may_be_the_subjects_is_asked_about(bot: Bot) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Pinecrest Bank")
    reply = bot.command("/contact", "talked to Pinecrest about the job fair Nov 10")
    assert "Did it happen on Tue Nov 10, or is that the day of what it was about?" in reply.text
    assert labels(reply.body["blocks"]) == ["It happened Tue Nov 10", "It happened today"]
    assert entries(bot) == []
    update = bot.press(reply.body["blocks"], "contact_day:today").body
    assert "Logged a call with *Pinecrest Bank* · today" in shown(update)
    [entry] = entries(bot)
    assert entry.occurred_at == bot.clock.now()
