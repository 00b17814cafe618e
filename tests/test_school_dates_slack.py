"""Dates that know the school calendar, through Slack on a frozen clock (Monday 2026-11-23,
08:00 in Maria's Chicago): a follow-up from `/followup` or `/contact … follow up …` due on a day
off or in the partner's busy season is flagged in the confirmation, with a button moving it to
the next school day; "after winter break", "first day back", "next semester", "end of the term"
resolve from the calendar, and a clear answer (nothing saved) when the calendar has no entry."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from bot.console.records import FakeUser
from storage.models import FollowUp, Interaction
from tests.support import records
from tests.support.slackapp import MARIA, TEAM_ID, Bot, find_element

MOVE = "school_day_move"


@pytest.fixture(autouse=True)
def _maria_is_an_admin(bot: Bot) -> None:
    """Changing the calendar is for program leads: with none named, the workspace's admins."""
    bot.slack.add_user(FakeUser(id=MARIA, name="maria", real_name="Maria Lopez", is_admin=True))


@pytest.fixture
def acme(bot: Bot) -> int:
    return records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)


def school_year(bot: Bot) -> None:
    for typed in (
        "calendar term Fall Aug 17 - Dec 18",
        "calendar term Spring Jan 5 - May 28",
        "calendar add Thanksgiving Nov 25-27",
        "calendar add Winter break Dec 21 - Jan 1",
    ):
        assert "Nothing changed" not in bot.command("/partnerbot", typed).text


def follow_ups(bot: Bot) -> list[tuple[date, str]]:
    with bot.deps.sessions() as session:
        rows = session.scalars(select(FollowUp).order_by(FollowUp.id)).all()
        return [(r.due_date, r.note) for r in rows]


def contacts(bot: Bot) -> int:
    with bot.deps.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(Interaction)) or 0)


def test_followup_on_a_holiday_is_flagged_and_moved_to_the_next_school_day(
    bot: Bot, acme: int
) -> None:
    bot.command("/partnerbot", "calendar add Thanksgiving Nov 25-27")
    reply = bot.command("/followup", "acme thu call Jane about the MOU")
    assert "Follow-up for you, due Thu Nov 26" in reply.text
    assert "Thu Nov 26 is not a school day (Thanksgiving)" in reply.text
    assert "The next school day is Mon Nov 30" in reply.text
    find_element(reply.body["blocks"], "fu_done")  # its own buttons stay
    button, _ = find_element(reply.body["blocks"], MOVE)
    assert button["text"]["text"] == "Move to Mon Nov 30"
    assert follow_ups(bot) == [(date(2026, 11, 26), "call Jane about the MOU")]
    moved = bot.press(reply.body["blocks"], MOVE)
    assert "Moved the follow-up with *Acme Health* to Mon Nov 30" in moved.text
    assert follow_ups(bot) == [(date(2026, 11, 30), "call Jane about the MOU")]


def test_followup_on_a_weekend_is_flagged_and_a_school_day_is_not(bot: Bot, acme: int) -> None:
    weekend = bot.command("/followup", "acme sat send the photos")
    assert "Sat Nov 28 is not a school day (Saturday)" in weekend.text
    assert "Move to Mon Nov 30" in weekend.text
    school_day = bot.command("/followup", "acme tomorrow send the photos")
    assert "due Tue Nov 24" in school_day.text
    assert "not a school day" not in school_day.text
    assert MOVE not in school_day.text


def test_contact_follow_up_on_a_break_is_flagged_above_undo(bot: Bot, acme: int) -> None:
    school_year(bot)
    reply = bot.command("/contact", "Acme called Jane about internships, follow up Dec 23")
    assert "follow-up Wed Dec 23 for you" in reply.text
    assert "Wed Dec 23 is not a school day (Winter break)" in reply.text
    blocks = reply.body["blocks"]
    assert "Logged a call" in str(blocks[0])
    assert MOVE in str(blocks[1])  # the flag, under what was logged
    assert "contact_undo" in str(blocks[-1])  # Undo / Edit stay last
    moved = bot.press(blocks, MOVE)
    # The break ends Fri Jan 1; Mon Jan 4 is between terms (Spring starts Tue Jan 5).
    assert "to Tue Jan 5" in moved.text
    assert follow_ups(bot)[0][0] == date(2027, 1, 5)


def test_busy_season_is_flagged_in_both_confirmations(bot: Bot, acme: int) -> None:
    bot.command("/partner", "busy Acme Health Dec 1 - Dec 31 year-end")
    added = bot.command("/followup", "acme Dec 10 check on the MOU")
    assert "*Acme Health* is in its busy season until Thu Dec 31" in added.text
    assert "not a school day" not in added.text
    logged = bot.command("/contact", "Acme emailed Jane the MOU, follow up Dec 8")
    assert "is in its busy season until Thu Dec 31" in logged.text
    plain = bot.command("/contact", "Acme called Jane about the fair, follow up Nov 30")
    assert "busy season" not in plain.text


@pytest.mark.parametrize(
    ("typed", "due", "note"),
    [
        ("acme after winter break send the MOU", date(2027, 1, 5), "send the MOU"),
        ("acme after the Winter Break, send the MOU", date(2027, 1, 5), "send the MOU"),
        ("acme after thanksgiving send the MOU", date(2026, 11, 30), "send the MOU"),
        ("acme first day back send the MOU", date(2026, 11, 30), "send the MOU"),
        ("acme before winter break send the MOU", date(2026, 12, 18), "send the MOU"),
        ("acme next semester send the MOU", date(2027, 1, 5), "send the MOU"),
        ("acme send the MOU by the end of the term", date(2026, 12, 18), "send the MOU"),
        ("acme end of semester send the MOU", date(2026, 12, 18), "send the MOU"),
        # A date typed before the phrase wins; the phrase stays in the note.
        ("acme fri plan for next semester", date(2026, 11, 27), "plan for next semester"),
    ],
)
def test_followup_dates_from_the_calendar(
    bot: Bot, acme: int, typed: str, due: date, note: str
) -> None:
    school_year(bot)
    reply = bot.command("/followup", typed)
    assert "Nothing was saved" not in reply.text
    assert follow_ups(bot) == [(due, note)]


def test_contact_follow_up_after_a_named_break(bot: Bot, acme: int) -> None:
    school_year(bot)
    reply = bot.command("/contact", "Acme met Jane at the fair; follow up after winter break")
    assert "follow-up Tue Jan 5 for you" in reply.text
    assert "not a school day" not in reply.text
    reply = bot.command("/contact", "Acme called Jane, f/u first day back to send the MOU")
    assert "follow-up Mon Nov 30 for you" in reply.text
    with bot.deps.sessions() as session:
        summaries = session.scalars(select(Interaction.summary).order_by(Interaction.id)).all()
    assert summaries == [
        "met Jane at the fair; follow up after winter break",
        "called Jane, f/u first day back to send the MOU",
    ]
    assert [d for d, _ in follow_ups(bot)] == [date(2027, 1, 5), date(2026, 11, 30)]
    assert follow_ups(bot)[1][1] == "Send the MOU"


@pytest.mark.parametrize(
    ("command", "typed", "said"),
    [
        (
            "/followup",
            "acme after winter break send the MOU",
            "There is no “winter break” on the school calendar — add it with "
            "`/partnerbot calendar add Winter break Dec 21 - Jan 1`, or write a date.",
        ),
        ("/followup", "acme next semester send the MOU", "There is no next term"),
        ("/followup", "acme first day back call Jane", "There is no break ahead"),
    ],
)
def test_no_such_entry_gets_a_clear_answer_and_saves_nothing(
    bot: Bot, acme: int, command: str, typed: str, said: str
) -> None:
    reply = bot.command(command, typed)
    assert said in reply.text
    assert "Nothing was saved" in reply.text
    assert follow_ups(bot) == []
    assert contacts(bot) == 0


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("Acme called Jane, follow up after spring break", "There is no “spring break”"),
        ("Acme called Jane, follow up end of the term", "There is no current term"),
    ],
)
def test_a_contact_with_no_such_entry_is_logged_and_its_follow_up_asked(
    bot: Bot, acme: int, typed: str, said: str
) -> None:
    reply = bot.command("/contact", typed)
    assert said in reply.text
    assert "The follow-up isn't set yet" in reply.text
    assert follow_ups(bot) == []
    assert contacts(bot) == 1


def test_an_unknown_break_with_a_date_after_it_uses_the_date(bot: Bot, acme: int) -> None:
    reply = bot.command("/followup", "acme after lunch break tomorrow call Jane")
    assert "due Tue Nov 24" in reply.text
    assert follow_ups(bot) == [(date(2026, 11, 24), "after lunch break call Jane")]


@pytest.mark.parametrize(
    "typed", ["acme first day back call Jane", "acme after the break call Jane"]
)
def test_first_day_back_on_the_weekend_after_a_break(bot: Bot, acme: int, typed: str) -> None:
    school_year(bot)
    bot.command("/partnerbot", "calendar add Spring break Mar 15-19")
    bot.clock.set(datetime(2027, 1, 2, 16, 0, tzinfo=UTC))  # Sat Jan 2, after winter break
    reply = bot.command("/followup", typed)
    assert "Nothing was saved" not in reply.text
    assert follow_ups(bot) == [(date(2027, 1, 5), "call Jane")]  # not after spring break


@pytest.mark.parametrize(
    ("typed", "due"),
    [
        ("Acme called Jane, f/u after MLK day", date(2027, 1, 19)),
        ("Acme called Jane, follow up after Martin Luther King day", date(2027, 1, 19)),
        ("Acme called Jane, follow up after prez day", date(2027, 2, 16)),
    ],
)
def test_holidays_by_their_common_names(bot: Bot, acme: int, typed: str, due: date) -> None:
    school_year(bot)
    bot.command("/partnerbot", "calendar add Martin Luther King Jr. Day Jan 18")
    bot.command("/partnerbot", "calendar add Presidents' Day Feb 15")
    reply = bot.command("/contact", typed)
    assert f"follow-up {due:%a %b} {due.day} for you" in reply.text
    assert [d for d, _ in follow_ups(bot)] == [due]


def test_before_a_break_not_on_the_calendar_is_asked_not_in_the_past(bot: Bot, acme: int) -> None:
    school_year(bot)
    reply = bot.command("/contact", "Acme called Jane, follow up before spring break")
    assert "There is no “spring break”" in reply.text
    assert "in the past" not in reply.text
    assert "The follow-up isn't set yet" in reply.text
    assert follow_ups(bot) == []
    assert contacts(bot) == 1
