"""A custom import-linter contract, `public_modules` (registered in pyproject.toml): every
package inside a container is reached from outside itself only through its public modules.

An allow-list: a module a feature grows is private to it unless it is named public, so a new
`handlers/partners/helpers.py` is reachable by no other feature without editing a contract."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from grimp import ImportGraph
from importlinter import Contract, ContractCheck, fields, output


@dataclass(frozen=True, order=True)
class Breach:
    """An import of a package's private module from outside the package."""

    importer: str
    imported: str
    line_numbers: tuple[int, ...]

    def __str__(self) -> str:
        lines = ", ".join(map(str, self.line_numbers))
        return f"{self.importer} -> {self.imported} (l.{lines})"


def private_imports(
    graph: ImportGraph,
    containers: Collection[str],
    public: Collection[str],
    shared: Collection[str] = (),
) -> list[Breach]:
    """Imports of a module inside a package of `containers` (e.g. `handlers.partners.grammar`)
    from outside that package, unless the module is the package itself or one of its `public`
    modules (`handlers.partners.sections`), or the package is `shared` (every module public)."""
    found = []
    for container in sorted(containers):
        for package in sorted(graph.find_children(container)):
            if package in shared or not graph.find_children(package):
                continue  # a shared package, or a plain module: nothing private in it
            allowed = {package} | {f"{package}.{name}" for name in public}
            inside = f"{package}."
            for imported in sorted(graph.find_descendants(package)):
                if imported in allowed:
                    continue
                for importer in graph.find_modules_that_directly_import(imported):
                    if importer == package or importer.startswith(inside):
                        continue
                    details = graph.get_import_details(importer=importer, imported=imported)
                    lines = tuple(sorted(d["line_number"] for d in details))
                    found.append(Breach(importer, imported, lines))
    return sorted(found)


class PublicModulesContract(Contract):
    """Options: `containers` (packages whose subpackages are checked), `public` (the names of
    the modules another package may import, besides the package's `__init__`) and `shared`
    (subpackages whose modules are all public)."""

    type_name = "public_modules"

    containers = fields.SetField(subfield=fields.StringField())
    public = fields.SetField(subfield=fields.StringField())
    shared = fields.SetField(subfield=fields.StringField(), required=False, default=set())

    def check(self, graph: ImportGraph, verbose: bool) -> ContractCheck:
        breaches = private_imports(
            graph,
            set(self.containers),  # type: ignore[call-overload]
            set(self.public),  # type: ignore[call-overload]
            set(self.shared),  # type: ignore[call-overload]
        )
        return ContractCheck(kept=not breaches, metadata={"breaches": breaches})

    def render_broken_contract(self, check: ContractCheck) -> None:
        output.print_error("Private modules imported from outside their package:", bold=False)
        output.new_line()
        for breach in check.metadata["breaches"]:
            output.print_error(f"- {breach}", bold=False)
            output.new_line()
