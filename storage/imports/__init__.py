"""Spreadsheet imports: rows read from a file (values.py), matched against the workspace's
partners for a preview kept in an import batch (matching.py), then applied in one transaction
and undone exactly (apply.py, undo.py); requests.py holds the operations handlers call."""
