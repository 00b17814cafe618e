"""Engagements fixed after the fact (issue 20): `/engage edit|cancel|remove|assign`, Edit /
Cancel / Remove where one is listed, only for its author, its owner or a lead; a cancelled one
is never debriefed, prompted or counted; and a handoff moves a leaver's engagements, their
pending debriefs and celebration prompts. Through the real app, on SQLite and PostgreSQL; the
clock is Monday 2026-11-23, 08:00 in Chicago."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import select

from bot.console import payloads
from bot.console.records import FakeUser
from scheduler.jobs import run_due_jobs
from storage.models import (
    CelebrationPrompt,
    Engagement,
    EngagementKind,
    FollowUp,
    PartnerChange,
    PromptStatus,
)
from tests.support import records
from tests.support.slackapp import JUAN, MARIA, TEAM_ID, Bot, text_value

DANA = "U0DANA"


def utc(y: int, m: int, d: int, h: int) -> datetime:
    return datetime(y, m, d, h, tzinfo=UTC)


def rows(bot: Bot) -> list[Engagement]:
    with bot.deps.sessions() as session:
        found = list(session.scalars(select(Engagement).order_by(Engagement.id)))
        session.expunge_all()
        return found


def by_kind(bot: Bot, kind: EngagementKind) -> Engagement:
    [row] = [r for r in rows(bot) if r.kind is kind]
    return row


def prompts(bot: Bot) -> list[CelebrationPrompt]:
    with bot.deps.sessions() as session:
        found = list(session.scalars(select(CelebrationPrompt).order_by(CelebrationPrompt.id)))
        session.expunge_all()
        return found


def history(bot: Bot) -> list[str]:
    with bot.deps.sessions() as session:
        return list(session.scalars(select(PartnerChange.summary).order_by(PartnerChange.id)))


def debrief_owner(bot: Bot, follow_up_id: int | None) -> str | None:
    with bot.deps.sessions() as session:
        found = session.get(FollowUp, follow_up_id) if follow_up_id else None
        return found.owner_user_id if found else None


def dms(bot: Bot, user_id: str, words: str) -> list[dict[str, Any]]:
    return [
        c.body
        for c in bot.slack.calls_to("chat.postMessage")
        if not c.failed and c.body.get("channel") == user_id and words in json.dumps(c.body)
    ]


def record(bot: Bot, typed: str) -> None:
    assert "Recorded" in bot.command("/engage", typed).text


@pytest.fixture
def acme(bot: Bot) -> int:
    return records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)


def test_cancelled_is_never_counted_debriefed_or_prompted(bot: Bot, acme: int) -> None:
    record(bot, "Acme job shadow Nov 10, 35 students")  # happened
    record(bot, "Acme guest speaker Nov 16, 4 students")  # happened
    record(bot, "Acme internship Dec 1 – Dec 18, 10 students")  # planned
    shadow = by_kind(bot, EngagementKind.JOB_SHADOW)
    assert [p.source_id for p in prompts(bot)] == [
        shadow.id,
        by_kind(bot, EngagementKind.GUEST_SPEAKER).id,
    ]
    answer = bot.command("/engage", "cancel Acme job shadow")
    assert "Cancelled the job shadow of Nov 10 with *Acme Health*" in answer.text
    assert by_kind(bot, EngagementKind.JOB_SHADOW).cancelled_at is not None
    assert shadow.id not in [p.source_id for p in prompts(bot)]  # its thank-you withdrawn
    assert "cancelled the job shadow of Nov 10" in " ".join(history(bot))
    again = bot.command("/engage", "cancel Acme job shadow")
    assert "already cancelled" in again.text
    shown = bot.command("/celebrate", "year").text
    assert "1 engagement · 4 students served" in shown
    assert "still planned (not counted): 1 engagement, 10 students" in shown
    assert "1 engagement (guest speaker visit) · 4 students" in shown
    assert "job shadow" not in shown
    listed = bot.command("/engage", "list Acme").text
    assert "_cancelled_" in listed
    run_due_jobs(bot.deps.sessions, bot.app.client, bot.deps.zones, now=utc(2026, 11, 24, 15))
    assert dms(bot, MARIA, "guest speaker")  # the one that happened is debriefed
    assert not dms(bot, MARIA, "job shadow")


def test_edit_and_cancel_are_refused_to_others_and_allowed_to_a_lead(bot: Bot, acme: int) -> None:
    bot.slack.add_user(FakeUser(id=DANA, name="dana", real_name="Dana Reed", is_admin=True))
    record(bot, "Acme job shadow Dec 9, 12 students")
    listed = bot.command("/engage", "list", user_id=JUAN)
    refused = bot.press(listed.body["blocks"], "engage_cancel", user_id=JUAN)
    assert "Only the person who recorded it" in refused.text
    assert "Nothing changed" in refused.text
    bot.press(listed.body["blocks"], "engage_edit", user_id=JUAN)
    assert bot.opened_views() == []
    said = bot.command("/engage", "edit Acme job shadow", user_id=JUAN)
    assert "Only the person who recorded it" in said.text
    assert bot.opened_views() == []
    assert "Only" in bot.command("/engage", f"assign Acme <@{JUAN}|juan>", user_id=JUAN).text
    [row] = rows(bot)
    assert (row.cancelled_at, row.owner_user_id) == (None, MARIA)
    done = bot.press(listed.body["blocks"], "engage_cancel", user_id=DANA)  # an admin: a lead
    assert "Cancelled the job shadow" in json.dumps(done.responses)
    [row] = rows(bot)
    assert row.cancelled_by == DANA


def test_cancel_from_the_list_redraws_it_in_place_and_remove_only_a_mistake(
    bot: Bot, acme: int
) -> None:
    record(bot, "Acme job shadow Dec 9, 12 students")
    record(bot, "Acme site visit Nov 10, 30 students")
    listed = bot.command("/engage", "list Acme")
    shadow = by_kind(bot, EngagementKind.JOB_SHADOW)
    done = bot.press(listed.body["blocks"], "engage_cancel", value=None)
    redrawn = [r for r in done.responses if r.get("replace_original")]
    assert redrawn, done.responses
    blocks = json.dumps(redrawn[-1]["blocks"], ensure_ascii=False)
    assert "Engagements of Acme Health" in blocks
    assert "_cancelled_" in blocks
    assert f'"e": {shadow.id}' not in blocks  # no buttons left on the cancelled one
    assert "Site visit" in blocks
    refused = bot.command("/engage", "remove Acme site visit")  # it happened: cancel instead
    assert "The site visit of Nov 10 with *Acme Health* is not just planned" in refused.text
    record(bot, "Acme mock interviews Jan 14, 20 students")
    removed = bot.command("/engage", "remove Acme mock interviews")
    assert "Removed the mock interviews of Jan 14" in removed.text
    assert EngagementKind.MOCK_INTERVIEWS not in [r.kind for r in rows(bot)]
    assert "removed the mock interviews of Jan 14 (recorded by mistake)" in history(bot)


def test_edit_opens_the_form_filled_in_and_saves_the_change(bot: Bot, acme: int) -> None:
    record(bot, "Acme internship Jan 12 – Mar 6, 3 students pathway Health Science")
    bot.command("/engage", "edit Acme internship")
    form = bot.opened_views()[-1]
    shown = json.dumps(form, ensure_ascii=False)
    assert "Edit engagement" in shown
    assert '"initial_date": "2027-03-06"' in shown
    assert "Health Science" in shown
    values: dict[str, dict[str, Any]] = {
        "partner": {
            "engage_partner_pick": {
                "type": "external_select",
                "selected_option": {
                    "text": {"type": "plain_text", "text": "Acme"},
                    "value": str(acme),
                },
            }
        },
        "kind": {"value": {"type": "static_select", "selected_option": {"value": "internship"}}},
        "label": text_value(None),
        "starts_on": {"value": {"type": "datepicker", "selected_date": "2027-01-12"}},
        "ends_on": {"value": {"type": "datepicker", "selected_date": "2027-03-20"}},
        "students": text_value("4"),
        "owner": {"value": {"type": "users_select", "selected_user": MARIA}},
        "pathway": text_value("Health Science"),
    }
    assert bot.submit(form, values).body == {}
    [row] = rows(bot)
    assert (row.student_count, row.ends_on) == (4, date(2027, 3, 20))
    assert any(h.startswith("edited the internship of Jan 12 – Mar 6") for h in history(bot))


def test_a_handoff_moves_engagements_debriefs_and_prompts(bot: Bot, acme: int) -> None:
    bot.slack.add_user(FakeUser(id=DANA, name="dana", real_name="Dana Reed", is_admin=True))
    record(bot, "Acme internship Jan 12 – Mar 6, 10 students")
    record(bot, "Acme guest speaker Nov 20, 30 students")
    record(bot, "Acme job shadow Dec 1, 4 students")
    run_due_jobs(bot.deps.sessions, bot.app.client, bot.deps.zones, now=utc(2026, 11, 23, 15))
    assert dms(bot, MARIA, "How did the guest speaker")  # its debrief is pending
    [prompt] = prompts(bot)  # the speaker's thank-you
    preview = bot.command("/partner", f"handoff <@{MARIA}|maria> <@{DANA}|dana>")
    assert "*3 engagements* (planned or to debrief)" in preview.text
    assert "*1 celebration prompt*" in preview.text
    done = bot.press(preview.body["blocks"], "people_handoff_confirm")
    assert "3 engagements (planned or to debrief), 1 celebration prompt" in done.text
    assert dms(bot, DANA, "you now own 3 engagements (planned or to debrief)")
    assert {r.owner_user_id for r in rows(bot)} == {DANA}
    speaker = by_kind(bot, EngagementKind.GUEST_SPEAKER)
    assert debrief_owner(bot, speaker.debrief_follow_up_id) == DANA
    [moved] = prompts(bot)
    assert (moved.id, moved.owner_user_id, moved.status) == (prompt.id, DANA, PromptStatus.OPEN)
    assert any("owner <@U0MARIA> → <@U0DANA> (handoff)" in h for h in history(bot))
    run_due_jobs(bot.deps.sessions, bot.app.client, bot.deps.zones, now=utc(2026, 12, 2, 15))
    assert dms(bot, DANA, "How did the job shadow")  # the next debrief goes to Dana
    assert not dms(bot, MARIA, "How did the job shadow")


def test_assign_gives_one_engagement_with_its_debrief_and_prompt(bot: Bot, acme: int) -> None:
    bot.slack.add_user(FakeUser(id=DANA, name="dana", real_name="Dana Reed"))
    record(bot, "Acme guest speaker Nov 20, 30 students")
    record(bot, "Acme job shadow Dec 1, 4 students")
    run_due_jobs(bot.deps.sessions, bot.app.client, bot.deps.zones, now=utc(2026, 11, 23, 15))
    said = bot.command("/engage", f"assign Acme guest speaker to <@{DANA}|dana>")
    assert "is now <@U0DANA>'s" in said.text
    speaker = by_kind(bot, EngagementKind.GUEST_SPEAKER)
    assert speaker.owner_user_id == DANA
    assert by_kind(bot, EngagementKind.JOB_SHADOW).owner_user_id == MARIA
    assert debrief_owner(bot, speaker.debrief_follow_up_id) == DANA
    assert [p.owner_user_id for p in prompts(bot)] == [DANA]
    several = bot.command("/engage", f"assign Acme <@{DANA}|dana>")  # which one?
    assert "Which engagement of *Acme Health*?" in several.text


def test_cancelling_after_the_debrief_was_asked_closes_it_and_its_prompt(
    bot: Bot, acme: int
) -> None:
    record(bot, "Acme guest speaker Nov 20, 30 students")
    run_due_jobs(bot.deps.sessions, bot.app.client, bot.deps.zones, now=utc(2026, 11, 23, 15))
    [dm] = [
        c
        for c in bot.slack.calls_to("chat.postMessage")
        if "How did the guest speaker" in json.dumps(c.body)
    ]
    assert len(prompts(bot)) == 1
    bot.command("/engage", "cancel Acme speaker Nov 20")
    speaker = by_kind(bot, EngagementKind.GUEST_SPEAKER)
    assert speaker.cancelled_at is not None
    with bot.deps.sessions() as session:
        debrief = session.get(FollowUp, speaker.debrief_follow_up_id)
        assert debrief is not None
        assert debrief.status.value == "cancelled"
    assert prompts(bot) == []
    bot.press_in(dm, "debrief_open:great")
    form = bot.opened_views()[-1]
    values = {
        "outcome": {"value": {"type": "static_select", "selected_option": {"value": "great"}}},
        "students": text_value("30"),
        "feedback": text_value(None),
        "change": text_value(None),
    }
    refused = bot.submit(form, values)
    assert "cancelled" in refused.body["errors"]["outcome"]
    assert prompts(bot) == []
    assert "guest speaker" not in json.dumps(bot.open_home(MARIA)).lower()


def test_a_leaver_with_only_engagements_still_gets_the_leads_a_prompt(bot: Bot, acme: int) -> None:
    bot.slack.add_user(FakeUser(id=DANA, name="dana", real_name="Dana Reed", is_admin=True))
    record(bot, f"Acme job shadow Dec 9, 12 students <@{JUAN}|juan>")  # Juan owns no partner
    event = payloads.user_change(
        {**bot.slack.user_json(JUAN), "deleted": True}, event_ts=bot.ids.action_ts()
    )
    bot.dispatch(payloads.event_request(bot.workspace, event, event_id="Ev0LEFT"), payloads.JSON)
    [prompt] = dms(bot, DANA, "was deactivated")
    assert "1 engagement or celebration prompt need a new owner" in json.dumps(prompt)


def test_cancel_on_the_home_redraws_it(bot: Bot, acme: int) -> None:
    record(bot, "Acme job shadow Dec 9, 12 students")
    home = bot.open_home(MARIA)
    assert "Job shadow" in json.dumps(home)
    before = len(bot.slack.calls_to("views.publish"))
    bot.press_in_view(home, "engage_cancel")
    assert by_kind(bot, EngagementKind.JOB_SHADOW).cancelled_at is not None
    [redrawn] = [
        c.body for c in bot.slack.calls_to("views.publish")[before:] if c.body["user_id"] == MARIA
    ]
    assert "Job shadow" not in json.dumps(redrawn)
