"""The `public_modules` import contract bites: a new private module reached from another
feature is named, whatever the module is called."""

from __future__ import annotations

from grimp import ImportGraph

from tests.support.contracts import Breach, private_imports


def graph(*imports: tuple[str, str]) -> ImportGraph:
    """A graph of handlers-like packages, with `imports` added (each at line 1)."""
    g = ImportGraph()
    for module in (
        "handlers",
        "handlers.deps",
        "handlers.common",
        "handlers.common.blocks",
        "handlers.partners",
        "handlers.partners.sections",
        "handlers.partners.command",
        "handlers.people",
        "handlers.people.sections",
        "handlers.people.buttons",
        "scheduler",
        "scheduler.jobs",
    ):
        g.add_module(module)
    for importer, imported in imports:
        g.add_import(importer=importer, imported=imported, line_number=1, line_contents="import")
    return g


def check(g: ImportGraph) -> list[Breach]:
    return private_imports(g, {"handlers"}, {"sections"}, {"handlers.common"})


def test_public_modules_shared_packages_and_the_package_itself_may_be_imported() -> None:
    g = graph(
        ("handlers", "handlers.partners"),
        ("handlers.people.buttons", "handlers.partners.sections"),
        ("handlers.people.buttons", "handlers.common.blocks"),
        ("handlers.partners.command", "handlers.partners.sections"),
        ("handlers.partners", "handlers.partners.command"),
        ("scheduler.jobs", "handlers.deps"),  # a module, not a package: another contract's
    )
    assert check(g) == []


def test_a_new_module_is_private_by_default() -> None:
    g = graph(
        ("handlers.partners.sections", "handlers.partners.helpers"),
        ("handlers.people.buttons", "handlers.partners.helpers"),
        ("scheduler.jobs", "handlers.people.buttons"),
    )
    assert [str(b) for b in check(g)] == [
        "handlers.people.buttons -> handlers.partners.helpers (l.1)",
        "scheduler.jobs -> handlers.people.buttons (l.1)",
    ]


def test_a_private_module_of_a_subpackage_is_private_too() -> None:
    g = graph(("handlers.people.sections", "handlers.partners.cards.render"))
    assert check(g) == [Breach("handlers.people.sections", "handlers.partners.cards.render", (1,))]
