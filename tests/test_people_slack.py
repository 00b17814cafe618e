"""Business contacts, owners and backups, handoffs, history, leavers and program leads, through
the real Bolt app with signed requests, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from bot.console import payloads
from bot.console.records import FakeUser
from scheduler.jobs import run_due_jobs
from storage.models import (
    BusinessContact,
    FollowUp,
    HandledEvent,
    Handoff,
    Interaction,
    OwnershipChange,
    Partner,
    Staff,
)
from tests.support import records
from tests.support.slackapp import JUAN, MARIA, TEAM_ID, Bot, text_value

DANA = "U0DANA"
BOTUSER = "U0ROBOT"


def add_people(bot: Bot, *, maria_admin: bool = False) -> None:
    """Dana (an admin), a bot user, and Maria as an admin when asked."""
    bot.slack.add_user(FakeUser(id=DANA, name="dana", real_name="Dana Reed", is_admin=True))
    bot.slack.add_user(FakeUser(id=BOTUSER, name="robot", real_name="Robot", is_bot=True))
    if maria_admin:
        bot.slack.add_user(FakeUser(id=MARIA, name="maria", real_name="Maria Lopez", is_admin=True))


def contacts(bot: Bot) -> list[BusinessContact]:
    with bot.deps.sessions() as session:
        return list(session.scalars(select(BusinessContact).order_by(BusinessContact.id)))


def partner(bot: Bot, name: str) -> Partner:
    with bot.deps.sessions() as session:
        row = session.scalars(select(Partner).where(Partner.name == name)).one()
        session.expunge(row)
        return row


def dms_to(bot: Bot, user_id: str) -> list[dict[str, object]]:
    return [
        c.body for c in bot.slack.calls_to("chat.postMessage") if c.body.get("channel") == user_id
    ]


# -- business contacts -----------------------------------------------------------------------


def test_contact_add_shows_on_the_card_with_links(bot: Bot) -> None:
    bot.command("/partner", "add Acme Health")
    added = bot.command(
        "/partner",
        "contact add Acme Health Jane Ortiz, HR director, jane@acme.org, 555-0100, primary",
    )
    assert "Added *Jane Ortiz* to *Acme Health* as the primary contact" in added.text
    [jane] = contacts(bot)
    assert (jane.name, jane.role, jane.email, jane.phone) == (
        "Jane Ortiz",
        "HR director",
        "jane@acme.org",
        "555-0100",
    )
    assert jane.is_primary
    assert not jane.is_decision_maker
    card = bot.command("/partner", "acme", user_id=JUAN)
    assert "<mailto:jane@acme.org|jane@acme.org>" in card.text
    assert "<tel:5550100|555-0100>" in card.text
    assert "not contacted yet" in card.text
    labels = [
        e["text"]["text"]
        for b in card.body["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
    ]
    assert {"Add contact", "History", "Log contact"} <= set(labels)


def test_bad_email_or_phone_saves_nothing_and_says_how(bot: Bot) -> None:
    bot.command("/partner", "add Acme Health")
    no_at = bot.command("/partner", "contact add Acme Health Jane Ortiz, jane.acme.org")
    assert "has no @" in no_at.text
    assert "jane@acme.org" in no_at.text
    bad_phone = bot.command("/partner", "contact add Acme Health Jane Ortiz, phone: 12")
    assert "is not a phone number" in bad_phone.text
    no_name = bot.command("/partner", "contact add Acme Health , jane@acme.org")
    assert "person's name" in no_name.text or "Which partner" in no_name.text
    unknown = bot.command("/partner", "contact add Globex Bob Lee")
    assert "No partner matches" in unknown.text
    assert contacts(bot) == []


def test_only_one_primary_and_edit_and_remove(bot: Bot) -> None:
    bot.command("/partner", "add Acme Health")
    bot.command("/partner", "contact add Acme Health Jane Ortiz, jane@acme.org, primary")
    bot.command(
        "/partner", "contact add Acme Health Bob Lee, plant manager, primary, decision-maker"
    )
    by_name = {c.name: c for c in contacts(bot)}
    assert by_name["Bob Lee"].is_primary
    assert by_name["Bob Lee"].is_decision_maker
    assert not by_name["Jane Ortiz"].is_primary
    edited = bot.command("/partner", "contact edit Acme Health Jane, 555-0199")
    assert "Saved *Jane Ortiz*" in edited.text
    assert {c.name: c.phone for c in contacts(bot)}["Jane Ortiz"] == "555-0199"
    removed = bot.command("/partner", "contact remove Acme Health Bob Lee")
    assert "Removed *Bob Lee*" in removed.text
    assert [c.name for c in contacts(bot)] == ["Jane Ortiz"]
    history = bot.command("/partner", "history Acme Health")
    assert "added Jane Ortiz" in history.text
    assert "removed Bob Lee" in history.text
    assert f"by <@{MARIA}>" in history.text


def test_add_contact_button_opens_a_form_that_checks_the_email(bot: Bot) -> None:
    card = bot.command("/partner", "add Acme Health")
    bot.press(card.body["blocks"], "people_contact_add")
    form = bot.opened_views()[-1]
    values = {
        "name": text_value("Jane Ortiz"),
        "role": text_value("HR"),
        "email": text_value("jane at acme"),
        "phone": text_value(None),
        "flags": {"value": {"type": "checkboxes", "selected_options": [{"value": "primary"}]}},
    }
    refused = bot.submit(form, values)
    assert refused.ack["response_action"] == "errors"
    assert "has no @" in refused.ack["errors"]["email"]
    assert contacts(bot) == []
    values["email"] = text_value("jane@acme.org")
    assert bot.submit(form, values).ack == {}
    [jane] = contacts(bot)
    assert jane.is_primary
    assert jane.email == "jane@acme.org"


def test_contact_log_links_the_business_contact_and_offers_new_people(bot: Bot) -> None:
    bot.command("/partner", "add Acme Health")
    bot.command("/partner", "contact add Acme Health Jane Ortiz, HR director")
    bot.command("/contact", "Acme Health called Jane about internships")
    with bot.deps.sessions() as session:
        [entry] = session.scalars(select(Interaction)).all()
    assert entry.business_contact_id == contacts(bot)[0].id
    card = bot.command("/partner", "acme")
    assert "last contacted Mon Nov 23" in card.text
    met = bot.command("/contact", "Acme Health met Bob Lee (HR) at the career fair")
    assert "Add Bob Lee (HR) as a contact" in met.text
    bot.press(met.body["blocks"], "people_contact_suggested")
    form = bot.opened_views()[-1]
    assert form["blocks"][1]["element"]["initial_value"] == "Bob Lee"


# -- owners, backups, handoffs ---------------------------------------------------------------


def test_assign_with_backup_moves_the_old_owners_follow_ups_and_tells_the_new_owner(
    bot: Bot,
) -> None:
    add_people(bot)
    bot.command("/partner", "add Acme Health")
    acme = partner(bot, "Acme Health").id
    mine = records.follow_up(bot.deps.sessions, TEAM_ID, acme, MARIA, date(2026, 11, 30), "MOU")
    danas = records.follow_up(bot.deps.sessions, TEAM_ID, acme, DANA, date(2026, 11, 30), "tour")
    answer = bot.command("/partner", f"assign Acme Health <@{JUAN}|juan> backup <@{DANA}|dana>")
    assert f"<@{JUAN}> now owns *Acme Health*" in answer.text
    acme_row = partner(bot, "Acme Health")
    assert (acme_row.owner_user_id, acme_row.backup_user_id) == (JUAN, DANA)
    assert records.follow_up_row(bot.deps.sessions, mine).owner_user_id == JUAN
    assert records.follow_up_row(bot.deps.sessions, danas).owner_user_id == DANA
    [told] = dms_to(bot, JUAN)
    assert "handed you 1 partner" in json.dumps(told)
    assert "Acme Health" in json.dumps(told)
    assert any("backup" in json.dumps(m) for m in dms_to(bot, DANA))
    bad = bot.command("/partner", f"assign Acme Health backup <@{BOTUSER}|robot>")
    assert "is a bot" in bad.text
    assert partner(bot, "Acme Health").backup_user_id == DANA


def handoff_setup(bot: Bot) -> tuple[int, int, int, int]:
    """Maria owns Acme and Globex; her follow-ups on both, Juan's one on Acme."""
    add_people(bot)
    bot.command("/partner", "add Acme Health")
    bot.command("/partner", "add Globex")
    acme, globex = partner(bot, "Acme Health").id, partner(bot, "Globex").id
    s = bot.deps.sessions
    a = records.follow_up(s, TEAM_ID, acme, MARIA, date(2026, 11, 30), "send the MOU")
    g = records.follow_up(s, TEAM_ID, globex, MARIA, date(2026, 12, 1), "thank-you")
    j = records.follow_up(s, TEAM_ID, acme, JUAN, date(2026, 12, 2), "juan's own")
    bot.command("/partner", "contact add Acme Health Jane Ortiz, jane@acme.org, primary")
    return acme, a, g, j


def test_handoff_previews_then_moves_partners_and_only_the_givers_follow_ups(bot: Bot) -> None:
    acme, a, g, j = handoff_setup(bot)
    preview = bot.command(
        "/partner", f"handoff <@{MARIA}|maria> <@{DANA}|dana> because maternity leave"
    )
    assert "*2 partners*" in preview.text
    assert "*2 open follow-ups*" in preview.text
    assert partner(bot, "Acme Health").owner_user_id == MARIA  # nothing moved yet
    done = bot.press(preview.body["blocks"], "people_handoff_confirm")
    assert "Handed over 2 partners and 2 open follow-ups" in done.text
    assert partner(bot, "Acme Health").owner_user_id == DANA
    assert partner(bot, "Globex").owner_user_id == DANA
    owners = {f: records.follow_up_row(bot.deps.sessions, f).owner_user_id for f in (a, g, j)}
    assert owners == {a: DANA, g: DANA, j: JUAN}
    [summary] = dms_to(bot, DANA)
    text = json.dumps(summary)
    assert "Acme Health" in text
    assert "Globex" in text
    assert "1 open follow-up" in text
    assert "primary contact Jane Ortiz" in text
    published = {c.body["user_id"] for c in bot.slack.calls_to("views.publish")}
    assert {MARIA, DANA} <= published
    with bot.deps.sessions() as session:
        [handoff] = session.scalars(select(Handoff)).all()
        assert (handoff.from_user_id, handoff.to_user_id, handoff.by_user_id) == (
            MARIA,
            DANA,
            MARIA,
        )
        assert handoff.reason == "maternity leave"
        reasons = session.scalars(
            select(OwnershipChange.reason).where(OwnershipChange.partner_id == acme)
        ).all()
    assert "handoff: maternity leave" in reasons
    again = bot.press(preview.body["blocks"], "people_handoff_confirm")
    assert "nothing left to hand over" in again.text
    assert "Nothing changed" not in again.text  # a double click never says the handoff failed
    history = bot.command("/partner", "history Acme")
    assert "handoff: maternity leave" in history.text


def test_handoff_of_named_partners_only(bot: Bot) -> None:
    _, a, g, _ = handoff_setup(bot)
    preview = bot.command("/partner", f"handoff <@{MARIA}|maria> <@{DANA}|dana> Acme Health")
    assert "*1 partner*" in preview.text
    assert "*1 open follow-up*" in preview.text
    bot.press(preview.body["blocks"], "people_handoff_confirm")
    assert partner(bot, "Globex").owner_user_id == MARIA
    assert records.follow_up_row(bot.deps.sessions, g).owner_user_id == MARIA
    assert records.follow_up_row(bot.deps.sessions, a).owner_user_id == DANA


def test_handoff_bad_input_changes_nothing(bot: Bot) -> None:
    handoff_setup(bot)
    bot.slack.add_user(FakeUser(id="U0GONE", name="gone", real_name="Gone", deleted=True))
    bot.slack.add_user(FakeUser(id="U0LEE", name="lee", real_name="Lee Park"))
    m, d = f"<@{MARIA}|maria>", f"<@{DANA}|dana>"
    cases = [
        (f"{m} <@U0NOBODY|x>", MARIA, "can't find"),
        (f"{m} <@U0GONE|gone>", MARIA, "deactivated"),
        (f"{m} <@{BOTUSER}|robot>", MARIA, "is a bot"),
        (f"<@U0LEE|lee> {d}", DANA, "nothing to hand over"),
        (m, MARIA, "Name two people"),
        (f"{m} {m}", MARIA, "same person"),
        (f"{m} {d} Nonexistent Co", MARIA, "matches no partner"),
        (f"{m} {d}", JUAN, "program lead"),
    ]
    for text, by, expected in cases:
        reply = bot.command("/partner", f"handoff {text}", user_id=by)
        assert expected in reply.text, (text, reply.text)
        assert "Confirm" not in reply.text
    assert partner(bot, "Acme Health").owner_user_id == MARIA
    with bot.deps.sessions() as session:
        assert session.scalars(select(Handoff)).all() == []


# -- leavers and leads -----------------------------------------------------------------------


def test_a_deactivated_owner_is_handled_once_and_leads_get_a_prompt(bot: Bot) -> None:
    _, a, g, _ = handoff_setup(bot)
    event = payloads.user_change(
        {**bot.slack.user_json(MARIA), "deleted": True}, event_ts=bot.ids.action_ts()
    )
    body = payloads.event_request(bot.workspace, event, event_id="Ev0LEAVER1")
    bot.dispatch(body, payloads.JSON)
    bot.dispatch(
        body,
        payloads.JSON,
        extra={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"},
    )
    with bot.deps.sessions() as session:
        maria = session.get(Staff, (TEAM_ID, MARIA))
        assert maria is not None
        assert maria.deactivated_at is not None
        assert len(session.scalars(select(HandledEvent)).all()) == 1
    [prompt] = dms_to(bot, DANA)
    assert "deactivated" in json.dumps(prompt)
    assert "Acme Health" in json.dumps(prompt)
    unowned = bot.command("/partner", "list unowned", user_id=DANA)
    assert "Acme Health" in unowned.text
    assert f"<@{MARIA}> left" in unowned.text
    card = bot.command("/partner", "acme", user_id=DANA)
    assert "needs a new owner" in card.text
    # The leaver gets no digest; nothing of theirs is lost.
    report = run_due_jobs(bot.deps.sessions, bot.app.client, bot.deps.zones, now=bot.clock.now())
    assert (TEAM_ID, MARIA) not in report.sent
    assert records.follow_up_row(bot.deps.sessions, a).owner_user_id == MARIA
    # A lead picks Juan in the prompt, confirms: Maria's partners and follow-ups move.
    posted = next(
        c for c in bot.slack.calls_to("chat.postMessage") if c.body.get("channel") == DANA
    )
    preview = bot.press_in(posted, "people_leaver_pick", user_id=DANA, selected_user=JUAN)
    assert "*2 partners*" in preview.text
    bot.press(preview.body["blocks"], "people_handoff_confirm", user_id=DANA)
    assert partner(bot, "Acme Health").owner_user_id == JUAN
    assert records.follow_up_row(bot.deps.sessions, g).owner_user_id == JUAN


def test_reactivation_clears_the_flag(bot: Bot) -> None:
    handoff_setup(bot)
    bot.user_change(MARIA, deleted=True)
    assert "Acme Health" in bot.command("/partner", "list unowned").text
    bot.user_change(MARIA, deleted=False)
    with bot.deps.sessions() as session:
        maria = session.get(Staff, (TEAM_ID, MARIA))
        assert maria is not None
        assert maria.deactivated_at is None
    assert "Acme Health" not in bot.command("/partner", "list unowned").text


def test_program_leads_decide_who_changes_team_settings(bot: Bot) -> None:
    add_people(bot)
    refused = bot.command("/partnerbot", f"leads <@{JUAN}|juan>", user_id=MARIA)
    assert "admins and owners" in refused.text
    assert "Nothing changed" in refused.text
    named = bot.command("/partnerbot", f"leads <@{MARIA}|maria> <@{JUAN}|juan>", user_id=DANA)
    assert f"<@{MARIA}>" in named.text
    assert f"<@{JUAN}>" in named.text
    shown = bot.command("/partnerbot", "leads", user_id=DANA)
    assert "program leads" in shown.text
    again = bot.command("/partnerbot", f"leads <@{DANA}|dana>", user_id=DANA)
    assert "Only the program leads" in again.text
    assert f"<@{MARIA}>" in again.text
    bot_lead = bot.command("/partnerbot", f"leads <@{BOTUSER}|robot>", user_id=MARIA)
    assert "Nothing changed" in bot_lead.text


def test_a_leads_digest_lists_partners_that_need_a_new_owner(bot: Bot) -> None:
    handoff_setup(bot)
    bot.command("/partnerbot", f"leads <@{DANA}|dana>", user_id=DANA)
    bot.user_change(MARIA, deleted=True)
    run_due_jobs(bot.deps.sessions, bot.app.client, bot.deps.zones, now=bot.clock.now())
    digests = [m for m in dms_to(bot, DANA) if "Good morning" in json.dumps(m)]
    assert digests
    assert "Acme Health" in json.dumps(digests[-1])
    assert "new owner" in json.dumps(digests[-1])
    with bot.deps.sessions() as session:
        assert session.scalars(select(FollowUp)).all()


def test_with_no_leads_named_an_admins_digest_lists_partners_that_need_a_new_owner(
    bot: Bot,
) -> None:
    handoff_setup(bot)
    bot.command("/followup", "", user_id=DANA)  # Dana uses partnerbot, and is a Slack admin
    bot.user_change(MARIA, deleted=True)
    bot.clock.advance(timedelta(days=2))  # her daily profile look-up is due again
    run_due_jobs(bot.deps.sessions, bot.app.client, bot.deps.zones, now=bot.clock.now())
    digests = [m for m in dms_to(bot, DANA) if "Good morning" in json.dumps(m)]
    assert digests
    assert "Acme Health" in json.dumps(digests[-1])
    assert "new owner" in json.dumps(digests[-1])


def test_two_handoffs_at_once_move_each_partner_and_follow_up_once(bot: Bot) -> None:
    from concurrent.futures import ThreadPoolExecutor
    from zoneinfo import ZoneInfo

    from storage.people.handoff import hand_off

    handoff_setup(bot)
    s = bot.deps.sessions
    for n in range(20):
        pid = records.partner(s, TEAM_ID, f"Partner {n}", owner=MARIA)
        records.follow_up(s, TEAM_ID, pid, MARIA, date(2026, 12, 1), f"item {n}")

    def move(to: str) -> tuple[int, int]:
        with s.begin() as session:
            done = hand_off(
                session, TEAM_ID, MARIA, to, None, by=DANA, reason="race",
                now=bot.clock.now(), tz=ZoneInfo("America/Chicago"),
            )  # fmt: skip
        return len(done.partners), done.follow_ups

    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(move, [JUAN, DANA]))
    assert sorted(results) == [(0, 0), (22, 22)]
    with s() as session:
        owners = set(session.scalars(select(Partner.owner_user_id)))
        assert len(owners) == 1
        [winner] = owners
        left = session.scalars(select(FollowUp).where(FollowUp.owner_user_id == MARIA)).all()
        assert left == []
        moved = session.scalars(select(FollowUp.owner_user_id).where(FollowUp.note != "juan's own"))
        assert set(moved) == {winner}


def test_a_follow_up_given_to_someone_else_reaches_them_with_its_buttons(bot: Bot) -> None:
    bot.command("/partner", "add Acme Health")
    bot.command("/contact", f"Acme Health called Jane, follow up fri with <@{JUAN}|juan>")
    [dm] = dms_to(bot, JUAN)
    assert "handed you a follow-up" in json.dumps(dm)
    posted = next(
        c for c in bot.slack.calls_to("chat.postMessage") if c.body.get("channel") == JUAN
    )
    bot.press_in(posted, "fu_done", user_id=JUAN)
    with bot.deps.sessions() as session:
        [item] = session.scalars(select(FollowUp)).all()
    assert item.status.value == "done"


def test_confirm_moves_only_what_the_preview_showed(bot: Bot) -> None:
    handoff_setup(bot)
    preview = bot.command("/partner", f"handoff <@{MARIA}|maria> <@{DANA}|dana>")
    assert "*2 partners*" in preview.text
    bot.command("/partner", "add Initech")  # Maria adds a partner before confirming
    changed = bot.press(preview.body["blocks"], "people_handoff_confirm")
    assert "Things changed since that preview, so nothing moved" in changed.text
    assert partner(bot, "Acme Health").owner_user_id == MARIA
    assert partner(bot, "Initech").owner_user_id == MARIA


def test_a_whole_handoff_leaves_archived_partners_alone(bot: Bot) -> None:
    handoff_setup(bot)
    bot.command("/partner", "add Oldco")
    bot.command("/partner", "archive Oldco")
    preview = bot.command("/partner", f"handoff <@{MARIA}|maria> <@{DANA}|dana>")
    assert "Oldco" not in preview.text
    bot.press(preview.body["blocks"], "people_handoff_confirm")
    assert partner(bot, "Oldco").owner_user_id == MARIA
    assert partner(bot, "Acme Health").owner_user_id == DANA


def test_only_the_owner_or_a_lead_gives_a_partner_to_someone_else(bot: Bot) -> None:
    _, marias, _, _ = handoff_setup(bot)
    refused = bot.command("/partner", f"assign Acme Health <@{JUAN}|juan>", user_id=JUAN)
    assert "Nothing changed" in refused.text
    assert partner(bot, "Acme Health").owner_user_id == MARIA
    assert records.follow_up_row(bot.deps.sessions, marias).owner_user_id == MARIA
    assert not dms_to(bot, MARIA)
    by_lead = bot.command("/partner", f"assign Acme Health <@{JUAN}|juan>", user_id=DANA)
    assert f"<@{JUAN}> now owns *Acme Health*" in by_lead.text
    assert partner(bot, "Acme Health").owner_user_id == JUAN
    told = json.dumps(dms_to(bot, MARIA))
    assert f"<@{DANA}> gave *Acme Health* to <@{JUAN}>" in told


@pytest.mark.parametrize("text", ["assign Acme Health", f"assign <@{JUAN}|juan>"])
def test_assign_without_a_partner_or_a_person_says_how_to_write_it(bot: Bot, text: str) -> None:
    bot.command("/partner", "add Acme Health")
    answer = bot.command("/partner", text)
    assert "Write `/partner assign Acme @maria`" in answer.text
    assert partner(bot, "Acme Health").owner_user_id == MARIA


def test_when_every_named_lead_has_left_the_admins_are_the_leads_again(bot: Bot) -> None:
    handoff_setup(bot)
    bot.command("/partnerbot", f"leads <@{DANA}|dana>", user_id=DANA)
    bot.user_change(DANA, deleted=True)
    bot.slack.add_user(FakeUser(id="U0LEE", name="lee", real_name="Lee Park", is_admin=True))
    named = bot.command("/partnerbot", "leads <@U0LEE|lee>", user_id="U0LEE")
    assert "Nothing changed" not in named.text
    bot.user_change(MARIA, deleted=True)
    assert dms_to(bot, "U0LEE")  # the leaver prompt reached the remaining lead


def test_a_backup_who_left_is_flagged_on_the_card(bot: Bot) -> None:
    add_people(bot)
    bot.command("/partner", "add Acme Health")
    bot.command("/partner", f"assign Acme Health <@{MARIA}|maria> backup <@{JUAN}|juan>")
    bot.user_change(JUAN, deleted=True)
    card = bot.command("/partner", "acme")
    assert f"*Backup*: <@{JUAN}> (left" in card.text


def test_a_handoff_preview_confirmed_by_someone_who_may_not_make_it_changes_nothing(
    bot: Bot,
) -> None:
    """Who may confirm a preview: whoever may make that handoff (the giver or a lead), checked
    again at Confirm — not whoever the preview reached."""
    handoff_setup(bot)
    preview = bot.command("/partner", f"handoff <@{MARIA}|maria> <@{DANA}|dana>")
    refused = bot.press(preview.body["blocks"], "people_handoff_confirm", user_id=JUAN)
    assert "or a program lead can hand over" in refused.text
    assert "Nothing changed" in refused.text
    assert partner(bot, "Acme Health").owner_user_id == MARIA
    assert dms_to(bot, DANA) == []
    with bot.deps.sessions() as session:
        assert session.scalars(select(Handoff)).all() == []


def test_a_titled_contact_is_found_by_name_or_initial_and_never_offered_again(bot: Bot) -> None:
    bot.command("/partner", "add Maple Falls Fire Department")
    bot.command("/partner", "contact add Maple Falls Fire Department Capt. Dan Reyes, training")
    bot.command("/partner", "contact add Maple Falls Fire Department Jane Ortiz, EMS lead")
    [reyes, ortiz] = sorted(contacts(bot), key=lambda c: c.name)
    assert reyes.name == "Capt. Dan Reyes"
    met = bot.command(
        "/contact", "Maple Falls Fire met with Dan Reyes (training) about the ride-along"
    )
    assert "✅ Logged" in met.text
    assert "as a contact" not in met.text  # no duplicate of Capt. Dan Reyes offered
    bot.command("/contact", "Maple Falls Fire called J. Ortiz about CPR night")
    with bot.deps.sessions() as session:
        entries = session.scalars(select(Interaction).order_by(Interaction.id)).all()
    assert [e.business_contact_id for e in entries] == [reyes.id, ortiz.id]


def test_engage_finds_a_titled_host_by_name_without_the_title(bot: Bot) -> None:
    bot.command("/partner", "add Maple Falls Fire Department")
    bot.command("/partner", "contact add Maple Falls Fire Department Capt. Dan Reyes, training")
    reply = bot.command(
        "/engage", "Maple Falls Fire Department job shadow Dec 9, 4 students with Dan Reyes"
    )
    assert "host Capt. Dan Reyes" in reply.text
