"""The shape of the house: packages under app/ import each other in one direction, and core below them all.

An AST walk over the sources, lazy imports inside functions included; no application is built."""

import ast
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "app"
PACKAGES = {p.name for p in APP.iterdir() if p.is_dir() and (p / "__init__.py").exists()}


def _imports(path: Path) -> list[tuple[str, int]]:
    """Every ``app.<name>...`` imported by the file, with its line."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.module, node.lineno))
            # `from app import meetings` imports the package app.meetings
            if node.module == "app":
                found += [(f"app.{alias.name}", node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level:
            raise AssertionError(f"{path}:{node.lineno}: use absolute imports (app.<package>...)")
    return [(name, line) for name, line in found if name == "app" or name.startswith("app.")]


def package_edges() -> dict[str, dict[str, list[str]]]:
    """package -> imported package -> where ("file:line")."""
    edges: dict[str, dict[str, list[str]]] = {p: {} for p in PACKAGES}
    for package in PACKAGES:
        for path in sorted((APP / package).rglob("*.py")):
            for name, line in _imports(path):
                parts = name.split(".")
                target = parts[1] if len(parts) > 1 else None
                if target in PACKAGES and target != package:
                    edges[package].setdefault(target, []).append(f"{path.relative_to(APP.parent)}:{line}")
    return edges


def cycles(edges: dict[str, dict[str, list[str]]]) -> list[list[str]]:
    """The strongly connected groups of more than one package (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in edges[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_the_walk_sees_the_packages_and_their_imports():
    edges = package_edges()
    assert {"core", "network", "obstacles", "meetings", "notifications"} <= PACKAGES
    assert {"core", "network"} <= set(edges["obstacles"])


def test_no_packages_import_each_other_in_a_cycle():
    edges = package_edges()
    knots = cycles(edges)
    where = {tuple(k): {a: {b: edges[a][b][:3] for b in edges[a] if b in k} for a in k} for k in knots}
    assert not knots, f"packages import each other in a cycle: {where}"


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b": []}, "b": {"c": []}, "c": {"a": []}, "d": {"a": []}}) == [["a", "b", "c"]]


def test_core_imports_no_module():
    """core is below every module: it reaches the modules only through what they register with it."""
    outside = []
    for path in sorted((APP / "core").rglob("*.py")):
        for name, line in _imports(path):
            if name not in ("app", "app.extensions") and not name.startswith(("app.core", "app.extensions.")):
                outside.append(f"{path.relative_to(APP.parent)}:{line} imports {name}")
    assert not outside, outside


def test_no_source_file_is_over_400_lines():
    """Small files a newcomer reads at once: code, templates and styles (the French catalogue is data)."""
    sources = [p for p in APP.rglob("*") if p.suffix in (".py", ".html", ".css", ".js") and "vendor" not in p.parts]
    sources += list((APP.parent / "templates").rglob("*.html"))
    lines = {str(p.relative_to(APP.parent)): len(p.read_text(encoding="utf-8").splitlines()) for p in sources}
    long = {path: n for path, n in lines.items() if n > 400}
    assert len(sources) > 100
    assert not long, long


def test_tests_import_helpers_from_factories_never_from_a_conftest():
    """pytest advises against importing conftest modules; every factory lives in tests/factories.py."""
    tests = APP.parent / "tests"
    found = []
    for path in sorted(tests.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            found += [f"{path.relative_to(tests)}:{node.lineno}" for n in names if n.split(".")[-1] == "conftest"]
    assert not found, found
    assert (tests / "factories.py").exists()
