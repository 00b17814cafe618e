"""Every answer acks at once: Slack calls (posts, views, Home redraws) and Retry-After waits run
after the ack, in Bolt lazy listeners — shown with a fake Slack that holds or rate-limits calls,
never with timing. And user text is escaped in every field Slack renders as mrkdwn."""

from __future__ import annotations

import json

import pytest

from bot.console import payloads
from storage.models import FollowUpStatus
from tests.support import records
from tests.support.slackapp import MARIA, TEAM_ID, Bot

# Acks do not depend on the database engine.
pytestmark = pytest.mark.databases("sqlite")


def test_celebrate_acks_before_the_channel_post(bot: Bot) -> None:
    acme = records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    held = bot.slack.hold("chat.postMessage")
    reply = bot.command("/celebrate", "Acme hosted 12 students for job shadow day", wait=False)
    assert (reply.status, reply.ack) == (200, {})
    assert held.arrived()  # the post is under way, after the answer
    assert records.partner_row(bot.deps.sessions, acme).last_thanked_at is None
    held.release()
    bot.drain()
    [post] = [c for c in bot.slack.calls_to("chat.postMessage") if not c.failed]
    assert post.body["channel"] == "C0001"
    assert records.partner_row(bot.deps.sessions, acme).last_thanked_at == bot.clock.now()
    [told] = bot.slack.calls_to("response_url")
    assert "Posted a thank-you for *Acme Health*" in json.dumps(told.body)


def test_a_rate_limited_post_waits_after_the_ack_and_is_retried(bot: Bot) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    bot.slack.fail("chat.postMessage", status=429, retry_after=30)
    reply = bot.command("/celebrate", "Acme hosted 12 students for job shadow day")
    assert reply.ack == {}
    assert bot.sleeps.whole_seconds == [30]  # Retry-After honoured, with no real sleep
    assert "Posted a thank-you for *Acme Health*" in reply.text
    assert [c.failed for c in bot.slack.calls_to("chat.postMessage")] == [True, False]


def test_followup_acks_before_the_home_redraw(bot: Bot) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    held = bot.slack.hold("views.publish")
    reply = bot.command("/followup", "Acme fri send the thank-you letter", wait=False)
    assert (reply.status, reply.ack) == (200, {})
    assert held.arrived()
    held.release()
    bot.drain()
    [home] = bot.slack.calls_to("views.publish")
    assert "send the thank-you letter" in json.dumps(home.body["view"])


def test_done_acks_before_updating_the_list_and_the_home(bot: Bot) -> None:
    acme = records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    fid = records.follow_up(
        bot.deps.sessions, TEAM_ID, acme, MARIA, bot.clock.now().date(), "send the MOU draft"
    )
    listing = bot.command("/followup", "")
    held = bot.slack.hold("views.publish")
    reply = bot.press(listing.body["blocks"], "fu_done", value=str(fid), wait=False)
    assert (reply.status, reply.ack) == (200, {})
    assert held.arrived()
    assert records.follow_up_row(bot.deps.sessions, fid).status is FollowUpStatus.DONE
    held.release()
    bot.drain()
    assert [c.body["user_id"] for c in bot.slack.calls_to("views.publish")] == [MARIA]


def test_spotlight_escapes_the_partner_name_in_text_and_blocks(bot: Bot) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Bakery <!channel>", owner=MARIA)
    bot.command("/celebrate", "Bakery <!channel> hosted a <!here> tasting & tour")
    [post] = bot.slack.calls_to("chat.postMessage")
    posted = json.dumps(post.body, ensure_ascii=False)
    assert "<!channel>" not in posted
    assert "<!here>" not in posted
    assert post.body["text"] == "🎉 Thank you, Bakery &lt;!channel&gt;!"
    assert "a &lt;!here&gt; tasting &amp; tour" in posted


def test_opening_the_home_tab_acks_before_publishing_it(bot: Bot) -> None:
    held = bot.slack.hold("views.publish", timeout=5)
    reply = bot.event(payloads.app_home_opened(MARIA, event_ts="1.1"), wait=False)
    assert (reply.status, reply.ack) == (200, {})
    assert held.arrived()
    assert bot.slack.calls_to("views.publish") == []  # still held: Slack already has its answer
    held.release()
    bot.drain()
    [published] = bot.slack.calls_to("views.publish")
    assert published.body["user_id"] == MARIA
