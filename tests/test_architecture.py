"""The rules of docs/ARCHITECTURE.md that a machine can check: no import cycle (imports inside
functions count), no module over 600 lines, no function over 80 lines except data tables."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "mailpath"
MAX_MODULE_LINES = 600
MAX_FUNCTION_LINES = 80

#: Modules allowed over the limit (none: the list only shrinks, and it is empty).
OVERSIZE_MODULES: set[str] = set()
#: Functions over the limit that are not data tables (none; the list only shrinks).
OVERSIZE_FUNCTIONS: set[str] = set()
#: Import circles still open (none; the list only shrinks), as sorted module names.
KNOWN_CIRCLES: set[tuple[str, ...]] = set()


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _imported(name: str, path: Path, modules: dict[str, Path]) -> Iterator[str]:
    """Every mailpath module `name` imports, anywhere (in functions, under TYPE_CHECKING)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, *([node.module] if node.module else [])])
            targets = [base, *(f"{base}.{alias.name}" for alias in node.names)]
        for target in targets:
            while target and target not in modules:
                target = target.rpartition(".")[0]
            # A package is a node too: importing a submodule runs its __init__ first.
            if target and target != name:
                yield target


def import_graph() -> nx.DiGraph[str]:
    modules = _modules()
    graph: nx.DiGraph[str] = nx.DiGraph()
    for name, path in modules.items():
        graph.add_node(name)
        graph.add_edges_from((name, target) for target in _imported(name, path, modules))
    return graph


def test_no_import_circle() -> None:
    circles = {
        tuple(sorted(component))
        for component in nx.strongly_connected_components(import_graph())
        if len(component) > 1
    }
    assert circles <= KNOWN_CIRCLES, sorted(circles - KNOWN_CIRCLES)
    assert not KNOWN_CIRCLES - circles, "a circle is gone: remove it from KNOWN_CIRCLES"


def test_no_module_over_600_lines() -> None:
    sizes = {
        name: len(path.read_text(encoding="utf-8").splitlines())
        for name, path in _modules().items()
    }
    over = {name for name, size in sizes.items() if size > MAX_MODULE_LINES}
    assert over <= OVERSIZE_MODULES, {name: sizes[name] for name in over - OVERSIZE_MODULES}
    assert not OVERSIZE_MODULES - over, "a module is small now: remove it from OVERSIZE_MODULES"


def _is_data_table(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """A function whose body returns (or assigns and returns) one literal: a table as code."""
    body = [
        n for n in node.body if not (isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant))
    ]
    literal = (ast.Dict, ast.List, ast.Tuple, ast.Set)
    return len(body) <= 2 and any(isinstance(getattr(n, "value", None), literal) for n in body)


def test_no_function_over_80_lines() -> None:
    long: dict[str, int] = {}
    for name, path in _modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                size = (node.end_lineno or node.lineno) - node.lineno + 1
                if size > MAX_FUNCTION_LINES and not _is_data_table(node):
                    long[f"{name}.{node.name}"] = size
    assert set(long) <= OVERSIZE_FUNCTIONS, {
        k: v for k, v in long.items() if k not in OVERSIZE_FUNCTIONS
    }
    assert not OVERSIZE_FUNCTIONS - set(long), "a function is short now: remove it from the list"


def test_the_circle_check_finds_a_circle() -> None:
    """The check is not vacuous: an import inside a function is an edge like any other."""
    graph = import_graph()
    assert graph.has_edge("mailpath.cli", "mailpath.core.analysis")
    graph.add_edge("mailpath.core.names", "mailpath.cli")
    assert any(len(c) > 1 for c in nx.strongly_connected_components(graph))
