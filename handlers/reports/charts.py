"""The report's charts, drawn with matplotlib (Agg, no display): each chart's data series is
built from the report by a pure function (what tests check), then drawn as a PNG on a white
card with mid-tone colours, readable in Slack's light and dark themes, with alt text; and the
one-page PDF for the committee packet (matplotlib's PdfPages)."""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")

from matplotlib import image
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from handlers.common.mrkdwn import clip
from storage.report_values import Report

WIDTH_IN, HEIGHT_IN, DPI = 8.0, 4.5, 100
"""Each PNG: 800 × 450 pixels."""
PAGE_IN = (8.5, 11.0)
LABEL = 30
"""Characters of a bar's label shown."""
MOST_BARS = 12
"""Bars per chart; the rest are added up as "others"."""
# Mid-tone colours (Okabe–Ito, colour-blind safe) that hold on white and in dark-theme frames.
COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#999999")
INK = "#222222"


@dataclass(frozen=True)
class Series:
    """One chart's data: category labels, and named value rows (one per label each)."""

    key: str
    title: str
    labels: tuple[str, ...]
    rows: tuple[tuple[str, tuple[int, ...]], ...]
    note: str = ""
    horizontal: bool = False

    @property
    def empty(self) -> bool:
        """Nothing to draw."""
        return not self.labels or not any(any(values) for _, values in self.rows)

    def alt_text(self) -> str:
        """What the chart shows, in words (its image's alt text)."""
        if self.empty:
            return f"{self.title}: nothing to show."
        parts = []
        for i, label in enumerate(self.labels):
            values = [(name, values[i]) for name, values in self.rows if values[i]]
            if len(self.rows) == 1:
                parts.append(f"{label} {self.rows[0][1][i]}")
            elif values:
                parts.append(f"{label}: " + ", ".join(f"{n} {name}" for name, n in values))
        text = f"{self.title}. " + "; ".join(parts) + "."
        return (text + (f" {self.note}" if self.note else ""))[:1990]


def _top(pairs: Sequence[tuple[str, int]]) -> tuple[tuple[str, ...], tuple[int, ...]]:
    pairs = [(clip(" ".join(label.split()), LABEL), n) for label, n in pairs]
    shown = list(pairs[: MOST_BARS - 1] if len(pairs) > MOST_BARS else pairs)
    rest = sum(n for _, n in pairs[len(shown) :])
    if rest:
        shown.append(("others", rest))
    return tuple(label for label, _ in shown), tuple(n for _, n in shown)


def engagements_series(report: Report) -> Series:
    """Engagements that happened per month, one row per kind."""
    months = tuple(f"{m:%b %Y}" for m in report.period.months)
    return Series(
        "engagements", "Engagements per month, by kind", months, report.engagements.by_kind
    )


def students_series(report: Report) -> Series:
    """Students served per pathway; hidden counts (storage.reports: small cells) are left out,
    and the note says how many."""
    shown = [(p.pathway, p.students) for p in report.engagements.by_pathway]
    kept = [(name, n) for name, n in shown if n is not None and n > 0]
    hidden = sum(n is None for _, n in shown)
    labels, values = _top([(name, int(n or 0)) for name, n in kept])
    note = (
        f"{hidden} pathway{'s' if hidden != 1 else ''} not shown (small student counts)."
        if hidden
        else ""
    )
    return Series(
        "students",
        "Students served per pathway",
        labels,
        (("students", values),),
        note,
        horizontal=True,
    )


def stages_series(report: Report) -> Series:
    """Partners (not archived) per stage, in pipeline order."""
    by_stage = report.partners.by_stage
    return Series(
        "stages",
        "Partners by stage",
        tuple(stage for stage, _ in by_stage),
        (("partners", tuple(n for _, n in by_stage)),),
    )


def staff_series(report: Report, names: Mapping[str, str]) -> Series:
    """Contacts logged per staff member over the period (named by `names`, user id → name)."""
    pairs = [
        (names.get(row.user_id, row.user_id) + (" (left)" if row.left else ""), row.total)
        for row in report.by_staff
    ]
    labels, values = _top(pairs)
    return Series(
        "staff", "Contacts per staff member", labels, (("contacts", values),), horizontal=True
    )


def all_series(report: Report, names: Mapping[str, str]) -> tuple[Series, ...]:
    """The report's charts, in the order they are posted."""
    return (
        engagements_series(report),
        students_series(report),
        stages_series(report),
        staff_series(report, names),
    )


def _draw(ax: Axes, series: Series) -> None:
    ax.set_facecolor("white")
    ax.set_title(series.title, color=INK, fontsize=12, loc="left")
    ax.tick_params(colors=INK, labelsize=8)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if series.empty:
        ax.text(0.5, 0.5, "Nothing to show yet", ha="center", va="center", color=INK)
        ax.set_xticks([])
        ax.set_yticks([])
        return
    positions = list(range(len(series.labels)))
    base = [0] * len(positions)
    bar: Callable[..., object] = ax.barh if series.horizontal else ax.bar
    for i, (name, values) in enumerate(series.rows):
        colour = COLOURS[i % len(COLOURS)]
        offset = {"left": base} if series.horizontal else {"bottom": base}
        bar(positions, values, color=colour, label=name, **offset)
        base = [b + v for b, v in zip(base, values, strict=True)]
    # Whole numbers, few ticks on the value axis (each tick costs a Line2D and a Text).
    (ax.xaxis if series.horizontal else ax.yaxis).set_major_locator(
        MaxNLocator(nbins=5, integer=True)
    )
    if series.horizontal:
        ax.set_yticks(positions, series.labels)
        ax.invert_yaxis()
    else:
        ax.set_xticks(positions, series.labels, rotation=30 if len(positions) > 6 else 0)
    if len(series.rows) > 1:
        ax.legend(fontsize=7, frameon=False, labelcolor=INK)
    if series.note:
        ax.annotate(series.note, (0, 0), (0, -28), "axes fraction", "offset points", fontsize=7)


def _figure(size: tuple[float, float]) -> Figure:
    # Fixed margins, not a layout engine: laying out text twice doubled the drawing time.
    figure = Figure(figsize=size, dpi=DPI, facecolor="white")
    FigureCanvasAgg(figure)
    return figure


def chart_png(series: Series) -> bytes:
    """One chart as a PNG of WIDTH_IN × HEIGHT_IN inches at DPI."""
    figure = _figure((WIDTH_IN, HEIGHT_IN))
    left = 0.3 if series.horizontal else 0.07
    figure.subplots_adjust(left=left, right=0.97, top=0.88, bottom=0.2)
    _draw(figure.add_subplot(), series)
    out = io.BytesIO()
    figure.savefig(out, format="png", facecolor="white")
    return out.getvalue()


def report_pdf(title: str, lines: Sequence[str], pngs: Sequence[bytes]) -> bytes:
    """One page: the title, the headline lines, and the charts (their PNGs) two by two."""
    figure = _figure(PAGE_IN)
    figure.subplots_adjust(left=0.05, right=0.95, top=0.95, bottom=0.04, hspace=0.05, wspace=0.04)
    grid = figure.add_gridspec(3, 2, height_ratios=(1.1, 1, 1))
    head = figure.add_subplot(grid[0, :])
    head.axis("off")
    head.text(0, 1, title, fontsize=13, color=INK, va="top", weight="bold", wrap=True)
    head.text(0, 0.82, "\n".join(lines), fontsize=8, color=INK, va="top", linespacing=1.6)
    for i, png in enumerate(pngs[:4]):
        ax = figure.add_subplot(grid[1 + i // 2, i % 2])
        ax.imshow(image.imread(io.BytesIO(png), format="png"))
        ax.axis("off")
    out = io.BytesIO()
    with PdfPages(out, metadata={"Title": title, "Creator": "partnerbot"}) as pdf:
        pdf.savefig(figure)
    return out.getvalue()
