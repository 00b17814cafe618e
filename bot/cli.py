"""The `partnerbot` command: run the bot (Socket Mode or console), serve HTTP, manage the DB."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from bot.config import Settings, fail, load_settings
from storage.db import pending_migrations, upgrade

log = logging.getLogger("partnerbot")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="partnerbot",
        description="A Slack bot for school CTE teams and their industry partners. With no "
        "command: Socket Mode when SLACK_BOT_TOKEN and SLACK_APP_TOKEN are set, otherwise "
        "the local console.",
    )
    parser.add_argument("--verbose", "-v", action="store_true", help="log debug details")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    console = commands.add_parser("console", help="try the bot locally, no Slack needed")
    console.add_argument("--user", help="the local user name to act as (default: your login)")

    serve = commands.add_parser("serve", help="serve Slack's requests over HTTP")
    serve.add_argument("--host", default="0.0.0.0", help="address to listen on (default 0.0.0.0)")  # noqa: S104
    serve.add_argument("--port", type=int, default=3000, help="port to listen on (default 3000)")
    serve.add_argument("--threads", type=int, default=8, help="worker threads (default 8)")

    db = commands.add_parser("db", help="database maintenance")
    db_commands = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    db_commands.add_parser("upgrade", help="create or upgrade the tables to the newest schema")
    return parser


def _require_current_schema(settings: Settings) -> None:
    try:
        behind = pending_migrations(settings.database_url)
    except Exception as exc:  # connection problems of any driver: one clear line, no traceback
        fail(
            f"DATABASE_URL: cannot open the database ({type(exc).__name__}: {exc})".splitlines()[0]
        )
    if behind:
        fail("the database schema is not up to date; run `partnerbot db upgrade` first")


def _require_tokens_for_slack(settings: Settings) -> None:
    if not settings.slack_signing_secret:
        fail("SLACK_SIGNING_SECRET: required when SLACK_BOT_TOKEN is set (Basic Information page)")


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of the `partnerbot` console script."""
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    settings = load_settings()
    if args.command in (None, "console") and not settings.has_slack_tokens and not args.verbose:
        logging.getLogger().setLevel(logging.WARNING)

    if args.command == "db":
        upgrade(settings.database_url)
        print("partnerbot: database is up to date")
        return

    if args.command == "console" or (args.command is None and not settings.has_slack_tokens):
        from bot.console import run_console

        upgrade(settings.database_url)
        raise SystemExit(run_console(settings, user=getattr(args, "user", None)))

    from bot.app import create_app

    if args.command == "serve":
        if not settings.has_slack_tokens:
            fail("SLACK_BOT_TOKEN: required for `partnerbot serve` (try `partnerbot console`)")
        _require_tokens_for_slack(settings)
        _require_current_schema(settings)
        from bot.http import serve

        app, deps = create_app(settings)
        serve(app, deps.sessions, host=args.host, port=args.port, threads=args.threads)
        return

    # No command and a bot token: Socket Mode.
    if not settings.slack_app_token:
        fail(
            "SLACK_APP_TOKEN: required for Socket Mode (an xapp- token with connections:write); "
            "or run `partnerbot serve` for HTTP"
        )
    _require_tokens_for_slack(settings)
    _require_current_schema(settings)
    from bot.socket import run_socket_mode

    app, _ = create_app(settings)
    run_socket_mode(app, settings.slack_app_token)
