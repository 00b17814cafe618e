"""Stay-in-touch cadence, going cold, the digest and App Home at Slack's limits, Done + log
contact, Reassign from a digest, and `/followup all` / `/followup @someone`, through the real
app against the fake Slack."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from bot.console.records import FakeUser, SlackCall
from scheduler.jobs import JobReport, run_due_jobs
from storage.follow_ups import due_moment
from storage.models import FollowUp, FollowUpStatus, Interaction, Stage
from tests.support import records
from tests.support.slackapp import JUAN, MARIA, TEAM_ID, Bot, contact_form, find_element

ANA = "U0ANA"
MONDAY = date(2026, 11, 23)  # the clock fixture: Mon 2026-11-23 14:00 UTC, 08:00 in Chicago
NEW_YORK = ZoneInfo("America/New_York")

NOBODY_COLD = "_Nobody is going cold — every partner heard from us within their interval._"


# -- helpers --------------------------------------------------------------------------------


def run(bot: Bot, now: datetime | None = None) -> JobReport:
    """One scheduler run, as of `now` (the bot's clock by default)."""
    return run_due_jobs(
        bot.deps.sessions, bot.app.client, bot.deps.zones, now=now or bot.clock.now()
    )


def digest_to(bot: Bot, user_id: str) -> SlackCall:
    """The one digest DM posted to `user_id`."""
    [call] = [
        c
        for c in bot.slack.calls_to("chat.postMessage")
        if c.body["channel"] == user_id and not c.failed
    ]
    return call


def section_texts(blocks: list[dict[str, Any]]) -> list[str]:
    """The mrkdwn of every section block, in order."""
    return [str(b["text"]["text"]) for b in blocks if b.get("type") == "section"]


def last_context(blocks: list[dict[str, Any]]) -> str:
    """The text of the final block, which must be a context block."""
    assert blocks[-1]["type"] == "context"
    return str(blocks[-1]["elements"][0]["text"])


def add_follow_ups(bot: Bot, partner_id: int, owner: str, due: date, count: int) -> None:
    """`count` open follow-ups for `owner`, all due on `due`, noted "overdue task 001"…."""
    with bot.deps.sessions.begin() as session:
        for i in range(1, count + 1):
            session.add(
                FollowUp(
                    team_id=TEAM_ID,
                    partner_id=partner_id,
                    owner_user_id=owner,
                    note=f"overdue task {i:03d}",
                    due_date=due,
                    due_time=None,
                    due_at=due_moment(due, None, records.CHICAGO),
                    status=FollowUpStatus.OPEN,
                    source="manual",
                    created_by=owner,
                    created_at=records.CREATED,
                )
            )


# -- 1. /partner cadence --------------------------------------------------------------------


def test_cadence_override_is_stored_and_default_clears_it(bot: Bot) -> None:
    acme = records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)

    reply = bot.command("/partner", "cadence Acme 45d")
    assert reply.body["response_type"] == "ephemeral"
    assert (
        "🔁 Stay in touch with *Acme Health* every *45 days* (its own interval). "
        "Any logged contact restarts the count." in reply.text
    )
    assert records.partner_row(bot.deps.sessions, acme).cadence_days == 45

    weeks = bot.command("/partner", "cadence acme health 6w")
    assert "every *42 days* (its own interval)" in weeks.text
    assert records.partner_row(bot.deps.sessions, acme).cadence_days == 42

    cleared = bot.command("/partner", "cadence Acme default")
    assert cleared.body["response_type"] == "ephemeral"
    # A prospect's built-in interval is 30 days.
    assert "every *30 days* (its stage's default)" in cleared.text
    assert records.partner_row(bot.deps.sessions, acme).cadence_days is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "cadence Acme soon",
            "“soon” is not an interval. Write days, weeks or months: `45d`, `6w`, `2m`.",
        ),
        ("cadence Acme 0d", "A cadence is 1 to 730 days."),
        ("cadence Acme 9999d", "A cadence is 1 to 730 days."),
        ("cadence Acme 25m", "A cadence is 1 to 730 days."),  # 750 days
        ("cadence Nowhere Bakery 45d", "No partner matches “Nowhere Bakery”."),
        ("cadence Acme", "Write `/partner cadence Acme Health 45d` (or `default`)."),
    ],
)
def test_bad_cadence_is_explained_and_changes_nothing(bot: Bot, text: str, expected: str) -> None:
    acme = records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    bot.command("/partner", "cadence Acme 45d")
    before = records.partner_row(bot.deps.sessions, acme)
    assert before.cadence_days == 45

    reply = bot.command("/partner", text)

    assert reply.status == 200
    assert reply.body["response_type"] == "ephemeral"
    assert expected in reply.text
    assert "Stay in touch with" not in reply.text
    after = records.partner_row(bot.deps.sessions, acme)
    assert (after.cadence_days, after.updated_at) == (45, before.updated_at)


def test_cadence_in_words_45_days(bot: Bot) -> None:
    acme = records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    reply = bot.command("/partner", "cadence Acme Health 45 days")
    assert "every *45 days* (its own interval)" in reply.text
    assert records.partner_row(bot.deps.sessions, acme).cadence_days == 45
    bot.command("/partner", "cadence Acme Health 2 months")
    assert records.partner_row(bot.deps.sessions, acme).cadence_days == 60


# -- 2. Going cold: /partner list cold ------------------------------------------------------


def test_going_cold_list_follows_the_last_contact(bot: Bot) -> None:
    acme = records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    bot.command("/partner", "add Riverside Auto stage: active", user_id=JUAN)  # 45 days
    empty = bot.command("/partner", "list cold")
    assert empty.body["response_type"] == "ephemeral"
    assert section_texts(empty.body["blocks"]) == [f"*Partners going cold*\n{NOBODY_COLD}"]

    # A logged contact moves a prospect to "contacted": stay in touch every 14 days.
    bot.command("/contact", "Acme Health called Jane about summer internships")
    assert records.partner_row(bot.deps.sessions, acme).stage is Stage.CONTACTED

    bot.clock.advance(timedelta(days=13))
    assert NOBODY_COLD in bot.command("/partner", "list cold").text

    bot.clock.advance(timedelta(days=2))  # Tue Dec 8: 15 days since the call
    cold = bot.command("/partner", "list cold")
    assert section_texts(cold.body["blocks"]) == [
        "*Partners going cold* (1)",
        f"*Acme Health* — 📨 contacted · <@{MARIA}> · _15 days since contact_",
    ]
    assert "Riverside Auto" not in cold.text  # active, created 15 days ago: within 45 days
    find_element(cold.body["blocks"], "partner_show", str(acme))

    # Any contact restarts the count.
    bot.command("/contact", "Acme Health emailed Jane the MOU draft")
    assert records.partner_row(bot.deps.sessions, acme).last_contact_at == bot.clock.now()
    assert NOBODY_COLD in bot.command("/partner", "list cold").text


def test_cold_list_says_when_nothing_was_ever_logged(bot: Bot) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Hilltop Bakery", owner=MARIA)  # added Nov 1
    bot.clock.advance(timedelta(days=10))  # Thu Dec 3: a prospect's 30 days have passed

    cold = bot.command("/partner", "list cold").text

    assert "*Hilltop Bakery*" in cold
    assert "no contact logged in 31 days" in cold
    assert "days since contact" not in cold


def test_cadence_override_decides_who_is_cold(bot: Bot) -> None:
    records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    bot.command("/contact", "Acme Health called Jane about summer internships")
    bot.clock.advance(timedelta(days=15))
    assert "15 days since contact" in bot.command("/partner", "list cold").text

    bot.command("/partner", "cadence Acme 30d")
    assert NOBODY_COLD in bot.command("/partner", "list cold").text

    bot.command("/partner", "cadence Acme 10d")
    assert "*Acme Health*" in bot.command("/partner", "list cold").text

    bot.command("/partner", "cadence Acme default")  # contacted: 14 days
    assert "15 days since contact" in bot.command("/partner", "list cold").text


# -- 3. The morning digest's "Going cold" section ------------------------------------------


def test_digest_shows_my_cold_partners_and_cold_alone_is_enough(bot: Bot) -> None:
    bot.slack.add_user(FakeUser(id=ANA, name="ana", real_name="Ana Ruiz"))
    records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    valley = records.partner(bot.deps.sessions, TEAM_ID, "Valley Clinic", owner=MARIA)
    river = records.partner(bot.deps.sessions, TEAM_ID, "Riverside Auto", owner=JUAN)
    records.partner(bot.deps.sessions, TEAM_ID, "Hilltop Bakery", owner=ANA)
    bot.command("/contact", "Acme Health called Jane about summer internships")

    bot.clock.advance(timedelta(days=15))  # Tue Dec 8, 08:00 in Chicago
    tuesday = date(2026, 12, 8)
    bot.command("/contact", "Valley Clinic met the nurse manager")
    bot.command("/contact", "Hilltop Bakery visited the owner", user_id=ANA)
    records.follow_up(
        bot.deps.sessions, TEAM_ID, valley, MARIA, tuesday, "send the thank-you letter"
    )
    bot.slack.clear()

    report = run(bot, datetime(2026, 12, 8, 15, 0, tzinfo=UTC))

    assert sorted(report.sent) == sorted([(TEAM_ID, MARIA), (TEAM_ID, JUAN)])
    assert report.skipped == [(TEAM_ID, ANA)]  # nothing due, nothing cold: no digest
    assert report.failed == []

    maria = digest_to(bot, MARIA).body
    assert maria["text"] == "partnerbot: 1 due today, 1 going cold"
    texts = section_texts(maria["blocks"])
    assert texts.index("*📅 Due today*") < texts.index("*🧊 Going cold*")
    assert texts[texts.index("*🧊 Going cold*") + 1 :] == [
        "🧊 *Acme Health* (📨 contacted) — last contact 15 days ago; stay-in-touch every 14 days"
    ]
    assert "Riverside" not in json.dumps(maria["blocks"])  # Juan's partner, not hers

    juan = digest_to(bot, JUAN).body
    assert juan["text"] == "partnerbot: 1 going cold"
    assert "Your partners today: 1 going cold." in json.dumps(juan["blocks"], ensure_ascii=False)
    assert section_texts(juan["blocks"]) == [
        "*🧊 Going cold*",
        # Never contacted: counted from when it was added (Nov 1, 15:00 UTC); prospects 30 days.
        "🧊 *Riverside Auto* (🌱 prospect) — no contact logged in 37 days; "
        "stay-in-touch every 30 days",
    ]
    assert ANA not in {c.body["channel"] for c in bot.slack.calls_to("chat.postMessage")}

    # The cold partner's button opens the contact form with the partner chosen.
    bot.press_in(digest_to(bot, JUAN), "contact_open", value=str(river), user_id=JUAN)
    [view] = bot.opened_views()
    partner_block = next(b for b in view["blocks"] if b.get("block_id") == "partner")
    assert partner_block["element"]["initial_option"]["value"] == str(river)
    assert partner_block["element"]["initial_option"]["text"]["text"] == "Riverside Auto"


# -- 4. App Home ---------------------------------------------------------------------------


def test_app_home_shows_my_partners_going_cold(bot: Bot) -> None:
    acme = records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    records.partner(bot.deps.sessions, TEAM_ID, "Riverside Auto", owner=JUAN)
    bot.command("/contact", "Acme Health called Jane about summer internships")
    bot.command("/contact", "Riverside Auto emailed the shop manager", user_id=JUAN)

    calm = bot.open_home(MARIA)
    assert section_texts(calm["blocks"]) == ["🎉 Nothing due and nobody going cold. Nice work."]

    bot.clock.advance(timedelta(days=20))
    home = bot.open_home(MARIA)
    assert home["type"] == "home"
    texts = section_texts(home["blocks"])
    assert texts == [
        "*🧊 Your partners going cold*",
        "🧊 *Acme Health* (📨 contacted) — last contact 20 days ago; stay-in-touch every 14 days",
    ]
    button, _ = find_element(home["blocks"], "contact_open:cold", str(acme))
    assert button["text"]["text"] == "Log contact"
    assert "Riverside" not in json.dumps(home)  # cold too, but Juan's

    assert "*Riverside Auto*" in json.dumps(bot.open_home(JUAN))


# -- 5. Slack's block limits ----------------------------------------------------------------


def many_overdue(bot: Bot, count: int) -> int:
    """Maria: `count` follow-ups overdue since Fri Nov 20 on Acme (kept warm), and two partners
    going cold through a 7-day cadence."""
    acme = records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    bot.command("/contact", "Acme Health called Jane about summer internships")
    for name in ("Birch Dental", "Cedar Logistics"):
        records.partner(bot.deps.sessions, TEAM_ID, name, owner=MARIA)
        assert "every *7 days*" in bot.command("/partner", f"cadence {name} 7d").text
    add_follow_ups(bot, acme, MARIA, date(2026, 11, 20), count)
    bot.slack.clear()
    return acme


def shown_follow_ups(blocks: list[dict[str, Any]]) -> list[str]:
    return [t.split(" — ")[1].split("\n")[0] for t in section_texts(blocks) if "overdue task" in t]


def test_digest_with_80_overdue_stays_within_50_blocks_and_counts_the_rest(bot: Bot) -> None:
    many_overdue(bot, 80)
    run(bot)
    digest = digest_to(bot, MARIA).body
    blocks = digest["blocks"]
    assert len(blocks) <= 50
    assert digest["text"] == "partnerbot: 80 overdue, 2 going cold"
    shown = shown_follow_ups(blocks)
    assert shown == [f"overdue task {i:03d}" for i in range(1, len(shown) + 1)]
    # Everything not shown is counted: the other follow-ups and both cold partners.
    hidden = 80 - len(shown) + 2
    assert last_context(blocks) == f"… and {hidden} more — see partnerbot's *Home* tab."
    assert (len(blocks), hidden) == (50, 59)


def test_app_home_with_80_overdue_stays_within_100_blocks_and_says_how_many_more(
    bot: Bot,
) -> None:
    many_overdue(bot, 80)
    home = bot.open_home(MARIA)
    blocks = home["blocks"]
    assert len(blocks) <= 100
    shown = shown_follow_ups(blocks)
    assert shown == [f"overdue task {i:03d}" for i in range(1, len(shown) + 1)]
    hidden = 80 - len(shown) + 2
    assert last_context(blocks) == (
        f"… and {hidden} more not shown, due later — mark some done or snooze them to make room."
    )
    assert (len(shown), hidden) == (47, 35)


def test_followup_list_with_80_overdue_stays_within_50_blocks(bot: Bot) -> None:
    many_overdue(bot, 80)
    reply = bot.command("/followup", "")
    blocks = reply.body["blocks"]
    assert len(blocks) <= 50
    shown = shown_follow_ups(blocks)
    assert last_context(blocks) == f"… and {80 - len(shown)} more — your *Home* tab shows more."
    assert len(shown) == 23

    team = bot.command("/followup", "all").body["blocks"]
    assert len(team) <= 50
    assert last_context(team) == f"… and {80 - len(shown_follow_ups(team))} more not shown."


def test_digest_counts_every_overdue_follow_up_beyond_200(bot: Bot) -> None:
    acme = many_overdue(bot, 250)
    add_follow_ups(bot, acme, MARIA, date(2026, 11, 23), 3)  # and three due today
    run(bot)
    digest = digest_to(bot, MARIA).body
    shown = shown_follow_ups(digest["blocks"])
    assert len(digest["blocks"]) <= 50
    assert digest["text"] == "partnerbot: 250 overdue, 3 due today, 2 going cold"
    assert last_context(digest["blocks"]) == (
        f"… and {253 - len(shown) + 2} more — see partnerbot's *Home* tab."
    )


def test_app_home_and_followup_count_beyond_what_is_read(bot: Bot) -> None:
    many_overdue(bot, 520)
    home = bot.open_home(MARIA)["blocks"]
    assert last_context(home).startswith(f"… and {520 - len(shown_follow_ups(home)) + 2} more ")
    listing = bot.command("/followup", "").body["blocks"]
    assert last_context(listing).startswith(f"… and {520 - len(shown_follow_ups(listing))} more ")


# -- 6. Done + log contact ------------------------------------------------------------------


def test_done_and_log_contact_from_the_digest(bot: Bot) -> None:
    acme = records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    fid = records.follow_up(
        bot.deps.sessions, TEAM_ID, acme, MARIA, MONDAY, "call Jane about job shadow day"
    )
    other = records.follow_up(bot.deps.sessions, TEAM_ID, acme, MARIA, MONDAY, "send the MOU draft")
    run(bot)
    posted = digest_to(bot, MARIA)
    channel, ts = posted.response["channel"], posted.response["ts"]
    bot.slack.clear()

    bot.press_in(posted, "fu_done_log", value=str(fid))

    row = records.follow_up_row(bot.deps.sessions, fid)
    assert (row.status, row.closed_by, row.closed_at) == (
        FollowUpStatus.DONE,
        MARIA,
        bot.clock.now(),
    )
    assert records.follow_up_row(bot.deps.sessions, other).status is FollowUpStatus.OPEN
    [opened] = bot.slack.calls_to("views.open")
    view = opened.body["view"]
    assert view["callback_id"] == "contact_view"
    assert view["title"]["text"] == "Log a partner contact"
    blocks = {b["block_id"]: b for b in view["blocks"]}
    assert blocks["partner"]["element"]["initial_option"] == {
        "text": {"type": "plain_text", "text": "Acme Health", "emoji": True},
        "value": str(acme),
    }
    assert blocks["happened_on"]["element"]["initial_date"] == "2026-11-23"

    [update] = bot.slack.calls_to("chat.update")
    assert (update.body["channel"], update.body["ts"]) == (channel, ts)
    updated = json.dumps(update.body["blocks"], ensure_ascii=False)
    assert f"✅ Done by <@{MARIA}> — *Acme Health*: call Jane about job shadow day" in updated
    assert f'"fu_text:{fid}"' not in updated
    assert f'"fu_text:{other}"' in updated  # the other follow-up keeps its buttons

    # Submitting the form logs the contact, which restarts the partner's cadence.
    saved = bot.submit(
        bot.slack.calls_to("views.open")[0].response["view"],
        contact_form(acme, "Called Jane: job shadow day is on", kind="call"),
    )
    assert saved.body == {}
    with bot.deps.sessions() as session:
        [entry] = session.scalars(select(Interaction)).all()
    assert (entry.partner_id, entry.user_id, entry.summary) == (
        acme,
        MARIA,
        "Called Jane: job shadow day is on",
    )
    assert records.partner_row(bot.deps.sessions, acme).last_contact_at is not None

    # A second click on the old message changes nothing and opens no second form.
    bot.slack.clear()
    bot.clock.advance(timedelta(minutes=2))
    bot.press_in(posted, "fu_done_log", value=str(fid))
    assert bot.slack.calls_to("views.open") == []
    assert records.follow_up_row(bot.deps.sessions, fid).closed_at == datetime(
        2026, 11, 23, 14, 0, tzinfo=UTC
    )
    told = json.dumps([c.body for c in bot.slack.calls_to("response_url")], ensure_ascii=False)
    assert f"Already done by <@{MARIA}> on Mon Nov 23 at 08:00 — nothing changed." in told


def test_done_and_log_contact_from_the_followup_list(bot: Bot) -> None:
    acme = records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    fid = records.follow_up(
        bot.deps.sessions, TEAM_ID, acme, MARIA, date(2026, 11, 20), "send the MOU draft"
    )
    listing = bot.command("/followup", "")
    update = bot.press(listing.body["blocks"], "fu_done_log", value=str(fid))
    assert records.follow_up_row(bot.deps.sessions, fid).status is FollowUpStatus.DONE
    [view] = bot.opened_views()
    partner_block = next(b for b in view["blocks"] if b["block_id"] == "partner")
    assert partner_block["element"]["initial_option"]["value"] == str(acme)
    assert update.body["replace_original"] is True
    assert f"✅ Done by <@{MARIA}> — *Acme Health*: send the MOU draft" in update.text
    assert '"fu_done' not in update.text  # only Reopen is left on it
    assert '"fu_reopen"' in update.text


# -- 7. Reassign from a digest --------------------------------------------------------------


def test_reassign_from_the_digest(bot: Bot) -> None:
    acme = records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    fid = records.follow_up(
        bot.deps.sessions, TEAM_ID, acme, MARIA, date(2026, 11, 20), "send the MOU draft"
    )
    run(bot)
    posted = digest_to(bot, MARIA)
    channel, ts = posted.response["channel"], posted.response["ts"]
    bot.slack.clear()

    bot.press_in(posted, "fu_reassign", selected_user=JUAN)

    row = records.follow_up_row(bot.deps.sessions, fid)
    assert (row.owner_user_id, row.status) == (JUAN, FollowUpStatus.OPEN)
    # Its due moment follows the new owner: 09:00 on Fri Nov 20 in New York.
    assert row.due_at == datetime(2026, 11, 20, 9, 0, tzinfo=NEW_YORK).astimezone(UTC)

    [update] = bot.slack.calls_to("chat.update")
    assert (update.body["channel"], update.body["ts"]) == (channel, ts)
    updated = json.dumps(update.body["blocks"], ensure_ascii=False)
    assert f"👉 Reassigned to <@{JUAN}> — *Acme Health*: send the MOU draft" in updated
    assert f"fu:{fid}:digest" not in updated  # no buttons left for it in Maria's digest

    [told] = bot.slack.calls_to("chat.postMessage")
    assert told.body["channel"] == JUAN
    assert told.body["text"] == (
        f"👉 <@{MARIA}> handed you a follow-up: *Acme Health* — send the MOU draft (due Fri Nov 20)"
    )
    assert {c.body["user_id"] for c in bot.slack.calls_to("views.publish")} == {MARIA, JUAN}

    # When a lead hands it on again, all three Homes are redrawn, the old owner's included.
    records.leads(bot.deps.sessions, TEAM_ID, ANA)
    bot.slack.clear()
    listing = bot.command("/followup", f"<@{JUAN}|juan>", user_id=ANA)
    bot.press(listing.body["blocks"], "fu_reassign", user_id=ANA, selected_user=MARIA)
    assert records.follow_up_row(bot.deps.sessions, fid).owner_user_id == MARIA
    assert {c.body["user_id"] for c in bot.slack.calls_to("views.publish")} == {ANA, JUAN, MARIA}
    bot.press(listing.body["blocks"], "fu_reassign", user_id=ANA, selected_user=JUAN)

    assert "send the MOU draft" not in bot.command("/followup", "").text
    assert "send the MOU draft" in bot.command("/followup", "", user_id=JUAN).text

    # Tomorrow it is in Juan's digest, and Maria, with nothing left, gets none.
    bot.slack.clear()
    report = run(bot, datetime(2026, 11, 24, 15, 0, tzinfo=UTC))
    assert report.sent == [(TEAM_ID, JUAN)]
    assert "send the MOU draft" in json.dumps(digest_to(bot, JUAN).body["blocks"])


# -- 8. /followup all and /followup @someone ------------------------------------------------


def team_setup(bot: Bot) -> None:
    acme = records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    river = records.partner(bot.deps.sessions, TEAM_ID, "Riverside Auto", owner=JUAN)
    records.follow_up(
        bot.deps.sessions, TEAM_ID, acme, MARIA, date(2026, 11, 20), "send the MOU draft"
    )
    records.follow_up(
        bot.deps.sessions, TEAM_ID, acme, MARIA, date(2026, 11, 25), "call Jane about shadowing"
    )
    records.follow_up(
        bot.deps.sessions, TEAM_ID, acme, MARIA, date(2026, 12, 10), "plan the spring fair"
    )
    done = records.follow_up(
        bot.deps.sessions, TEAM_ID, river, JUAN, MONDAY, "already handled this one"
    )
    records.follow_up(
        bot.deps.sessions, TEAM_ID, river, JUAN, date(2026, 11, 24), "call the shop manager"
    )
    with bot.deps.sessions.begin() as session:
        row = session.get(FollowUp, done)
        assert row is not None
        row.status = FollowUpStatus.DONE


def test_followup_all_groups_the_team_by_owner(bot: Bot) -> None:
    assert "_Nothing due." in bot.command("/followup", "all").text
    team_setup(bot)
    reply = bot.command("/followup", "all", user_id=JUAN)
    assert reply.body["response_type"] == "ephemeral"
    assert section_texts(reply.body["blocks"]) == [
        "*The team's follow-ups (next 7 days)*",
        f"*<@{JUAN}>*",
        "*Riverside Auto* — call the shop manager\ndue Tue Nov 24",
        f"*<@{MARIA}>*",
        "*Acme Health* — send the MOU draft\n*overdue* 3 days (due Fri Nov 20)",
        "*Acme Health* — call Jane about shadowing\ndue Wed Nov 25",
    ]


def test_followup_for_one_person_shows_only_theirs(bot: Bot) -> None:
    team_setup(bot)
    juans = bot.command("/followup", f"<@{JUAN}|juan>")
    assert juans.body["response_type"] == "ephemeral"
    assert section_texts(juans.body["blocks"]) == [
        f"*Follow-ups of <@{JUAN}>*",
        "*🗓️ Next 7 days*",
        "*Riverside Auto* — call the shop manager\ndue Tue Nov 24",
    ]
    marias = bot.command("/followup", f"<@{MARIA}|maria>", user_id=JUAN)
    assert section_texts(marias.body["blocks"]) == [
        f"*Follow-ups of <@{MARIA}>*",
        "*⏰ Overdue*",
        "*Acme Health* — send the MOU draft\n*overdue* 3 days (due Fri Nov 20)",
        "*🗓️ Next 7 days*",
        "*Acme Health* — call Jane about shadowing\ndue Wed Nov 25",
    ]
    assert "Riverside" not in marias.text


# -- 9. Buttons change only the item pressed, in the message they were pressed on ------------


def test_done_on_the_team_list_keeps_the_team_list(bot: Bot) -> None:
    team_setup(bot)
    listing = bot.command("/followup", "all", user_id=JUAN)
    blocks = listing.body["blocks"]
    shop = next(i for i, b in enumerate(blocks) if "call the shop manager" in json.dumps(b))
    fid = int(blocks[shop + 1]["block_id"].split(":")[1])
    after = bot.press(listing.body["blocks"], "fu_done", value=str(fid), user_id=JUAN)
    assert after.body["replace_original"] is True
    texts = section_texts(after.body["blocks"])
    assert texts[0] == "*The team's follow-ups (next 7 days)*"
    # Maria's items are still there, as before: it is the team's list, not Juan's own.
    assert "*Acme Health* — send the MOU draft\n*overdue* 3 days (due Fri Nov 20)" in texts
    assert f"✅ Done by <@{JUAN}> — *Riverside Auto*: call the shop manager" in after.text


def test_done_on_someones_list_keeps_their_list(bot: Bot) -> None:
    team_setup(bot)
    records.leads(bot.deps.sessions, TEAM_ID, JUAN)  # a lead may close anyone's follow-up
    marias = bot.command("/followup", f"<@{MARIA}|maria>", user_id=JUAN)
    [first] = [b for b in marias.body["blocks"] if b.get("block_id", "").startswith("fu:")][:1]
    fid = int(first["block_id"].split(":")[1])
    after = bot.press(marias.body["blocks"], "fu_done", value=str(fid), user_id=JUAN)
    texts = section_texts(after.body["blocks"])
    assert texts[0] == f"*Follow-ups of <@{MARIA}>*"
    assert "*Acme Health* — call Jane about shadowing\ndue Wed Nov 25" in texts
    assert "Riverside" not in after.text  # not Juan's own list


def test_pick_a_date_in_a_digest_changes_only_that_item(bot: Bot) -> None:
    acme = records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    fid = records.follow_up(bot.deps.sessions, TEAM_ID, acme, MARIA, MONDAY, "send the MOU draft")
    other = records.follow_up(bot.deps.sessions, TEAM_ID, acme, MARIA, MONDAY, "call Jane")
    run(bot)
    posted = digest_to(bot, MARIA)
    channel, ts = posted.response["channel"], posted.response["ts"]
    before = posted.body["blocks"]
    bot.slack.clear()

    bot.press_in(posted, "fu_snooze", selected_option={"value": f"pick:{fid}"})

    assert bot.opened_views() == []
    [update] = bot.slack.calls_to("chat.update")
    assert (update.body["channel"], update.body["ts"]) == (channel, ts)
    picking = update.body["blocks"]
    assert len(picking) == len(before)
    changed = [i for i, (a, b) in enumerate(zip(before, picking, strict=True)) if a != b]
    item = [i for i, b in enumerate(before) if str(b.get("block_id", "")).endswith(f":{fid}")]
    assert set(changed) <= {*item, item[0] + 1}
    assert f"fu:{other}:digest" in json.dumps(picking)  # the other item keeps its buttons

    bot.slack.clear()
    shown = dataclasses.replace(posted, body={**posted.body, "blocks": picking})
    bot.press_in(shown, "fu_snooze_date", selected_date="2026-12-01")
    assert records.follow_up_row(bot.deps.sessions, fid).due_date == date(2026, 12, 1)
    [update] = bot.slack.calls_to("chat.update")
    done = json.dumps(update.body["blocks"], ensure_ascii=False)
    assert "😴 Snoozed to Tue Dec 1 — *Acme Health*: send the MOU draft" in done
    assert f"fu:{other}:digest" in done
    assert "Good morning" in done  # still the digest, not a /followup list
