"""The code's shape: no function (method or nested function included) runs over 80 lines, from
its `def` to the end of its body, in bot/, handlers/, storage/ or scheduler/ (migrations
aside)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("bot", "handlers", "storage", "scheduler")
EXCLUDED = (ROOT / "storage" / "migrations",)
MAX_LINES = 80
ALLOWED: set[str] = set()
"""Functions allowed over the limit (none: a new entry needs a reason beside it)."""


def functions(tree: ast.Module, prefix: str = "") -> Iterator[tuple[str, int]]:
    """Every function under `tree`, by qualified name (`Class.method`, `outer.inner`), with its
    length in lines."""
    for node in ast.iter_child_nodes(tree):
        yield from _functions(node, prefix)


def _functions(node: ast.AST, prefix: str) -> Iterator[tuple[str, int]]:
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        name = f"{prefix}{node.name}"
        if not isinstance(node, ast.ClassDef):
            yield name, (node.end_lineno or node.lineno) - node.lineno + 1
        prefix = f"{name}."
    for child in ast.iter_child_nodes(node):
        yield from _functions(child, prefix)


def lengths() -> dict[str, int]:
    """`module:function` → lines, for every function in the checked packages."""
    found: dict[str, int] = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if any(path.is_relative_to(excluded) for excluded in EXCLUDED):
                continue
            module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
            for name, lines in functions(tree):
                found[f"{module}:{name}"] = max(lines, found.get(f"{module}:{name}", 0))
    return found


def test_the_checker_counts_from_def_to_the_end_of_the_body() -> None:
    tree = ast.parse(
        "class C:\n"
        "    def m(self):\n"
        "        def inner():\n"
        "            return 1\n"
        "\n"
        "        return inner()\n"
        "async def f():\n"
        "    pass\n"
    )
    assert dict(functions(tree)) == {"C.m": 5, "C.m.inner": 2, "f": 2}


def test_no_function_is_over_80_lines() -> None:
    found = lengths()
    assert found, "no functions found: is ROOT right?"
    long = sorted(
        f"{name} ({lines} lines)"
        for name, lines in found.items()
        if lines > MAX_LINES and name not in ALLOWED
    )
    assert not long, f"functions over {MAX_LINES} lines — split them: " + ", ".join(long)


def test_every_allowed_exception_is_still_long() -> None:
    found = lengths()
    stale = sorted(name for name in ALLOWED if found.get(name, 0) <= MAX_LINES)
    assert not stale, "no longer over the limit — remove from ALLOWED: " + ", ".join(stale)
