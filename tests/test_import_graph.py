"""No import circles between dedupe's modules, and what the index query imports.

The graph counts every ``import`` in a module, at the top or inside a
function: a lazy import back into a module that imports you is still a
circle (it only hides until both are used), and it is how the circles
between ``dedupe.cli`` and ``dedupe.scan.commands`` (over ``fail``) and
between ``dedupe.scan.cluster`` and ``dedupe.scan.verify`` (over
``Comparison``/``PART_RATIO``) lived until they were taken apart.
"""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

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


#: What the index query must not load: the CLI framework (typer, click, rich)
#: and the readers and word lists of other formats and stages; each costs
#: more to import than the query on a 100,000-document index takes.
HEAVY = ("typer", "click", "rich", "pdfminer", "wordfreq", "lxml")

#: Runs ``python -m dedupe`` as the command line does, then writes the
#: names of the modules it loaded to the file named in its first argument.
RUN_AND_LIST = """
import json, runpy, sys
out, sys.argv = sys.argv[1], ["dedupe", *sys.argv[2:]]
try:
    runpy.run_module("dedupe", run_name="__main__", alter_sys=True)
    code = 0
except SystemExit as stop:
    code = stop.code or 0
with open(out, "w") as fh:
    json.dump(sorted(sys.modules), fh)
sys.exit(code)
"""


def run_listing(tmp_path: Path, *args: str) -> tuple[subprocess.CompletedProcess, set[str]]:
    listing = tmp_path / "modules.json"
    done = subprocess.run(
        [sys.executable, "-c", RUN_AND_LIST, str(listing), *args],
        capture_output=True,
        text=True,
    )
    return done, set(json.loads(listing.read_text()))


def heavy_in(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in HEAVY)


@pytest.fixture
def small_index(tmp_path: Path) -> tuple[Path, Path]:
    """An index of two real texts, and a new copy of one of them (not indexed)."""
    docs = tmp_path / "docs"
    docs.mkdir()
    texts = PACKAGE.parent / "samples" / "texts"
    darwin = (texts / "darwin-1859.txt").read_text(encoding="utf-8")
    (docs / "darwin.txt").write_text(darwin, encoding="utf-8")
    shutil.copy(texts / "kant-1784.txt", docs / "kant.txt")
    new = tmp_path / "new-darwin.txt"
    new.write_text(darwin.replace("variation", "varlation"), encoding="utf-8")
    db = tmp_path / "index.db"
    added = subprocess.run(
        [sys.executable, "-m", "dedupe", "index", "add", str(db), str(docs), "-q"],
        capture_output=True,
        text=True,
    )
    assert added.returncode == 0, added.stderr
    return db, new


def test_the_index_query_loads_no_cli_framework_nor_other_readers(tmp_path, small_index):
    db, new = small_index
    done, modules = run_listing(
        tmp_path, "scan", "--query", str(new), "--index", str(db), "-f", "json"
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert [(Path(m["path"]).name, m["relation"]) for m in found["matches"]] == [
        ("darwin.txt", "version")
    ]
    assert heavy_in(modules) == []
    assert "dedupe.cli" not in modules and "dedupe.scan.commands" not in modules
    # the same answer as the typer command gives (an option the quick path
    # leaves to typer: ``--strict`` means nothing to a query)
    typed, typer_modules = run_listing(
        tmp_path, "scan", "--query", str(new), "--index", str(db), "-f", "json", "--strict"
    )
    assert "typer" in typer_modules
    assert typed.returncode == 0 and typed.stdout == done.stdout


def test_the_quick_query_fails_as_the_command_does(tmp_path, small_index):
    db, new = small_index
    done, modules = run_listing(
        tmp_path, "scan", "--query", str(tmp_path / "missing.txt"), "--index", str(db)
    )
    assert done.returncode == 2 and done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("dedupe: ") and "missing.txt" in lines[0]
    assert heavy_in(modules) == []
    # a value typer would refuse goes to typer, which says what is wrong
    done, modules = run_listing(
        tmp_path, "scan", "--query", str(new), "--index", str(db), "--threshold", "2"
    )
    assert done.returncode == 2 and "threshold" in done.stderr and "typer" in modules


def test_help_still_goes_through_typer(tmp_path):
    done, modules = run_listing(tmp_path, "--help")
    assert done.returncode == 0 and "scan" in done.stdout and "compare" in done.stdout
    assert "typer" in modules
