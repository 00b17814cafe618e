"""The `partnerbot` command: run the bot (Socket Mode or console), serve HTTP, manage the DB."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from bot.cliargs import command_line
from bot.config import (
    DATABASE_FILE,
    EXIT_DATABASE_UNREACHABLE,
    EXIT_SCHEMA_AHEAD,
    Settings,
    fail,
    load_settings,
    prepare_data_dir,
    sqlite_url,
)
from bot.dbcli import run_db
from bot.envfiles import EnvFile, find_env_file, permission_warning
from bot.logs import configure_logging
from storage.migrate import upgrade

if TYPE_CHECKING:
    from apscheduler.schedulers.base import BaseScheduler

    from bot.app import Bot
    from bot.preflight import Workspace
    from storage.db import SessionFactory
    from storage.migrate import Schema

log = logging.getLogger("partnerbot")


def _console_settings(settings: Settings, args: argparse.Namespace) -> Settings:
    """The console's settings with `--data-dir DIR` or `--fresh` (a new folder) applied."""
    chosen = getattr(args, "data_dir", None)
    if getattr(args, "fresh", False):
        if chosen is None and not settings.uses_data_dir:
            fail("--fresh: DATABASE_URL is set; unset it, or give --data-dir DIR as well")
        base = Path(chosen).expanduser() if chosen else settings.partnerbot_data_dir
        stamp = datetime.now(UTC).astimezone().strftime("%Y%m%d-%H%M%S")
        fresh = base / f"console-{stamp}"
        n = 1
        while fresh.exists():
            n += 1
            fresh = base / f"console-{stamp}-{n}"
        previous = settings.database_url.removeprefix("sqlite:///")
        print(
            f"partnerbot console: starting over in {fresh} ({previous} is left as it was; "
            f"come back to this one with `partnerbot console --data-dir {fresh}`)",
            flush=True,
        )
        chosen = str(fresh)
    if chosen is None:
        return settings
    folder = Path(chosen).expanduser().absolute()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return settings.model_copy(
        update={"partnerbot_data_dir": folder, "database_url": sqlite_url(folder / DATABASE_FILE)}
    )


def _logging(verbose: bool, log_format: str) -> None:
    """Log lines (or JSON objects) to stderr; without -v, only what an operator needs from the
    libraries (not Alembic's or APScheduler's routine INFO lines)."""
    configure_logging(verbose=verbose, log_format=log_format)
    if not verbose:
        for noisy in ("alembic", "apscheduler"):
            logging.getLogger(noisy).setLevel(logging.WARNING)


def _warn_if_exposed(env_file: EnvFile) -> None:
    """Warn when others on this machine may read the configuration file's secrets."""
    if env_file.path is not None:
        warning = permission_warning(env_file.path)
        if warning:
            log.warning("%s", warning)


def _console_asked(args: argparse.Namespace, env_file: EnvFile, settings: Settings) -> bool:
    """True to run the local console: asked for, or no configuration anywhere (said so)."""
    if args.command == "console":
        return True
    if args.command is not None or settings.has_slack_tokens:
        return False
    if env_file.path is not None or settings.slack_app_token or settings.slack_signing_secret:
        fail(
            f"{env_file.path or 'the environment'} sets no SLACK_BOT_TOKEN; set it to connect "
            "to Slack, or run `partnerbot console` to try partnerbot locally"
        )
    print(
        "partnerbot: no configuration found (looked for "
        f"{', '.join(env_file.looked_at)} and SLACK_BOT_TOKEN): starting the local console",
        file=sys.stderr,
    )
    return True


def _upgrade_for_console(settings: Settings) -> None:
    """The console creates or upgrades its database itself; a failure is one line."""
    from storage.migrate import DatabaseUnreachable, SchemaAhead

    try:
        upgrade(settings.database_url)
    except DatabaseUnreachable as error:
        fail(f"DATABASE_URL: cannot open the database ({error})", EXIT_DATABASE_UNREACHABLE)
    except SchemaAhead as error:
        fail(str(error), EXIT_SCHEMA_AHEAD)


def _require_tokens_for_slack(settings: Settings) -> None:
    if not settings.slack_signing_secret:
        fail(
            "SLACK_SIGNING_SECRET: required with SLACK_BOT_TOKEN or SLACK_CLIENT_ID (Basic "
            "Information page)"
        )


def _preflight(
    settings: Settings, env_file: EnvFile, app_token: str | None = None
) -> tuple[Schema, Workspace]:
    """Say which configuration file was read, then check the database and Slack's tokens (one
    line and an exit code when either fails)."""
    from bot.preflight import check_database, check_slack

    log.info("%s", env_file.describe())
    return check_database(settings), check_slack(settings, app_token=app_token)


def _started(
    transport: str, settings: Settings, checked: tuple[Schema, Workspace], *, scheduler: bool
) -> None:
    from bot.preflight import summary
    from handlers import FEATURES

    names = [feature.name for feature in FEATURES]
    log.info("%s", summary(transport, settings, *checked, names, scheduler=scheduler))


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of the `partnerbot` console script."""
    args = command_line().parse_args(argv)
    _logging(args.verbose, args.log_format)
    env_file = find_env_file(args.env_file)
    settings = load_settings(env_file.path)
    console = args.command != "db" and _console_asked(args, env_file, settings)
    quiet = console or (args.command == "jobs" and not settings.has_slack_tokens)
    if quiet and not args.verbose:
        logging.getLogger().setLevel(logging.WARNING)  # the console's screen stays clean
    _warn_if_exposed(env_file)
    serving = args.command in ("serve", "scheduler", "jobs") or (
        args.command is None and settings.has_slack_tokens
    )
    if settings.partnerbot_sentry_dsn and serving:  # never from the console or `db`
        from bot.sentry import init_sentry

        init_sentry(settings.partnerbot_sentry_dsn)
    prepare_data_dir(settings)

    if args.command == "db":
        log.info("%s", env_file.describe())
        run_db(settings, args)
        return
    if args.command in ("export", "workspace"):
        from bot.datacli import run_export, run_workspace_delete
        from bot.preflight import check_database

        check_database(settings)
        run = run_export if args.command == "export" else run_workspace_delete
        run(settings, args)
        return
    if args.command == "import":
        from bot.importing import run_import
        from bot.preflight import check_database

        check_database(settings)
        raise SystemExit(run_import(settings, args))
    if console:
        from bot.console.repl import run_console

        settings = _console_settings(settings, args)
        _upgrade_for_console(settings)
        user, tour = getattr(args, "user", None), getattr(args, "tour", False)
        raise SystemExit(run_console(settings, user=user, tour=tour))
    if args.command in ("scheduler", "jobs"):
        _run_jobs(settings, args, env_file)
        return

    if args.command is None and settings.oauth:
        fail("SLACK_CLIENT_ID: installing in many workspaces needs `partnerbot serve` (HTTP)")

    if args.command == "serve":
        if not settings.has_slack_tokens:
            fail("SLACK_BOT_TOKEN: required for `partnerbot serve` (try `partnerbot console`)")
        _serve(settings, args, env_file)
        return
    if not settings.slack_app_token:  # no command and a bot token: Socket Mode
        fail(
            "SLACK_APP_TOKEN: required for Socket Mode (an xapp- token with connections:write); "
            "or run `partnerbot serve` for HTTP"
        )
    _socket_mode(settings, args, env_file, settings.slack_app_token)


def _serve(settings: Settings, args: argparse.Namespace, env_file: EnvFile) -> None:
    _require_tokens_for_slack(settings)
    checked = _preflight(settings, env_file)
    from bot.app import build
    from bot.http import serve
    from bot.stopping import Stopping

    bot = build(settings, warm_in_background=True)
    ticking = None if args.no_scheduler else _start_scheduler(bot, settings)
    _started(f"HTTP on {args.host}:{args.port}", settings, checked, scheduler=bool(ticking))
    serve(
        bot,
        host=args.host,
        port=args.port,
        threads=args.threads,
        scheduler=ticking,
        stopping=Stopping(settings.partnerbot_stop_seconds),
    )


def _socket_mode(
    settings: Settings, args: argparse.Namespace, env_file: EnvFile, app_token: str
) -> None:
    _require_tokens_for_slack(settings)
    checked = _preflight(settings, env_file, app_token)
    from bot.app import build
    from bot.socket import run_socket_mode
    from bot.stopping import Stopping

    bot = build(settings, warm_in_background=True)
    _serve_metrics(bot.deps.sessions, settings)
    ticking = None if args.no_scheduler else _start_scheduler(bot, settings)
    _started("Socket Mode", settings, checked, scheduler=bool(ticking))
    run_socket_mode(
        bot,
        app_token,
        scheduler=ticking,
        stopping=Stopping(settings.partnerbot_stop_seconds),
    )


def _serve_metrics(sessions: SessionFactory, settings: Settings) -> None:
    """`/metrics` on PARTNERBOT_METRICS_PORT, when set (Socket Mode, the scheduler alone)."""
    if settings.partnerbot_metrics_port is None:
        return
    from bot.metrics import serve_metrics

    try:
        serve_metrics(
            sessions, host=settings.partnerbot_metrics_host, port=settings.partnerbot_metrics_port
        )
    except OSError as exc:
        fail(
            f"PARTNERBOT_METRICS_PORT: cannot listen on {settings.partnerbot_metrics_host}:"
            f"{settings.partnerbot_metrics_port} ({exc.strerror or exc})"
        )


def _start_scheduler(bot: Bot, settings: Settings) -> BaseScheduler | None:
    from scheduler.ticker import start_in_background

    deps = bot.deps
    return start_in_background(
        deps.sessions,
        bot.senders or bot.app.client,
        deps.clock,
        deps.zones,
        settings.partnerbot_send_workers,
        settings.partnerbot_uninstalled_keep_days,
    )


def _run_jobs(settings: Settings, args: argparse.Namespace, env_file: EnvFile) -> None:
    """`partnerbot scheduler` and `partnerbot jobs run [--at WHEN]`."""
    from bot.app import build
    from scheduler.jobs import run_due_jobs
    from scheduler.when import parse_at
    from storage.clock import FrozenClock, SystemClock

    at = None
    if args.command == "jobs" and args.at is not None:
        try:
            at = parse_at(args.at)
        except ValueError as exc:
            fail(f"--at: {exc}")
    if not settings.has_slack_tokens and args.command == "jobs":
        from bot.console.repl import console_jobs

        _upgrade_for_console(settings)
        report = console_jobs(settings, at)
        print(f"partnerbot: {report}")
        raise SystemExit(1 if report.failed or report.given_up else 0)
    if not settings.has_slack_tokens:
        fail("SLACK_BOT_TOKEN: required to send digests (scheduled jobs post to Slack)")
    checked = _preflight(settings, env_file)
    clock = FrozenClock(at) if at is not None else SystemClock()
    bot = build(settings, clock=clock)
    app, deps = bot.app, bot.deps
    keep_days = settings.partnerbot_uninstalled_keep_days
    if args.command == "jobs":
        report = run_due_jobs(
            deps.sessions,
            bot.senders or app.client,
            deps.zones,
            now=deps.clock.now(),
            workers=settings.partnerbot_send_workers,
            keep_days=keep_days,
        )
        print(f"partnerbot: {report}")
        raise SystemExit(1 if report.failed or report.given_up else 0)
    from scheduler.ticker import run_forever

    _serve_metrics(deps.sessions, settings)
    _started("scheduler only", settings, checked, scheduler=True)
    run_forever(
        deps.sessions,
        bot.senders or app.client,
        deps.clock,
        deps.zones,
        settings.partnerbot_send_workers,
        stop_seconds=settings.partnerbot_stop_seconds,
        keep_days=keep_days,
    )
