"""Engines, sessions and schema upgrades."""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import psycopg
from sqlalchemy import Connection, Engine, create_engine, event, exc, inspect, make_url
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.orm import Session, sessionmaker

if TYPE_CHECKING:  # Alembic is imported only when a migration runs: it is slow to import
    pass

log = logging.getLogger(__name__)

SessionFactory = sessionmaker[Session]


SQLITE_BUSY_SECONDS = 5
"""How long a SQLite write waits for another one to finish before failing."""
CONNECT_SECONDS = 3
"""How long connecting to PostgreSQL may take (libpq's minimum is 2)."""
STATEMENT_MS = 15_000
"""PostgreSQL cancels a statement running longer (statement_timeout)."""
LOCK_MS = 10_000
"""PostgreSQL gives up waiting for a lock after this (lock_timeout)."""
POOL_SECONDS = 5
"""How long a request waits for a free pooled connection."""
HUNG_SECONDS = STATEMENT_MS / 1000 + 2
"""A statement with no answer for this long is on a server that stopped answering (one that
is frozen cannot cancel anything itself): its connection is cut, so the request fails with
an error instead of waiting forever."""
PING_SECONDS = 1.5
"""A pooled connection must answer a ping within this before it is used."""


class Watchdog:
    """Cuts the connection under a statement that got no answer in time. A thread wakes a few
    times a second; a cut connection raises an OperationalError in the waiting request, which
    SQLAlchemy then discards from the pool."""

    def __init__(self, monotonic: Callable[[], float] = time.monotonic) -> None:
        self._monotonic = monotonic
        self._watched: dict[int, tuple[float, Any]] = {}
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self.cuts = 0
        """Connections cut so far."""

    def watch(self, dbapi_connection: Any, seconds: float) -> None:
        """Cut `dbapi_connection` unless `unwatch` comes within `seconds`."""
        with self._lock:
            self._watched[id(dbapi_connection)] = (self._monotonic() + seconds, dbapi_connection)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="db-watchdog", daemon=True)
                self._thread.start()

    def unwatch(self, dbapi_connection: Any) -> None:
        """The statement on `dbapi_connection` has its answer."""
        with self._lock:
            self._watched.pop(id(dbapi_connection), None)

    def check(self) -> None:
        """Cut every connection whose time is up (the thread calls this; so can tests)."""
        now = self._monotonic()
        with self._lock:
            due = [conn for deadline, conn in self._watched.values() if deadline <= now]
            for conn in due:
                self._watched.pop(id(conn), None)
        for conn in due:
            if _cut(conn):
                self.cuts += 1

    def _run(self) -> None:
        while True:
            time.sleep(0.2)
            self.check()
            with self._lock:
                if not self._watched:
                    self._thread = None
                    return


def _cut(dbapi_connection: Any) -> bool:
    """Shut down a psycopg connection's socket, so whatever waits on it gets an error."""
    fd = getattr(getattr(dbapi_connection, "pgconn", None), "socket", None)
    if not isinstance(fd, int) or fd < 0:
        return False
    try:
        with socket.socket(fileno=os.dup(fd)) as sock:
            sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        return False
    log.warning("database: no answer for %.0f s; connection cut", HUNG_SECONDS)
    return True


WATCHDOG = Watchdog()


def _postgres_guards(engine: Engine, watchdog: Watchdog) -> None:
    """Ping each pooled connection before use and cut statements that never get an answer."""

    @event.listens_for(engine, "checkout")
    def _ping(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
        watchdog.watch(dbapi_connection, PING_SECONDS)
        try:
            alive = engine.dialect.do_ping(dbapi_connection)
        except Exception as error:
            raise exc.DisconnectionError(f"pooled connection did not answer: {error}") from error
        finally:
            watchdog.unwatch(dbapi_connection)
        if not alive:
            raise exc.DisconnectionError("pooled connection did not answer")

    @event.listens_for(engine, "before_cursor_execute")
    def _started(conn: Connection, *_args: Any) -> None:
        watchdog.watch(conn.connection.dbapi_connection, HUNG_SECONDS)

    @event.listens_for(engine, "after_cursor_execute")
    def _answered(conn: Connection, *_args: Any) -> None:
        watchdog.unwatch(conn.connection.dbapi_connection)

    @event.listens_for(engine, "handle_error")
    def _failed(context: ExceptionContext) -> None:
        try:
            dbapi = context.connection.connection.dbapi_connection if context.connection else None
        except exc.SQLAlchemyError:  # already invalidated: nothing left to watch
            return
        if dbapi is not None:
            watchdog.unwatch(dbapi)

    @event.listens_for(engine, "checkin")
    def _returned(dbapi_connection: Any, _record: Any) -> None:
        if dbapi_connection is not None:
            watchdog.unwatch(dbapi_connection)


def private_sqlite_file(url: str) -> None:
    """Create the SQLite file of `url` readable by its owner only (whatever the umask) before
    SQLite creates it; its -wal and -shm files take the same permissions. An existing file and
    other databases are left as they are."""
    if not url.startswith("sqlite") or ":memory:" in url:
        return
    try:
        database = make_url(url).database
    except exc.ArgumentError:
        return
    if not database or database.startswith("file:"):
        return
    path = Path(database)
    if path.exists() or not path.parent.is_dir():
        return
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:  # created meanwhile by another process: theirs to set
        return


def make_engine(url: str, *, timeouts: bool = True, **kwargs: Any) -> Engine:
    """Create an engine; SQLite gets foreign keys, WAL and a busy timeout for threads.
    PostgreSQL gets connect, statement and lock timeouts, a ping before a pooled connection is
    used, and a watchdog for a server that stops answering (`timeouts=False`, for migrations,
    leaves statements unbounded). Errors never quote the values sent (`hide_parameters`): they
    are logged, and the values are what people typed."""
    kwargs.setdefault("hide_parameters", True)
    if url.startswith("sqlite"):
        private_sqlite_file(url)
        busy = SQLITE_BUSY_SECONDS if timeouts else 60
        engine = create_engine(url, connect_args={"timeout": busy}, **kwargs)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
            cursor = dbapi_conn.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            if ":memory:" not in url:
                cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

        return engine
    if not timeouts:
        return create_engine(
            url, pool_pre_ping=True, connect_args={"connect_timeout": CONNECT_SECONDS}, **kwargs
        )
    options = (
        f"-c statement_timeout={STATEMENT_MS} -c lock_timeout={LOCK_MS} "
        "-c idle_in_transaction_session_timeout=60000"
    )
    kwargs.setdefault("pool_size", 10)
    kwargs.setdefault("max_overflow", 20)  # a replica's web and lazy-listener threads, at once
    engine = create_engine(
        url,
        pool_timeout=POOL_SECONDS,
        connect_args={
            "connect_timeout": CONNECT_SECONDS,
            "options": options,
            "keepalives": 1,
            "keepalives_idle": 30,
            "keepalives_interval": 10,
            "keepalives_count": 3,
        },
        **kwargs,
    )
    _postgres_guards(engine, WATCHDOG)
    event.listen(engine, "handle_error", _without_detail)
    return engine


def _without_detail(context: ExceptionContext) -> None:
    """Keep only PostgreSQL's primary message in an error's text: its DETAIL quotes the row
    or key refused ("Failing row contains (…)"), that is what people typed, and errors are
    logged. The details stay on the error (`orig.diag`) for code that needs them."""
    error = context.original_exception
    primary = getattr(getattr(error, "diag", None), "message_primary", None)
    if not isinstance(error, psycopg.Error) or not primary:
        return
    error.args = (primary,)
    wrapper = context.sqlalchemy_exception
    if wrapper is not None:  # its message was made from the error's full text
        kind = type(error)
        wrapper.args = (f"({kind.__module__}.{kind.__name__}) {primary}", *wrapper.args[1:])


def make_session_factory(engine: Engine) -> SessionFactory:
    """A session factory whose objects stay readable after commit."""
    return sessionmaker(engine, expire_on_commit=False)


def _insert(session: Session, model: Any) -> postgresql.Insert | sqlite.Insert:
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        return postgresql.insert(model)
    if dialect == "sqlite":
        return sqlite.insert(model)
    raise NotImplementedError(f"no INSERT … ON CONFLICT for {dialect}")  # pragma: no cover


INSERT_BATCH = 500
"""Rows per statement in `insert_all_unless_exist`."""


def insert_unless_exists(session: Session, model: Any, values: dict[str, Any]) -> Any | None:
    """INSERT … ON CONFLICT DO NOTHING: the new row's primary key, or None when a row with the
    same unique key is there (or is being inserted by another transaction: PostgreSQL waits for
    it). Safe under concurrency without a SAVEPOINT, which pysqlite would turn into a commit
    of the surrounding transaction."""
    dialect = session.get_bind().dialect.name
    stmt = _INSERTS.get((dialect, model))
    if stmt is None:  # built once per table: the values go as parameters
        key = inspect(model).primary_key
        stmt = _insert(session, model.__table__).on_conflict_do_nothing().returning(*key)
        _INSERTS[(dialect, model)] = stmt
    row = session.execute(stmt, values).first()
    if row is None:
        return None
    return row[0] if len(row) == 1 else tuple(row)


_INSERTS: dict[tuple[str, Any], Any] = {}


def insert_all_unless_exist(
    session: Session, model: Any, rows: Sequence[dict[str, Any]], *returning: Any
) -> list[tuple[Any, ...]]:
    """`insert_unless_exists` for many rows in a few statements (INSERT … VALUES …, … ON
    CONFLICT DO NOTHING, `INSERT_BATCH` rows each): the `returning` columns of the rows
    inserted, in no particular order. Rows already there, or repeated in `rows`, are left out."""
    inserted: list[tuple[Any, ...]] = []
    for start in range(0, len(rows), INSERT_BATCH):
        stmt = _insert(session, model).values(list(rows[start : start + INSERT_BATCH]))
        found = session.execute(stmt.on_conflict_do_nothing().returning(*returning))
        inserted.extend(tuple(row) for row in found)
    return inserted
