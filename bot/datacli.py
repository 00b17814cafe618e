"""`partnerbot export` and `partnerbot workspace delete`: a workspace's data taken out as files,
and erased, by the operator of the machine partnerbot runs on. The parser is cheap to build;
what the commands need is imported when they run."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.config import Settings, fail

if TYPE_CHECKING:
    from storage.db import SessionFactory


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `export` and `workspace delete` to the `partnerbot` parser."""
    export = commands.add_parser(
        "export", help="write a workspace's records as an .xlsx and a .zip of CSVs"
    )
    export.add_argument("--team", required=True, metavar="TEAM_ID", help="the Slack workspace id")
    export.add_argument("--since", metavar="DATE", help="dated records from DATE (2026-08-01)")
    export.add_argument("--partner", metavar="NAME", help="only this partner's records")
    export.add_argument("path", metavar="PATH", help="the folder to write the files into")

    workspace = commands.add_parser("workspace", help="a workspace's data")
    actions = workspace.add_subparsers(dest="workspace_command", metavar="ACTION", required=True)
    delete = actions.add_parser("delete", help="erase every row of a workspace")
    delete.add_argument("team", metavar="TEAM_ID", help="the Slack workspace id")
    delete.add_argument("--yes", action="store_true", help="don't ask for confirmation")


def _sessions(settings: Settings) -> SessionFactory:
    from storage.db import make_engine, make_session_factory

    return make_session_factory(make_engine(settings.database_url))


def run_export(settings: Settings, args: argparse.Namespace) -> None:
    """`partnerbot export --team T [--since DATE] [--partner NAME] PATH`."""
    from handlers.export import file_base, write_export
    from storage.clock import SystemClock
    from storage.export import ExportScope

    since = None
    if args.since is not None:
        try:
            since = date.fromisoformat(args.since)
        except ValueError:
            fail(f"--since: “{args.since}” is not a date; write it as 2026-08-01")
    sessions = _sessions(settings)
    partner = partner_named(sessions, args.team, args.partner) if args.partner else None
    tz = ZoneInfo(settings.partnerbot_timezone)
    today = SystemClock().now().astimezone(tz).date()
    folder = Path(args.path)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    scope = ExportScope(args.team, tz, today, since, partner[0] if partner else None)
    base = file_base(args.team, today, since=since, partner=partner[1] if partner else None)
    files = write_export(sessions, scope, folder, base)
    for name, count in files.exported.counts:
        print(f"  {name}: {count} rows")
    print(f"partnerbot: wrote {files.workbook}")
    print(f"partnerbot: wrote {files.csvs}")


def partner_named(sessions: SessionFactory, team_id: str, name: str) -> tuple[int, str]:
    """The id and name of the one partner `name` means in the workspace, or exit saying why."""
    from storage.engagements_requests import NoSinglePartner
    from storage.export_requests import partner_to_export

    found = partner_to_export(sessions, team_id, name)
    if isinstance(found, NoSinglePartner):
        if found.candidates:
            names = ", ".join(p.name for p in found.candidates)
            fail(f"--partner: “{name}” could be {names}; write more of the name")
        fail(f"--partner: no partner of {team_id} matches “{name}”")
    return found.id, found.name


def run_workspace_delete(settings: Settings, args: argparse.Namespace) -> None:
    """`partnerbot workspace delete TEAM_ID [--yes]`: show what goes, offer an export, ask."""
    from storage.erase import delete_workspace, workspace_rows

    team = args.team
    sessions = _sessions(settings)
    rows = workspace_rows(sessions, team)
    if not any(rows.values()):
        fail(f"nothing is stored for workspace {team}")
    print(f"partnerbot: workspace {team} holds:")
    for table, count in rows.items():
        if count:
            print(f"  {table}: {count}")
    print(f"  in all: {sum(rows.values())} rows; every other workspace's rows stay.")
    print(f"To keep a copy first: partnerbot export --team {team} ./{team}-export")
    if not args.yes:
        try:
            typed = input(f"Type {team} to delete all of it for good: ")
        except EOFError:
            typed = ""
        if typed.strip() != team:
            print("partnerbot: nothing deleted.")
            raise SystemExit(1)
    deleted = delete_workspace(sessions, team)
    print(f"partnerbot: deleted {sum(deleted.values())} rows of workspace {team}.")
