"""Export: `/partnerbot export [since DATE]` (program leads) and `/partner export Acme` (its
owner) answer first, then upload one .xlsx with a sheet per kind and a .zip of the same as
CSVs to the asker's DM; nothing of another workspace is in them, no cell runs as a formula, a
failed upload is told. On SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import UTC, datetime
from typing import Any

from openpyxl import load_workbook

from bot.console.records import FakeUser
from storage.models import Interaction, Partner
from tests.support import records
from tests.support.slackapp import JUAN, MARIA, TEAM_ID, Bot

OTHER_TEAM = "T0OTHER"
HEADERS = {
    "Partners": [
        "Partner", "Industry", "Pathways", "Stage", "Owner", "Backup", "Cadence days",
        "Last contact", "Last thanked", "Notes", "Archived", "Created",
    ],
    "Business contacts": [
        "Partner", "Name", "Title", "Email", "Phone", "Primary", "Decision maker",
    ],
    "Contacts": [
        "Partner", "Date", "Kind", "Summary", "Logged by", "Business contact", "Written by",
        "Link",
    ],
    "Follow-ups": ["Partner", "Due", "What", "Owner", "Status", "Done"],
    "Engagements": [
        "Partner", "Kind", "Label", "Starts", "Ends", "Students", "Pathway", "Owner", "Status",
        "Host", "Debrief", "Students came", "Partner said", "To change",
    ],
    "Documents": ["Partner", "Kind", "Label", "Expires", "For", "Link", "Updated"],
    "History": ["Partner", "When", "Who", "What"],
}  # fmt: skip
CSV_NAMES = {
    "Partners": "partners.csv",
    "Business contacts": "business_contacts.csv",
    "Contacts": "contacts.csv",
    "Follow-ups": "follow-ups.csv",
    "Engagements": "engagements.csv",
    "Documents": "documents.csv",
    "History": "history.csv",
}


def make_lead(bot: Bot, user_id: str = MARIA) -> None:
    """Maria is a workspace admin, so a program lead while none are named."""
    bot.slack.add_user(FakeUser(id=user_id, name="maria", real_name="Maria Lopez", is_admin=True))


def fill(bot: Bot) -> None:
    """Acme Health with a business contact, a logged contact and its follow-up, an engagement,
    a document and history, all typed as staff type them; a note that looks like a formula."""
    bot.command("/partner", "add Acme Health industry: Healthcare pathway: Nursing")
    bot.command(
        "/partner", "contact add Acme Health Jane Ortiz, HR director, jane@acme.org, primary"
    )
    bot.command("/contact", "Acme Health called Jane about internships, follow up next tue")
    bot.command("/engage", "Acme Health job shadow Dec 9, 12 students")
    bot.command("/partner", "doc add Acme Health MOU expires 2027-06-30")
    with bot.deps.sessions.begin() as session:
        acme = session.query(Partner).filter_by(team_id=TEAM_ID, name="Acme Health").one()
        acme.notes = '=HYPERLINK("http://evil.example","click")'
        session.add(
            Interaction(
                team_id=TEAM_ID,
                partner_id=acme.id,
                user_id=MARIA,
                kind="note",
                summary="@SUM(1+1) back in May",
                occurred_at=datetime(2026, 5, 4, 15, tzinfo=UTC),
                created_at=datetime(2026, 5, 4, 15, tzinfo=UTC),
            )
        )


def fill_other_team(bot: Bot) -> None:
    other = bot.other_team(OTHER_TEAM)
    other.command("/partner", "add Globex Secret Labs")
    other.command("/contact", "Globex Secret Labs called Hank about the secret plan")


def uploaded(bot: Bot) -> dict[str, bytes]:
    """The files uploaded so far, by file name."""
    names = {
        c.response["file_id"]: c.body["filename"]
        for c in bot.slack.calls_to("files.getUploadURLExternal")
    }
    return {names[c.body["file_id"]]: c.body["bytes"] for c in bot.slack.calls_to("file_upload")}


def workbook_rows(data: bytes) -> dict[str, list[list[Any]]]:
    book = load_workbook(io.BytesIO(data), read_only=True)
    return {
        sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)]
        for sheet in book.worksheets
    }


def zip_rows(data: bytes) -> dict[str, list[list[str]]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            name: list(csv.reader(io.StringIO(archive.read(name).decode("utf-8-sig"))))
            for name in archive.namelist()
        }


def the_files(bot: Bot) -> tuple[dict[str, list[list[Any]]], dict[str, list[list[str]]]]:
    files = uploaded(bot)
    [book] = [data for name, data in files.items() if name.endswith(".xlsx")]
    [archive] = [data for name, data in files.items() if name.endswith(".zip")]
    return workbook_rows(book), zip_rows(archive)


def test_a_lead_gets_everything_as_a_workbook_and_a_zip_of_csvs(bot: Bot) -> None:
    make_lead(bot)
    fill(bot)
    fill_other_team(bot)
    reply = bot.command("/partnerbot", "export")
    assert "Preparing everything this workspace holds" in reply.text
    assert "partnerbot-export-T0001-2026-11-23.xlsx" in reply.text
    [done] = bot.slack.calls_to("files.completeUploadExternal")
    assert done.body["channel_id"] == f"D{MARIA}"
    assert "Your partnerbot export" in done.body["initial_comment"]

    book, csvs = the_files(bot)
    assert list(book) == list(HEADERS)
    assert sorted(csvs) == sorted(CSV_NAMES.values())
    for sheet, header in HEADERS.items():
        assert book[sheet][0] == header
        assert csvs[CSV_NAMES[sheet]][0] == header
    [partner] = csvs["partners.csv"][1:]
    assert partner[:7] == ["Acme Health", "Healthcare", "Nursing", "contacted", MARIA, "", ""]
    assert partner[9] == '\'=HYPERLINK("http://evil.example","click")'  # shown, never run
    assert book["Partners"][1][9] == partner[9]
    assert csvs["business_contacts.csv"][1] == [
        "Acme Health", "Jane Ortiz", "HR director", "jane@acme.org", "", "yes", "",
    ]  # fmt: skip
    contacts = csvs["contacts.csv"][1:]
    assert [c[:3] for c in contacts] == [
        ["Acme Health", "2026-05-04", "note"],
        ["Acme Health", "2026-11-23", "call"],
    ]
    assert contacts[0][3] == "'@SUM(1+1) back in May"
    assert contacts[1][3:6] == [
        "called Jane about internships, follow up next tue",
        MARIA,
        "Jane Ortiz",
    ]
    assert csvs["follow-ups.csv"][1][:2] == ["Acme Health", "2026-11-24"]
    assert csvs["follow-ups.csv"][1][3:5] == [MARIA, "open"]
    engagement = csvs["engagements.csv"][1]
    assert engagement[:2] == ["Acme Health", "job shadow"]
    assert engagement[3:9] == ["2026-12-09", "2026-12-09", "12", "", MARIA, "planned"]
    assert book["Engagements"][1][5] == 12  # a number in the workbook
    assert csvs["documents.csv"][1][:4] == ["Acme Health", "agreement", "", "2027-06-30"]
    assert any("Jane Ortiz" in row[3] for row in csvs["history.csv"][1:])
    everything = repr(book) + repr(csvs)
    assert "Globex" not in everything
    assert "Hank" not in everything


def test_since_keeps_the_dated_records_from_that_day(bot: Bot) -> None:
    make_lead(bot)
    fill(bot)
    reply = bot.command("/partnerbot", "export since 2026-08-01")
    assert "everything recorded since 2026-08-01" in reply.text
    _, csvs = the_files(bot)
    assert [c[1] for c in csvs["contacts.csv"][1:]] == ["2026-11-23"]  # not May's
    assert len(csvs["partners.csv"]) == 2  # partners are listed as they are now

    bad = bot.command("/partnerbot", "export since last summer")
    assert "is not a date I can read" in bad.text
    assert "Nothing was exported" in bad.text


def test_only_leads_export_the_workspace_and_owners_their_partner(bot: Bot) -> None:
    fill(bot)  # Maria, no admin, owns Acme Health
    records.partner(bot.deps.sessions, TEAM_ID, "Riverside Auto", owner=JUAN)
    refused = bot.command("/partnerbot", "export", user_id=JUAN)
    assert "Only the workspace's admins and owners" in refused.text
    assert "Nothing was exported" in refused.text
    not_his = bot.command("/partner", "export Acme Health", user_id=JUAN)
    assert "Only its owner" in not_his.text
    assert "Nothing was exported" in not_his.text
    assert not bot.slack.calls_to("file_upload")

    mine = bot.command("/partner", "export acme", user_id=MARIA)
    assert "*Acme Health*'s records" in mine.text
    _, csvs = the_files(bot)
    assert [row[0] for row in csvs["partners.csv"][1:]] == ["Acme Health"]  # not Riverside

    unknown = bot.command("/partner", "export Nobody Inc")
    assert "No partner matches" in unknown.text


def test_a_failed_upload_is_told(bot: Bot) -> None:
    make_lead(bot)
    fill(bot)
    bot.slack.fail("files.completeUploadExternal", status=200, error="missing_scope")
    reply = bot.command("/partnerbot", "export")
    assert "Preparing" in reply.text
    [told] = bot.slack.calls_to("chat.postEphemeral")
    assert told.body["user"] == MARIA
    assert "Your export was not sent: Slack refused the upload" in told.body["text"]


def test_the_answer_comes_first_and_the_upload_after_it(bot: Bot) -> None:
    make_lead(bot)
    fill(bot)
    bot.slack.clear()
    hold = bot.slack.hold("files.getUploadURLExternal", times=2)
    reply = bot.command("/partnerbot", "export", wait=False)
    assert reply.status == 200
    [answer] = bot.slack.wait_for("response_url")  # "Preparing…" while the upload waits
    assert "Preparing" in answer.body["text"]
    assert not bot.slack.calls_to("files.completeUploadExternal")
    hold.release()
    bot.drain()
    assert len(bot.slack.calls_to("files.completeUploadExternal")) == 1
