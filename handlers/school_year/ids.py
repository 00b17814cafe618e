"""Action ids of the school-year feature."""

from __future__ import annotations

MOVE_TO_SCHOOL_DAY = "school_day_move"
