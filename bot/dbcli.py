"""`partnerbot db current | upgrade | downgrade REV | backup PATH | restore PATH` and
`partnerbot --version`: what an administrator runs to keep the database."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

from bot.config import EXIT_DATABASE_UNREACHABLE, EXIT_SCHEMA_AHEAD, Settings, fail
from storage.backup import BackupError, backup, database_name, describe, holds_data, restore
from storage.migrate import (
    DatabaseUnreachable,
    MigrationRefused,
    Moved,
    Schema,
    SchemaAhead,
    ahead_message,
    known_revisions,
    migrate,
    read_schema,
)


def version_line() -> str:
    """What `partnerbot --version` prints."""
    return f"partnerbot {installed_version()} (database schema {known_revisions()[-1]})"


def installed_version() -> str:
    """partnerbot's version as installed (pip), or 'unknown' when run from a bare checkout."""
    try:
        return metadata.version("partnerbot")
    except metadata.PackageNotFoundError:
        return "unknown"


def add_db_parser(commands: Any) -> None:
    """`partnerbot db …` and its actions, on the CLI's subcommands."""
    db = commands.add_parser("db", help="database maintenance (schema, backups)")
    actions = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    actions.add_parser("current", help="say which schema revision the database is at")
    actions.add_parser("upgrade", help="create or upgrade the tables to the newest schema")
    down = actions.add_parser(
        "downgrade", help="take the schema back to REV (before running an older version)"
    )
    down.add_argument("revision", metavar="REV", help="a revision, e.g. 0008 (see `db current`)")
    save = actions.add_parser("backup", help="write a backup of the database to a new file")
    save.add_argument("path", metavar="PATH", type=Path, help="the file to create")
    load = actions.add_parser("restore", help="replace the database with a backup")
    load.add_argument("path", metavar="PATH", type=Path, help="a file `db backup` wrote")
    load.add_argument(
        "--yes", action="store_true", help="replace a database that holds data without asking"
    )


def run_db(settings: Settings, args: argparse.Namespace, ask: Callable[[str], str] = input) -> None:
    """Run `partnerbot db ACTION`; a failure is one line on stderr and a non-zero exit."""
    url = settings.database_url
    try:
        if args.db_command == "current":
            print(f"partnerbot: {describe(url)}: {_where(read_schema(url))}")
        elif args.db_command in ("upgrade", "downgrade"):
            target = "head" if args.db_command == "upgrade" else args.revision
            moved = migrate(url, target, downward=args.db_command == "downgrade")
            print(f"partnerbot: {_moved(moved)} ({describe(url)})")
        elif args.db_command == "backup":
            backup(url, args.path)
            print(f"partnerbot: backed up {describe(url)} to {args.path} (readable by you only)")
        else:
            _restore(url, args.path, args.yes, ask)
    except DatabaseUnreachable as error:
        fail(f"DATABASE_URL: cannot open the database ({error})", EXIT_DATABASE_UNREACHABLE)
    except SchemaAhead as error:
        fail(str(error), EXIT_SCHEMA_AHEAD)
    except (MigrationRefused, BackupError) as error:
        fail(str(error))


def _where(schema: Schema) -> str:
    state = schema.state
    if state == "empty":
        return f"no schema yet; `partnerbot db upgrade` creates it at {schema.head}"
    if state == "ahead":
        return ahead_message(schema)
    if state == "behind":
        return (
            f"at {schema.current}, behind this partnerbot's {schema.head}; "
            "run `partnerbot db upgrade`"
        )
    return f"at {schema.current} (the newest this partnerbot knows)"


def _moved(moved: Moved) -> str:
    if moved.before is None:
        return f"created the schema at {moved.after}"
    if moved.before == moved.after:
        return f"already at {moved.after}"
    known = known_revisions()
    verb = "upgraded" if known.index(str(moved.after)) > known.index(moved.before) else "downgraded"
    return f"{verb} {moved.before} → {moved.after}"


def _restore(url: str, path: Path, yes: bool, ask: Callable[[str], str]) -> None:
    if not path.is_file():
        raise BackupError(f"{path}: no such file")
    if holds_data(url) and not yes:
        name = database_name(url)
        try:
            typed = ask(
                f"partnerbot: this replaces everything in {describe(url)} with {path}.\n"
                f"Stop partnerbot first. Type the database's name ({name}) to go on: "
            )
        except EOFError:
            typed = ""
        if typed.strip() != name:
            fail("restore cancelled, nothing was changed (type the name, or add --yes)")
    restore(url, path)
    schema = read_schema(url)
    after = {
        "behind": "; now run `partnerbot db upgrade`",
        "ahead": "; it is newer than this partnerbot",
        "empty": "; it holds no partnerbot schema",
    }.get(schema.state, "")
    print(f"partnerbot: restored {path} into {describe(url)} (schema {schema.current}){after}")
    sys.stdout.flush()
