"""Handlers open no database sessions: a listener parses, calls one storage operation (which
opens the one transaction the request needs and returns plain values), renders, then makes its
Slack calls. Scheduled jobs and the time-zone cache are the exceptions, named below."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HANDLERS = ROOT / "handlers"

NOT_LISTENERS = {
    # Scheduled jobs a feature declares: functions of the session factory, run by the scheduler.
    "handlers/celebrations/nudges.py",
    "handlers/celebrations/prompts.py",
    "handlers/engagements/debriefs.py",
    "handlers/common/posting.py",
    # A person's time zone, read once from Slack and remembered (bookkeeping, not their work).
    "handlers/common/people.py",
}


def _opens_a_session(node: ast.AST) -> bool:
    """`….sessions()`, `….sessions.begin()`, `sessions()` or `sessions.begin()`."""
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    if isinstance(func, ast.Attribute) and func.attr == "begin":
        func = func.value
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return name in ("sessions", "_sessions")


def opening_sessions() -> dict[str, int]:
    """Each handlers module that opens sessions: how many times."""
    found: dict[str, int] = {}
    for path in sorted(HANDLERS.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        count = sum(_opens_a_session(node) for node in ast.walk(tree))
        if count:
            found[str(path.relative_to(ROOT))] = count
    return found


def test_listeners_open_no_sessions() -> None:
    unexpected = set(opening_sessions()) - NOT_LISTENERS
    assert not unexpected, (
        "these handlers open database sessions; call one storage operation instead: "
        + ", ".join(sorted(unexpected))
    )


def test_the_exceptions_are_still_needed() -> None:
    stale = NOT_LISTENERS - set(opening_sessions())
    assert not stale, "no longer opening sessions, take them off NOT_LISTENERS: " + ", ".join(
        sorted(stale)
    )


def test_the_check_sees_each_way_of_opening_a_session() -> None:
    code = "deps.sessions()\nwho.deps.sessions.begin()\nsessions()\nself._sessions.begin()\n"
    assert sum(_opens_a_session(n) for n in ast.walk(ast.parse(code))) == 4
    assert not any(_opens_a_session(n) for n in ast.walk(ast.parse("sessions\nx.begin()\n")))
