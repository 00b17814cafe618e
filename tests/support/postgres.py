"""A real, throwaway PostgreSQL server for the tests.

`PostgresServer().start()` runs `initdb` into a temporary directory and starts the server on
127.0.0.1 (a free port, unix socket in the same directory, fsync off). When the tests run as
root, initdb and pg_ctl run as the `postgres` OS user. PostgreSQL must be installed: the tests
do not skip without it (CI installs it).
"""

from __future__ import annotations

import atexit
import contextlib
import glob
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from types import TracebackType

import psycopg
from psycopg import sql

ENV_BINDIR = "PARTNERBOT_PG_BINDIR"
"""Set this to PostgreSQL's bin directory to choose a server explicitly."""

PREFIX = "partnerbot-pg-"
OWNER_FILE = "owner.pid"
_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


class PostgresNotInstalledError(RuntimeError):
    """initdb / pg_ctl could not be found."""


def _version_key(path: str) -> tuple[int, ...]:
    digits = re.findall(r"\d+", Path(path).parent.name)
    return tuple(int(d) for d in digits)


def find_bindir() -> Path:
    """The directory that holds PostgreSQL's initdb and pg_ctl."""
    candidates: list[Path] = []
    if os.environ.get(ENV_BINDIR):
        candidates.append(Path(os.environ[ENV_BINDIR]))
    pg_config = shutil.which("pg_config")
    if pg_config:
        try:
            out = subprocess.run(
                [pg_config, "--bindir"], capture_output=True, text=True, check=True, timeout=10
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            out = ""
        if out:
            candidates.append(Path(out))
    for found in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_version_key, reverse=True):
        candidates.append(Path(found))
    initdb = shutil.which("initdb")
    if initdb:
        candidates.append(Path(initdb).resolve().parent)
    for bindir in candidates:
        if (bindir / "initdb").is_file() and (bindir / "pg_ctl").is_file():
            return bindir
    raise PostgresNotInstalledError(
        "PostgreSQL server binaries (initdb, pg_ctl) were not found via $"
        f"{ENV_BINDIR}, `pg_config --bindir`, /usr/lib/postgresql/*/bin or PATH. "
        "Install PostgreSQL (e.g. `apt-get install postgresql`, as .ci/run does): "
        "the tests run against it and do not skip."
    )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _utf8_locale() -> str:
    try:
        out = subprocess.run(
            ["locale", "-a"], capture_output=True, text=True, check=False, timeout=10
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return "C"
    names = {line.strip().lower().replace("-", "") for line in out.splitlines()}
    return "C.UTF-8" if "c.utf8" in names else "C"


def _run_pg(
    bindir: Path, as_postgres: bool, args: tuple[str, ...], *, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    command = [str(bindir / args[0]), *args[1:]]
    if as_postgres:
        command = ["runuser", "-u", "postgres", "--", *command]
    result = subprocess.run(
        command,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        cwd=cwd,
        env={**os.environ, "LC_ALL": "C", "TZ": "UTC"},
    )
    if result.returncode != 0:
        raise RuntimeError(
            f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
        )
    return result


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a killed owner can linger as a zombie when nothing reaps it
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state not in ("Z", "X")


def reap_orphans(bindir: Path, *, as_postgres: bool) -> list[Path]:
    """Stop and delete servers left by killed test runs (their owner process is gone)."""
    reaped: list[Path] = []
    for root in Path(tempfile.gettempdir()).glob(PREFIX + "*"):
        try:
            pid = int((root / OWNER_FILE).read_text().strip())
        except (OSError, ValueError):
            continue
        if pid == os.getpid() or _alive(pid):
            continue
        if (root / "data" / "postmaster.pid").exists():
            with contextlib.suppress(RuntimeError, OSError, subprocess.SubprocessError):
                _run_pg(
                    bindir,
                    as_postgres,
                    ("pg_ctl", "stop", "-m", "immediate", "-D", str(root / "data")),
                )
        shutil.rmtree(root, ignore_errors=True)
        reaped.append(root)
    return reaped


class PostgresServer:
    """One PostgreSQL cluster in a temporary directory, for one test session."""

    def __init__(self, *, database: str = "partnerbot", bindir: Path | None = None) -> None:
        self.database = database
        self._bindir = bindir
        self.port = 0
        self.root: Path | None = None
        self.startup_seconds = 0.0
        self._as_postgres = os.geteuid() == 0
        self._running = False

    # -- lifecycle ------------------------------------------------------------------------

    @property
    def bindir(self) -> Path:
        """Where initdb and pg_ctl live."""
        if self._bindir is None:
            self._bindir = find_bindir()
        return self._bindir

    @property
    def datadir(self) -> Path:
        """The cluster's data directory."""
        if self.root is None:
            raise RuntimeError("PostgresServer is not started")
        return self.root / "data"

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return _run_pg(self.bindir, self._as_postgres, args, cwd=self.root)

    def start(self) -> PostgresServer:
        """initdb, start the server and create the default database; return self."""
        if self._running:
            return self
        began = time.perf_counter()
        reap_orphans(self.bindir, as_postgres=self._as_postgres)
        self.root = Path(tempfile.mkdtemp(prefix=PREFIX))
        atexit.register(self.stop)
        try:
            (self.root / OWNER_FILE).write_text(str(os.getpid()))
            if self._as_postgres:
                shutil.chown(self.root, user="postgres", group="postgres")
            self._run(
                "initdb",
                "-D",
                str(self.datadir),
                "-A",
                "trust",
                "-U",
                "postgres",
                "--no-sync",
                "-E",
                "UTF8",
                f"--locale={_utf8_locale()}",
            )
            self._start_server()
            self._create(self.database)
        except BaseException:
            self.stop()
            raise
        self.startup_seconds = time.perf_counter() - began
        return self

    def _start_server(self) -> None:
        assert self.root is not None
        last: RuntimeError | None = None
        for _ in range(5):
            self.port = _free_port()
            options = " ".join(
                [
                    "-h 127.0.0.1",
                    f"-p {self.port}",
                    f"-k {self.root}",
                    "-F",
                    "-c full_page_writes=off",
                    "-c synchronous_commit=off",
                    "-c max_connections=200",
                ]
            )
            try:
                self._run(
                    "pg_ctl",
                    "start",
                    "-w",
                    "-t",
                    "60",
                    "-D",
                    str(self.datadir),
                    "-l",
                    str(self.root / "server.log"),
                    "-o",
                    options,
                )
            except RuntimeError as error:
                last = error
                continue
            self._running = True
            return
        log = self.root / "server.log"
        detail = log.read_text(errors="replace")[-4000:] if log.exists() else ""
        raise RuntimeError(f"PostgreSQL did not start: {last}\n{detail}")

    def stop(self) -> None:
        """Stop the server immediately and delete its directory; safe to call twice."""
        if self._running:
            self._running = False
            with contextlib.suppress(RuntimeError, OSError, subprocess.SubprocessError):
                self._run("pg_ctl", "stop", "-m", "immediate", "-w", "-D", str(self.datadir))
        if self.root is not None:
            shutil.rmtree(self.root, ignore_errors=True)
            self.root = None
        atexit.unregister(self.stop)

    # -- faults (a database that goes away or stops answering mid-test) -------------------

    def halt(self) -> None:
        """Stop the server (connections are refused) but keep its data, to `resume()` later."""
        self._run("pg_ctl", "stop", "-m", "fast", "-w", "-D", str(self.datadir))

    def resume(self) -> None:
        """Start a halted server again, on the same port."""
        assert self.root is not None
        self._run(
            "pg_ctl", "start", "-w", "-t", "60", "-D", str(self.datadir),
            "-l", str(self.root / "server.log"),
            "-o", f"-h 127.0.0.1 -p {self.port} -k {self.root} -F -c max_connections=200",
        )  # fmt: skip

    def _pids(self) -> list[int]:
        leader = int((self.datadir / "postmaster.pid").read_text().split()[0])
        pids = [leader]
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if fields[1] == str(leader):
                pids.append(int(stat.parent.name))
        return pids

    def freeze(self) -> None:
        """Stop every server process (SIGSTOP): connections open, nothing ever answers."""
        for pid in self._pids():
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGSTOP)

    def thaw(self) -> None:
        """Let a frozen server answer again (SIGCONT)."""
        for pid in self._pids():
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGCONT)

    def __enter__(self) -> PostgresServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- databases ------------------------------------------------------------------------

    def url_for(self, name: str) -> str:
        """The SQLAlchemy URL (psycopg 3) of database `name` on this server."""
        if not self._running:
            raise RuntimeError("PostgresServer is not started")
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{name}"

    @property
    def url(self) -> str:
        """The SQLAlchemy URL of the default database."""
        return self.url_for(self.database)

    def _create(self, name: str) -> None:
        if not _NAME.match(name):
            raise ValueError(f"not a plain database name: {name!r}")
        conninfo = f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres"
        with psycopg.connect(conninfo, autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))

    def create_database(self, name: str) -> str:
        """Create an empty database `name` (lowercase letters, digits, _) and return its URL."""
        if not self._running:
            raise RuntimeError("PostgresServer is not started")
        self._create(name)
        return self.url_for(name)

    def empty_database(self, name: str, *, keep: tuple[str, ...] = ("alembic_version",)) -> str:
        """Delete every row of every table in database `name` (but those in `keep`), restart its
        sequences, and return its URL: a migrated database made fresh again in ~35 ms, where
        CREATE DATABASE takes 100–250 ms. Connections left open to it are closed first."""
        if not self._running:
            raise RuntimeError("PostgresServer is not started")
        if not _NAME.match(name):
            raise ValueError(f"not a plain database name: {name!r}")
        conninfo = f"host=127.0.0.1 port={self.port} user=postgres dbname={name}"
        with psycopg.connect(conninfo, autocommit=True) as conn:
            conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            tables = [
                str(row[0])
                for row in conn.execute(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                )
                if row[0] not in keep
            ]
            if tables:
                conn.execute(
                    sql.SQL("TRUNCATE {} RESTART IDENTITY CASCADE").format(
                        sql.SQL(", ").join(sql.Identifier(t) for t in tables)
                    )
                )
        return self.url_for(name)

    def drop_database(self, name: str) -> None:
        """Drop database `name`, closing any connections still open to it."""
        if not self._running:
            return
        conninfo = f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres"
        with psycopg.connect(conninfo, autocommit=True) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
