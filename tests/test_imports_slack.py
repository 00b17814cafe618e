"""Spreadsheet import through the real Bolt app, on SQLite and PostgreSQL: a file sent in a DM
or picked in `/partnerbot import`'s form is fetched from (the fake) Slack, previewed with
nothing saved, imported in one transaction by the person who sent it, and undone exactly."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from bot.console import payloads
from bot.console.records import FILE_DOWNLOAD_METHOD, FakeUser, SlackCall
from storage.models import BusinessContact, ImportBatch, OwnershipChange, Partner, PartnerChange
from tests.support import records
from tests.support.slackapp import JUAN, MARIA, TEAM_ID, Bot, close_bot, make_bot, select_value

FIXTURES = Path(__file__).parent / "fixtures" / "imports"
DM = "D" + MARIA


def send_file(bot: Bot, name: str, data: bytes, *, user_id: str = MARIA) -> SlackCall:
    """`user_id` drags a file into their DM with the bot; the message the bot posted back."""
    shared = bot.slack.share_file(name, data, user=user_id)
    before = len(bot.slack.calls_to("chat.postMessage"))
    bot.event(payloads.file_shared_in_dm(user_id, shared, ts=bot.ids.action_ts()))
    posted = bot.slack.calls_to("chat.postMessage")[before:]
    assert len(posted) == 1, posted
    return posted[0]


def fixture(bot: Bot, name: str) -> SlackCall:
    return send_file(bot, name, (FIXTURES / name).read_bytes())


def text_of(body: dict[str, Any]) -> str:
    return json.dumps(body, ensure_ascii=False)


def partners(bot: Bot, team_id: str = TEAM_ID) -> dict[str, Partner]:
    with bot.deps.sessions() as session:
        rows = session.scalars(select(Partner).where(Partner.team_id == team_id)).all()
        for row in rows:
            session.expunge(row)
        return {p.name: p for p in rows}


def contacts_of(bot: Bot, partner_id: int) -> list[str]:
    with bot.deps.sessions() as session:
        stmt = select(BusinessContact.name).where(BusinessContact.partner_id == partner_id)
        return sorted(session.scalars(stmt))


def history(bot: Bot, partner_id: int) -> list[str]:
    with bot.deps.sessions() as session:
        stmt = select(PartnerChange.summary).where(PartnerChange.partner_id == partner_id)
        return list(session.scalars(stmt.order_by(PartnerChange.id)))


def press(bot: Bot, posted: SlackCall, action_id: str, **kw: Any) -> dict[str, Any]:
    """Press in the posted preview; what the message became."""
    reply = bot.press_in(posted, action_id, **kw)
    return reply.body


def add_members(bot: Bot) -> None:
    bot.slack.add_user(FakeUser(id=MARIA, name="maria", real_name="Maria Lopez"))
    bot.slack.add_user(
        FakeUser(id=JUAN, name="juan", real_name="Juan Perez", email="juan@school.example.org")
    )


def test_a_file_sent_in_a_dm_is_previewed_imported_and_undone(bot: Bot) -> None:
    add_members(bot)
    posted = fixture(bot, "google_sheets.csv")
    assert posted.body["channel"] == DM
    shown = text_of(posted.body)
    assert "Import preview: google_sheets.csv" in shown
    assert "*New partners (3)*" in shown
    assert "`row 2` *Tri-County Health* · 1 contact" in shown
    assert "Partner name ← *Organization Name*" in shown
    [download] = bot.slack.calls_to(FILE_DOWNLOAD_METHOD)
    assert download.token == "xoxb-test-token"
    assert partners(bot) == {}  # nothing saved by the preview

    done = press(bot, posted, "import_confirm")
    assert "added 3 partners, updated 0, skipped 0, refused 0" in text_of(done)
    assert "(2 business contacts added)" in text_of(done)
    saved = partners(bot)
    assert set(saved) == {"Tri-County Health", "Precision Machining", "Big Sky Auto Body"}
    tri = saved["Tri-County Health"]
    assert (tri.owner_user_id, tri.stage.value, tri.industry) == (MARIA, "active", "Healthcare")
    assert tri.notes == "Advisory board seat.\nPrefers email."
    assert saved["Precision Machining"].owner_user_id == JUAN  # by email, users.lookupByEmail
    assert contacts_of(bot, tri.id) == ["Dr. Amy Chen"]
    assert history(bot, tri.id)[0].startswith("Added by import #")

    undone = bot.press(done["blocks"], "import_undo")
    assert "Undone: removed 3 partners" in undone.text
    assert partners(bot) == {}
    with bot.deps.sessions() as session:
        assert session.scalar(select(func.count()).select_from(BusinessContact)) == 0
        assert session.scalar(select(func.count()).select_from(OwnershipChange)) == 0


def test_matching_partners_are_updated_and_undo_restores_them(bot: Bot) -> None:
    sessions = bot.deps.sessions
    records.leads(sessions, TEAM_ID, MARIA)  # Juan's partners: a lead may update them
    acme = records.partner(sessions, TEAM_ID, "Acme Health", owner=JUAN)
    riverside = records.partner(sessions, TEAM_ID, "Riverside Auto", owner=JUAN)
    posted = fixture(bot, "excel_export_bom.csv")
    shown = text_of(posted.body)
    assert "*Already partners (same name) (1)*" in shown
    assert "`row 3` *Riverside Auto Group* · 1 contact ↔ existing *Riverside Auto*" in shown
    assert "*New partners (1)*" in shown

    press(bot, posted, "import_choose:near", selected_option={"value": "update"})
    done = press(bot, posted, "import_confirm")
    assert "added 1 partner, updated 2, skipped 0" in text_of(done)
    after = partners(bot)
    assert set(after) == {"Acme Health", "Riverside Auto", "Summit Credit Union"}
    assert after["Acme Health"].stage.value == "active"
    assert after["Acme Health"].industry == "Healthcare"
    assert after["Riverside Auto"].industry == "Automotive"
    assert contacts_of(bot, acme) == ["Jane Ortiz"]
    assert any("Updated by import" in h for h in history(bot, acme))

    bot.press(done["blocks"], "import_undo")
    back = partners(bot)
    assert set(back) == {"Acme Health", "Riverside Auto"}
    assert back["Acme Health"].stage.value == "prospect"
    assert back["Acme Health"].industry is None
    assert back["Acme Health"].last_contact_at is None
    assert back["Riverside Auto"].industry is None
    assert contacts_of(bot, acme) == []
    assert contacts_of(bot, riverside) == []
    assert any("undone" in h for h in history(bot, acme))


def test_someone_elses_partners_are_not_updated_by_a_colleagues_import(bot: Bot) -> None:
    sessions = bot.deps.sessions
    records.partner(sessions, TEAM_ID, "Acme Health", owner=JUAN)
    records.partner(sessions, TEAM_ID, "Riverside Auto", owner=JUAN)
    posted = fixture(bot, "excel_export_bom.csv")  # Maria, not a lead
    press(bot, posted, "import_choose:near", selected_option={"value": "update"})
    done = press(bot, posted, "import_confirm")
    assert "added 1 partner, updated 0, skipped 0, refused 2" in text_of(done)
    after = partners(bot)
    assert (after["Acme Health"].owner_user_id, after["Acme Health"].industry) == (JUAN, None)
    assert (after["Riverside Auto"].owner_user_id, after["Riverside Auto"].industry) == (JUAN, None)


def test_problem_rows_are_skipped_unless_chosen_and_refused_rows_never_saved(bot: Bot) -> None:
    add_members(bot)
    posted = fixture(bot, "messy.csv")
    shown = text_of(posted.body)
    assert "*Rows with problems (2)*" in shown
    assert "`row 7` *Globex Manufacturing*" in shown
    assert "bad email “hank@globex”" in shown
    assert "“Tyler Brooks” looks like a student's name" in shown
    assert "*Can't be imported (1)*" in shown
    assert "`row 10`: no partner name" in shown
    done = press(bot, posted, "import_confirm")
    assert "added 1 partner, updated 0, skipped 2, refused 1" in text_of(done)
    assert set(partners(bot)) == {"Acme Health"}

    again = fixture(bot, "messy.csv")
    press(bot, again, "import_choose:problem", selected_option={"value": "add"})
    press(bot, again, "import_confirm")
    saved = partners(bot)
    assert set(saved) == {"Acme Health", "Globex Manufacturing", "Initech"}
    assert saved["Initech"].notes is None  # the student's name was left out
    assert saved["Globex Manufacturing"].owner_user_id == MARIA  # unknown owner: the importer
    assert contacts_of(bot, saved["Globex Manufacturing"].id) == ["Hank Scorpio"]


def test_only_the_importer_or_a_lead_may_press_and_a_double_click_imports_once(bot: Bot) -> None:
    posted = fixture(bot, "excel_export_bom.csv")
    refused = bot.press_in(posted, "import_confirm", user_id=JUAN)
    assert "Only <@U0MARIA> (who read this file in) or a program lead" in refused.text
    assert partners(bot) == {}
    press(bot, posted, "import_confirm")
    second = press(bot, posted, "import_confirm")  # a double click, or Slack's retry
    assert "added 3 partners" in text_of(second)
    assert len(partners(bot)) == 3
    with bot.deps.sessions() as session:
        assert session.scalar(select(func.count()).select_from(BusinessContact)) == 3


def test_a_slack_retry_of_the_same_file_event_reads_it_once(bot: Bot) -> None:
    shared = bot.slack.share_file(
        "g.csv", (FIXTURES / "google_sheets.csv").read_bytes(), user=MARIA
    )
    event = payloads.file_shared_in_dm(MARIA, shared, ts=bot.ids.action_ts())
    body = payloads.event_request(bot.workspace, event, event_id="Ev0RETRY01")
    bot.dispatch(body, payloads.JSON)
    bot.dispatch(body, payloads.JSON, extra={"X-Slack-Retry-Num": "1"})
    assert len(bot.slack.calls_to("chat.postMessage")) == 1
    with bot.deps.sessions() as session:
        assert session.scalar(select(func.count()).select_from(ImportBatch)) == 1


def test_bad_files_get_a_clear_answer_and_save_nothing(bot: Bot) -> None:
    answers = [
        send_file(bot, "logo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(100)),
        send_file(bot, "empty.csv", b""),
        send_file(bot, "x.csv", b"Industry,Stage\nHealth,active\n"),
    ]
    said = [text_of(a.body) for a in answers]
    assert "doesn't look like a spreadsheet" in said[0]
    assert "That file is empty" in said[1]
    assert "couldn't find a column with the partners' names" in said[2]
    assert all("Nothing was saved." in s for s in said)
    with bot.deps.sessions() as session:
        assert session.scalar(select(func.count()).select_from(ImportBatch)) == 0
    assert partners(bot) == {}


def test_a_file_slack_says_is_over_20_mb_is_not_downloaded(bot: Bot) -> None:
    big = bot.slack.share_file("huge.csv", b"Partner\nAcme\n", user=MARIA)
    big["size"] = 21 * 1024 * 1024
    before = len(bot.slack.calls_to("chat.postMessage"))
    bot.event(payloads.file_shared_in_dm(MARIA, big, ts=bot.ids.action_ts()))
    [answer] = bot.slack.calls_to("chat.postMessage")[before:]
    assert "That file is 21 MB; I import files of at most 20 MB" in text_of(answer.body)
    assert bot.slack.calls_to(FILE_DOWNLOAD_METHOD) == []


def test_the_import_form_takes_a_file_input(bot: Bot) -> None:
    reply = bot.command("/partnerbot", "import")
    assert reply.status == 200
    [view] = bot.opened_views()
    [block] = [b for b in view["blocks"] if b.get("block_id") == "import_file"]
    assert block["element"]["type"] == "file_input"
    empty = bot.submit(view, {"import_file": {"file": {"type": "file_input", "files": []}}})
    assert empty.ack["response_action"] == "errors"
    shared = bot.slack.share_file(
        "wide.xlsx", (FIXTURES / "wide_contacts.xlsx").read_bytes(), user=MARIA
    )
    submitted = bot.submit(
        view, {"import_file": {"file": {"type": "file_input", "files": [shared]}}}
    )
    assert submitted.ack == {}
    [posted] = bot.slack.calls_to("chat.postMessage")
    assert posted.body["channel"] == MARIA
    shown = text_of(posted.body)
    assert "`row 4` *Acme Health* · 3 contacts" in shown
    press(bot, posted, "import_confirm")
    acme = partners(bot)["Acme Health"]
    assert contacts_of(bot, acme.id) == ["Jane Ortiz", "Lena Fox", "Raj Patel"]


def test_columns_can_be_changed_before_saving(bot: Bot) -> None:
    data = b"Partner,Sector,Notes,Comments\nAcme,Health,first note,second note\n"
    posted = send_file(bot, "cols.csv", data)
    assert "Notes ← *Notes*" in text_of(posted.body)
    bot.press_in(posted, "import_columns")
    [view] = bot.opened_views()
    values: dict[str, dict[str, Any]] = {"name": select_value("0"), "industry": select_value("1")}
    values["notes"] = select_value("3")
    bot.submit(view, values)
    [redrawn] = bot.slack.calls_to("chat.update")
    assert "Notes ← *Comments*" in text_of(redrawn.body)
    assert "_Not read:_ Notes" in text_of(redrawn.body)
    press(bot, posted, "import_confirm")
    assert partners(bot)["Acme"].notes == "second note"


def test_a_restart_between_preview_and_import_loses_nothing(bot: Bot, migrated_db_url: str) -> None:
    posted = fixture(bot, "excel_export_bom.csv")
    restarted = make_bot(migrated_db_url, bot.slack, bot.clock, migrate=False)
    try:
        restarted.press_in(posted, "import_confirm")
    finally:
        close_bot(restarted)
    assert len(partners(bot)) == 3


def test_another_workspace_is_never_matched_nor_undone(bot: Bot) -> None:
    other = bot.other_team("T0OTHER")
    records.partner(bot.deps.sessions, "T0OTHER", "Acme Health", owner=JUAN)
    posted = fixture(bot, "excel_export_bom.csv")
    assert "*New partners (3)*" in text_of(posted.body)
    done = press(bot, posted, "import_confirm")
    undo = other.press(done["blocks"], "import_undo")
    assert "That import is no longer there." in undo.text
    assert len(partners(bot)) == 3
    assert set(partners(bot, "T0OTHER")) == {"Acme Health"}


def test_the_bot_token_goes_only_to_slack(bot: Bot) -> None:
    shared = bot.slack.share_file("p.csv", b"Partner\nAcme\n", user=MARIA)
    shared["url_private_download"] = "https://files.example.org/p.csv"
    before = len(bot.slack.calls_to("chat.postMessage"))
    bot.event(payloads.file_shared_in_dm(MARIA, shared, ts=bot.ids.action_ts()))
    [answer] = bot.slack.calls_to("chat.postMessage")[before:]
    assert "I couldn't download that file from Slack" in text_of(answer.body)
    assert bot.slack.calls_to(FILE_DOWNLOAD_METHOD) == []
    assert partners(bot) == {}
