"""`alembic upgrade head` on an empty database gives exactly the models' schema."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from storage.db import make_engine
from storage.migrate import pending_migrations, upgrade
from storage.models import Base


def test_upgrade_head_matches_the_models(db_url: str) -> None:
    assert pending_migrations(db_url)
    upgrade(db_url)
    assert not pending_migrations(db_url)
    engine = make_engine(db_url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            differences = compare_metadata(context, Base.metadata)
            tables = set(inspect(conn).get_table_names())
    finally:
        engine.dispose()
    assert differences == []
    assert set(Base.metadata.tables) <= tables


def test_upgrade_is_idempotent(db_url: str) -> None:
    upgrade(db_url)
    upgrade(db_url)
    assert not pending_migrations(db_url)


def test_dropping_the_unused_columns_keeps_the_rows_and_can_be_undone(db_url: str) -> None:
    from alembic import command
    from sqlalchemy import text

    from storage.migrate import alembic_config

    upgrade(db_url, "0001")
    engine = make_engine(db_url)
    try:
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO workspaces (team_id, cadence_days, recent_contact_days,"
                    " created_at) VALUES ('T1', '{}', 14, '2026-11-23 14:00:00+00:00')"
                )
            )
            conn.execute(
                text(
                    "INSERT INTO staff (team_id, user_id, digest_time, digest_enabled, is_admin,"
                    " deactivated, timezone) VALUES ('T1', 'U1', '08:00:00', true, false, false,"
                    " 'America/Chicago')"
                )
            )
        upgrade(db_url, "0002")
        with engine.connect() as conn:
            columns = {c["name"] for c in inspect(conn).get_columns("staff")}
            assert {"display_name", "is_admin", "deactivated"}.isdisjoint(columns)
            assert conn.execute(text("SELECT timezone FROM staff")).scalar() == "America/Chicago"
            if conn.dialect.name == "sqlite":  # the table rebuilds left no dangling keys
                assert conn.execute(text("PRAGMA foreign_key_check")).all() == []
        command.downgrade(alembic_config(db_url), "0001")
        with engine.connect() as conn:
            columns = {c["name"] for c in inspect(conn).get_columns("workspaces")}
            assert {"default_timezone", "recent_contact_days"} <= columns
            assert conn.execute(text("SELECT recent_contact_days FROM workspaces")).scalar() == 14
        upgrade(db_url)
        assert not pending_migrations(db_url)
    finally:
        engine.dispose()


def test_people_revision_keeps_the_rows_and_can_be_undone(db_url: str) -> None:
    from alembic import command
    from sqlalchemy import text

    from storage.migrate import alembic_config

    upgrade(db_url, "0002")
    engine = make_engine(db_url)
    try:
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO workspaces (team_id, cadence_days, created_at)"
                    " VALUES ('T1', '{}', '2026-11-23 14:00:00+00:00')"
                )
            )
            conn.execute(
                text(
                    "INSERT INTO staff (team_id, user_id, digest_time, digest_enabled, timezone)"
                    " VALUES ('T1', 'U1', '08:00:00', true, 'America/Chicago')"
                )
            )
        upgrade(db_url)
        with engine.connect() as conn:
            row = conn.execute(text("SELECT is_admin, deactivated_at FROM staff")).one()
            assert (bool(row[0]), row[1]) == (False, None)
            if conn.dialect.name == "sqlite":
                assert conn.execute(text("PRAGMA foreign_key_check")).all() == []
        command.downgrade(alembic_config(db_url), "0002")
        with engine.connect() as conn:
            assert "program_leads" not in inspect(conn).get_table_names()
            assert conn.execute(text("SELECT timezone FROM staff")).scalar() == "America/Chicago"
        upgrade(db_url)
        assert not pending_migrations(db_url)
    finally:
        engine.dispose()
