"""A logged contact that reads as a win proposes one thank-you prompt, in the transaction that
saved it; Undo withdraws it (its text included); recording the same day as an engagement does
not propose the win twice."""

from __future__ import annotations

from sqlalchemy import select

from storage.models import CelebrationPrompt
from tests.support import records
from tests.support.slackapp import MARIA, TEAM_ID, Bot


def prompts(bot: Bot) -> list[tuple[str, str]]:
    with bot.deps.sessions() as session:
        rows = session.execute(select(CelebrationPrompt.source, CelebrationPrompt.headline))
        return [(str(source), str(headline)) for source, headline in rows]


def test_a_win_logged_by_contact_is_proposed_once_and_undo_forgets_it(bot: Bot) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    typed = "Acme Health donated 20 scrub sets to our health science lab"
    reply = bot.command("/contact", typed)
    assert "donated" in reply.text
    assert [source for source, _ in prompts(bot)] == ["contact"]
    assert "Acme Health" in prompts(bot)[0][1]
    bot.press(reply.body["blocks"], "contact_undo")
    assert prompts(bot) == []


def test_an_ordinary_contact_proposes_nothing(bot: Bot) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    bot.command("/contact", "called Acme Health about spring internships, follow up tue")
    assert prompts(bot) == []


def test_the_same_win_recorded_as_an_engagement_is_not_proposed_again(bot: Bot) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    bot.command("/contact", "Acme Health donated 20 scrub sets to our lab")
    assert [source for source, _ in prompts(bot)] == ["contact"]
    day = bot.clock.now().astimezone(bot.deps.zones.default)
    bot.command("/engage", f"Acme Health donation {day:%b} {day.day}")
    assert [source for source, _ in prompts(bot)] == ["contact"]
