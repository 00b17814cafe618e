"""Which engagements are wins worth a public thank-you, in words ("Acme hosted 12 students for a
job shadow"), and proposing the thank-you for one."""

from __future__ import annotations

import re
from datetime import date, datetime

from sqlalchemy.orm import Session

from storage.celebrations import propose_win
from storage.engagements import HOSTING, EngagementView
from storage.models import EngagementKind

_WIN_WORDS = re.compile(
    r"\b(hosted|donat\w*|sponsor\w*|signed|mou|joined|hired|gave|funded)\b", re.IGNORECASE
)


def win_headline(
    view: EngagementView, *, today: date, students: int | None = None, went_well: bool = False
) -> str | None:
    """What the engagement is a win for ("Acme hosted 12 students for a job shadow"), or None
    when it does not read as one yet (a hosted engagement still to come). `went_well`: its
    debrief said great or fine, which makes it one."""
    name, count = view.partner_name, students if students is not None else view.student_count
    who = f"{count} student{'s' * (count != 1)}" if count else "our students"
    about = f" ({view.label})" if view.label else ""
    texts = {
        EngagementKind.INTERNSHIP: f"{name} hosted {who} for internships",
        EngagementKind.JOB_SHADOW: f"{name} hosted {who} for a job shadow",
        EngagementKind.GUEST_SPEAKER: f"{name} spoke to {who} as a guest speaker",
        EngagementKind.MENTORING: f"{name} mentored {who}",
        EngagementKind.SITE_VISIT: f"{name} hosted {who} on a site visit",
        EngagementKind.MOCK_INTERVIEWS: f"{name} gave mock interviews to {who}",
        EngagementKind.CAREER_FAIR: f"{name} met {who} at our career fair",
        EngagementKind.ADVISORY_BOARD: f"{name} joined our advisory board",
        EngagementKind.DONATION: f"{name} made a donation / sponsorship",
        EngagementKind.OTHER: f"{name} worked with {who}",
    }
    headline = texts[view.kind] + about
    if went_well or view.kind in (EngagementKind.ADVISORY_BOARD, EngagementKind.DONATION):
        return headline
    if view.label and _WIN_WORDS.search(view.label):
        return headline
    if view.kind in HOSTING and view.ends_on < today and count:
        return headline
    return None


def propose_engagement_win(
    session: Session, team_id: str, view: EngagementView, *, today: date, now: datetime
) -> int | None:
    """Propose a thank-you for a recorded engagement that reads as a win (once per
    engagement); None when it does not, or already did."""
    headline = win_headline(view, today=today)
    if headline is None:
        return None
    return propose_win(
        session,
        team_id=team_id,
        partner_id=view.partner_id,
        owner_user_id=view.owner_user_id,
        headline=headline,
        source="engagement",
        source_id=view.id,
        happened_on=min(view.ends_on, today),
        now=now,
    )
