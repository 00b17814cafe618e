"""Round trip: a workspace's partners and business contacts written in the export's shared
layout (one .xlsx with a sheet per kind, or a .zip of CSVs named after the sheets) and
imported into an empty workspace give the same records; the other sheets are named as not
read. On SQLite and PostgreSQL, with 10,000 rows too."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from handlers.export.files import write_export
from handlers.imports import People, keep_preview
from storage.clock import FrozenClock
from storage.db import SessionFactory, make_engine, make_session_factory
from storage.export import ExportScope
from storage.imports.requests import confirm_import, undo_import
from storage.models import BusinessContact, Partner, Stage
from storage.partners.records import PartnerFields, add_partner
from storage.people.contacts import ContactFields, add_business_contact

SOURCE, TARGET = "T0SOURCE", "T0TARGET"
NOW = datetime(2026, 11, 23, 15, tzinfo=UTC)
PARTNER_COLUMNS = [
    "Partner", "Industry", "Pathways", "Stage", "Owner", "Backup", "Cadence days",
    "Last contact", "Last thanked", "Notes", "Archived", "Created",
]  # fmt: skip
CONTACT_COLUMNS = ["Partner", "Name", "Title", "Email", "Phone", "Primary", "Decision maker"]
OTHER_SHEETS = {
    "Contacts": ["Partner", "Date", "Kind", "Summary", "Logged by", "Business contact"],
    "Follow-ups": ["Partner", "Due", "What", "Owner", "Status", "Done"],
    "History": ["Partner", "When", "Who", "What"],
}


@pytest.fixture
def sessions(migrated_db_url: str) -> Iterator[SessionFactory]:
    engine = make_engine(migrated_db_url)
    yield make_session_factory(engine)
    engine.dispose()


def fill_source(sessions: SessionFactory) -> None:
    with sessions.begin() as session:
        acme = add_partner(
            session,
            SOURCE,
            PartnerFields(
                "Acme Health, Inc.",
                Stage.ACTIVE,
                "Healthcare",
                ("Nursing", "Health Science, Allied"),
                notes='=HYPERLINK("x") hosts shadows\nevery spring',
            ),
            now=NOW,
            owner_user_id="U0MARIA",
        )
        row = session.get(Partner, acme.id)
        assert row is not None
        row.backup_user_id, row.cadence_days = "U0JUAN", 45
        row.last_contact_at = datetime(2026, 10, 1, 12, tzinfo=UTC)
        row.last_thanked_at = datetime(2026, 9, 2, 12, tzinfo=UTC)
        for fields in (
            ContactFields("Jane Ortiz", "HR director", "jane@acme.org", "555-0100", True, True),
            ContactFields("Raj Patel", None, None, "(312) 555-0101"),
        ):
            add_business_contact(session, SOURCE, acme.id, fields, by="U0MARIA", now=NOW)
        old = add_partner(session, SOURCE, PartnerFields("Oldco"), now=NOW, owner_user_id="U0JUAN")
        old_row = session.get(Partner, old.id)
        assert old_row is not None
        old_row.archived_at = datetime(2026, 6, 30, 12, tzinfo=UTC)


def _day(moment: datetime | None) -> str:
    return moment.date().isoformat() if moment else ""


def _guarded(value: str) -> str:
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def export_rows(sessions: SessionFactory, team_id: str) -> tuple[list[list[str]], list[list[str]]]:
    """The Partners and Business contacts sheets of a workspace, as the shared layout says."""
    with sessions() as session:
        partners = session.scalars(
            select(Partner).where(Partner.team_id == team_id).order_by(Partner.name)
        ).all()
        names = {p.id: p.name for p in partners}
        rows = [
            [
                p.name, p.industry or "", "; ".join(p.pathways or []), p.stage.value,
                p.owner_user_id or "", p.backup_user_id or "", str(p.cadence_days or ""),
                _day(p.last_contact_at), _day(p.last_thanked_at), _guarded(p.notes or ""),
                _day(p.archived_at), _day(p.created_at),
            ]
            for p in partners
        ]  # fmt: skip
        people = session.scalars(
            select(BusinessContact)
            .where(BusinessContact.team_id == team_id)
            .order_by(
                BusinessContact.partner_id, BusinessContact.is_primary.desc(), BusinessContact.id
            )
        ).all()
        contacts = [
            [names[c.partner_id], c.name, c.role or "", c.email or "", c.phone or "",
             "yes" if c.is_primary else "no", "yes" if c.is_decision_maker else "no"]
            for c in people
        ]  # fmt: skip
    return rows, contacts


def as_xlsx(rows: list[list[str]], contacts: list[list[str]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Partners"
    for row in [PARTNER_COLUMNS, *rows]:
        sheet.append(row)
    people = book.create_sheet("Business contacts")
    for row in [CONTACT_COLUMNS, *contacts]:
        people.append(row)
    for name, headers in OTHER_SHEETS.items():
        book.create_sheet(name).append(headers)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def as_zip(rows: list[list[str]], contacts: list[list[str]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        sheets = {
            "partners": [PARTNER_COLUMNS, *rows],
            "business_contacts": [CONTACT_COLUMNS, *contacts],
        }
        sheets |= {n.lower().replace(" ", "_"): [h] for n, h in OTHER_SHEETS.items()}
        for name, table in sheets.items():
            text = io.StringIO()
            csv.writer(text).writerows(table)
            archive.writestr(f"{name}.csv", text.getvalue())
    return out.getvalue()


def records_of(sessions: SessionFactory, team_id: str) -> list[tuple[str, ...]]:
    rows, contacts = export_rows(sessions, team_id)
    return [tuple(r[:-1]) for r in rows] + [tuple(c) for c in contacts]  # all but Created


def import_into(sessions: SessionFactory, name: str, data: bytes) -> int:
    clock = FrozenClock(NOW)
    preview = keep_preview(
        sessions, clock, TARGET, "U0DANA", name, data, lambda n: People(any_id=True)
    )
    assert [s.group for s in preview.rows] == ["new", "new"]
    assert preview.notes == (
        "Sheets not read (partners and business contacts only): Contacts, Follow-ups, History",
    ) or name.endswith(".zip")
    done = confirm_import(sessions, TARGET, preview.batch_id, by="U0DANA", now=NOW)
    assert done.summary is not None
    assert done.summary["added"] == 2
    return done.batch_id


@pytest.mark.parametrize("kind", ["xlsx", "zip"])
def test_export_then_import_into_an_empty_workspace_gives_the_same_records(
    sessions: SessionFactory, kind: str
) -> None:
    fill_source(sessions)
    rows, contacts = export_rows(sessions, SOURCE)
    data = as_xlsx(rows, contacts) if kind == "xlsx" else as_zip(rows, contacts)
    import_into(sessions, f"export.{kind}", data)
    assert records_of(sessions, TARGET) == records_of(sessions, SOURCE)
    with sessions() as session:
        acme = session.scalars(
            select(Partner).where(Partner.team_id == TARGET, Partner.name == "Acme Health, Inc.")
        ).one()
        assert acme.notes == '=HYPERLINK("x") hosts shadows\nevery spring'
        assert acme.pathways == ["Nursing", "Health Science, Allied"]


def test_ten_thousand_rows_import_in_one_transaction_and_undo(sessions: SessionFactory) -> None:
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(["Company", "Industry", "Owner", "Last contact", "Contact", "Email"])
    writer.writerows(
        [f"Partner {n:05d}", "Retail", "U0MARIA", "3/4/25", f"Person {n}", f"p{n}@example.org"]
        for n in range(10_000)
    )
    clock = FrozenClock(NOW)
    preview = keep_preview(
        sessions, clock, TARGET, "U0DANA", "big.csv", text.getvalue().encode(),
        lambda n: People(any_id=True),
    )  # fmt: skip
    assert len(preview.group("new")) == 10_000
    done = confirm_import(sessions, TARGET, preview.batch_id, by="U0DANA", now=NOW)
    assert done.summary is not None
    assert (done.summary["added"], done.summary["contacts_added"]) == (10_000, 10_000)
    with sessions() as session:
        ids = session.scalars(select(Partner.id).where(Partner.team_id == TARGET)).all()
        assert len(ids) == 10_000
    undone = undo_import(sessions, TARGET, preview.batch_id, by="U0DANA", now=NOW)
    assert undone.status == "undone"
    with sessions() as session:
        assert session.scalars(select(Partner.id).where(Partner.team_id == TARGET)).all() == []
        assert session.scalars(select(BusinessContact.id)).all() == []


@pytest.mark.parametrize("kind", ["xlsx", "zip"])
def test_the_real_export_files_import_into_an_empty_workspace_as_the_same_records(
    sessions: SessionFactory, kind: str, tmp_path: Path
) -> None:
    """`/partnerbot export`'s own files (not a copy of its layout) read back by the import."""
    fill_source(sessions)
    scope = ExportScope(SOURCE, ZoneInfo("America/Chicago"), NOW.date())
    files = write_export(sessions, scope, tmp_path, "export")
    written = files.workbook if kind == "xlsx" else files.csvs
    clock = FrozenClock(NOW)
    preview = keep_preview(
        sessions, clock, TARGET, "U0DANA", written.name, written.read_bytes(),
        lambda n: People(any_id=True),
    )  # fmt: skip
    assert [s.group for s in preview.rows] == ["new", "new"]
    done = confirm_import(sessions, TARGET, preview.batch_id, by="U0DANA", now=NOW)
    assert done.summary is not None
    assert done.summary["added"] == 2
    assert records_of(sessions, TARGET) == records_of(sessions, SOURCE)
