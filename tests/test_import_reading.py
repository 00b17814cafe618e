"""Reading spreadsheets for import, without a database: the shapes schools really have (an
Excel CSV with BOM, a Google Sheets CSV, a semicolon Windows-1252 CSV, a wide sheet with
Contact 1..3 columns and a merged title row, a messy one), and bad files refused with a
sentence that says why."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from handlers.imports import People, Unreadable, read_file
from storage.imports.values import ImportRow

FIXTURES = Path(__file__).parent / "fixtures" / "imports"
PEOPLE = People({"maria": "U0MARIA", "maria lopez": "U0MARIA", "juan@school.example.org": "U0JUAN"})


def rows_of(name: str, people: People = PEOPLE) -> list[ImportRow]:
    path = FIXTURES / name
    _, _, rows = read_file(path.read_bytes(), path.name, lambda named: people)
    return rows


def by_name(rows: list[ImportRow]) -> dict[str, ImportRow]:
    return {r.name: r for r in rows}


def test_an_excel_csv_with_bom_and_us_dates() -> None:
    rows = by_name(rows_of("excel_export_bom.csv"))
    assert list(rows) == ["Acme Health", "Riverside Auto Group", "Summit Credit Union"]
    acme = rows["Acme Health"]
    assert acme.row == 2
    assert acme.industry == "Healthcare"
    assert acme.pathways == ("Nursing", "Health Science")
    assert acme.stage == "active"
    assert acme.last_contact == "2025-03-04"  # 3/4/25 is March 4th in a US sheet
    assert acme.notes == "Hosts job shadows every spring"
    [jane] = acme.contacts
    assert (jane.name, jane.email, jane.phone, jane.primary) == (
        "Jane Ortiz",
        "jane@acmehealth.org",
        "(312) 555-0100",
        True,
    )
    assert rows["Riverside Auto Group"].last_contact == "2024-11-12"
    assert not any(r.problems for r in rows.values())


def test_a_google_sheets_csv_with_quoted_newlines_and_owners_by_name_and_email() -> None:
    rows = by_name(rows_of("google_sheets.csv"))
    tri = rows["Tri-County Health"]
    assert tri.notes == "Advisory board seat.\nPrefers email."
    assert tri.owner == "U0MARIA"
    assert tri.contacts[0].name == "Dr. Amy Chen"
    assert rows["Precision Machining"].owner == "U0JUAN"
    assert rows["Precision Machining"].pathways == ("Welding", "Machining")
    assert rows["Big Sky Auto Body"].owner == "U0MARIA"  # "@maria"
    assert rows["Big Sky Auto Body"].contacts == ()


def test_a_semicolon_windows_1252_csv_with_day_first_dates() -> None:
    rows = by_name(rows_of("european_semicolon.csv"))
    assert list(rows) == ["Café Müller", "Bäckerei Groß", "Señor Taco"]
    assert rows["Café Müller"].last_contact == "2025-03-04"  # 04.03.2025
    assert rows["Café Müller"].contacts[0].name == "Renée Dubois"
    assert rows["Señor Taco"].notes == "Lunch; catering"
    assert rows["Señor Taco"].contacts[0].name == "José Núñez"


def test_a_wide_sheet_with_contact_columns_a_merged_title_and_excel_dates() -> None:
    rows = by_name(rows_of("wide_contacts.xlsx"))
    acme = rows["Acme Health"]
    assert acme.row == 4  # the title row and a blank row above the header
    assert [(c.name, c.email, c.phone) for c in acme.contacts] == [
        ("Jane Ortiz", "jane@acmehealth.org", "312-555-0100"),
        ("Raj Patel", "raj@acmehealth.org", None),
        ("Lena Fox", None, "312-555-0199"),
    ]
    assert [c.primary for c in acme.contacts] == [True, False, False]
    assert acme.last_contact == "2025-03-04"  # a date cell
    assert rows["Riverside Auto Group"].last_contact == "2025-03-02"  # the serial 45718
    assert rows["Summit Credit Union"].pathways == ("Business", "Finance")


def test_a_messy_sheet_says_what_is_wrong_row_by_row() -> None:
    rows = rows_of("messy.csv")
    named = by_name(rows)
    acme = named["Acme Health"]  # rows 4 and 8 name it: read as one, with both contacts
    assert acme.row == 4
    assert [c.name for c in acme.contacts] == ["Jane Ortiz", "Raj Patel"]
    assert [c.primary for c in acme.contacts] == [True, False]
    globex = named["Globex Manufacturing"]
    assert globex.row == 7
    problems = " | ".join(globex.problems)
    assert "unknown owner “nobody@nowhere.example”" in problems
    assert "unreadable date “sometime in spring”" in problems
    assert "bad email “hank@globex”" in problems
    assert globex.contacts[0].email is None
    assert globex.last_contact is None
    initech = named["Initech"]
    assert initech.notes is None
    assert "“Tyler Brooks” looks like a student's name" in initech.problems[0]
    [nameless] = [r for r in rows if r.refused]
    assert (nameless.row, nameless.refused) == (10, "no partner name")


def test_the_same_partner_twice_with_different_details_is_refused() -> None:
    data = b"Partner,Industry\nAcme,Health\nAcme,Retail\n"
    _, _, rows = read_file(data, "two.csv", lambda named: PEOPLE)
    assert [(r.row, r.refused) for r in rows] == [
        (2, None),
        (3, "the same partner as row 2, with different details"),
    ]


def test_headers_are_matched_forgivingly() -> None:
    data = (
        b"Organisation,Sector,Programs,Partner Status,Point of Contact,E-mail Address,"
        b"Telephone (work),Comments\nAcme,Health,Nursing,Current,Jane Ortiz,JANE@ACME.ORG,"
        b"3125550100,Great\n"
    )
    _, mapping, [row] = read_file(data, "x.csv", lambda named: PEOPLE)
    assert set(mapping["fields"]) == {"name", "industry", "pathways", "stage", "notes"}
    assert (row.industry, row.pathways, row.stage, row.notes) == (
        "Health",
        ("Nursing",),
        "active",
        "Great",
    )
    assert row.contacts[0].email == "JANE@acme.org"  # the domain normalised
    assert row.contacts[0].phone == "3125550100"


def _xlsx(rows: int) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Partner", "Industry"])
    for n in range(rows):
        sheet.append([f"Partner {n}", "Retail"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _bomb() -> bytes:
    """An .xlsx-looking zip whose one sheet unpacks to 200 MB of zeros."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            chunk = b"0" * (1024 * 1024)
            for _ in range(200):
                member.write(chunk)
    return out.getvalue()


def _csv_rows(n: int) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Partner", "Industry"])
    writer.writerows([f"Partner {i}", "Retail"] for i in range(n))
    return out.getvalue().encode()


@pytest.mark.parametrize(
    ("data", "name", "said"),
    [
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200),
            "logo.png",
            "doesn't look like a spreadsheet",
        ),
        (
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + bytes(100),
            "list.pdf",
            "doesn't look like a spreadsheet",
        ),
        (b"", "empty.csv", "That file is empty"),
        (b"\n\n  \n", "blank.csv", "That file is empty"),
        (
            b"Industry,Stage\nHealth,active\n",
            "no_names.csv",
            "couldn't find a column with the partners' names",
        ),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "old.xls", "old Excel file (.xls)"),
        (b"PK\x03\x04garbage", "broken.xlsx", "doesn't look like a spreadsheet"),
    ],
)
def test_bad_files_are_refused_saying_why(data: bytes, name: str, said: str) -> None:
    with pytest.raises(Unreadable) as refused:
        read_file(data, name, lambda named: PEOPLE)
    assert said in str(refused.value)


def test_a_zip_bomb_is_refused_before_it_is_unpacked() -> None:
    bomb = _bomb()
    assert len(bomb) < 2 * 1024 * 1024
    with pytest.raises(Unreadable) as refused:
        read_file(bomb, "bomb.xlsx", lambda named: PEOPLE)
    assert "unpacks to far more than it weighs" in str(refused.value)


def test_a_file_over_20_mb_is_refused() -> None:
    with pytest.raises(Unreadable) as refused:
        read_file(b"Partner\n" + b"x" * (20 * 1024 * 1024), "huge.csv", lambda named: PEOPLE)
    assert "at most 20 MB" in str(refused.value)


def test_ten_thousand_rows_are_read_and_one_more_is_refused() -> None:
    _, _, rows = read_file(_csv_rows(10_000), "big.csv", lambda named: PEOPLE)
    assert len(rows) == 10_000
    assert rows[-1].name == "Partner 9999"
    assert rows[-1].row == 10_001
    with pytest.raises(Unreadable) as refused:
        read_file(_csv_rows(10_011), "bigger.csv", lambda named: PEOPLE)
    assert "more than 10,000 rows" in str(refused.value)
    _, _, xlsx_rows = read_file(_xlsx(300), "some.xlsx", lambda named: PEOPLE)
    assert len(xlsx_rows) == 300
