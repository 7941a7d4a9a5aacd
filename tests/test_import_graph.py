"""No import circles between dedupe's modules.

The graph counts every ``import`` in a module, at the top or inside a
function: a lazy import back into a module that imports you is still a
circle (it only hides until both are used), and it is how the circles
between ``dedupe.cli`` and ``dedupe.scan.commands`` (over ``fail``) and
between ``dedupe.scan.cluster`` and ``dedupe.scan.verify`` (over
``Comparison``/``PART_RATIO``) lived until they were taken apart.
"""

from __future__ import annotations

import ast
from pathlib import Path

import dedupe

PACKAGE = Path(dedupe.__file__).parent

#: Circles older than this test, in other stages' modules, each left to its
#: own change: a circle found must lie inside one of these groups.
KNOWN = (
    {"dedupe.normalise.endnotes", "dedupe.normalise.footnotes", "dedupe.normalise.noteruns"},
    {"dedupe.read", "dedupe.read.ocr", "dedupe.read.pdf"},
)


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """Each dedupe module and the dedupe modules it imports anywhere in it."""
    files = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    up = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*up, base] if base else up)
                targets.add(base)
                targets.update(f"{base}.{alias.name}" for alias in node.names)
        graph[name] = {t for t in targets if t in files and t != name}
    return graph


def circles(graph: dict[str, set[str]]) -> list[set[str]]:
    """The strongly connected groups of more than one module (Tarjan)."""
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[set[str]] = []

    def visit(v: str) -> None:
        order[v] = low[v] = len(order)
        stack.append(v)
        for w in sorted(graph[v]):
            if w not in order:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], order[w])
        if low[v] == order[v]:
            group = set()
            while not group or w != v:
                w = stack.pop()
                group.add(w)
            if len(group) > 1:
                found.append(group)

    for v in sorted(graph):
        if v not in order:
            visit(v)
    return found


def test_the_graph_sees_lazy_imports():
    graph = import_graph()
    # commands.py imports the shared messages inside its functions only
    assert "dedupe.cli_messages" in graph["dedupe.scan.commands"]
    assert "dedupe.scan.commands" in graph["dedupe.cli"]
    assert {"dedupe.scan.comparison"} <= graph["dedupe.scan.verify"] & graph["dedupe.scan.cluster"]


def test_a_circle_is_found():
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [{"a", "b", "c"}]


def test_no_new_import_circles():
    new = [group for group in circles(import_graph()) if not any(group <= k for k in KNOWN)]
    assert new == []


def test_cli_and_scan_are_out_of_every_circle():
    inside = set().union(*circles(import_graph()))
    for name in ("dedupe.cli", "dedupe.scan.commands", "dedupe.scan.cluster", "dedupe.scan.verify"):
        assert name not in inside
