"""What an org-wide uninstall marks: every workspace of the Grid org, except one that still
has its own install (and so its own token). On SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from slack_sdk.oauth.installation_store import Installation
from sqlalchemy import select

from bot.oauth import installation_store
from storage.db import SessionFactory, make_engine, make_session_factory
from storage.installs import mark_installed, mark_uninstalled, remember_org
from storage.models import Workspace

NOW = datetime(2026, 12, 1, 15, tzinfo=UTC)
ORG = "E0ORG"


@pytest.fixture
def sessions(migrated_db_url: str) -> Iterator[SessionFactory]:
    engine = make_engine(migrated_db_url)
    yield make_session_factory(engine)
    engine.dispose()


def uninstalled(sessions: SessionFactory) -> dict[str, bool]:
    with sessions() as session:
        rows = session.execute(select(Workspace.team_id, Workspace.uninstalled_at))
        return {team: at is not None for team, at in rows}


def test_an_org_uninstall_leaves_a_workspace_installed_on_its_own(
    sessions: SessionFactory,
) -> None:
    remember_org(sessions, ORG, ["T0ONE", "T0TWO"], now=NOW)
    mark_installed(sessions, "T0TWO", ORG, now=NOW)  # T0TWO also installed partnerbot itself
    engine = sessions.kw["bind"]
    installation_store(engine, "1234.5678").save(
        Installation(
            app_id="A0APP", enterprise_id=ORG, team_id="T0TWO", user_id="U0ADMIN",
            bot_token="xoxb-two", bot_id="B0TWO", bot_user_id="U0BOT",
            bot_scopes=["commands"], installed_at=NOW.timestamp(),
        )
    )  # fmt: skip
    gone = mark_uninstalled(sessions, None, ORG, now=NOW)
    assert gone.teams == ("T0ONE",)
    assert uninstalled(sessions) == {"T0ONE": True, "T0TWO": False}
