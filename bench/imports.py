"""`python -m bench import`: a 10,000-row partner spreadsheet (CSV and .xlsx, a contact per
row) read, previewed (kept as an import batch) and imported in one transaction, on SQLite and
PostgreSQL; the time of each step, the peak memory of the Python heap while doing it, and
beside them the same file read by the standard library alone (csv; zipfile + ElementTree for
the .xlsx) in the same run, as the floor. Targets (issue 22): preview < 5 s, import < 15 s,
memory < 300 MB."""

from __future__ import annotations

import csv
import io
import resource
import statistics
import tempfile
import time
import tracemalloc
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from xml.etree import ElementTree

from openpyxl import Workbook

from bench.digest_scale import database
from bench.results import Figure, Run
from handlers.imports import People, keep_preview
from storage.clock import FrozenClock
from storage.db import make_engine, make_session_factory
from storage.imports.requests import confirm_import
from storage.migrate import upgrade

ROWS = 10_000
TEAM, WHO = "T0BENCH", "U0MARIA"
NOW = datetime(2026, 11, 23, 15, tzinfo=UTC)
HEADERS = ["Company", "Contact", "Email", "Phone", "Industry", "Pathway", "Stage", "Owner",
           "Last contact", "Notes"]  # fmt: skip
INDUSTRIES = ("Healthcare", "Automotive", "Manufacturing", "Finance", "Hospitality", "Retail")


def table() -> list[list[str]]:
    """The sheet: a header and ROWS partners, one contact each, some notes."""
    rows = [HEADERS]
    for n in range(ROWS):
        rows.append(
            [f"Partner {n:05d} {INDUSTRIES[n % 6]}", f"Pat Lee{n}", f"pat{n}@partner{n}.example",
             f"312-555-{n % 10000:04d}", INDUSTRIES[n % 6], "Business", "active", WHO,
             f"{1 + n % 12}/{1 + n % 28}/25", "Hosts job shadows in spring" if n % 3 else ""]
        )  # fmt: skip
    return rows


def csv_bytes(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8")


def xlsx_bytes(rows: list[list[str]]) -> bytes:
    """As Excel saves a sheet: shared strings, and the sheet's dimension written (openpyxl's
    write-only mode leaves it out, which makes a reader scan the sheet twice)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Partners"
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def stdlib_csv(data: bytes) -> int:
    """The floor: the rows of the CSV read by the standard library alone."""
    return sum(1 for _ in csv.reader(io.StringIO(data.decode("utf-8"))))


def stdlib_xlsx(data: bytes) -> int:
    """The floor: the rows of the .xlsx's first sheet, zipfile + ElementTree alone."""
    ns = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        count = 0
        with archive.open(names[0]) as sheet:
            for _, element in ElementTree.iterparse(sheet):
                if element.tag == f"{ns}row":
                    count += 1
                    element.clear()
    return count


def timed(fn: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        began = time.perf_counter()
        fn()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def one_import(url: str, name: str, data: bytes, team: str) -> tuple[float, float, int]:
    """Preview then import `data` into workspace `team`: seconds each, partners added."""
    engine = make_engine(url)
    sessions = make_session_factory(engine)
    try:
        began = time.perf_counter()
        preview = keep_preview(
            sessions, FrozenClock(NOW), team, WHO, name, data, lambda n: People(any_id=True)
        )
        previewed = time.perf_counter() - began
        began = time.perf_counter()
        done = confirm_import(sessions, team, preview.batch_id, by=WHO, now=NOW)
        imported = time.perf_counter() - began
    finally:
        engine.dispose()
    return previewed, imported, int((done.summary or {}).get("added", 0))


def peak_mb(url: str, name: str, data: bytes, team: str) -> float:
    """The Python heap's peak (tracemalloc) over one preview and import, in MB."""
    tracemalloc.start()
    try:
        one_import(url, name, data, team)
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def run(kind: str, files: dict[str, bytes], floors: dict[str, float], results: Run) -> None:
    with (
        tempfile.TemporaryDirectory(prefix="partnerbot-bench-") as tmp,
        database(kind, Path(tmp)) as url,
    ):
        if url is None:
            print(f"{kind}: skipped (PostgreSQL is not installed)")
            return
        upgrade(url)
        for n, (name, data) in enumerate(files.items()):
            previewed, imported, added = one_import(url, name, data, f"{TEAM}{n}")
            assert added == ROWS, added
            what = f"{kind}, {name}"
            results.add(Figure(f"{what}: preview (read, match, keep)", previewed, "s",
                               floors[name], "stdlib read", target=5.0))  # fmt: skip
            results.add(Figure(f"{what}: import (one transaction)", imported, "s", target=15.0))
        mb = peak_mb(url, "partners.xlsx", files["partners.xlsx"], f"{TEAM}M")
        results.add(
            Figure(f"{kind}: peak Python heap, .xlsx preview + import", mb, "MB", target=300.0)
        )


def main(argv: list[str]) -> None:
    """Run on SQLite and PostgreSQL (`--db sqlite|postgresql|both`)."""
    kinds = ["sqlite", "postgresql"]
    if "--db" in argv and argv.index("--db") + 1 < len(argv):
        chosen = argv[argv.index("--db") + 1]
        kinds = kinds if chosen == "both" else [chosen]
    rows = table()
    files = {"partners.csv": csv_bytes(rows), "partners.xlsx": xlsx_bytes(rows)}
    print(f"{ROWS:,} rows: CSV {len(files['partners.csv']) / 1e6:.1f} MB, "
          f".xlsx {len(files['partners.xlsx']) / 1e6:.1f} MB")  # fmt: skip
    floors = {
        "partners.csv": timed(lambda: stdlib_csv(files["partners.csv"]), 5),
        "partners.xlsx": timed(lambda: stdlib_xlsx(files["partners.xlsx"]), 3),
    }
    results = Run("import", {"rows": ROWS, "databases": kinds})
    for kind in kinds:
        run(kind, files, floors, results)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    results.add(Figure("whole bench process, max resident set", rss, "MB", target=300.0))
    results.save()
