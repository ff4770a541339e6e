"""The dependency rule of DESIGN.md section 2, enforced over the whole repository by parsing
every import (top-level and inside functions) with ``ast``:

- ``data`` imports nothing of the project but itself;
- ``collectors`` and ``dashboard`` import ``data`` and never each other (nor ``pantau``);
- ``dashboard`` never imports ``sqlalchemy`` (pages ask ``data.queries``);
- only ``pantau`` imports both ``collectors`` and ``dashboard``.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("data", "collectors", "dashboard", "pantau")
FORBIDDEN = {
    "data": {"collectors", "dashboard", "pantau"},
    "collectors": {"dashboard", "pantau"},
    "dashboard": {"collectors", "pantau", "sqlalchemy"},
    "pantau": set(),
}


def imports_of(path: Path, root: Path) -> set[str]:
    """Top-level names of every module ``path`` imports (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    parts = path.relative_to(root).with_suffix("").parts
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = parts[:-node.level] if path.name != "__init__.py" else \
                    parts[:len(parts) - node.level]
                out.add(base[0] if base else (node.module or "").split(".")[0])
            elif node.module:
                out.add(node.module.split(".")[0])
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
    (tmp_path / "data" / "bad.py").write_text("def f():\n    from collectors import runner\n")
    (tmp_path / "dashboard" / "pages.py").write_text("import sqlalchemy as sa\n")
    (tmp_path / "dashboard" / "rel.py").write_text("from ..collectors import rss\n")
    (tmp_path / "collectors" / "ok.py").write_text("from data.batch import Batch\nfrom . import x\n")
    (tmp_path / "pantau" / "both.py").write_text("import collectors\nimport dashboard\n")
    assert violations(tmp_path) == [
        "data/bad.py: imports collectors",
        "dashboard/pages.py: imports sqlalchemy",
        "dashboard/rel.py: imports collectors",
    ]
