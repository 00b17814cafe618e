"""`/partnerbot cadence`: the team's stay-in-touch interval per stage, through the real app."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.console.records import FakeUser
from storage.models import Workspace
from tests.support.slackapp import MARIA, TEAM_ID, Bot


@pytest.fixture(autouse=True)
def _maria_is_an_admin(bot: Bot) -> None:
    """Changing the team's cadence is for program leads: with none named, admins."""
    bot.slack.add_user(FakeUser(id=MARIA, name="maria", real_name="Maria Lopez", is_admin=True))


def stored_overrides(bot: Bot) -> dict[str, int]:
    with bot.deps.sessions() as session:
        workspace = session.get(Workspace, TEAM_ID)
        return dict(workspace.cadence_days) if workspace is not None else {}


def active_partner_contacted_50_days_ago(bot: Bot) -> None:
    bot.command("/partner", "add Acme Health stage: active")
    bot.command("/contact", "Acme called Jane about summer internships")
    bot.clock.advance(timedelta(days=50))


def test_shows_every_stage_with_its_default(bot: Bot) -> None:
    reply = bot.command("/partnerbot", "cadence")
    assert "• 🌱 prospect: every 30 days (default)" in reply.text
    assert "• ⭐ active: every 45 days (default)" in reply.text
    assert "• ⏸️ paused: every 120 days (default)" in reply.text
    assert "`/partnerbot cadence active 60d`" in reply.text
    assert reply.body["response_type"] == "ephemeral"


def test_a_longer_stage_interval_warms_partners_back_up(bot: Bot) -> None:
    active_partner_contacted_50_days_ago(bot)
    assert "Acme Health" in bot.command("/partner", "list cold").text

    reply = bot.command("/partnerbot", "cadence active 8w")

    assert "✅ *Active* partners: stay in touch every 56 days." in reply.text
    assert "• ⭐ active: every 56 days\n" in reply.body["text"]
    assert "• 🌱 prospect: every 30 days (default)" in reply.text
    assert stored_overrides(bot) == {"active": 56}
    assert "Acme Health" not in bot.command("/partner", "list cold").text


def test_default_restores_the_built_in_interval(bot: Bot) -> None:
    active_partner_contacted_50_days_ago(bot)
    bot.command("/partnerbot", "cadence active 60d")
    bot.command("/partnerbot", "cadence prospect 2m")

    reply = bot.command("/partnerbot", "cadence Active default")

    assert "✅ *Active* partners go back to the default: every 45 days." in reply.text
    assert stored_overrides(bot) == {"prospect": 60}
    assert "Acme Health" in bot.command("/partner", "list cold").text


def test_a_partner_s_own_interval_wins_over_its_stage(bot: Bot) -> None:
    active_partner_contacted_50_days_ago(bot)
    bot.command("/partner", "cadence Acme 30d")
    bot.command("/partnerbot", "cadence active 90d")
    assert "Acme Health" in bot.command("/partner", "list cold").text


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("cadence active", "Say how often, too."),
        ("cadence dormant 3w", "“dormant” is not a stage. Use one of: prospect, contacted"),
        ("cadence active soon", "“soon” is not an interval."),
        ("cadence active 0d", "A cadence is 1 to 730 days."),
        ("cadence active 9999d", "A cadence is 1 to 730 days."),
        ("cadence <!channel> 3d", "“&lt;!channel&gt;” is not a stage."),
    ],
)
def test_bad_input_is_explained_and_changes_nothing(bot: Bot, text: str, says: str) -> None:
    bot.command("/partnerbot", "cadence active 60d")

    reply = bot.command("/partnerbot", text)

    assert says in reply.text
    assert "`/partnerbot cadence active 60d`" in reply.text  # how to write it
    assert "<!channel>" not in reply.text
    assert reply.body["response_type"] == "ephemeral"
    assert stored_overrides(bot) == {"active": 60}


def test_only_leads_change_the_team_cadence(bot: Bot) -> None:
    refused = bot.command("/partnerbot", "cadence active 60d", user_id="U0JUAN")
    assert "Only the workspace's admins and owners" in refused.text
    assert "Nothing changed" in refused.text
    with bot.deps.sessions() as session:
        workspace = session.get(Workspace, TEAM_ID)
        assert workspace is None or "active" not in (workspace.cadence_days or {})
