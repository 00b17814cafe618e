"""Whole-database backups and restores: SQLite through its backup API (no `sqlite3` program
needed), PostgreSQL through `pg_dump` / `pg_restore` from the PATH. Backup files are readable
by their owner only, whatever the umask."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import IO

from sqlalchemy import inspect, make_url, text

from storage.db import make_engine, private_sqlite_file

PG_SECONDS = 3600
"""How long pg_dump or pg_restore may run."""


class BackupError(Exception):
    """A backup or restore could not be made; the message is one line saying why."""


def describe(url: str) -> str:
    """The database of `url` for people and logs, without its password: 'SQLite /path' or
    'PostgreSQL user@host:port/name'."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return f"SQLite {parsed.database or ':memory:'}"
    where = f"{parsed.host or 'localhost'}{f':{parsed.port}' if parsed.port else ''}"
    user = f"{parsed.username}@" if parsed.username else ""
    return f"PostgreSQL {user}{where}/{parsed.database or ''}"


def database_name(url: str) -> str:
    """The name a person types to confirm a restore: the file name or the database name."""
    return Path(make_url(url).database or "").name


def holds_data(url: str) -> bool:
    """True when the database at `url` has any table (a restore would replace it)."""
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return bool(inspect(conn).get_table_names())
    finally:
        engine.dispose()


def _private_file(path: Path) -> int:
    """Create `path` (which must not exist) readable and writable by its owner only."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise BackupError(f"{path} already exists; choose a new file name") from None
    except OSError as error:
        raise BackupError(f"cannot create {path}: {error.strerror}") from None
    os.fchmod(fd, 0o600)  # the umask may have taken the owner's bits away
    return fd


def _sqlite_path(url: str) -> str:
    database = make_url(url).database
    if not database or database == ":memory:" or database.startswith("file:"):
        raise BackupError("DATABASE_URL: only a SQLite file can be backed up or restored")
    return database


def _program(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(
            f"{name} was not found on the PATH; install PostgreSQL's client programs "
            f"(e.g. `apt-get install postgresql-client`) or add their folder to PATH"
        )
    return found


def _libpq(url: str) -> tuple[str, dict[str, str]]:
    """The libpq connection string of `url` and the environment carrying its password (kept
    out of the command line, which other users can see)."""
    from psycopg.conninfo import make_conninfo  # only PostgreSQL's backups need the driver

    parsed = make_url(url)
    options = {k: v if isinstance(v, str) else v[-1] for k, v in parsed.query.items()}
    conninfo = make_conninfo(
        host=parsed.host or "",
        port=str(parsed.port or ""),
        user=parsed.username or "",
        dbname=parsed.database or "",
        **options,
    )
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = parsed.password
    return conninfo, env


def _run(command: list[str], env: dict[str, str], stdout: int | IO[bytes]) -> None:
    """Run a PostgreSQL program; its first error line becomes a BackupError."""
    result = subprocess.run(  # noqa: S603 - our own argument list, no shell
        command,
        env=env,
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        timeout=PG_SECONDS,
        check=False,
    )
    if result.returncode != 0:
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        raise BackupError(f"{Path(command[0]).name} failed: {lines[0] if lines else 'no reason'}")


def backup(url: str, path: Path) -> None:
    """Write a consistent copy of the database at `url` to the new file `path` (mode 0600)."""
    sqlite = make_url(url).get_backend_name() == "sqlite"
    if sqlite and not Path(_sqlite_path(url)).is_file():
        raise BackupError(f"there is no database at {_sqlite_path(url)} to back up")
    fd = _private_file(path)
    try:
        if sqlite:
            os.close(fd)
            source = sqlite3.connect(_sqlite_path(url))
            target = sqlite3.connect(path)
            try:
                source.backup(target)
            finally:
                target.close()
                source.close()
        else:
            conninfo, env = _libpq(url)
            with os.fdopen(fd, "wb") as out:
                _run(
                    [_program("pg_dump"), "--format=custom", "--no-owner", "--dbname", conninfo],
                    env,
                    stdout=out,
                )
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def restore(url: str, path: Path) -> None:
    """Replace everything in the database at `url` with the backup `path` (checked first)."""
    if not path.is_file():
        raise BackupError(f"{path}: no such file")
    if make_url(url).get_backend_name() == "sqlite":
        _restore_sqlite(url, path)
        return
    restorer = _program("pg_restore")
    _run([restorer, "--list", str(path)], dict(os.environ), stdout=subprocess.DEVNULL)
    _empty_postgres(url)
    conninfo, env = _libpq(url)
    _run(
        [
            restorer,
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            "--dbname",
            conninfo,
            str(path),
        ],
        env,
        stdout=subprocess.DEVNULL,
    )


def _restore_sqlite(url: str, path: Path) -> None:
    try:
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            if source.execute("PRAGMA quick_check").fetchone() != ("ok",):
                raise BackupError(f"{path} is a damaged SQLite database")
        finally:
            source.close()
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path} is not a SQLite database ({error})") from None
    private_sqlite_file(url)
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    target = sqlite3.connect(_sqlite_path(url))
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()


def _empty_postgres(url: str) -> None:
    """Drop every table, view, sequence and type in the public schema, in one transaction."""
    kinds = {
        "VIEW": "SELECT viewname FROM pg_views WHERE schemaname = 'public'",
        "TABLE": "SELECT tablename FROM pg_tables WHERE schemaname = 'public'",
        "SEQUENCE": "SELECT sequencename FROM pg_sequences WHERE schemaname = 'public'",
        "TYPE": "SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
        "WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd')",
    }
    engine = make_engine(url, timeouts=False)
    try:
        with engine.begin() as conn:
            for kind, query in kinds.items():
                for name in conn.scalars(text(query)).all():
                    quoted = conn.dialect.identifier_preparer.quote(str(name))
                    conn.execute(text(f"DROP {kind} IF EXISTS public.{quoted} CASCADE"))
    finally:
        engine.dispose()
