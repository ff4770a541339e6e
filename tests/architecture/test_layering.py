"""The dependency rule of docs/architecture.md, enforced over the whole repository by parsing
every import (top-level and inside functions) with ``ast``. Every room is imported as
``pantau.<room>`` (``pantau.data``, ...); ``pantau`` alone is the command's own room:

- ``text`` imports nothing of the project;
- ``data`` imports nothing of the project but itself and ``text``;
- ``demo`` imports ``data`` and ``text`` only;
- ``collectors`` and ``dashboard`` import ``data`` and never each other (nor ``pantau``);
- only ``data`` touches the database: nothing else imports ``sqlalchemy``, ``alembic``,
  ``psycopg`` or ``pantau.data.schema`` — except ``collectors/sql.py``, the SQL collector kind,
  which reads other people's databases (with ``sqlalchemy``, never Pantau's schema);
- only ``pantau`` imports both ``collectors`` and ``dashboard``;
- the modules of ``pantau/`` import each other without a circle.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("data", "collectors", "dashboard", "demo", "text", "pantau")
FORBIDDEN = {
    "text": {"data", "collectors", "dashboard", "demo", "pantau"},
    "data": {"collectors", "dashboard", "demo", "pantau"},
    "demo": {"collectors", "dashboard", "pantau"},
    "collectors": {"dashboard", "demo", "pantau"},
    "dashboard": {"collectors", "demo", "pantau"},
    "pantau": set(),
}
DATABASE = ("sqlalchemy", "alembic", "psycopg", "pantau.data.schema")
"""Modules (and their submodules) only ``data/`` may import."""
DATABASE_EXCEPTIONS = {"collectors/sql.py": {"sqlalchemy"}}
"""Files allowed some of ``DATABASE``: the SQL kind reads other people's databases."""


def room_of(module: str) -> str:
    """The room a dotted module name belongs to: ``pantau.data.store`` -> ``data``,
    ``pantau.cli`` -> ``pantau``, ``sqlalchemy.orm`` -> ``sqlalchemy``."""
    parts = module.split(".")
    if parts[0] == "pantau" and len(parts) > 1 and parts[1] in PACKAGES:
        return parts[1]
    return parts[0]


def modules_of(path: Path, root: Path) -> set[str]:
    """Every dotted module ``path`` imports, top-level or inside functions. Relative imports
    are resolved against the file's room (``from . import x`` in ``data/`` is
    ``pantau.data.x``); ``from pkg import name`` counts both ``pkg`` and ``pkg.name``, since
    ``name`` may be a module."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[0] != "pantau":
        parts.insert(0, "pantau")  # rooms are installed under the pantau package
    package = parts[:-1]
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            if module != "pantau":  # the bare package is only the path to its rooms
                out.add(module)
            out |= {f"{module}.{alias.name}" for alias in node.names}
    return out


def imports_of(path: Path, root: Path) -> set[str]:
    """The rooms (or outside top-level packages) of every module ``path`` imports."""
    return {room_of(m) for m in modules_of(path, root)}


def _touches(module: str, names) -> str | None:
    return next((n for n in names if module == n or module.startswith(n + ".")), None)


def violations(root: Path) -> list[str]:
    """Every import that breaks the rule, as ``file: imports X``."""
    found = []
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            if ".venv" in path.parts:
                continue
            modules = modules_of(path, root)
            names = {room_of(m) for m in modules}
            rel = path.relative_to(root)
            for bad in sorted(names & FORBIDDEN[package]):
                found.append(f"{rel}: imports {bad}")
            if package != "pantau" and {"collectors", "dashboard"} <= names:
                found.append(f"{rel}: imports both collectors and dashboard")
            if package != "data":
                allowed = DATABASE_EXCEPTIONS.get(rel.as_posix(), set())
                touched = {_touches(m, DATABASE) for m in modules} - {None} - allowed
                found += [f"{rel}: imports {bad} (only data/ touches the database)"
                          for bad in sorted(touched)]
    return found


def import_graph(folder: Path, package: str = "pantau") -> dict[str, set[str]]:
    """``{module: modules of the same folder it imports}`` over ``folder/*.py``."""
    own = {p.stem: f"{package}.{p.stem}" for p in folder.glob("*.py")}
    graph = {}
    for stem, name in own.items():
        modules = modules_of(folder / f"{stem}.py", folder.parent)
        graph[name] = {m for m in modules if m in own.values() and m != name}
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every import circle of ``graph`` (one per strongly connected part with more than one
    module), each sorted, by Tarjan's algorithm."""
    index, low, stack, on, out = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            part = []
            while True:
                w = stack.pop()
                on.discard(w)
                part.append(w)
                if w == v:
                    break
            if len(part) > 1:
                out.append(sorted(part))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(out)


def test_repository_follows_the_dependency_rule():
    assert all((ROOT / p).is_dir() for p in PACKAGES)
    checked = sum(1 for p in PACKAGES for _ in (ROOT / p).rglob("*.py"))
    assert checked > 30
    assert violations(ROOT) == []


def test_the_check_finds_violations(tmp_path):
    for package in PACKAGES:
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text("")
    (tmp_path / "data" / "bad.py").write_text("def f():\n    from pantau.collectors import runner\n")
    (tmp_path / "data" / "db.py").write_text("import sqlalchemy\nfrom .schema import runs\n")
    (tmp_path / "dashboard" / "pages.py").write_text("import sqlalchemy as sa\n")
    (tmp_path / "dashboard" / "rel.py").write_text("from ..collectors import rss\n")
    (tmp_path / "collectors" / "ok.py").write_text(
        "from pantau.data.batch import Batch\nfrom . import x\n")
    (tmp_path / "collectors" / "sql.py").write_text("from sqlalchemy import create_engine\n")
    (tmp_path / "pantau" / "both.py").write_text(
        "import pantau.collectors\nfrom pantau import dashboard\n")
    (tmp_path / "text" / "bad.py").write_text("from pantau import data\n")
    assert violations(tmp_path) == [
        "data/bad.py: imports collectors",
        "dashboard/pages.py: imports sqlalchemy (only data/ touches the database)",
        "dashboard/rel.py: imports collectors",
        "text/bad.py: imports data",
    ]


def test_a_collector_that_touches_the_database_fails_the_rule(tmp_path):
    """The rule bites where it matters: a collector that queries or locks the database itself
    (sqlalchemy, Pantau's schema, even imported inside a function) is named."""
    for package in PACKAGES:
        (tmp_path / package).mkdir()
    (tmp_path / "collectors" / "runner.py").write_text(
        "from sqlalchemy import select\n\n\ndef f():\n    from pantau.data.schema import runs\n")
    (tmp_path / "collectors" / "locks.py").write_text("from pantau.data import schema\n")
    (tmp_path / "collectors" / "rel.py").write_text("from ..data.schema import runs\n")
    (tmp_path / "pantau" / "cli.py").write_text("def f():\n    import sqlalchemy.exc\n")
    (tmp_path / "collectors" / "sql.py").write_text(
        "import sqlalchemy\nfrom pantau.data.schema import series\n")
    assert violations(tmp_path) == [
        "collectors/locks.py: imports pantau.data.schema (only data/ touches the database)",
        "collectors/rel.py: imports pantau.data.schema (only data/ touches the database)",
        "collectors/runner.py: imports pantau.data.schema (only data/ touches the database)",
        "collectors/runner.py: imports sqlalchemy (only data/ touches the database)",
        "collectors/sql.py: imports pantau.data.schema (only data/ touches the database)",
        "pantau/cli.py: imports sqlalchemy (only data/ touches the database)",
    ]


def test_pantau_has_no_import_circle():
    graph = import_graph(ROOT / "pantau")
    assert {"pantau.cli", "pantau.commands", "pantau.processes"} <= set(graph)
    assert "pantau.commands" in graph["pantau.cli"]  # the graph sees real edges
    assert circles(graph) == []


def test_the_circle_check_finds_circles(tmp_path):
    folder = tmp_path / "pantau"
    folder.mkdir()
    (folder / "cli.py").write_text("def main():\n    from pantau import commands\n")
    (folder / "commands.py").write_text("from pantau.errors import X\n"
                                        "def f():\n    from pantau.worker import run\n")
    (folder / "worker.py").write_text("from pantau.cli import EXIT_OK\n")
    (folder / "errors.py").write_text("X = 1\n")
    (folder / "lone.py").write_text("from . import lone2\n")
    (folder / "lone2.py").write_text("from .lone import y\n")
    assert circles(import_graph(folder)) == [
        ["pantau.cli", "pantau.commands", "pantau.worker"],
        ["pantau.lone", "pantau.lone2"],
    ]
