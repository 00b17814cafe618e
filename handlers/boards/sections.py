"""What other features may use of the boards: a board's line in a report."""

from __future__ import annotations

from handlers.boards.render import report_line

__all__ = ["report_line"]
