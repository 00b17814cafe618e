"""Reading a spreadsheet file into sheets of text cells: .xlsx (openpyxl, after checking the
zip's uncompressed size so a zip bomb is refused before anything is unpacked), a .zip of CSVs
(as the export writes them), or CSV text in any common encoding (charset-normalizer) and
separator (csv.Sniffer). Blank rows are dropped; each row keeps its number in the sheet.
Anything else, too big, too long or empty is refused with a sentence for the person."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from charset_normalizer import from_bytes
from openpyxl import load_workbook

from storage.imports.values import MAX_ROWS

MAX_BYTES = 20 * 1024 * 1024
MAX_UNPACKED = 100 * 1024 * 1024
"""What the members of an .xlsx or .zip may unpack to, in all (a zip bomb is refused)."""
MAX_RATIO = 100
"""…and how much more than its compressed size one member may unpack to."""
MAX_COLUMNS = 200
MAX_CELL = 5000
"""Characters kept of one cell (a cell is longer only by mistake)."""
_SEPARATORS = ",;\t|"
_WINDOWS = "cp1252"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class Unreadable(Exception):
    """The file can't be imported; the message says why and what to send instead."""


@dataclass(frozen=True)
class Sheet:
    """One sheet (or CSV): its name and its non-blank rows as (row number, cells)."""

    name: str
    rows: list[tuple[int, list[str]]]


def megabytes(size: int) -> str:
    """ "20 MB", "20.4 MB"."""
    mb = size / (1024 * 1024)
    return f"{mb:.0f} MB" if mb >= 10 or mb == int(mb) else f"{mb:.1f} MB"


def _cell(value: Any) -> str:
    """An .xlsx cell as text: dates as ISO dates, whole numbers without ".0"."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()[:MAX_CELL]


def _unguarded(text: str) -> str:
    """A cell the export guarded against spreadsheet formulas ("'=SUM…") as it was written."""
    return text[1:] if text[:1] == "'" and text[1:2] in _FORMULA_STARTS else text


def _kept(rows: Iterable[Iterable[Any]], name: str) -> list[tuple[int, list[str]]]:
    """The non-blank rows, numbered from 1; Unreadable past MAX_ROWS (plus a few title rows)."""
    kept: list[tuple[int, list[str]]] = []
    for number, row in enumerate(rows, start=1):
        cells = [_unguarded(v.strip())[:MAX_CELL] if isinstance(v, str) else _cell(v) for v in row]
        cells = cells[:MAX_COLUMNS]
        while cells and not cells[-1]:
            cells.pop()
        if not cells:
            continue
        kept.append((number, cells))
        if len(kept) > MAX_ROWS + 10:
            raise Unreadable(
                f"{name} has more than {MAX_ROWS:,} rows. Split it into files of at most "
                f"{MAX_ROWS:,} rows and import each."
            )
    return kept


def _check_zip(archive: zipfile.ZipFile) -> None:
    """Refuse a zip whose members would unpack to too much (before anything is unpacked)."""
    total = 0
    for info in archive.infolist():
        total += info.file_size
        if info.file_size > MAX_RATIO * max(info.compress_size, 1024) or total > MAX_UNPACKED:
            raise Unreadable(
                "That file unpacks to far more than it weighs, so I won't open it. Save the "
                "sheet again from Excel or Google Sheets, or as CSV."
            )


def _xlsx(data: bytes) -> list[Sheet]:
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise Unreadable(
            "I couldn't read that Excel file (it may be damaged). Save it again as .xlsx or CSV."
        ) from exc
    try:
        return [
            Sheet(ws.title, _kept(ws.iter_rows(values_only=True), f"Sheet “{ws.title}”"))
            for ws in book.worksheets
        ]
    finally:
        book.close()


def text_of(data: bytes) -> str:
    """The file's text: UTF-8 (with or without BOM), else the encoding charset-normalizer
    finds (Windows-1252 and the like); Unreadable for binary data."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _not_a_sheet()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    found = list(from_bytes(data[:200_000]))
    if not found:
        raise _not_a_sheet()
    # Candidates that read the bytes equally well: Windows-1252 (what Excel writes on
    # Windows in the Americas and western Europe) wins the tie.
    best = min(found, key=lambda m: (m.chaos, -m.coherence, m.encoding != _WINDOWS))
    return data.decode(best.encoding, errors="replace")


def _not_a_sheet() -> Unreadable:
    return Unreadable(
        "That doesn't look like a spreadsheet. Send an Excel file (.xlsx) or a CSV — in Excel "
        "or Google Sheets: File → Download → CSV."
    )


def _rows_of(text: str) -> Iterator[list[str]]:
    """CSV rows, quoted the standard way ("…", "" inside); the separator is what csv.Sniffer
    finds, else the most frequent of , ; tab | on the first line."""
    sample = text[:20_000]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=_SEPARATORS).delimiter
    except csv.Error:
        first = next((line for line in sample.splitlines() if line.strip()), "")
        delimiter = max(_SEPARATORS, key=first.count)
    dialect: Any = type("Read", (csv.excel,), {"delimiter": delimiter})
    return csv.reader(io.StringIO(text, newline=""), dialect)


def _csv(data: bytes, name: str) -> Sheet:
    text = text_of(data)
    try:
        return Sheet(name, _kept(_rows_of(text), "That file"))
    except csv.Error as exc:
        raise Unreadable(f"I couldn't read that CSV ({exc}). Save it again as CSV.") from exc


def _zip(data: bytes) -> list[Sheet]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise _not_a_sheet() from exc
    with archive:
        _check_zip(archive)
        names = archive.namelist()
        if "xl/workbook.xml" in names:
            return _xlsx(data)
        csvs = [n for n in names if n.lower().endswith(".csv") and not n.startswith("__")]
        if not csvs:
            raise _not_a_sheet()
        return [_csv(archive.read(n), n.rsplit("/", 1)[-1][:-4]) for n in sorted(csvs)]


def read_sheets(data: bytes, filename: str = "") -> list[Sheet]:
    """The sheets of a file; Unreadable (saying why) for anything that isn't a spreadsheet,
    is over MAX_BYTES or MAX_ROWS, or is empty."""
    if len(data) > MAX_BYTES:
        raise Unreadable(
            f"That file is {megabytes(len(data))}; I import files of at most "
            f"{megabytes(MAX_BYTES)}. Split it, or leave out columns you don't need."
        )
    if not data.strip():
        raise Unreadable("That file is empty. Send the spreadsheet with its header row.")
    if data.startswith(b"PK\x03\x04"):
        sheets = _zip(data)
    elif data.startswith(_OLE):
        raise Unreadable(
            "That is an old Excel file (.xls). Open it in Excel and save it as .xlsx or CSV."
        )
    else:
        stem = filename.rsplit("/", 1)[-1].rsplit(".", 1)[0] or "sheet"
        sheets = [_csv(data, stem)]
    if not any(sheet.rows for sheet in sheets):
        raise Unreadable("That file has no rows. Send the spreadsheet with its header row.")
    return sheets
