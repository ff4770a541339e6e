"""The dependency rule of docs/architecture.md, enforced over the whole repository by parsing
every import (top-level and inside functions) with ``ast``. Every room is imported as
``pantau.<room>`` (``pantau.data``, ...); ``pantau`` alone is the command's own room:

- ``text`` imports nothing of the project;
- ``data`` imports nothing of the project but itself and ``text``;
- ``demo`` imports ``data`` and ``text`` only;
- ``collectors`` and ``dashboard`` import ``data`` and never each other (nor ``pantau``);
- ``dashboard`` never imports ``sqlalchemy`` (pages ask ``data.queries``);
- only ``pantau`` imports both ``collectors`` and ``dashboard``.
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
    "dashboard": {"collectors", "demo", "pantau", "sqlalchemy"},
    "pantau": set(),
}


def room_of(module: str) -> str:
    """The room a dotted module name belongs to: ``pantau.data.store`` -> ``data``,
    ``pantau.cli`` -> ``pantau``, ``sqlalchemy.orm`` -> ``sqlalchemy``."""
    parts = module.split(".")
    if parts[0] == "pantau" and len(parts) > 1 and parts[1] in PACKAGES:
        return parts[1]
    return parts[0]


def imports_of(path: Path, root: Path) -> set[str]:
    """Top-level names of every module ``path`` imports (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    parts = path.relative_to(root).with_suffix("").parts
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {room_of(alias.name) for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = parts[:-node.level] if path.name != "__init__.py" else \
                    parts[:len(parts) - node.level]
                out.add(base[0] if base else (node.module or "").split(".")[0])
            elif node.module == "pantau":
                out |= {room_of(f"pantau.{alias.name}") for alias in node.names}
            elif node.module:
                out.add(room_of(node.module))
    return out


def violations(root: Path) -> list[str]:
    """Every import that breaks the rule, as ``file: imports X``."""
    found = []
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            if ".venv" in path.parts:
                continue
            names = imports_of(path, root)
            rel = path.relative_to(root)
            for bad in sorted(names & FORBIDDEN[package]):
                found.append(f"{rel}: imports {bad}")
            if package != "pantau" and {"collectors", "dashboard"} <= names:
                found.append(f"{rel}: imports both collectors and dashboard")
    return found


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
    (tmp_path / "dashboard" / "pages.py").write_text("import sqlalchemy as sa\n")
    (tmp_path / "dashboard" / "rel.py").write_text("from ..collectors import rss\n")
    (tmp_path / "collectors" / "ok.py").write_text(
        "from pantau.data.batch import Batch\nfrom . import x\n")
    (tmp_path / "pantau" / "both.py").write_text(
        "import pantau.collectors\nfrom pantau import dashboard\n")
    (tmp_path / "text" / "bad.py").write_text("from pantau import data\n")
    assert violations(tmp_path) == [
        "data/bad.py: imports collectors",
        "dashboard/pages.py: imports sqlalchemy",
        "dashboard/rel.py: imports collectors",
        "text/bad.py: imports data",
    ]
