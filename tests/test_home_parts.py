"""The App Home draws the parts features declare (`Feature.home_parts`), by rank, each read
with the person and their date; and a redraw goes through what Deps was built with."""

from __future__ import annotations

import dataclasses
import json

from sqlalchemy.orm import Session

from handlers.common.blocks import section
from handlers.common.home_parts import HomeAdds, HomeFor, HomePart
from handlers.home import publish_home
from tests.support.slackapp import MARIA, TEAM_ID, Bot


def test_the_home_draws_declared_parts_by_rank(bot: Bot) -> None:
    seen: list[HomeFor] = []

    def part(title: str, item: str) -> HomePart:
        def read(session: Session, who: HomeFor) -> HomeAdds:
            seen.append(who)
            return HomeAdds(sections=((title, [[section(item)]]),))

        return HomePart(read, rank=len(title))

    deps = dataclasses.replace(
        bot.deps, home_parts=[part("*Later part*", "second"), part("*Early*", "first")]
    )
    publish_home(deps, bot.app.client, TEAM_ID, MARIA)
    [published] = bot.slack.calls_to("views.publish")
    shown = json.dumps(published.body["view"])
    assert shown.index("*Early*") < shown.index("first") < shown.index("*Later part*")
    assert shown.index("*Later part*") < shown.index("second")
    assert "Nothing due" not in shown
    assert {(w.team_id, w.user_id) for w in seen} == {(TEAM_ID, MARIA)}
    assert (
        seen[0].today
        == seen[0].now.astimezone(bot.deps.zones.of(bot.app.client, TEAM_ID, MARIA)).date()
    )


def test_features_redraw_the_home_through_deps(bot: Bot) -> None:
    drawn: list[tuple[str, str]] = []
    deps = dataclasses.replace(
        bot.deps, draw_home=lambda deps, client, team_id, user_id: drawn.append((team_id, user_id))
    )
    deps.redraw_home(bot.app.client, TEAM_ID, MARIA)
    assert drawn == [(TEAM_ID, MARIA)]
