"""Celebrations: `/celebrate` posts a thank-you spotlight and `/celebrate year` the school
year's recognition; prompts (from wins) ask owners to post one — Post spotlight, Not now,
Already thanked — and the weekly nudge's "I'll thank them" gives a follow-up. Adds
`/partner list unthanked` and the card's "last thanked" line; the scheduler runs its jobs,
the prompts' DMs and the weekly nudge."""

from __future__ import annotations

from slack_bolt import App

from handlers.celebrations import buttons, ids, modals
from handlers.celebrations.command import celebrate, post_anyway
from handlers.celebrations.digest_part import DIGEST_PART
from handlers.celebrations.home import HOME_PART
from handlers.celebrations.nudges import run_weekly_nudges
from handlers.celebrations.prompts import run_celebration_prompts
from handlers.celebrations.verbs import thanked_card_part, unthanked_verb
from handlers.common.feature import Feature, Verb, ack_now
from handlers.deps import Deps


def register(app: App, deps: Deps) -> None:
    """Add `/celebrate`, the prompt and nudge buttons and the spotlight form to `app`."""
    app.command("/celebrate")(ack=ack_now, lazy=[celebrate])
    app.action(ids.POST_ANYWAY)(ack=ack_now, lazy=[post_anyway])
    app.action(ids.POST)(ack=ack_now, lazy=[buttons.post_spotlight])
    app.action(ids.LATER)(ack=ack_now, lazy=[buttons.not_now])
    app.action(ids.THANKED)(ack=ack_now, lazy=[buttons.already_thanked])
    app.action(ids.TAKE)(ack=ack_now, lazy=[buttons.take])
    app.view(ids.VIEW_SPOTLIGHT)(ack=modals.submitted, lazy=[modals.post])


FEATURE = Feature(
    name="celebrations",
    register=register,
    commands=("/celebrate",),
    verbs=(
        Verb(
            "/partner",
            "list unthanked",
            unthanked_verb,
            "• `/partner list unthanked` — partners nobody thanked in public for 90 days",
        ),
    ),
    card_parts=(thanked_card_part,),
    home_parts=(HOME_PART,),
    digest_parts=(DIGEST_PART,),
    jobs=(run_celebration_prompts, run_weekly_nudges),
)
