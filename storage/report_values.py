"""The values a report is made of (see storage.reports): plain, read-only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from storage.boards import BoardCard
from storage.report_periods import Period, PeriodKind


@dataclass(frozen=True)
class ReportAsk:
    """What the asker typed: the period, a pathway, and whether small counts may show."""

    period: PeriodKind = PeriodKind.YEAR
    since: date | None = None
    pathway: str | None = None
    all_counts: bool = False


@dataclass(frozen=True)
class PathwayRow:
    """One pathway's engagements that happened and students served (None: hidden — fewer
    than SMALL_CELL, or the one more hidden so a lone small count cannot be worked out from
    the total)."""

    pathway: str
    engagements: int
    students: int | None


@dataclass(frozen=True)
class StaffRow:
    """One staff member's contacts per month of the period, and whether they have left."""

    user_id: str
    per_month: tuple[int, ...]
    left: bool

    @property
    def total(self) -> int:
        """Their contacts over the period."""
        return sum(self.per_month)


@dataclass(frozen=True)
class Evidence:
    """One consultation with an employer: who, when, what, and by whom on our side."""

    employer: str
    industry: str
    day: date
    what: str
    by: str


@dataclass(frozen=True)
class EngagementNumbers:
    """Engagements over the period: those that happened per kind per month (of
    `Period.months`) and per pathway, how many happened, are still planned (up to the
    period's horizon) or were cancelled, and students served (None: a small cell)."""

    by_kind: tuple[tuple[str, tuple[int, ...]], ...]
    by_pathway: tuple[PathwayRow, ...]
    happened: int
    planned: int
    cancelled: int
    students: int | None
    planned_students: int | None


@dataclass(frozen=True)
class PartnerNumbers:
    """Partners (not archived) by stage and industry, new over the period, going cold, and
    engaged or active ones not thanked in THANKED_DAYS days."""

    by_stage: tuple[tuple[str, int], ...]
    by_industry: tuple[tuple[str, int], ...]
    new: int
    going_cold: int
    not_thanked: int

    @property
    def total(self) -> int:
        """Partners counted by stage."""
        return sum(n for _, n in self.by_stage)


@dataclass(frozen=True)
class Report:
    """The numbers of one report (see the module docstring)."""

    period: Period
    pathway: str | None
    team_wide: bool
    all_counts: bool
    engagements: EngagementNumbers
    partners: PartnerNumbers
    by_staff: tuple[StaffRow, ...]
    on_time: int
    late: int
    evidence: tuple[Evidence, ...]
    boards: tuple[BoardCard, ...] = ()
    """This school year's advisory boards (the pathway's only, for one pathway)."""

    @property
    def contacts(self) -> int:
        """Contacts logged over the period."""
        return sum(row.total for row in self.by_staff)


@dataclass(frozen=True)
class ReportAnswer:
    """The report (None: refused, or `repeated`), and whether the asker is a lead (False with
    `all_counts` asked: refused)."""

    is_lead: bool
    report: Report | None
    repeated: bool = False
    """The same report was asked for a moment ago (a double click): not made again."""
