"""How engagement kinds and debrief outcomes are shown."""

from __future__ import annotations

from storage.models import DebriefOutcome, EngagementKind

KIND_LABELS = {
    EngagementKind.INTERNSHIP: "💼 Internship",
    EngagementKind.JOB_SHADOW: "👀 Job shadow",
    EngagementKind.GUEST_SPEAKER: "🎤 Guest speaker",
    EngagementKind.MENTORING: "🧭 Mentoring",
    EngagementKind.SITE_VISIT: "🏭 Site visit / field trip",
    EngagementKind.MOCK_INTERVIEWS: "🗣️ Mock interviews",
    EngagementKind.CAREER_FAIR: "🎪 Career fair",
    EngagementKind.ADVISORY_BOARD: "🏛️ Advisory board",
    EngagementKind.DONATION: "🎁 Donation / sponsorship",
    EngagementKind.OTHER: "✨ Other",
}
OUTCOME_LABELS = {
    DebriefOutcome.GREAT: "🌟 Great",
    DebriefOutcome.FINE: "👍 Fine",
    DebriefOutcome.PROBLEMS: "⚠️ Problems",
}
