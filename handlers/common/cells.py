"""Spreadsheet cells a spreadsheet program shows as text and never runs: the one rule for every
file partnerbot writes (the year-end CSV, the export's CSVs and workbook)."""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What makes Excel, LibreOffice or Google Sheets read a cell as a formula (CSV injection)."""


def safe_cell(value: str) -> str:
    """`value`, with a leading apostrophe when it starts like a formula ("=SUM(…)" →
    "'=SUM(…)"), so it is shown as typed."""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value
