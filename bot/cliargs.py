"""The `partnerbot` command line: its commands, options and help (bot/cli.py runs them)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from bot.datacli import add_commands
from bot.dbcli import add_db_parser, version_line


def _add_console(commands: Any) -> None:
    """`partnerbot console [--user NAME] [--data-dir DIR] [--fresh] [--tour]`."""
    console = commands.add_parser("console", help="try the bot locally, no Slack needed")
    console.add_argument("--user", help="the local user name to act as (default: your login)")
    console.add_argument(
        "--data-dir",
        metavar="DIR",
        help="keep the console's database (and its users, channels, clock, files) in DIR",
    )
    console.add_argument(
        "--fresh",
        action="store_true",
        help="start over in a new database (a new folder in the data directory); the previous "
        "one is left untouched",
    )
    console.add_argument(
        "--tour",
        action="store_true",
        help="begin with the tour: a small school set up and lived for a week (see `tour`)",
    )


def _add_import(commands: Any) -> None:
    """`partnerbot import FILE --team T --as U [--dry-run] [--undo ID]`."""
    imports = commands.add_parser(
        "import",
        help="import a partner spreadsheet (.xlsx or .csv) into a workspace",
        description="Read FILE, print its preview, then import it (new partners added, those "
        "with the same name updated, near matches and rows with problems skipped) unless "
        "--dry-run. Owners named by name or email are looked up in Slack when SLACK_BOT_TOKEN "
        "is set; without it only Slack user ids (U0…) are read.",
    )
    imports.add_argument("file", nargs="?", help="the spreadsheet (.xlsx, .csv, or a .zip of CSVs)")
    imports.add_argument("--team", required=True, help="the Slack workspace id (T0…)")
    imports.add_argument("--as", dest="as_user", required=True, help="who imports (a user id, U0…)")
    imports.add_argument("--dry-run", action="store_true", help="print the preview, save nothing")
    imports.add_argument("--undo", type=int, metavar="ID", help="undo import number ID instead")


def command_line() -> argparse.ArgumentParser:
    """Every command, option and help text of `partnerbot`."""
    parser = argparse.ArgumentParser(
        prog="partnerbot",
        description="A Slack bot for school CTE teams and their industry partners. With no "
        "command: Socket Mode (SLACK_BOT_TOKEN and SLACK_APP_TOKEN); the local console only "
        "when no configuration exists anywhere.",
    )
    parser.add_argument(
        "--verbose",
        "-v",
        action="store_true",
        help="log debug details (these can include what people typed)",
    )
    parser.add_argument("--version", action="version", version=version_line())
    parser.add_argument(
        "--env-file",
        type=Path,
        metavar="PATH",
        help="read the configuration from PATH (default: $PARTNERBOT_ENV_FILE, else "
        "/etc/partnerbot/partnerbot.env, else ./.env, the first that exists)",
    )
    parser.add_argument(
        "--log-format",
        choices=("text", "json"),
        default="text",
        help="text lines (default) or one JSON object per line, for log collectors",
    )
    parser.add_argument(
        "--no-scheduler",
        action="store_true",
        help="don't send digests from this process (run `partnerbot scheduler` instead); "
        "also accepted after `serve`",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    _add_console(commands)

    serve = commands.add_parser("serve", help="serve Slack's requests over HTTP")
    serve.add_argument("--host", default="0.0.0.0", help="address to listen on (default 0.0.0.0)")  # noqa: S104
    serve.add_argument("--port", type=int, default=3000, help="port to listen on (default 3000)")
    serve.add_argument("--threads", type=int, default=8, help="worker threads (default 8)")

    # The same flag after `serve`: SUPPRESS as the default, so a subparser that does not see it
    # leaves the top-level value alone (argparse copies subparser defaults over it otherwise).
    serve.add_argument(
        "--no-scheduler",
        action="store_true",
        default=argparse.SUPPRESS,
        help="don't send digests from this process (run `partnerbot scheduler` instead)",
    )

    commands.add_parser(
        "scheduler", help="run only the scheduler (digests), e.g. beside several web replicas"
    )
    jobs = commands.add_parser("jobs", help="run scheduled jobs by hand")
    jobs_commands = jobs.add_subparsers(dest="jobs_command", metavar="ACTION", required=True)
    run = jobs_commands.add_parser("run", help="run every due job once and exit")
    run.add_argument(
        "--at",
        metavar="WHEN",
        help="as if it were WHEN (ISO 8601, e.g. 2026-11-23T08:00; an offset like -06:00 is "
        "honoured, none means UTC); default: now",
    )

    _add_import(commands)

    add_db_parser(commands)
    add_commands(commands)
    return parser
