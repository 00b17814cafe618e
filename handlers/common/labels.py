"""Short labels for values several features show."""

from __future__ import annotations

from storage.models import Stage

_STAGE_EMOJI = {
    Stage.PROSPECT: "🌱",
    Stage.CONTACTED: "📨",
    Stage.ENGAGED: "🤝",
    Stage.ACTIVE: "⭐",
    Stage.PAUSED: "⏸️",
}


def stage_label(stage: Stage) -> str:
    """The stage with its marker, e.g. "⭐ active"."""
    return f"{_STAGE_EMOJI[stage]} {stage.value}"
