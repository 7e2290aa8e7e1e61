"""Import layering: a screener package imports only packages below it, and no modules import each other in a loop.

The layers, bottom first, are the stages in pipeline order (docs/architecture.md). Every import counts, also one
made inside a function: a lazy import hides a dependency, it does not remove it. A new package or top-level module
must be given its place in ``LAYERS``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1] / "screener"

# Bottom first. A package may import itself and any package of a lower layer; modules within one layer (the base)
# may import each other as long as they form no cycle. ``screener`` itself (the root face) is the top.
LAYERS: tuple[frozenset[str], ...] = (
    frozenset({"version", "errors", "schema", "contracts", "keys", "data", "store", "artefacts", "atomic"}),
    frozenset({"normalize"}),
    frozenset({"quality"}),
    frozenset({"io"}),
    frozenset({"lists"}),
    frozenset({"match"}),
    frozenset({"indicators"}),
    frozenset({"risk"}),
    frozenset({"report"}),
    frozenset({"review"}),
    frozenset({"pipeline"}),
    frozenset({"batch", "workflows"}),
    frozenset({"commands"}),
    frozenset({"cli"}),
)
TOP = "screener"

# Modules allowed to import screener modules inside a function, each with the measured reason. Anywhere else an
# import goes at the top of the module, where a reader sees what the module depends on.
LAZY_IMPORTS_ALLOWED = {
    "screener.commands.": "CLI start-up: `import screener.cli` 0.7-0.9 s, 1.7-2.4 s with every command's imports "
    "at the top (numpy, scipy, rapidfuzz, openpyxl; 2 shared cores, load average 10)",
    "screener.report.writer": "CLI start-up: the format writers pull in the matcher (see _report_modules)",
}


def module_name(path: Path, root: Path) -> str:
    parts = [root.name, *path.relative_to(root).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, root: Path, modules: set[str]) -> set[str]:
    """The screener modules ``path`` imports anywhere in its body (``from pkg import submodule`` counts as the
    submodule; importing a name from a package counts as the package's face)."""
    package = root.name
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == package)
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == package:
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                found.add(sub if sub in modules else node.module)
    return found


def function_level_imports(path: Path, root: Path) -> list[str]:
    """``module line: statement`` for every import of a screener module made inside a function."""
    package = root.name
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for inner in ast.walk(node):
                if (
                    isinstance(inner, ast.ImportFrom)
                    and inner.module
                    and inner.module.split(".")[0] == package
                    or isinstance(inner, ast.Import)
                    and any(a.name.split(".")[0] == package for a in inner.names)
                ):
                    found.append(f"{module_name(path, root)} {inner.lineno}: {ast.unparse(inner)}")
    return found


def lazy_imports_not_allowed(root: Path = ROOT) -> list[str]:
    return [
        found
        for path in sorted(root.rglob("*.py"))
        for found in function_level_imports(path, root)
        if not any(found.split(" ")[0].startswith(prefix) for prefix in LAZY_IMPORTS_ALLOWED)
    ]


def import_graph(root: Path = ROOT) -> dict[str, set[str]]:
    files = {module_name(p, root): p for p in sorted(root.rglob("*.py"))}
    return {name: imports_of(path, root, set(files)) - {name} for name, path in files.items()}


def layer_of(module: str) -> int:
    parts = module.split(".")
    if len(parts) == 1:
        return len(LAYERS)  # the root face
    for number, layer in enumerate(LAYERS):
        if parts[1] in layer:
            return number
    raise KeyError(f"{module}: not in any layer of tests/test_layering.py LAYERS; give it its place there")


def upward_imports(graph: dict[str, set[str]]) -> list[str]:
    """Imports of a package from a higher layer, or from another package of the same layer (except the base)."""
    problems = []
    for source, targets in sorted(graph.items()):
        for target in sorted(targets):
            s, t = source.split("."), target.split(".")
            same_package = len(s) > 1 and len(t) > 1 and s[1] == t[1]
            if same_package or len(t) == 1 and target == source:
                continue
            low, high = layer_of(target), layer_of(source)
            if low > high or (low == high and low != 0):
                problems.append(f"{source} imports {target}")
    return problems


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def test_every_module_has_a_layer():
    for module in import_graph():
        layer_of(module)


def test_no_package_imports_a_package_above_it():
    assert upward_imports(import_graph()) == []


def test_no_modules_import_each_other_in_a_loop():
    assert cycles(import_graph()) == []


def test_screener_modules_are_imported_at_the_top_outside_the_allow_list():
    assert lazy_imports_not_allowed() == []


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "screener"
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_the_checks_see_an_upward_import_made_inside_a_function(tmp_path):
    root = _tree(
        tmp_path,
        {
            "__init__.py": "",
            "schema.py": "",
            "match/__init__.py": "from screener import schema\n",
            "risk/__init__.py": "",
            "risk/training.py": "def train():\n    from screener.pipeline import screen\n",
            "pipeline.py": "from screener.risk import training\n",
        },
    )
    graph = import_graph(root)
    assert graph["screener.match"] == {"screener.schema"}
    assert upward_imports(graph) == ["screener.risk.training imports screener.pipeline"]
    assert cycles(graph) == [["screener.pipeline", "screener.risk.training"]]


def test_the_checks_see_a_loop_inside_a_package(tmp_path):
    root = _tree(
        tmp_path,
        {
            "__init__.py": "",
            "indicators/__init__.py": "",
            "indicators/engine.py": "from screener.indicators import rules_audit\n",
            "indicators/rules_audit.py": "def f():\n    from screener.indicators.engine import hits\n",
        },
    )
    graph = import_graph(root)
    assert upward_imports(graph) == []
    assert cycles(graph) == [["screener.indicators.engine", "screener.indicators.rules_audit"]]


def test_a_package_without_a_layer_is_named():
    with pytest.raises(KeyError, match="screener.workflow_x: not in any layer"):
        layer_of("screener.workflow_x")


def test_rule_kinds_are_reached_only_through_their_registry():
    """A rule kind registers itself (screener.indicators.kinds); no module names one, so adding a kind touches no
    other module and the engine imports none of them (the loop engine -> rules_* -> engine is gone for good)."""
    graph = import_graph()
    kinds = {name for name in graph if name.split(".")[-1].startswith("rules_")}
    assert len(kinds) >= 9
    importers = sorted(
        f"{source} imports {target}" for source, targets in graph.items() for target in targets & kinds
    )
    assert importers == []
    assert all("screener.indicators.kinds" in graph[kind] for kind in kinds)


def test_a_function_level_import_outside_the_allow_list_is_named(tmp_path):
    root = _tree(
        tmp_path,
        {
            "__init__.py": "",
            "schema.py": "",
            "match/engine.py": "import os\n\n\ndef build():\n    from screener.schema import NAME\n    import os.path\n",
            "commands/screen.py": "def screen():\n    from screener import schema\n",
        },
    )
    assert lazy_imports_not_allowed(root) == ["screener.match.engine 5: from screener.schema import NAME"]
