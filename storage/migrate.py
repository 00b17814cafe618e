"""Schema revisions: which one a database is at, and moving it up or down under a lock, so that
every replica may run `partnerbot db upgrade` at the same moment.

PostgreSQL: a session-level advisory lock on a fixed key, held by the connection the migrations
run on. SQLite: a lock file beside the database file."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from filelock import FileLock
from sqlalchemy import Connection, Engine, exc, inspect, make_url, text

from storage.db import make_engine

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"

ADVISORY_KEY = 7_085_812_465_017_042_213
"""The pg_advisory_lock key every partnerbot process takes around a migration."""

_REVISION = re.compile(r'^(down_revision|revision)\b[^=]*=\s*"?(\w+|None)"?\s*$', re.MULTILINE)


class DatabaseUnreachable(Exception):
    """The database could not be opened; the message is the driver's first line."""


class MigrationRefused(Exception):
    """The move asked for cannot be made; the message says why and what to do instead."""


class SchemaAhead(MigrationRefused):
    """The database is at a revision this code does not know: a newer version migrated it."""


@dataclass(frozen=True)
class Schema:
    """Where a database is: `current` (None when it has no schema yet) and the revisions this
    code knows, oldest first."""

    current: str | None
    known: tuple[str, ...]

    @property
    def head(self) -> str:
        """The newest revision this code knows."""
        return self.known[-1]

    @property
    def state(self) -> str:
        """'empty', 'behind', 'current' or 'ahead' (a revision this code does not know: a newer
        version migrated the database)."""
        if self.current is None:
            return "empty"
        if self.current not in self.known:
            return "ahead"
        return "current" if self.current == self.head else "behind"


@dataclass(frozen=True)
class Moved:
    """A migration's outcome: the revision before and after (None: no schema)."""

    before: str | None
    after: str | None


def known_revisions() -> tuple[str, ...]:
    """The revisions among the migration files, oldest first (one plain chain)."""
    parent: dict[str, str | None] = {}
    for path in (MIGRATIONS / "versions").glob("*.py"):
        found = dict(_REVISION.findall(path.read_text(encoding="utf-8")))
        if "revision" not in found:
            continue  # not a migration (a helper module)
        down = found.get("down_revision", "None")
        parent[found["revision"]] = None if down == "None" else down
    children = {down: rev for rev, down in parent.items()}
    chain: list[str] = []
    step = children.get(None)
    while step is not None:
        chain.append(step)
        step = children.get(step)
    if len(chain) != len(parent):  # pragma: no cover - the migrations test keeps one chain
        raise RuntimeError("the migration files do not form one chain")
    return tuple(chain)


def ahead_message(schema: Schema) -> str:
    """What to say when the database is newer than this code."""
    return (
        f"the database is at revision {schema.current}, newer than this partnerbot (whose "
        f"newest is {schema.head}); run this version's code, or go back with "
        f"`partnerbot db downgrade {schema.head}` using the newer version first"
    )


def _revision_on(conn: Connection) -> str | None:
    """The revision recorded on `conn`, read in a transaction of its own (committed)."""
    try:
        if not inspect(conn).has_table("alembic_version"):
            return None
        found = conn.scalar(text("SELECT version_num FROM alembic_version"))
    finally:
        conn.commit()
    return None if found is None else str(found)


def read_schema(url: str) -> Schema:
    """The schema of the database at `url`; DatabaseUnreachable when it cannot be opened."""
    engine = make_engine(url)
    try:
        with _connect(engine) as conn:
            return Schema(_revision_on(conn), known_revisions())
    finally:
        engine.dispose()


@contextmanager
def _connect(engine: Engine) -> Iterator[Connection]:
    try:
        conn = engine.connect()
    except exc.DBAPIError as error:
        first = str(error.orig).strip().splitlines() or [type(error.orig).__name__]
        raise DatabaseUnreachable(first[0]) from None
    with conn:
        yield conn


def _sqlite_lock(url: str) -> FileLock | None:
    database = make_url(url).database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return FileLock(str(Path(database)) + ".migrate-lock", mode=0o600)


@contextmanager
def _locked(url: str) -> Iterator[Connection]:
    """A connection to `url` held under the migration lock (released on leaving)."""
    engine = make_engine(url, timeouts=False)
    try:
        with _connect(engine) as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": ADVISORY_KEY})
                conn.commit()
                try:
                    yield conn
                finally:
                    conn.rollback()
                    conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": ADVISORY_KEY})
                    conn.commit()
                return
            lock = _sqlite_lock(url)
            if lock is None:
                yield conn
                return
            with lock:
                yield conn
    finally:
        engine.dispose()


def migrate(url: str, target: str = "head", *, downward: bool = False) -> Moved:
    """Move the database at `url` to `target` ('head' or a known revision), under the
    migration lock; another process's migration is waited for, then found done. Upward unless
    `downward` (then only down, or nowhere)."""
    from alembic import command

    known = known_revisions()
    if target != "head" and target not in known:
        raise MigrationRefused(
            f"unknown revision {target!r}; this partnerbot knows {', '.join(known)}"
        )
    goal = known[-1] if target == "head" else target
    with _locked(url) as conn:
        schema = Schema(_revision_on(conn), known)
        if schema.state == "ahead":
            raise SchemaAhead(ahead_message(schema))
        if schema.current == goal:
            return Moved(schema.current, goal)
        config = alembic_config(url)
        config.attributes["connection"] = conn
        down = schema.current is not None and known.index(goal) < known.index(schema.current)
        if downward and not down:
            raise MigrationRefused(
                f"the database is at {schema.current or 'no schema'}, not above {goal}: "
                "nothing to downgrade"
            )
        if down:
            command.downgrade(config, goal)
        else:
            command.upgrade(config, goal)
        return Moved(schema.current, _revision_on(conn))


def alembic_config(url: str) -> Config:
    """An Alembic config pointing at the packaged migrations and `url`."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def _head_on_disk() -> str | None:
    """The newest revision among the migration files, read without Alembic (a fast path for
    start-up); None when they do not form one plain chain (Alembic then decides)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        found = dict(_REVISION.findall(path.read_text(encoding="utf-8")))
        if "revision" not in found:
            return None
        revisions.add(found["revision"])
        if found.get("down_revision", "None") != "None":
            parents.add(found["down_revision"])
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def _current_revision(url: str) -> str | None:
    """The revision the database at `url` is at (None: none recorded, or unreadable)."""
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            found = conn.scalar(text("SELECT version_num FROM alembic_version"))
            return None if found is None else str(found)
    except exc.DBAPIError:
        return None
    finally:
        engine.dispose()


def _at_head(url: str) -> bool:
    head = _head_on_disk()
    return head is not None and _current_revision(url) == head


def pending_migrations(url: str) -> bool:
    """True when the database at `url` is not at the newest schema revision."""
    if _at_head(url):
        return False
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config(url)).get_current_head()
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            current = MigrationContext.configure(conn).get_current_revision()
    finally:
        engine.dispose()
    return current != head


def upgrade(url: str, revision: str = "head") -> None:
    """Bring the database at `url` to `revision` (default: the newest), under the migration
    lock (see `migrate`)."""
    if revision == "head" and _at_head(url):
        return
    migrate(url, revision)
