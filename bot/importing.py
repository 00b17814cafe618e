"""`partnerbot import FILE --team T --as U [--dry-run]` and `partnerbot import --undo ID …`:
the same reading, preview and one-transaction import as in Slack, printed for an operator.
Owners are looked up in Slack when SLACK_BOT_TOKEN is set; without it only user ids are read."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.app import make_client
from bot.config import Settings
from handlers.imports import (
    MAX_BYTES,
    People,
    PeopleFor,
    Unreadable,
    keep_preview,
    report,
    slack_people,
)
from storage.clock import SystemClock
from storage.db import SessionFactory, make_engine, make_session_factory
from storage.errors import NotFound, NotYours
from storage.imports.requests import cancel_import, confirm_import, undo_import


def people_for(settings: Settings) -> PeopleFor:
    """Who Owner cells may name: Slack's members, or (no token) user ids as written."""
    if not settings.slack_bot_token:
        return lambda named: People(any_id=True)
    client = make_client(settings.slack_bot_token, settings.slack_api_url)
    return lambda named: slack_people(client, named)


def _undo(sessions: SessionFactory, args: argparse.Namespace) -> int:
    try:
        preview = undo_import(
            sessions, args.team, args.undo, by=args.as_user, now=SystemClock().now()
        )
    except NotFound:
        print(f"partnerbot: there is no import #{args.undo} in {args.team}", file=sys.stderr)
        return 1
    except NotYours as exc:
        print(f"partnerbot: only {exc.owner} or a program lead can undo it", file=sys.stderr)
        return 1
    print(report(preview))
    return 0 if preview.status == "undone" else 1


def _import(sessions: SessionFactory, settings: Settings, args: argparse.Namespace) -> int:
    path = Path(args.file)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise Unreadable(f"{path.name} is over {MAX_BYTES // (1024 * 1024)} MB.")
        data = path.read_bytes()
        preview = keep_preview(
            sessions, SystemClock(), args.team, args.as_user, path.name, data, people_for(settings)
        )
    except OSError as exc:
        print(f"partnerbot: can't read {path}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    except Unreadable as bad:
        print(f"partnerbot: {bad} Nothing was saved.", file=sys.stderr)
        return 1
    print(report(preview, rows=20))
    if args.dry_run:  # the preview kept to show it is dropped, its cells with it
        cancel_import(
            sessions, args.team, preview.batch_id, by=args.as_user, now=SystemClock().now()
        )
        print("(dry run: nothing imported; the preview and the file's cells were dropped)")
        return 0
    done = confirm_import(
        sessions, args.team, preview.batch_id, by=args.as_user, now=SystemClock().now()
    )
    print(report(done))
    print(
        f"Undo it with: partnerbot import --undo {done.batch_id} "
        f"--team {args.team} --as {args.as_user}"
    )
    return 0


def run_import(settings: Settings, args: argparse.Namespace) -> int:
    """The exit status of `partnerbot import …`."""
    if (args.file is None) == (args.undo is None):
        print("partnerbot: give a FILE to import, or --undo ID", file=sys.stderr)
        return 2
    engine = make_engine(settings.database_url)
    try:
        sessions = make_session_factory(engine)
        return _undo(sessions, args) if args.undo is not None else _import(sessions, settings, args)
    finally:
        engine.dispose()
