"""The export's two files, written side by side as rows stream out of storage: one .xlsx with a
sheet per kind (openpyxl's write-only mode: rows go to disk, not memory) and a .zip of the same
sheets as CSVs (UTF-8 with a byte-order mark, which Excel needs to read accents right). Every
text cell is neutralised (`safe_cell`); both files are readable by their owner only, whatever
the umask."""

from __future__ import annotations

import csv
import io
import os
import re
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from handlers.common.cells import safe_cell
from storage.db import SessionFactory
from storage.export import Cell, Exported, ExportScope, Rows, Sheet, export_workspace

if TYPE_CHECKING:  # openpyxl takes a tenth of a second to import: only when exporting
    from openpyxl import Workbook

EXCEL_CELL_LIMIT = 32_767
"""The most characters an Excel cell holds."""


@dataclass(frozen=True)
class ExportFiles:
    """The files written and how many rows each sheet got."""

    workbook: Path
    csvs: Path
    exported: Exported


def private_file(path: Path) -> BinaryIO:
    """`path` opened for writing (emptied if it was there), mode 0600 whatever the umask."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)
    return os.fdopen(fd, "wb")


def file_base(team_id: str, today: date, *, since: date | None, partner: str | None) -> str:
    """The files' name without extension: partnerbot-export-T0SCHOOL-2026-11-23[-since-…][-acme]."""
    base = f"partnerbot-export-{team_id}-{today.isoformat()}"
    if since is not None:
        base += f"-since-{since.isoformat()}"
    if partner is not None:
        slug = re.sub(r"[^a-z0-9]+", "-", partner.casefold()).strip("-")[:40]
        base += f"-{slug or 'partner'}"
    return base


def write_export(
    sessions: SessionFactory, scope: ExportScope, folder: Path, base: str
) -> ExportFiles:
    """Write `base`.xlsx and `base`.zip into `folder` (which must exist)."""
    from openpyxl import Workbook

    workbook, csvs = folder / f"{base}.xlsx", folder / f"{base}.zip"
    with private_file(workbook) as book_file, private_file(csvs) as zip_file:
        book = Workbook(write_only=True)
        with zipfile.ZipFile(zip_file, "w", zipfile.ZIP_DEFLATED) as archive:
            exported = export_workspace(sessions, scope, _SheetWriter(book, archive))
        book.save(book_file)  # openpyxl saves into any file object
    return ExportFiles(workbook, csvs, exported)


def _csv_cell(value: Cell) -> str | int:
    if value is None:
        return ""
    return safe_cell(value) if isinstance(value, str) else value


def _book_cell(value: Cell, illegal: re.Pattern[str]) -> str | int | None:
    """As in the CSV, without the control characters an .xlsx cannot hold (`illegal`), within
    Excel's cell size."""
    if not isinstance(value, str):
        return value
    return safe_cell(illegal.sub("", value))[:EXCEL_CELL_LIMIT]


class _SheetWriter:
    """Writes each sheet to the workbook and to its CSV in the zip, one row at a time."""

    def __init__(self, book: Workbook, archive: zipfile.ZipFile) -> None:
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        self.book = book
        self.archive = archive
        self.illegal = ILLEGAL_CHARACTERS_RE

    def __call__(self, sheet: Sheet, rows: Rows) -> int:
        page = self.book.create_sheet(sheet.name)
        page.append(sheet.columns)
        written = 0
        with self.archive.open(sheet.csv_name, "w") as raw:
            text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
            out = csv.writer(text, lineterminator="\r\n")
            out.writerow(sheet.columns)
            for row in rows:
                out.writerow([_csv_cell(v) for v in row])
                page.append([_book_cell(v, self.illegal) for v in row])
                written += 1
            text.flush()
            text.detach()
        return written
