"""The school year: `/partnerbot calendar` (terms, breaks, holidays, .ics import), partners'
busy seasons (`/partner busy`), and the button moving a follow-up off a day off."""

from __future__ import annotations

from slack_bolt import App

from handlers.common.feature import Feature, Verb, ack_now
from handlers.deps import Deps
from handlers.school_year import buttons, ids
from handlers.school_year.command import busy_card_part, busy_verb, calendar_verb


def register(app: App, deps: Deps) -> None:
    """Add the school-year listeners to `app` (its verbs run inside /partnerbot and /partner)."""
    app.action(ids.MOVE_TO_SCHOOL_DAY)(ack=ack_now, lazy=[buttons.move_to_school_day])


FEATURE = Feature(
    name="school_year",
    register=register,
    verbs=(
        Verb(
            "/partnerbot",
            "calendar",
            calendar_verb,
            "• `/partnerbot calendar` — the school year: terms, breaks, holidays (no digests on "
            "days off); `calendar add Winter break Dec 21 - Jan 1`, `calendar import URL`",
        ),
        Verb(
            "/partner",
            "busy",
            busy_verb,
            "• `/partner busy Acme Nov 15 - Dec 31 holiday retail` — a yearly busy season",
        ),
    ),
    card_parts=(busy_card_part,),
)
