"""The `partnerbot` command: run the bot (Socket Mode or console), serve HTTP, manage the DB."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from bot.config import Settings, fail, load_settings, prepare_data_dir
from storage.db import pending_migrations, upgrade

if TYPE_CHECKING:
    from apscheduler.schedulers.base import BaseScheduler

    from bot.app import Bot

log = logging.getLogger("partnerbot")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="partnerbot",
        description="A Slack bot for school CTE teams and their industry partners. With no "
        "command: Socket Mode when SLACK_BOT_TOKEN and SLACK_APP_TOKEN are set, otherwise "
        "the local console.",
    )
    parser.add_argument("--verbose", "-v", action="store_true", help="log debug details")
    parser.add_argument(
        "--no-scheduler",
        action="store_true",
        help="don't send digests from this process (run `partnerbot scheduler` instead); "
        "also accepted after `serve`",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    console = commands.add_parser("console", help="try the bot locally, no Slack needed")
    console.add_argument("--user", help="the local user name to act as (default: your login)")

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
    prepare_data_dir(settings)
    if args.command in (None, "console") and not settings.has_slack_tokens and not args.verbose:
        logging.getLogger().setLevel(logging.WARNING)

    if args.command == "db":
        upgrade(settings.database_url)
        print("partnerbot: database is up to date")
        return

    if args.command == "import":
        from bot.importing import run_import

        _require_current_schema(settings)
        raise SystemExit(run_import(settings, args))

    if args.command == "console" or (args.command is None and not settings.has_slack_tokens):
        from bot.console.repl import run_console

        upgrade(settings.database_url)
        raise SystemExit(run_console(settings, user=getattr(args, "user", None)))

    from bot.app import build

    if args.command in ("scheduler", "jobs"):
        _run_jobs(settings, args)
        return

    if args.command == "serve":
        if not settings.has_slack_tokens:
            fail("SLACK_BOT_TOKEN: required for `partnerbot serve` (try `partnerbot console`)")
        _require_tokens_for_slack(settings)
        _require_current_schema(settings)
        from bot.http import serve
        from bot.stopping import Stopping

        bot = build(settings, warm_in_background=True)
        ticking = None if args.no_scheduler else _start_scheduler(bot, settings)
        serve(
            bot,
            host=args.host,
            port=args.port,
            threads=args.threads,
            scheduler=ticking,
            stopping=Stopping(settings.partnerbot_stop_seconds),
        )
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
    from bot.stopping import Stopping

    bot = build(settings, warm_in_background=True)
    ticking = None if args.no_scheduler else _start_scheduler(bot, settings)
    run_socket_mode(
        bot,
        settings.slack_app_token,
        scheduler=ticking,
        stopping=Stopping(settings.partnerbot_stop_seconds),
    )


def _start_scheduler(bot: Bot, settings: Settings) -> BaseScheduler | None:
    from scheduler.ticker import start_in_background

    deps = bot.deps
    return start_in_background(
        deps.sessions, bot.app.client, deps.clock, deps.zones, settings.partnerbot_send_workers
    )


def _run_jobs(settings: Settings, args: argparse.Namespace) -> None:
    """`partnerbot scheduler` and `partnerbot jobs run [--at WHEN]`."""
    from bot.app import create_app
    from scheduler.jobs import run_due_jobs
    from scheduler.when import parse_at
    from storage.clock import FrozenClock, SystemClock

    at = None
    if args.command == "jobs" and args.at is not None:
        try:
            at = parse_at(args.at)
        except ValueError as exc:
            fail(f"--at: {exc}")
    if not settings.slack_bot_token:
        fail("SLACK_BOT_TOKEN: required to send digests (scheduled jobs post to Slack)")
    _require_current_schema(settings)
    clock = FrozenClock(at) if at is not None else SystemClock()
    app, deps = create_app(settings, clock=clock)
    if args.command == "jobs":
        report = run_due_jobs(
            deps.sessions,
            app.client,
            deps.zones,
            now=deps.clock.now(),
            workers=settings.partnerbot_send_workers,
        )
        print(f"partnerbot: {report}")
        raise SystemExit(1 if report.failed or report.given_up else 0)
    from scheduler.ticker import run_forever

    run_forever(
        deps.sessions,
        app.client,
        deps.clock,
        deps.zones,
        settings.partnerbot_send_workers,
        stop_seconds=settings.partnerbot_stop_seconds,
    )
