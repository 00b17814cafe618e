"""The "Log partner contact" message shortcut prefills the modal from the message: the partner
it names anywhere, the kind its words say, the day it was posted in the clicker's time zone;
the saved entry keeps the message's author as who said it and the clicker as who logged it.
Through the real Bolt app with signed requests, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from storage.models import Interaction, InteractionKind
from storage.partners.records import set_archived
from tests.support import records
from tests.support.slackapp import JUAN, MARIA, TEAM_ID, Bot, contact_form

CHANNEL = {"id": "C0PARTNERS", "name": "partners"}
CHICAGO = ZoneInfo("America/Chicago")
# Sun Nov 22, 23:30 in Chicago (Maria's zone) is already Mon Nov 23 in New York and UTC.
LATE_SUNDAY = datetime(2026, 11, 22, 23, 30, tzinfo=CHICAGO)


def message(text: str, *, user: str = JUAN, at: datetime = LATE_SUNDAY) -> dict[str, Any]:
    return {
        "type": "message",
        "user": user,
        "ts": f"{at.timestamp():.6f}",
        "text": text,
        "team": TEAM_ID,
    }


def open_on(bot: Bot, msg: dict[str, Any], *, user_id: str = MARIA) -> dict[str, Any]:
    """Use the shortcut on `msg`; the modal Slack opened."""
    bot.message_shortcut("log_partner_contact", msg, channel=CHANNEL, user_id=user_id)
    view = bot.slack.calls_to("views.open")[-1].response["view"]
    assert isinstance(view, dict)
    return view


def block(view: dict[str, Any], block_id: str) -> dict[str, Any]:
    found = next(b for b in view["blocks"] if b.get("block_id") == block_id)
    assert isinstance(found, dict)
    return found


def prefilled_partner(view: dict[str, Any]) -> str | None:
    option = block(view, "partner")["element"].get("initial_option")
    return None if option is None else str(option["text"]["text"])


def test_the_partner_kind_and_day_of_the_message_are_prefilled(bot: Bot) -> None:
    hammer = records.partner(bot.deps.sessions, TEAM_ID, "Hammer & Beam Co.")
    text = "Just got off the phone with Hammer & Beam, they will take 3 interns"
    view = open_on(bot, message(text))
    assert prefilled_partner(view) == "Hammer & Beam Co."
    assert block(view, "kind")["element"]["initial_option"]["value"] == "call"
    assert block(view, "happened_on")["element"]["initial_date"] == "2026-11-22"
    assert f"<@{JUAN}>'s message" in str(view["blocks"])

    bot.submit(view, contact_form(hammer, text, kind="call", happened_on="2026-11-22"))
    with bot.deps.sessions() as session:
        [entry] = session.scalars(select(Interaction))
    assert (entry.message_author, entry.user_id) == (JUAN, MARIA)
    assert entry.kind is InteractionKind.CALL
    assert entry.occurred_at.astimezone(CHICAGO).date().isoformat() == "2026-11-22"
    assert entry.partner_id == hammer


def test_the_partner_is_found_anywhere_in_the_message(bot: Bot) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Riverside Regional Hospital")
    records.partner(bot.deps.sessions, TEAM_ID, "Midwest Manufacturing")
    for text, meant in [
        ("Riverside Regional Hospital confirmed the badge day", "Riverside Regional Hospital"),
        (
            "Great tour today at the Riverside hospital with the nursing class",
            "Riverside Regional Hospital",
        ),
        ("the plant tour is set — thanks Midwest Mfg", "Midwest Manufacturing"),
    ]:
        assert prefilled_partner(open_on(bot, message(text))) == meant, text


def test_no_partner_is_prefilled_when_none_two_or_an_archived_one_fits(bot: Bot) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Acme Health")
    records.partner(bot.deps.sessions, TEAM_ID, "Acme Auto Body")
    gone = records.partner(bot.deps.sessions, TEAM_ID, "Northwind Tools")
    with bot.deps.sessions.begin() as session:
        set_archived(session, TEAM_ID, gone, True, now=datetime(2026, 11, 1, tzinfo=UTC))
    for text in ["lunch with the new interns", "Acme called back", "Northwind Tools called"]:
        assert prefilled_partner(open_on(bot, message(text))) is None, text


def test_my_own_message_is_dated_and_not_credited_to_someone_else(bot: Bot) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Acme Health")
    noon = datetime(2026, 11, 20, 12, 0, tzinfo=CHICAGO)
    view = open_on(bot, message("emailed Acme Health the forms", user=MARIA, at=noon))
    assert block(view, "happened_on")["element"]["initial_date"] == "2026-11-20"
    assert block(view, "kind")["element"]["initial_option"]["value"] == "email"
    assert "'s message" not in str(view["blocks"])
