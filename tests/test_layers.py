"""The layers of docs/architecture.md hold: who may import whom, and no import cycles.

Every import of a sportkg module counts, also one inside a function; imports under
`if TYPE_CHECKING:` (type hints) are left out of the layers, but not of the cycles: a reader
meets a circle of type-only imports as surely as one of imports that run.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SKIP = ("tests", "benchmarks", "training", "examples", "build", "out", ".venv")


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(("sportkg", *parts))


def _resolve(name: str, modules: set[str]) -> str | None:
    """The project module `name` is (a module, or the package of a name in it)."""
    while name:
        if name in modules:
            return name
        name = name.rpartition(".")[0]
    return None


def _absolute(node: ast.ImportFrom, package: str) -> str:
    """The absolute module a `from` import names, relative ones resolved from `package`."""
    if not node.level:
        return node.module or ""
    base = package.split(".")[: len(package.split(".")) - node.level + 1]
    return ".".join([*base, node.module] if node.module else base)


def _imports(tree: ast.Module, modules: set[str], package: str, *,
             type_hints: bool = False) -> set[str]:
    """The project modules a module imports; with `type_hints`, those under TYPE_CHECKING too."""
    found: set[str] = set()
    todo: list[ast.AST] = list(tree.body)
    while todo:
        node = todo.pop()
        if (isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
                and not type_hints):
            todo.extend(node.orelse)
            continue
        names: list[str] = []
        if isinstance(node, ast.ImportFrom) and _absolute(node, package).startswith("sportkg"):
            names = [f"{_absolute(node, package)}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names if alias.name.startswith("sportkg")]
        found.update(m for m in (_resolve(n, modules) for n in names) if m)
        todo.extend(ast.iter_child_nodes(node))
    return found


def _graph(*, type_hints: bool = False) -> dict[str, set[str]]:
    paths = [p for p in ROOT.rglob("*.py") if p.relative_to(ROOT).parts[0] not in SKIP]
    modules = {_module(p) for p in paths}
    return {_module(p): _imports(ast.parse(p.read_text(encoding="utf-8")), modules, _package(p),
                                 type_hints=type_hints)
            - {_module(p)} for p in paths}


def _package(path: Path) -> str:
    """The package a file's relative imports start from."""
    return ".".join(("sportkg", *path.relative_to(ROOT).parent.parts))


def _absolute_imports(path: Path) -> list[int]:
    """Lines where a package module imports `sportkg` by its absolute name."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [node.lineno for node in ast.walk(tree)
            if (isinstance(node, ast.ImportFrom) and not node.level
                and (node.module or "").split(".")[0] == "sportkg")
            or (isinstance(node, ast.Import)
                and any(a.name.split(".")[0] == "sportkg" for a in node.names))]


GRAPH = _graph()


def _area(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in _PACKAGES) else "base"


_PACKAGES = {"extract", "graph", "kb", "explore", "queries", "ontology", "commands"}

FORBIDDEN = {
    "extract": {"graph", "explore", "commands", "sportkg.kb.store"},
    "graph": {"extract", "queries", "kb", "explore", "commands"},
    "queries": {"extract", "kb", "explore", "commands"},
    "kb": {"extract", "graph", "queries", "explore", "commands"},  # but kb.store, below
    "explore": {"extract", "kb", "commands"},
    "ontology": {"extract", "graph", "queries", "kb", "explore", "commands"},
}
"""Area -> areas (or modules) its modules never import."""

KNOWN: set[tuple[str, str]] = set()
"""Imports that break a rule today (none: the named queries are run by `queries.run_query`,
which is handed a KnowledgeGraph)."""

KNOWN_CYCLES: set[tuple[str, ...]] = set()
"""Cycles still there (none: the introducing words live with the mention recogniser, the
families' names with the pattern engine that checks them)."""


@pytest.mark.parametrize("area", sorted(FORBIDDEN))
def test_an_area_imports_only_the_layers_below_it(area: str) -> None:
    broken = []
    for module, imported in sorted(GRAPH.items()):
        if _area(module) != area or module == "sportkg.kb.store":
            continue
        for other in sorted(imported):
            if (module, other) in KNOWN:
                continue
            if _area(other) in FORBIDDEN[area] or other in FORBIDDEN[area]:
                broken.append(f"{module} -> {other}")
    assert not broken


def test_the_kb_store_is_imported_only_by_the_commands() -> None:
    users = sorted(m for m, imported in GRAPH.items() if "sportkg.kb.store" in imported)
    assert all(m.startswith("sportkg.commands.") for m in users), users


def _cycles(graph: dict[str, set[str]]) -> list[str]:
    """The import cycles of `graph` (less the known ones), each as "a -> b -> a"."""
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for other in sorted(graph.get(module, ())):
            if state.get(other) == 1:
                cycles.append([*path[path.index(other):], other])
            elif other not in state:
                visit(other, [*path, other])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    return [" -> ".join(c) for c in cycles if tuple(sorted(set(c))) not in KNOWN_CYCLES]


def test_no_import_cycles() -> None:
    """No module reaches itself through the imports of the modules it imports."""
    assert not _cycles(GRAPH)


def test_no_import_cycles_through_type_hints() -> None:
    """Nor through imports for type hints: a module below the knowledge graph that reads one
    types it by a protocol beside it (`graph.stores.StoredGraph`), not by `KnowledgeGraph`."""
    assert not _cycles(_graph(type_hints=True))


def test_package_modules_import_each_other_relatively() -> None:
    """Decision 20: the tree alone says who imports whom, on a checkout of any name."""
    paths = [p for p in ROOT.rglob("*.py") if p.relative_to(ROOT).parts[0] not in SKIP
             and p != ROOT / "__init__.py"]  # the package's face: see its docstring
    absolute = {str(p.relative_to(ROOT)): lines for p in paths if (lines := _absolute_imports(p))}
    assert absolute == {}
    assert not any(isinstance(node, ast.ImportFrom) and node.level
                   for node in ast.walk(ast.parse((ROOT / "__init__.py").read_text())))
