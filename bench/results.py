"""Each benchmark run's figures, printed beside their floors and saved as JSON in bench/results/
(machine, date, commit, figures) so runs can be compared over time."""

from __future__ import annotations

import json
import os
import platform
import subprocess
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


@dataclass(frozen=True)
class Figure:
    """One measured figure, the floor measured beside it in the same run (same unit), and the
    target it is held to (None: none)."""

    name: str
    value: float
    unit: str
    floor: float | None = None
    floor_name: str = ""
    target: float | None = None

    @property
    def ratio(self) -> float | None:
        """The figure over its floor."""
        return self.value / self.floor if self.floor else None

    @property
    def met(self) -> bool | None:
        """Within the target (None: no target)."""
        return None if self.target is None else self.value <= self.target

    def line(self) -> str:
        """One printed line: figure, floor, ratio, target."""
        text = f"  {self.name:<58} {self.value:>9.3f} {self.unit:<3}"
        if self.floor is not None:
            text += f" | floor {self.floor:>8.3f} ({self.floor_name}) | ×{self.ratio:,.1f}"
        if self.target is not None:
            text += f" | target ≤ {self.target:g}: {'ok' if self.met else 'MISSED'}"
        return text


@dataclass
class Run:
    """The figures of one benchmark run."""

    bench: str
    settings: dict[str, object] = field(default_factory=dict)
    figures: list[Figure] = field(default_factory=list)

    def add(self, figure: Figure) -> Figure:
        """Record and print a figure."""
        self.figures.append(figure)
        print(figure.line(), flush=True)
        return figure

    def save(self) -> Path:
        """Write the run to bench/results/<bench>-<UTC time>.json; its path."""
        RESULTS.mkdir(exist_ok=True)
        now = datetime.now(UTC)
        path = RESULTS / f"{self.bench}-{now:%Y%m%dT%H%M%SZ}.json"
        data = {
            "bench": self.bench,
            "date": now.isoformat(timespec="seconds"),
            "commit": _commit(),
            "machine": {
                "host": platform.node(),
                "system": platform.platform(),
                "python": platform.python_version(),
                "cpus": os.cpu_count(),
                "load": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
            },
            "settings": self.settings,
            "figures": [{**asdict(f), "ratio": f.ratio, "met": f.met} for f in self.figures],
        }
        path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        print(f"figures written to {path.relative_to(RESULTS.parent.parent)}")
        return path


def _commit() -> str:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
            cwd=RESULTS.parent,
        )
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            check=True,
            cwd=RESULTS.parent,
        )
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return out.stdout.strip() + ("+dirty" if dirty.stdout.strip() else "")
