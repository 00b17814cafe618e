"""The `/contact` grammar (partner name already taken off), read the way people type it; and
properties that hold for any text at all, in the parser and through the app."""

# ruff: noqa: E501

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from bot.console.localslack import LocalSlack
from handlers.common.dates import DateReader
from handlers.contact_log.grammar import ParsedContact, infer_kind, parse_contact
from storage.clock import FrozenClock
from storage.models import FollowUp, Interaction, InteractionKind, Partner
from tests.support import records
from tests.support.slackapp import TEAM_ID, Bot, close_bot, make_bot

NOW = datetime(2026, 11, 23, 8, 0)  # Monday morning, local time
TODAY = NOW.date()
READER = DateReader()
READER.warm()

CALL, EMAIL, MEETING = InteractionKind.CALL, InteractionKind.EMAIL, InteractionKind.MEETING
VISIT, EVENT, NOTE = InteractionKind.VISIT, InteractionKind.EVENT, InteractionKind.NOTE
MESSAGE = InteractionKind.MESSAGE


def parse(text: str, names: tuple[tuple[int, int], ...] = (), note_from: int = 0) -> ParsedContact:
    return parse_contact(text, now_local=NOW, parser=READER, names=names, note_from=note_from)


# text → kind, the day it happened, follow-up day, follow-up note, follow-up owner
CASES: list[tuple[str, InteractionKind, date, date | None, str | None, str | None]] = [
    (
        "called Jane about summer internships, follow up next tue",
        CALL, TODAY, date(2026, 11, 24), "Follow up: called Jane about summer internships", None,
    ),
    (
        "met with HR at the career fair yesterday; f/u in 2 weeks",
        EVENT, date(2026, 11, 22), date(2026, 12, 7),
        "Follow up: met with HR at the career fair yesterday", None,
    ),
    (
        "emailed the shop manager the MOU draft, remind me Dec 3",
        EMAIL, TODAY, date(2026, 12, 3), "Follow up: emailed the shop manager the MOU draft", None,
    ),
    (
        "called Jane, <@U0JUAN|juan> follow up fri",
        CALL, TODAY, date(2026, 11, 27), "Follow up: called Jane", "U0JUAN",
    ),
    ("called Jane follow up friday to send the MOU", CALL, TODAY, date(2026, 11, 27), "Send the MOU", None),
    (
        "toured the plant last week, next step: send the MOU by Friday",
        VISIT, date(2026, 11, 16), date(2026, 11, 27), "Send the MOU", None,
    ),
    (
        "emailed Bob - follow up in 3 days about the contract",
        EMAIL, TODAY, date(2026, 11, 26), "Follow up about the contract", None,
    ),
    ("phoned Ana - remind me in 10 days to send the MOU", CALL, TODAY, date(2026, 12, 3), "Send the MOU", None),
    (
        "stopped by the shop. Next steps: email the flyer on Monday",
        VISIT, TODAY, date(2026, 11, 30), "Email the flyer", None,
    ),
    (
        "coffee with Ana on 11/20, follow-up 12/1",
        MEETING, date(2026, 11, 20), date(2026, 12, 1), "Follow up: coffee with Ana on 11/20", None,
    ),
    ("called Jane and follow up next week", CALL, TODAY, date(2026, 11, 30), "Follow up: called Jane", None),
    (
        "Zoom with the HR team then follow up Dec 1 about the contract",
        MEETING, TODAY, date(2026, 12, 1), "Follow up about the contract", None,
    ),
    ("called Jane and <@U0JUAN> follow up fri", CALL, TODAY, date(2026, 11, 27), "Follow up: called Jane", "U0JUAN"),
    (
        "called Jane, follow up fri with <@U0JUAN|juan> about the MOU",
        CALL, TODAY, date(2026, 11, 27), "Follow up about the MOU", "U0JUAN",
    ),
    ("emailed Bob remind me to call him next week", EMAIL, TODAY, date(2026, 11, 30), "Call him", None),
    ("called Jane follow up with her tomorrow", CALL, TODAY, date(2026, 11, 24), "Follow up with her", None),
    (
        "called <!channel> & <@U999> 🎉, follow up next tue",
        CALL, TODAY, date(2026, 11, 24), "Follow up: called <!channel> & <@U999> 🎉", None,
    ),
    # staff shorthand and the other ways of saying when to follow up
    ("called Gus. I'll follow up Thursday", CALL, TODAY, date(2026, 11, 26), "Follow up: called Gus", None),
    ("texted her, f/u tmrw", MESSAGE, TODAY, date(2026, 11, 24), "Follow up: texted her", None),
    ("talked to Jim, fu 2wks", CALL, TODAY, date(2026, 12, 7), "Follow up: talked to Jim", None),
    ("left a vm, try again wed", CALL, TODAY, date(2026, 11, 25), "Try again", None),
    ("ping them end of month", NOTE, TODAY, date(2026, 11, 30), "Ping them", None),
    ("circle back in a couple weeks", NOTE, TODAY, date(2026, 12, 7), "Circle back", None),
    ("touch base next month", NOTE, TODAY, date(2026, 12, 1), "Touch base", None),
    ("emailed the deck, f/u EOW", EMAIL, TODAY, date(2026, 11, 27), "Follow up: emailed the deck", None),
    ("called, f/u end of next week", CALL, TODAY, date(2026, 12, 4), "Follow up: called", None),
    ("called, follow up the 15th", CALL, TODAY, date(2026, 12, 15), "Follow up: called", None),
    ("called, follow up the 30th", CALL, TODAY, date(2026, 11, 30), "Follow up: called", None),
    ("called, follow up after Thursday", CALL, TODAY, date(2026, 11, 27), "Follow up: called", None),
    ("called, follow up the week of Dec 14", CALL, TODAY, date(2026, 12, 14), "Follow up: called", None),
    ("called, follow up early January", CALL, TODAY, date(2027, 1, 1), "Follow up: called", None),
    ("need to follow up with him next week", NOTE, TODAY, date(2026, 11, 30), "Follow up with him", None),
    ("tmrw follow up", NOTE, TODAY, date(2026, 11, 24), "Follow up", None),
    ("called, f/u wk of 12/7", CALL, TODAY, date(2026, 12, 7), "Follow up: called", None),
    ("called, follow up 2nd week of Dec", CALL, TODAY, date(2026, 12, 8), "Follow up: called", None),
    ("called, f/u mid next week", CALL, TODAY, date(2026, 12, 2), "Follow up: called", None),
    ("called, f/u end of Dec", CALL, TODAY, date(2026, 12, 31), "Follow up: called", None),
    ("call Jo back tomorrow", NOTE, TODAY, date(2026, 11, 24), "Call Jo back", None),
    ("email the dean fri", NOTE, TODAY, date(2026, 11, 27), "Email the dean", None),
    ("circle back in January", NOTE, TODAY, date(2027, 1, 1), "Circle back", None),
    ("called, f/u nxt wk", CALL, TODAY, date(2026, 11, 30), "Follow up: called", None),
    ("called, f/u 15th", CALL, TODAY, date(2026, 12, 15), "Follow up: called", None),
    ("called, f/u this weekend", CALL, TODAY, date(2026, 11, 28), "Follow up: called", None),
    ("called, fu sat", CALL, TODAY, date(2026, 11, 28), "Follow up: called", None),
    ("called, follow up a week from Friday", CALL, TODAY, date(2026, 12, 4), "Follow up: called", None),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "kind", "happened", "due", "note", "owner"),
    CASES,
    ids=[c[0][:40] for c in CASES],
)
def test_contact_lines(
    text: str,
    kind: InteractionKind,
    happened: date,
    due: date | None,
    note: str | None,
    owner: str | None,
) -> None:
    parsed = parse(text)
    assert (parsed.kind, parsed.summary, parsed.problem) == (kind, text, None)
    assert parsed.occurred_at.date() == happened
    assert parsed.occurred_at <= NOW
    assert parsed.day_to_ask is None
    if due is None:
        assert parsed.follow_up is None
        return
    assert parsed.follow_up is not None
    assert (parsed.follow_up.due_date, parsed.follow_up.note) == (due, note)
    assert parsed.follow_up.owner_user_id == owner


# Lines without a follow-up: the kind and the day they happened.
PLAIN: list[tuple[str, InteractionKind, date]] = [
    ("spoke at the open house today", EVENT, TODAY),
    ("had coffee with Ana on Nov 20", MEETING, date(2026, 11, 20)),
    ("left a voicemail for Jane", CALL, TODAY),
    ("sent an email to Jane about the MOU", EMAIL, TODAY),
    ("presented at the expo last night", EVENT, date(2026, 11, 22)),
    ("met Bob 3 days ago", MEETING, date(2026, 11, 20)),
    ("called Octavia 2 days ago", CALL, date(2026, 11, 21)),
    ("visited the shop a week ago", VISIT, date(2026, 11, 16)),
    ("Jane confirmed 4 job shadow slots for March", NOTE, TODAY),
    ("will follow up later", NOTE, TODAY),
    ("we need to follow up on the MOU", NOTE, TODAY),
    ("called Jane follow up with her", CALL, TODAY),
    ("called Jane, follow up with Dana about the MOU", CALL, TODAY),
    ("called Jane. Next steps: they send the MOU", CALL, TODAY),
    ("met Ana on November 20", MEETING, date(2026, 11, 20)),
    ("talked about follow up with the dean on Monday", NOTE, date(2026, 11, 23)),
    ("discussed the follow up with HR last week", NOTE, date(2026, 11, 16)),
    ("DM'd the recruiter on LinkedIn", MESSAGE, TODAY),
    ("texted Jane Thursday", MESSAGE, date(2026, 11, 19)),
    ("on Saturday called the owner", CALL, date(2026, 11, 21)),
    ("called last Mon", CALL, date(2026, 11, 16)),
    ("met on the 20th", MEETING, date(2026, 11, 20)),
    ("Sept 30 toured the plant", VISIT, date(2026, 9, 30)),
    # content dates: never the day
    ("she wants resumes by 12/15", NOTE, TODAY),
    ("called about the Dec 12 hackathon", CALL, TODAY),
    ("offered a 1/2 day job shadow", NOTE, TODAY),
    ("they run a 24/7 schedule", NOTE, TODAY),
    ("3/4 of the class signed up", NOTE, TODAY),
    ("we won 21-14, then called the coach", CALL, TODAY),
    ("planning the Friday tasting event", NOTE, TODAY),
    ("students averaged 8/10 on the quiz", NOTE, TODAY),
    ("has 5 openings (11/12 graders)", NOTE, TODAY),
    ("wants the banquet on 3/20", NOTE, TODAY),
    ("wants two interns in January", NOTE, TODAY),
    ("the crew is on call 24/7", NOTE, TODAY),
    ("wants to meet next Tuesday", NOTE, TODAY),
    ("their open house is on Friday", NOTE, TODAY),
    ("called about the tour on 12/3", CALL, TODAY),
    ("met at the expo on Saturday", EVENT, date(2026, 11, 21)),
    ("guest lecture in Culinary 2 last nite", EVENT, date(2026, 11, 22)),
    ("visited the shop over the weekend", VISIT, date(2026, 11, 21)),
    ("the weekend shifts are full", NOTE, TODAY),
    ("tasting for culinary students on 12/3", NOTE, TODAY),
    ("the tour was Friday", VISIT, date(2026, 11, 20)),
    ("they may visit on 12/3", NOTE, TODAY),
    ("visit set for 12/1", VISIT, TODAY),
    ("no answer, left msg", CALL, TODAY),
]


@pytest.mark.parametrize(("text", "kind", "happened"), PLAIN, ids=[c[0] for c in PLAIN])
def test_contact_lines_without_a_follow_up(
    text: str, kind: InteractionKind, happened: date
) -> None:
    parsed = parse(text)
    assert (parsed.kind, parsed.summary, parsed.follow_up) == (kind, text, None)
    assert (parsed.occurred_at.date(), parsed.day_to_ask) == (happened, None)


# An event noun names what happened when no contact word says otherwise; not when it is
# what the words are about or plan.
EVENT_NAMED: list[tuple[str, InteractionKind, date]] = [
    ("open house this morning", EVENT, TODAY),
    ("demo for the seniors", EVENT, TODAY),
    ("STEM night", EVENT, TODAY),
    ("career night yesterday", EVENT, date(2026, 11, 22)),
    ("expo booth on Saturday", EVENT, date(2026, 11, 21)),
    ("panel for juniors last week", EVENT, date(2026, 11, 16)),
    ("job fair with the welding kids", EVENT, TODAY),
    ("signing day for 3 apprentices", EVENT, TODAY),
    ("asked about the job fair", NOTE, TODAY),
    ("wants to do a demo", NOTE, TODAY),
    ("RSVP for the open house", NOTE, TODAY),
    ("the STEM night is Friday", NOTE, TODAY),
    ("the career fair got moved", NOTE, TODAY),
    ("emailed the demo video", EMAIL, TODAY),
    ("solar panel upgrade on the ag barn", NOTE, TODAY),
    ("paint booth is down", NOTE, TODAY),
    ("conference room is booked", NOTE, TODAY),
    ("assembly line is running again", NOTE, TODAY),
    ("career panel yesterday", EVENT, date(2026, 11, 22)),
    ("came to visit", VISIT, TODAY),
    ("came to see the robots", VISIT, TODAY),
    ("came over with the forms", VISIT, TODAY),
    ("came out to see our shop", VISIT, TODAY),
    ("came by", VISIT, TODAY),
]


@pytest.mark.parametrize(("text", "kind", "happened"), EVENT_NAMED, ids=[c[0] for c in EVENT_NAMED])
def test_an_event_named_without_a_contact_word_is_that_event(
    text: str, kind: InteractionKind, happened: date
) -> None:
    parsed = parse(text)
    assert (parsed.kind, parsed.follow_up) == (kind, None)
    assert (parsed.occurred_at.date(), parsed.day_to_ask) == (happened, None)


# "on <day>" after an event: gone by, when the contact was; still to come, the content.
EVENT_DAYS: list[tuple[str, InteractionKind, date]] = [
    ("did a demo at the STEM night on 11/19", EVENT, date(2026, 11, 19)),
    ("demo at the career night on Nov 12", EVENT, date(2026, 11, 12)),
    ("hosted a panel at the job fair on 11/20", EVENT, date(2026, 11, 20)),
    ("met the owner at the expo on Saturday", EVENT, date(2026, 11, 21)),
    ("ran the booth at the expo on 12/12", EVENT, TODAY),
    ("building a robot for the Dec 12 hackathon", NOTE, TODAY),
    ("sent a robot for the 12/12 hackathon", EMAIL, TODAY),
    ("emailed the photos from the STEM night on 11/19", EMAIL, TODAY),
    ("called about the job fair on 11/20", CALL, TODAY),
    ("missed the deadline on 11/20", NOTE, TODAY),
    ("the career fair is on 12/4", NOTE, TODAY),
]


@pytest.mark.parametrize(("text", "kind", "happened"), EVENT_DAYS, ids=[c[0] for c in EVENT_DAYS])
def test_a_past_day_of_an_event_is_when_it_happened_a_coming_one_is_content(
    text: str, kind: InteractionKind, happened: date
) -> None:
    parsed = parse(text)
    assert parsed.kind == kind
    assert (parsed.occurred_at.date(), parsed.day_to_ask) == (happened, None)


@pytest.mark.parametrize(
    ("text", "kind", "due"),
    [
        ("emailed the 2/3 scholarship match form", EMAIL, None),
        ("no answer, try again Monday", NOTE, date(2026, 11, 30)),
        ("left a vm, try again thurs", CALL, date(2026, 11, 26)),
        ("ran into their owner at the chamber breakfast", EVENT, None),
        ("dropped off resumes at the shop", VISIT, None),
        ("dropped off the signed MOU", VISIT, None),
        ("they called back", CALL, None),
        ("left a vm", CALL, None),
        ("left vm for the owner", CALL, None),
        ("FaceTimed the owner", MEETING, None),
        ("facetimed with HR", MEETING, None),
        ("DM'd on LinkedIn", MESSAGE, None),
        ("DMed the recruiter on LinkedIn", MESSAGE, None),
    ],
)
def test_staff_shorthand_gives_the_kind_today_and_the_follow_up(
    text: str, kind: InteractionKind, due: date | None
) -> None:
    parsed = parse(text)
    assert (parsed.kind, parsed.occurred_at.date(), parsed.day_to_ask) == (kind, TODAY, None)
    assert (parsed.follow_up.due_date if parsed.follow_up else None) == due


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("met with them tomorrow", date(2026, 11, 24)),
        ("visited the plant on 12/10/2026", date(2026, 12, 10)),
        ("called on 9/1", date(2026, 9, 1)),
        ("toured the shop 3 months ago", date(2026, 8, 23)),
        ("emailed them back in June", date(2026, 6, 1)),
        ("met Nov 30", date(2026, 11, 30)),
        ("toured their plant last spring", date(2026, 4, 1)),
        ("met them last fall", date(2026, 10, 1)),
    ],
)
def test_a_future_or_long_ago_day_is_asked_about(text: str, asked: date) -> None:
    parsed = parse(text)
    assert parsed.day_to_ask == asked
    assert parsed.day_is_vague == ("last" in text or " in " in text)
    assert parsed.occurred_at == NOW


def test_a_partner_name_is_never_read_as_a_date_or_a_kind() -> None:
    text = "10/10 Cafe Call Center emailed the menu"
    parsed = parse(text, names=((0, 22),), note_from=22)
    assert (parsed.kind, parsed.summary, parsed.day_to_ask) == (EMAIL, "emailed the menu", None)
    assert parsed.occurred_at == NOW


def test_the_follow_up_note_names_the_partner_as_typed() -> None:
    text = "follow up with Acme Auto next week about the MOU"
    parsed = parse(text, names=((15, 24),))
    assert parsed.follow_up is not None
    assert parsed.follow_up.note == "Follow up with Acme Auto about the MOU"


def test_the_note_drops_a_leading_name_and_its_separator_only() -> None:
    assert parse("Acme Auto: sent the MOU", ((0, 9),), 9).summary == "sent the MOU"
    assert parse("Acme Auto - called back", ((0, 9),), 9).summary == "called back"
    assert parse("called Acme Auto back", ((7, 16),)).summary == "called Acme Auto back"


@pytest.mark.parametrize(
    "text",
    [
        "visited the shop, follow up tomorrow at 3pm",
        "visited the shop, follow up at 3pm tomorrow",
        "visited the shop, f/u tmrw 3 p.m.",
    ],
)
def test_a_time_of_day_is_kept(text: str) -> None:
    parsed = parse(text)
    assert parsed.follow_up is not None
    assert (parsed.follow_up.due_date, parsed.follow_up.due_time) == (
        date(2026, 11, 24),
        time(15, 0),
    )
    assert parsed.follow_up.note == "Follow up: visited the shop"


def test_a_day_in_the_past_happened_at_noon() -> None:
    assert parse("met with HR yesterday").occurred_at == datetime(2026, 11, 22, 12, 0)
    assert parse("called Jane").occurred_at == NOW


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("follow up blursday", "I couldn't read “blursday” (after “follow up”) as a date"),
        ("called Jane, follow up", "“follow up” needs a date"),
        ("called Jane; f/u sometime soonish", "I couldn't read “sometime soonish”"),
        ("called, follow up after winter break", "school calendar"),
        ("called, f/u next semester", "no next term on the school calendar"),
        ("called, circle back after finals week", "“after finals week” is a school-calendar date"),
        ("texted, ping them over winter break", "school-calendar date"),
    ],
)
def test_what_cannot_be_read_says_why(text: str, message: str) -> None:
    parsed = parse(text)
    assert parsed.problem is not None
    assert message in parsed.problem
    assert parsed.follow_up is None


def test_a_past_follow_up_date_is_a_question_not_a_guess() -> None:
    parsed = parse("called Jane, follow up Nov 2 2026")
    assert parsed.follow_up_in_past
    assert parsed.follow_up is not None
    assert parsed.follow_up.due_date == date(2026, 11, 2)
    assert (parsed.kind, parsed.summary) == (CALL, "called Jane, follow up Nov 2 2026")
    assert parse("called Jane, f/u last Friday").follow_up_in_past
    assert parse("called Jane, f/u 10/1").follow_up_in_past  # not next October
    later = parse("called Jane, f/u Jan 6").follow_up
    assert later is not None
    assert later.due_date == date(2027, 1, 6)


def test_today_is_not_in_the_past() -> None:
    parsed = parse("called Jane, follow up today")
    assert parsed.follow_up is not None
    assert parsed.follow_up.due_date == TODAY
    assert not parsed.follow_up_in_past


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Called Jane", CALL),
        ("emailed then called", EMAIL),
        ("called after the meeting", CALL),
        ("site visit with the shop", VISIT),
        ("mock interviews for juniors", EVENT),
        ("recalled the old MOU", NOTE),
        ("e-mailed the flyer", EMAIL),
        ("texted the manager", MESSAGE),
        ("sent a LinkedIn message", MESSAGE),
        ("Teams chat with HR", MESSAGE),
        ("FaceTimed the owner", MEETING),
        ("spoke w/ the foreman", CALL),
        ("talked to the dean at the job fair", EVENT),
        ("emailed HR about the career fair", EMAIL),
        ("ran a booth at our expo", EVENT),
        ("sent over the agreement", EMAIL),
        ("got Jane's phone number", NOTE),
        ("scheduled a site visit for Dec 3", NOTE),
        ("wants to meet with the class", NOTE),
        ("came in to speak to my class", EVENT),
        ("called, he will present to our seniors", CALL),
        ("reached out via LinkedIn", MESSAGE),
        ("Tom wants a tour", NOTE),
        ("asked for a plant tour", NOTE),
        ("they need another meeting", NOTE),
        ("", NOTE),
    ],
)
def test_the_earliest_telling_word_gives_the_kind(text: str, kind: InteractionKind) -> None:
    assert infer_kind(text) is kind


# -- any text at all ----------------------------------------------------------------------------

TOKENS = st.sampled_from(
    [
        "follow up", "f/u", "remind me", "next step:", "Follow-up", "fu", "called", "emailed",
        "met", "yesterday", "today", "tomorrow", "next tue", "in 2 weeks", "Dec 3", "Nov 2 2026",
        "12/10/2026", "on Monday", "last week", "3 days ago", "at 3pm", "noon", "Feb 30",
        "31/31", "99:99", "in 9999999999 days", "<!channel>", "<!here>", "<@U0JUAN|juan>",
        "<@W123>", "<#C0WINS|wins>", "<https://x.example|x>", "&", "&amp;", "*bold*", "_it_",
        "~s~", "`code`", "```", ">", "🎉", "👩🏽‍🔧", "—", "–", ",", ";", ".", "-", "and", "then",
        "to", "by", "on", "Jane", "Jan", "May", "\n", "\t", "\x00",
    ]
)  # fmt: skip
LINES = st.one_of(
    st.text(),
    st.lists(st.one_of(TOKENS, st.text(max_size=6)), max_size=14).map(" ".join),
)


def says_what_was_wrong(problem: str, text: str) -> None:
    """The message names the problem: (quoted) the words it could not use, taken from what was
    typed, and how to write them instead."""
    quoted = re.findall(r"“(.+?)”", problem)
    typed = " ".join(text.split()).casefold()
    for words in quoted:
        assert " ".join(words.removesuffix("…").split()).casefold() in typed, (words, text)
    assert "follow up next tue" in problem or "calendar" in problem, problem


@settings(max_examples=400, deadline=None)
@given(text=LINES, now=st.datetimes(min_value=datetime(2001, 1, 1), max_value=datetime(2090, 1, 1)))
def test_any_text_is_understood_or_explained(text: str, now: datetime) -> None:
    parsed = parse_contact(text, now_local=now, parser=READER)
    if parsed.problem is not None:
        says_what_was_wrong(parsed.problem, text)
        assert parsed.follow_up is None
    assert isinstance(parsed.kind, InteractionKind)
    assert parsed.summary == text.strip()
    assert parsed.occurred_at <= now
    assert parsed.occurred_at.tzinfo is None
    if parsed.day_to_ask is not None:
        assert parsed.occurred_at == now
    if parsed.follow_up is not None:
        assert parsed.follow_up_in_past == (parsed.follow_up.due_date < now.date())
        assert len(parsed.follow_up.note) <= 500


# -- through the app: when the reply is an error, nothing is written ----------------------------


@pytest.fixture
def sqlite_bot(tmp_path: Path, slack: LocalSlack, clock: FrozenClock) -> Iterator[Bot]:
    bot = make_bot(f"sqlite:///{tmp_path / 'property.db'}", slack, clock)
    records.partner(bot.deps.sessions, TEAM_ID, "Acme Health")
    yield bot
    close_bot(bot)


def counts(bot: Bot) -> tuple[int, int, int]:
    with bot.deps.sessions() as session:
        return (
            int(session.scalar(select(func.count()).select_from(Interaction)) or 0),
            int(session.scalar(select(func.count()).select_from(FollowUp)) or 0),
            int(session.scalar(select(func.count()).select_from(Partner)) or 0),
        )


def mrkdwn_texts(node: object) -> list[str]:
    """Every mrkdwn text in Block Kit (where Slack would turn `<!channel>` into a ping)."""
    if isinstance(node, list):
        return [t for item in node for t in mrkdwn_texts(item)]
    if not isinstance(node, dict):
        return []
    own = [str(node["text"])] if node.get("type") == "mrkdwn" else []
    return own + [t for value in node.values() for t in mrkdwn_texts(value)]


# What Slack may deliver: up to a few thousand characters in one command.
COMMAND_TEXT = st.one_of(
    LINES,
    st.tuples(TOKENS, st.integers(min_value=100, max_value=2_500)).map(lambda t: t[0] * t[1]),
)
PREFIXES = st.sampled_from(
    ["acme ", "Acme Health ", '"Acme Health" ', "acme helth ", "", "riverside ", "history "]
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(prefix=PREFIXES, text=COMMAND_TEXT)
def test_an_error_reply_writes_nothing(sqlite_bot: Bot, prefix: str, text: str) -> None:
    before = counts(sqlite_bot)
    reply = sqlite_bot.command("/contact", prefix + text)
    after = counts(sqlite_bot)

    assert reply.status == 200
    assert reply.body["response_type"] == "ephemeral"
    shown = json.dumps(reply.body, ensure_ascii=False)
    for mrkdwn in [reply.body["text"], *mrkdwn_texts(reply.body["blocks"])]:
        assert "<!channel>" not in mrkdwn
        assert "<!here>" not in mrkdwn
    for section in reply.body["blocks"]:
        if section["type"] == "section":
            assert len(section["text"]["text"]) <= 3000
    if "✅ Logged" in shown and "already logged" not in shown:
        assert after[0] == before[0] + 1
        assert after[1] - before[1] in (0, 1)
        assert after[2] == before[2]
    else:
        assert after == before
