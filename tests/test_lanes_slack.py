"""One person's slow work never delays another's answer: each person's work after the ack runs
in their own lane (at most two of theirs at once), so twenty slow answers of Maria's hold two
threads, and Juan's `/contact` is answered while they still wait."""

from __future__ import annotations

from bot.console import payloads
from tests.support import records
from tests.support.slackapp import JUAN, MARIA, TEAM_ID, Bot


def test_a_colleagues_slow_work_does_not_hold_your_answer(bot: Bot) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Acme Health")
    slow_url = bot.slack.response_url("maria-slow")
    held = bot.slack.hold("response_url", times=20, timeout=30, path="/response/maria-slow")
    try:
        for n in range(20):
            body = payloads.slash_command_body(
                "/contact",
                f"acme called Jane about visit {n}",
                user_id=MARIA,
                team_id=TEAM_ID,
                response_url=slow_url,
                trigger_id=bot.ids.trigger_id(),
            )
            assert bot.dispatch(body, payloads.FORM, wait=False).status == 200
        assert held.arrived()
        bot.command("/contact", "acme emailed Jane the MOU", user_id=JUAN, wait=False)
        # The first answer to reach Slack is Juan's, while all of Maria's still wait.
        [first] = bot.slack.wait_for("response_url", timeout=10)
        assert "Logged an email with *Acme Health*" in str(first.body)
    finally:
        held.release()
    bot.drain()
    answered = [c for c in bot.slack.calls_to("response_url") if c.path == "/response/maria-slow"]
    assert len(answered) == 20  # Maria's work all ran, in her lane, once Slack answered
